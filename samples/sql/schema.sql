-- The sample shop's tables: 10 000 items, their stock, and the orders the sample's transaction writes.
CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10, 2) NOT NULL);
INSERT INTO items SELECT i, 'item-' || i, (i % 97) + 0.99 FROM generate_series(1, 10000) i;
CREATE TABLE stock (item bigint PRIMARY KEY REFERENCES items, sold bigint NOT NULL DEFAULT 0);
INSERT INTO stock (item) SELECT id FROM items;
CREATE TABLE orders (id bigserial PRIMARY KEY, item bigint NOT NULL REFERENCES items, who text NOT NULL,
                     at timestamptz NOT NULL DEFAULT now());
