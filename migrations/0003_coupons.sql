-- Version 3: coupons. Their redemptions come with orders.

CREATE TABLE coupons (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind               TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
    value              INTEGER NOT NULL CHECK (value > 0),
    min_subtotal_cents INTEGER NOT NULL DEFAULT 0 CHECK (min_subtotal_cents >= 0),
    starts_at          TEXT,
    ends_at            TEXT,
    usage_limit        INTEGER CHECK (usage_limit IS NULL OR usage_limit > 0),
    once_per_customer  INTEGER NOT NULL DEFAULT 0 CHECK (once_per_customer IN (0, 1)),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
