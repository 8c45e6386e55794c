-- Version 8: guests check out with an e-mail address and no account.
--
-- `orders` is rebuilt (SQLite cannot drop NOT NULL in place) so that
-- `user_id` may be NULL: a guest's order until the guest makes an account.
-- New columns:
--   email            where the order's mails go: the guest's address, or the
--                    user's at checkout (copied, as the address is). NULL
--                    only for an order of an account (the account's applies).
--   guest_token_hash the SHA-256 of the random token of the order's private
--                    link; the token itself is only ever in the link.
--   guest_session_id the browser session that placed a guest's order: an
--                    account made from the link takes that session's orders.
--   client_ip        the address a guest's order came from, for the cap on
--                    guests' unpaid orders per client address.
-- Every column, CHECK and index of version 7 is kept.

CREATE TABLE orders_v8 (
    id                 INTEGER PRIMARY KEY,
    user_id            INTEGER REFERENCES users(id),
    email              TEXT COLLATE NOCASE,
    guest_token_hash   TEXT UNIQUE,
    guest_session_id   INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    client_ip          TEXT,
    status             TEXT NOT NULL CHECK (status IN
                       ('pending_payment', 'paid', 'shipped', 'ready_for_pickup', 'delivered',
                        'cancelled', 'refunded')),
    currency           TEXT NOT NULL,
    prices_include_tax INTEGER NOT NULL CHECK (prices_include_tax IN (0, 1)),
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
    invoice_number     TEXT UNIQUE,
    credit_note_number TEXT UNIQUE,
    created_at         TEXT NOT NULL,
    paid_at            TEXT,
    shipped_at         TEXT,
    ready_at           TEXT,
    delivered_at       TEXT,
    cancelled_at       TEXT,
    refunded_at        TEXT,
    -- An order belongs to an account, or is a guest's with an address to
    -- write to and a private link to be reached by.
    CHECK (user_id IS NOT NULL OR (email IS NOT NULL AND guest_token_hash IS NOT NULL))
);

INSERT INTO orders_v8 (id, user_id, email, status, currency, prices_include_tax, tax_rate_bp,
    subtotal_cents, discount_cents, shipping_cents, tax_cents, total_cents, coupon_id, coupon_code,
    payment_method, shipping_method, billing_name, ship_name, ship_line1, ship_line2, ship_city,
    ship_postal_code, ship_country, payment_reference, carrier, tracking_number, refund_note,
    invoice_number, credit_note_number, created_at, paid_at, shipped_at, ready_at, delivered_at,
    cancelled_at, refunded_at)
SELECT o.id, o.user_id, u.email, o.status, o.currency, o.prices_include_tax, o.tax_rate_bp,
    o.subtotal_cents, o.discount_cents, o.shipping_cents, o.tax_cents, o.total_cents, o.coupon_id,
    o.coupon_code, o.payment_method, o.shipping_method, o.billing_name, o.ship_name, o.ship_line1,
    o.ship_line2, o.ship_city, o.ship_postal_code, o.ship_country, o.payment_reference, o.carrier,
    o.tracking_number, o.refund_note, o.invoice_number, o.credit_note_number, o.created_at, o.paid_at,
    o.shipped_at, o.ready_at, o.delivered_at, o.cancelled_at, o.refunded_at
FROM orders o LEFT JOIN users u ON u.id = o.user_id;

DROP TABLE orders;
ALTER TABLE orders_v8 RENAME TO orders;
-- Version 4's and 7's indexes, as they were.
CREATE INDEX orders_by_user ON orders(user_id, id);
CREATE INDEX orders_by_status ON orders(status, created_at);
CREATE INDEX orders_by_paid_at ON orders(paid_at, total_cents, user_id)
    WHERE paid_at IS NOT NULL;
CREATE INDEX orders_by_refunded_at ON orders(refunded_at, paid_at, total_cents, user_id)
    WHERE refunded_at IS NOT NULL;
CREATE INDEX orders_by_cancelled_at ON orders(cancelled_at, paid_at, total_cents, user_id)
    WHERE cancelled_at IS NOT NULL;
-- The caps on unpaid orders: per e-mail address, and per client address
-- among guests' orders.
CREATE INDEX orders_by_email ON orders(email, status);
CREATE INDEX orders_by_guest_ip ON orders(client_ip, status) WHERE user_id IS NULL;
-- A guest session's orders (the account made from a link takes them; an
-- ended session lets go of them).
CREATE INDEX orders_by_guest_session ON orders(guest_session_id)
    WHERE guest_session_id IS NOT NULL;

-- A guest's order redeems a coupon without an account.
CREATE TABLE coupon_redemptions_v8 (
    coupon_id  INTEGER NOT NULL REFERENCES coupons(id) ON DELETE CASCADE,
    order_id   INTEGER NOT NULL UNIQUE REFERENCES orders(id),
    user_id    INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
);
INSERT INTO coupon_redemptions_v8 (coupon_id, order_id, user_id, created_at)
SELECT coupon_id, order_id, user_id, created_at FROM coupon_redemptions;
DROP TABLE coupon_redemptions;
ALTER TABLE coupon_redemptions_v8 RENAME TO coupon_redemptions;
CREATE INDEX coupon_redemptions_by_coupon ON coupon_redemptions(coupon_id, user_id);

-- The checkout's idempotency keys of guests, per session: the same key
-- places one order, as `idempotency_keys` does per user.
CREATE TABLE guest_checkout_keys (
    session_id   INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    order_id     INTEGER NOT NULL REFERENCES orders(id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, key)
) WITHOUT ROWID;
