-- Version 9: the reports read sums kept as the money moves, instead of
-- walking every order of the range.
--
-- The rule is the one of API.md and of the reports' reads on `orders`: an
-- order's total comes in when it is paid (`paid_at`), and goes back out when
-- a paid order is refunded (`refunded_at`) or cancelled (`cancelled_at`),
-- each in the moment it happened. `order_money` holds those movements, one
-- row each, written by triggers on `orders` in the statement that moves the
-- money, so every writer (checkout, the back office, the API, the demo, an
-- import) keeps it, in its own transaction.
--
-- Triggers on `order_money` and `order_items` keep the sums, per UTC slot:
-- a quarter-hour (every time zone's midnight falls on one), an hour (sales
-- only), a day and a month (`report_levels`). A slot is named by its first quarter-hour,
-- counted since 1970 (`unixepoch / 900`). A report's range of local days is
-- read as whole months, then whole days, hours and quarter-hours at its
-- edges, so a year is a few dozen slots, not a hundred thousand orders.
--
-- Sums only grow and shrink: a movement undone (an order edited back) takes
-- away what it added, and rows left at zero count for nothing.
--
-- A later migration that rebuilds `orders` under the same name must drop
-- these triggers first and create them again after.

CREATE TABLE report_levels (
    level   INTEGER PRIMARY KEY,
    -- The slot's length; NULL for a calendar month.
    seconds INTEGER CHECK (seconds IS NULL OR (seconds > 0 AND seconds % 900 = 0)),
    -- Whether the per-product and per-customer sums have this level. They
    -- skip hours: an hour holds about as many rows as its quarter-hours,
    -- and those reports read one range, whose edges are a few slots.
    per_key INTEGER NOT NULL CHECK (per_key IN (0, 1))
);
INSERT INTO report_levels (level, seconds, per_key) VALUES (0, 900, 1), (1, 3600, 0), (2, 86400, 1), (3, NULL, 1);

CREATE TABLE order_money (
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    kind        TEXT NOT NULL CHECK (kind IN ('paid', 'refunded', 'cancelled')),
    at          TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    -- NULL for an order placed without an account.
    user_id     INTEGER,
    PRIMARY KEY (order_id, kind)
) WITHOUT ROWID;

-- Paid orders (`orders`, `paid_cents`) and money paid back (`refunds`,
-- `refunded_cents`) in the slot.
CREATE TABLE sales_by_slot (
    level          INTEGER NOT NULL,
    slot           INTEGER NOT NULL,
    orders         INTEGER NOT NULL,
    paid_cents     INTEGER NOT NULL,
    refunds        INTEGER NOT NULL,
    refunded_cents INTEGER NOT NULL,
    PRIMARY KEY (level, slot)
) WITHOUT ROWID;

-- Per product: quantity and the lines' amounts after their discount, paid
-- less paid back.
CREATE TABLE product_sales_by_slot (
    level         INTEGER NOT NULL,
    slot          INTEGER NOT NULL,
    product_id    INTEGER NOT NULL,
    quantity      INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (level, slot, product_id)
) WITHOUT ROWID;

-- Per customer: orders and their totals, paid less paid back.
CREATE TABLE customer_sales_by_slot (
    level         INTEGER NOT NULL,
    slot          INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    orders        INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (level, slot, user_id)
) WITHOUT ROWID;

-- The movements of an order as it now stands.
CREATE TRIGGER order_money_on_insert AFTER INSERT ON orders
WHEN NEW.paid_at IS NOT NULL
BEGIN
    INSERT INTO order_money (order_id, kind, at, total_cents, user_id)
    SELECT NEW.id, m.kind, m.at, NEW.total_cents, NEW.user_id
    FROM (SELECT 'paid' AS kind, NEW.paid_at AS at
          UNION ALL SELECT 'refunded', NEW.refunded_at
          UNION ALL SELECT 'cancelled', NEW.cancelled_at) m
    WHERE m.at IS NOT NULL;
END;

CREATE TRIGGER order_money_on_update
AFTER UPDATE OF paid_at, refunded_at, cancelled_at, status, total_cents, user_id ON orders
WHEN OLD.paid_at IS NOT NEW.paid_at OR OLD.refunded_at IS NOT NEW.refunded_at
  OR OLD.cancelled_at IS NOT NEW.cancelled_at OR OLD.total_cents IS NOT NEW.total_cents
  OR OLD.user_id IS NOT NEW.user_id
BEGIN
    DELETE FROM order_money WHERE order_id = OLD.id;
    INSERT INTO order_money (order_id, kind, at, total_cents, user_id)
    SELECT NEW.id, m.kind, m.at, NEW.total_cents, NEW.user_id
    FROM (SELECT 'paid' AS kind, NEW.paid_at AS at
          UNION ALL SELECT 'refunded', NEW.refunded_at
          UNION ALL SELECT 'cancelled', NEW.cancelled_at) m
    WHERE m.at IS NOT NULL AND NEW.paid_at IS NOT NULL;
