-- Version 6: cash on delivery and pickup, invoices and credit notes.
--
-- `orders` is rebuilt (SQLite cannot change a CHECK constraint in place) to
-- take the status `ready_for_pickup`, with the columns the lifecycle and
-- the invoice need: the buyer's name (`billing_name`) and the tax rate, when
-- a pickup order was made ready, and the invoice and credit note numbers.
-- A pickup order needs no address: its `ship_*` columns are then empty.

CREATE TABLE orders_v6 (
    id                 INTEGER PRIMARY KEY,
    user_id            INTEGER NOT NULL REFERENCES users(id),
    status             TEXT NOT NULL CHECK (status IN
                       ('pending_payment', 'paid', 'shipped', 'ready_for_pickup', 'delivered',
                        'cancelled', 'refunded')),
    currency           TEXT NOT NULL,
    prices_include_tax INTEGER NOT NULL CHECK (prices_include_tax IN (0, 1)),
    -- The shop's tax rate when the order was placed, for the invoice; NULL
    -- for orders placed before it was kept.
    tax_rate_bp        INTEGER CHECK (tax_rate_bp >= 0),
    subtotal_cents     INTEGER NOT NULL CHECK (subtotal_cents >= 0),
    discount_cents     INTEGER NOT NULL CHECK (discount_cents >= 0),
    shipping_cents     INTEGER NOT NULL CHECK (shipping_cents >= 0),
    tax_cents          INTEGER NOT NULL CHECK (tax_cents >= 0),
    total_cents        INTEGER NOT NULL CHECK (total_cents >= 0),
    coupon_id          INTEGER REFERENCES coupons(id) ON DELETE SET NULL,
    coupon_code        TEXT,
    payment_method     TEXT NOT NULL CHECK (payment_method IN ('bank_transfer', 'cash_on_delivery')),
    shipping_method    TEXT NOT NULL CHECK (shipping_method IN ('standard', 'pickup')),
    billing_name       TEXT NOT NULL,
    ship_name          TEXT NOT NULL,
    ship_line1         TEXT NOT NULL,
    ship_line2         TEXT,
    ship_city          TEXT NOT NULL,
    ship_postal_code   TEXT NOT NULL,
    ship_country       TEXT NOT NULL,
    payment_reference  TEXT,
    carrier            TEXT,
    tracking_number    TEXT,
    refund_note        TEXT,
    -- '2026-000001': the next of its year (in the shop's time zone) when paid.
    invoice_number     TEXT UNIQUE,
    -- 'R2026-000001': when a paid order's money goes back.
    credit_note_number TEXT UNIQUE,
    created_at         TEXT NOT NULL,
    paid_at            TEXT,
    shipped_at         TEXT,
    ready_at           TEXT,
    delivered_at       TEXT,
    cancelled_at       TEXT,
    refunded_at        TEXT
);

INSERT INTO orders_v6 (id, user_id, status, currency, prices_include_tax, subtotal_cents,
    discount_cents, shipping_cents, tax_cents, total_cents, coupon_id, coupon_code, payment_method,
    shipping_method, billing_name, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code,
    ship_country, payment_reference, carrier, tracking_number, refund_note, created_at, paid_at,
    shipped_at, delivered_at, cancelled_at, refunded_at)
SELECT id, user_id, status, currency, prices_include_tax, subtotal_cents, discount_cents,
    shipping_cents, tax_cents, total_cents, coupon_id, coupon_code, payment_method, shipping_method,
    ship_name, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country,
    payment_reference, carrier, tracking_number, refund_note, created_at, paid_at, shipped_at,
    delivered_at, cancelled_at, refunded_at
FROM orders;

DROP TABLE orders;
ALTER TABLE orders_v6 RENAME TO orders;
CREATE INDEX orders_by_user ON orders(user_id, id);
CREATE INDEX orders_by_status ON orders(status, created_at);

-- The last number given in each series and year. The row is updated in
-- the transaction that pays (or refunds) the order, and every write goes
-- through the one writer: numbers come without gaps or repeats.
CREATE TABLE invoice_counters (
    series TEXT NOT NULL CHECK (series IN ('invoice', 'credit_note')),
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL CHECK (last >= 1),
    PRIMARY KEY (series, year)
) WITHOUT ROWID;
