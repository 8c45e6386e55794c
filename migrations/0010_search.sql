-- Version 10: search that forgives. The words of the full-text index, with
-- how many products have each, are what misspelt words are corrected to.
CREATE VIRTUAL TABLE products_vocab USING fts5vocab(products_fts, 'row');

-- A new description changes which words a search finds, so it changes the
-- catalog's version too (the server caches searches and the vocabulary by it).
DROP TRIGGER catalog_version_update;
CREATE TRIGGER catalog_version_update AFTER UPDATE ON products
WHEN old.name IS NOT new.name OR old.description IS NOT new.description
  OR old.price_cents != new.price_cents
  OR old.category_id IS NOT new.category_id OR old.active != new.active
  OR (old.stock > 0) != (new.stock > 0)
BEGIN
    UPDATE catalog_version SET version = version + 1;
END;