END;

CREATE TRIGGER order_money_on_delete BEFORE DELETE ON orders
BEGIN
    DELETE FROM order_money WHERE order_id = OLD.id;
END;

-- A movement adds to (or, undone, takes from) the sums of its slots.
CREATE TRIGGER sums_on_money_insert AFTER INSERT ON order_money
BEGIN
    INSERT INTO sales_by_slot (level, slot, orders, paid_cents, refunds, refunded_cents)
    SELECT l.level,
           CASE WHEN l.seconds IS NULL THEN unixepoch(NEW.at, 'start of month') / 900
                ELSE unixepoch(NEW.at) / l.seconds * (l.seconds / 900) END,
           NEW.kind = 'paid', (NEW.kind = 'paid') * NEW.total_cents,
           NEW.kind <> 'paid', (NEW.kind <> 'paid') * NEW.total_cents
    FROM report_levels l WHERE true
    ON CONFLICT (level, slot) DO UPDATE SET
        orders = orders + excluded.orders, paid_cents = paid_cents + excluded.paid_cents,
        refunds = refunds + excluded.refunds, refunded_cents = refunded_cents + excluded.refunded_cents;

    INSERT INTO customer_sales_by_slot (level, slot, user_id, orders, revenue_cents)
    SELECT l.level,
           CASE WHEN l.seconds IS NULL THEN unixepoch(NEW.at, 'start of month') / 900
                ELSE unixepoch(NEW.at) / l.seconds * (l.seconds / 900) END,
           NEW.user_id, iif(NEW.kind = 'paid', 1, -1), iif(NEW.kind = 'paid', 1, -1) * NEW.total_cents
    FROM report_levels l WHERE l.per_key AND NEW.user_id IS NOT NULL
    ON CONFLICT (level, slot, user_id) DO UPDATE SET
        orders = orders + excluded.orders, revenue_cents = revenue_cents + excluded.revenue_cents;

    INSERT INTO product_sales_by_slot (level, slot, product_id, quantity, revenue_cents)
    SELECT l.level,
           CASE WHEN l.seconds IS NULL THEN unixepoch(NEW.at, 'start of month') / 900
                ELSE unixepoch(NEW.at) / l.seconds * (l.seconds / 900) END,
           i.product_id, iif(NEW.kind = 'paid', 1, -1) * i.quantity,
           iif(NEW.kind = 'paid', 1, -1) * (i.line_total_cents - i.discount_cents)
    FROM order_items i CROSS JOIN report_levels l WHERE l.per_key AND i.order_id = NEW.order_id
    ON CONFLICT (level, slot, product_id) DO UPDATE SET
        quantity = quantity + excluded.quantity, revenue_cents = revenue_cents + excluded.revenue_cents;
END;

CREATE TRIGGER sums_on_money_delete AFTER DELETE ON order_money
BEGIN
    INSERT INTO sales_by_slot (level, slot, orders, paid_cents, refunds, refunded_cents)
    SELECT l.level,
           CASE WHEN l.seconds IS NULL THEN unixepoch(OLD.at, 'start of month') / 900
                ELSE unixepoch(OLD.at) / l.seconds * (l.seconds / 900) END,
           -(OLD.kind = 'paid'), -(OLD.kind = 'paid') * OLD.total_cents,
           -(OLD.kind <> 'paid'), -(OLD.kind <> 'paid') * OLD.total_cents
    FROM report_levels l WHERE true
    ON CONFLICT (level, slot) DO UPDATE SET
        orders = orders + excluded.orders, paid_cents = paid_cents + excluded.paid_cents,
        refunds = refunds + excluded.refunds, refunded_cents = refunded_cents + excluded.refunded_cents;

    INSERT INTO customer_sales_by_slot (level, slot, user_id, orders, revenue_cents)
    SELECT l.level,
           CASE WHEN l.seconds IS NULL THEN unixepoch(OLD.at, 'start of month') / 900
                ELSE unixepoch(OLD.at) / l.seconds * (l.seconds / 900) END,
           OLD.user_id, -iif(OLD.kind = 'paid', 1, -1), -iif(OLD.kind = 'paid', 1, -1) * OLD.total_cents
    FROM report_levels l WHERE l.per_key AND OLD.user_id IS NOT NULL
    ON CONFLICT (level, slot, user_id) DO UPDATE SET
        orders = orders + excluded.orders, revenue_cents = revenue_cents + excluded.revenue_cents;

    INSERT INTO product_sales_by_slot (level, slot, product_id, quantity, revenue_cents)
    SELECT l.level,
           CASE WHEN l.seconds IS NULL THEN unixepoch(OLD.at, 'start of month') / 900
                ELSE unixepoch(OLD.at) / l.seconds * (l.seconds / 900) END,
           i.product_id, -iif(OLD.kind = 'paid', 1, -1) * i.quantity,
           -iif(OLD.kind = 'paid', 1, -1) * (i.line_total_cents - i.discount_cents)
    FROM order_items i CROSS JOIN report_levels l WHERE l.per_key AND i.order_id = OLD.order_id
    ON CONFLICT (level, slot, product_id) DO UPDATE SET
        quantity = quantity + excluded.quantity, revenue_cents = revenue_cents + excluded.revenue_cents;
