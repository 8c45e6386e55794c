-- Version 7: reports read money by the moment it moved, over a range of
-- time, without touching the rest of the table. Each index holds what the
-- reports read of a paid, refunded or cancelled order (the order's id comes
-- with every index), so a year of sales is one walk along one index.
CREATE INDEX orders_by_paid_at ON orders(paid_at, total_cents, user_id)
    WHERE paid_at IS NOT NULL;
CREATE INDEX orders_by_refunded_at ON orders(refunded_at, paid_at, total_cents, user_id)
    WHERE refunded_at IS NOT NULL;
CREATE INDEX orders_by_cancelled_at ON orders(cancelled_at, paid_at, total_cents, user_id)
    WHERE cancelled_at IS NOT NULL;
-- The low-stock report and the product list sorted by stock.
CREATE INDEX products_by_stock ON products(active, stock, id);
