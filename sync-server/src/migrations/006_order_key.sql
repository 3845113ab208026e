-- The REST list's A–Z (GET /types?sort=name) in the app's order: shared's orderKey of
-- each name, compared code point by code point (COLLATE "C"), so PGlite and any
-- PostgreSQL locale agree. Before, the identity key ordered it: «Ё» after «Я», accented
-- letters after z, "Squad 10" before "Squad 2". Filled by this version's data step.
ALTER TABLE miniature_types ADD COLUMN order_key text COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX miniature_types_order ON miniature_types (order_key, name_key, id);
