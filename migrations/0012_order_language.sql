-- Version 12: the language an order was placed in. The mails that follow
-- it (shipped, ready, cancelled, refunded) are often sent by staff from the
-- back office, long after checkout; they speak the customer's language,
-- not the shop's. NULL for older orders: the shop's language.
ALTER TABLE orders ADD COLUMN language TEXT CHECK (language IN ('en', 'es'));
