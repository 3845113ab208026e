-- SPEC §8: names have an identity key (name_key, recomputed by the data step of this
-- migration with shared's nameKey) and a search key (shared's searchKey), both stored
-- so the SQL filters and checks with the same rule as the app.
ALTER TABLE miniature_types ADD COLUMN search_key text COLLATE "C" NOT NULL DEFAULT '';
