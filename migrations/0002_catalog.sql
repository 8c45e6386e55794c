-- Version 2: the catalog. Categories (a tree), suppliers, products with a
-- full-text index, their images, and the append-only stock movements.

CREATE TABLE categories (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 100),
    parent_id  INTEGER REFERENCES categories(id),
    created_at TEXT NOT NULL
);
-- Names are unique among siblings (NULL parents compare equal here).
CREATE UNIQUE INDEX categories_sibling_name ON categories(ifnull(parent_id, 0), name);

CREATE TABLE suppliers (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 200),
    contact    TEXT,
    phone      TEXT,
    email      TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    sku         TEXT UNIQUE COLLATE NOCASE,
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    description TEXT NOT NULL DEFAULT '',
    price_cents INTEGER NOT NULL CHECK (price_cents BETWEEN 0 AND 100000000),
    stock       INTEGER NOT NULL CHECK (stock >= 0),
    category_id INTEGER REFERENCES categories(id),
    supplier_id INTEGER REFERENCES suppliers(id) ON DELETE SET NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX products_by_name ON products(active, name COLLATE NOCASE, id);
CREATE INDEX products_by_price ON products(active, price_cents, id);
CREATE INDEX products_by_category ON products(category_id, active);
CREATE INDEX products_by_supplier ON products(supplier_id);

-- Full-text search over name and description, kept in step by triggers.
CREATE VIRTUAL TABLE products_fts USING fts5(
    name, description,
    content = 'products', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, name, description)
    VALUES ('delete', old.id, old.name, old.description);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF name, description ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, name, description)
    VALUES ('delete', old.id, old.name, old.description);
    INSERT INTO products_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;

-- Bumped by every change that can move a product in a listing (a new or
-- deleted product; a new name, price, category or active flag; stock that
-- reaches or leaves zero), whoever makes it: the server or the command
-- line. The server's cached listing orders are valid while it is unchanged.
CREATE TABLE catalog_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);
CREATE TRIGGER catalog_version_insert AFTER INSERT ON products BEGIN
    UPDATE catalog_version SET version = version + 1;
END;
CREATE TRIGGER catalog_version_delete AFTER DELETE ON products BEGIN
    UPDATE catalog_version SET version = version + 1;
END;
CREATE TRIGGER catalog_version_update AFTER UPDATE ON products
WHEN old.name IS NOT new.name OR old.price_cents != new.price_cents
  OR old.category_id IS NOT new.category_id OR old.active != new.active
  OR (old.stock > 0) != (new.stock > 0)
BEGIN
    UPDATE catalog_version SET version = version + 1;
END;

CREATE TABLE product_images (
    id           INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    data         BLOB NOT NULL,
    etag         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX product_images_by_product ON product_images(product_id, position, id);

-- Append-only: every change of a product's stock, with why, who, and the
-- stock after it. order_id names an order once orders exist.
CREATE TABLE stock_movements (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    delta       INTEGER NOT NULL,
    reason      TEXT NOT NULL CHECK (reason IN
                ('initial', 'restock', 'adjustment', 'return', 'damaged', 'import',
                 'sale', 'cancel', 'refund')),
    order_id    INTEGER,
    user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    note        TEXT,
    stock_after INTEGER NOT NULL CHECK (stock_after >= 0),
    created_at  TEXT NOT NULL
);
CREATE INDEX stock_movements_by_product ON stock_movements(product_id, id);

INSERT INTO settings (key, value) VALUES ('currency', 'EUR');