END;

-- A line written after its order was paid (as a generator that inserts
-- whole paid orders does) counts in every movement of its order.
CREATE TRIGGER product_sums_on_item_insert AFTER INSERT ON order_items
BEGIN
    INSERT INTO product_sales_by_slot (level, slot, product_id, quantity, revenue_cents)
    SELECT l.level,
           CASE WHEN l.seconds IS NULL THEN unixepoch(m.at, 'start of month') / 900
                ELSE unixepoch(m.at) / l.seconds * (l.seconds / 900) END,
           NEW.product_id, iif(m.kind = 'paid', 1, -1) * NEW.quantity,
           iif(m.kind = 'paid', 1, -1) * (NEW.line_total_cents - NEW.discount_cents)
    FROM order_money m CROSS JOIN report_levels l WHERE l.per_key AND m.order_id = NEW.order_id
    ON CONFLICT (level, slot, product_id) DO UPDATE SET
        quantity = quantity + excluded.quantity, revenue_cents = revenue_cents + excluded.revenue_cents;
END;

CREATE TRIGGER product_sums_on_item_delete AFTER DELETE ON order_items
BEGIN
    INSERT INTO product_sales_by_slot (level, slot, product_id, quantity, revenue_cents)
    SELECT l.level,
           CASE WHEN l.seconds IS NULL THEN unixepoch(m.at, 'start of month') / 900
                ELSE unixepoch(m.at) / l.seconds * (l.seconds / 900) END,
           OLD.product_id, -iif(m.kind = 'paid', 1, -1) * OLD.quantity,
           -iif(m.kind = 'paid', 1, -1) * (OLD.line_total_cents - OLD.discount_cents)
    FROM order_money m CROSS JOIN report_levels l WHERE l.per_key AND m.order_id = OLD.order_id
    ON CONFLICT (level, slot, product_id) DO UPDATE SET
        quantity = quantity + excluded.quantity, revenue_cents = revenue_cents + excluded.revenue_cents;
END;

CREATE TRIGGER product_sums_on_item_update
AFTER UPDATE OF order_id, product_id, quantity, line_total_cents, discount_cents ON order_items
BEGIN
    INSERT INTO product_sales_by_slot (level, slot, product_id, quantity, revenue_cents)
    SELECT l.level,
           CASE WHEN l.seconds IS NULL THEN unixepoch(m.at, 'start of month') / 900
                ELSE unixepoch(m.at) / l.seconds * (l.seconds / 900) END,
           OLD.product_id, -iif(m.kind = 'paid', 1, -1) * OLD.quantity,
           -iif(m.kind = 'paid', 1, -1) * (OLD.line_total_cents - OLD.discount_cents)
    FROM order_money m CROSS JOIN report_levels l WHERE l.per_key AND m.order_id = OLD.order_id
    ON CONFLICT (level, slot, product_id) DO UPDATE SET
        quantity = quantity + excluded.quantity, revenue_cents = revenue_cents + excluded.revenue_cents;
    INSERT INTO product_sales_by_slot (level, slot, product_id, quantity, revenue_cents)
    SELECT l.level,
           CASE WHEN l.seconds IS NULL THEN unixepoch(m.at, 'start of month') / 900
                ELSE unixepoch(m.at) / l.seconds * (l.seconds / 900) END,
           NEW.product_id, iif(m.kind = 'paid', 1, -1) * NEW.quantity,
           iif(m.kind = 'paid', 1, -1) * (NEW.line_total_cents - NEW.discount_cents)
    FROM order_money m CROSS JOIN report_levels l WHERE l.per_key AND m.order_id = NEW.order_id
    ON CONFLICT (level, slot, product_id) DO UPDATE SET
        quantity = quantity + excluded.quantity, revenue_cents = revenue_cents + excluded.revenue_cents;
END;

-- The orders there are already: their movements, and through the triggers
-- above, every sum.
INSERT INTO order_money (order_id, kind, at, total_cents, user_id)
SELECT id, 'paid', paid_at, total_cents, user_id FROM orders WHERE paid_at IS NOT NULL
UNION ALL
SELECT id, 'refunded', refunded_at, total_cents, user_id FROM orders
WHERE refunded_at IS NOT NULL AND paid_at IS NOT NULL
UNION ALL
SELECT id, 'cancelled', cancelled_at, total_cents, user_id FROM orders
WHERE cancelled_at IS NOT NULL AND paid_at IS NOT NULL;
