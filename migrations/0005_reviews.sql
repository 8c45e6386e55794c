-- Version 5: a product's reviews are read newest first, visible ones only
-- for shoppers (the product page, the review list). With this index that
-- read is a walk down the index that stops after a page, however many
-- reviews the product has; UNIQUE (product_id, user_id) alone would make
-- SQLite collect and sort all of them on every product page.
CREATE INDEX reviews_by_product ON reviews(product_id, hidden, id);
