-- Version 4: carts, orders and what hangs on them (payments, coupon
-- redemptions, idempotency keys, reviews and order ratings).

-- A cart belongs to a signed-in user or, for a guest, to a session. At
-- sign-in the session's cart is merged into the user's and deleted.
CREATE TABLE carts (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    session_id INTEGER UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    CHECK ((user_id IS NULL) != (session_id IS NULL))
);

-- One line per product and cart: in the cart, or saved for later.
CREATE TABLE cart_items (
    cart_id         INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    product_id      INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    quantity        INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    saved_for_later INTEGER NOT NULL DEFAULT 0 CHECK (saved_for_later IN (0, 1)),
    added_at        TEXT NOT NULL,
    PRIMARY KEY (cart_id, product_id)
) WITHOUT ROWID;
CREATE INDEX cart_items_by_product ON cart_items(product_id);

-- The order number shown to people is 'T-' and the id on six digits.
-- Amounts are copied at checkout and never change afterwards.
CREATE TABLE orders (
    id                 INTEGER PRIMARY KEY,
    user_id            INTEGER NOT NULL REFERENCES users(id),
    status             TEXT NOT NULL CHECK (status IN
                       ('pending_payment', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
    currency           TEXT NOT NULL,
    prices_include_tax INTEGER NOT NULL CHECK (prices_include_tax IN (0, 1)),
    subtotal_cents     INTEGER NOT NULL CHECK (subtotal_cents >= 0),
    discount_cents     INTEGER NOT NULL CHECK (discount_cents >= 0),
    shipping_cents     INTEGER NOT NULL CHECK (shipping_cents >= 0),
    tax_cents          INTEGER NOT NULL CHECK (tax_cents >= 0),
    total_cents        INTEGER NOT NULL CHECK (total_cents >= 0),
    coupon_id          INTEGER REFERENCES coupons(id) ON DELETE SET NULL,
    coupon_code        TEXT,
    payment_method     TEXT NOT NULL CHECK (payment_method IN ('bank_transfer', 'cash_on_delivery')),
    shipping_method    TEXT NOT NULL CHECK (shipping_method IN ('standard', 'pickup')),
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
    created_at         TEXT NOT NULL,
    paid_at            TEXT,
    shipped_at         TEXT,
    delivered_at       TEXT,
    cancelled_at       TEXT,
    refunded_at        TEXT
);
CREATE INDEX orders_by_user ON orders(user_id, id);
CREATE INDEX orders_by_status ON orders(status, created_at);

-- Products that appear in orders are archived, never erased: no cascade.
CREATE TABLE order_items (
    order_id         INTEGER NOT NULL REFERENCES orders(id),
    line             INTEGER NOT NULL,
    product_id       INTEGER NOT NULL REFERENCES products(id),
    sku              TEXT,
    name             TEXT NOT NULL,
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    quantity         INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    line_total_cents INTEGER NOT NULL CHECK (line_total_cents >= 0),
    discount_cents   INTEGER NOT NULL CHECK (discount_cents >= 0),
    tax_cents        INTEGER NOT NULL CHECK (tax_cents >= 0),
    PRIMARY KEY (order_id, line)
) WITHOUT ROWID;
CREATE INDEX order_items_by_product ON order_items(product_id);

-- Money received (mark-paid) and paid back (refund), as staff recorded it.
CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders(id),
    kind         TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    reference    TEXT,
    user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX payments_by_order ON payments(order_id);

-- A cancelled order gives its redemption back.
CREATE TABLE coupon_redemptions (
    coupon_id  INTEGER NOT NULL REFERENCES coupons(id) ON DELETE CASCADE,
    order_id   INTEGER NOT NULL UNIQUE REFERENCES orders(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX coupon_redemptions_by_coupon ON coupon_redemptions(coupon_id, user_id);

-- The checkout's Idempotency-Key (or the checkout form's key), per user:
-- the same key places one order.
CREATE TABLE idempotency_keys (
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    order_id     INTEGER NOT NULL REFERENCES orders(id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment    TEXT NOT NULL DEFAULT '',
    hidden     INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    created_at TEXT NOT NULL,
    UNIQUE (product_id, user_id)
);
CREATE INDEX reviews_by_user ON reviews(user_id);

CREATE TABLE order_ratings (
    order_id   INTEGER PRIMARY KEY REFERENCES orders(id),
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

-- A product's visible reviews, summed, so that product answers need no
-- extra query. Kept in step by triggers, whoever writes the reviews.
ALTER TABLE products ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN rating_sum INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER reviews_rating_insert AFTER INSERT ON reviews WHEN NOT new.hidden BEGIN
    UPDATE products SET rating_count = rating_count + 1, rating_sum = rating_sum + new.rating
    WHERE id = new.product_id;
END;
CREATE TRIGGER reviews_rating_delete AFTER DELETE ON reviews WHEN NOT old.hidden BEGIN
    UPDATE products SET rating_count = rating_count - 1, rating_sum = rating_sum - old.rating
    WHERE id = old.product_id;
END;
CREATE TRIGGER reviews_rating_update AFTER UPDATE OF hidden, rating ON reviews BEGIN
    UPDATE products SET rating_count = rating_count - (NOT old.hidden) + (NOT new.hidden),
        rating_sum = rating_sum - (CASE WHEN old.hidden THEN 0 ELSE old.rating END)
                                + (CASE WHEN new.hidden THEN 0 ELSE new.rating END)
    WHERE id = new.product_id;
END;
