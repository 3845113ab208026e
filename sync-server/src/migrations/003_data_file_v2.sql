-- SPEC §9, data file v2. A type's army, game, points per model and notes, each with its
-- own time (the merge takes the later per field). army_key and game_key are shared's
-- nameKey of the name (the identity key of SPEC §8), for the filters of GET /types and
-- the totals of GET /armies. Rows stored before take the defaults a v1 file is read with.
ALTER TABLE miniature_types
  ADD COLUMN army text,
  ADD COLUMN army_key text COLLATE "C",
  ADD COLUMN army_updated_at timestamptz(3),
  ADD COLUMN game text,
  ADD COLUMN game_key text COLLATE "C",
  ADD COLUMN game_updated_at timestamptz(3),
  ADD COLUMN points_per_model integer NOT NULL DEFAULT 1
    CHECK (points_per_model BETWEEN 0 AND 1000),
  ADD COLUMN points_per_model_updated_at timestamptz(3),
  ADD COLUMN notes text NOT NULL DEFAULT '',
  ADD COLUMN notes_updated_at timestamptz(3),
  -- The type's fields written by a newer app version: canonical JSON text of an object,
  -- kept verbatim (not jsonb, which reorders keys and cannot hold \u0000). NULL: none.
  ADD COLUMN extra text,
  ADD CONSTRAINT miniature_types_army_key CHECK ((army IS NULL) = (army_key IS NULL)),
  ADD CONSTRAINT miniature_types_game_key CHECK ((game IS NULL) = (game_key IS NULL));

UPDATE miniature_types SET army_updated_at = created_at, game_updated_at = created_at,
  points_per_model_updated_at = created_at, notes_updated_at = created_at;

ALTER TABLE miniature_types
  ALTER COLUMN army_updated_at SET NOT NULL,
  ALTER COLUMN game_updated_at SET NOT NULL,
  ALTER COLUMN points_per_model_updated_at SET NOT NULL,
  ALTER COLUMN notes_updated_at SET NOT NULL;

CREATE INDEX miniature_types_army ON miniature_types (army_key, name_key, id);
CREATE INDEX miniature_types_game ON miniature_types (game_key, name_key, id);

-- An undo names the event it undoes; a rework is a move backwards (never an undo).
ALTER TABLE history_events
  ADD COLUMN reverts uuid,
  ADD COLUMN rework boolean NOT NULL DEFAULT false,
  ADD COLUMN extra text,
  ADD CONSTRAINT history_events_rework_is_a_move
    CHECK (NOT rework OR (from_stage IS NOT NULL AND to_stage IS NOT NULL AND reverts IS NULL));

ALTER TABLE tombstones ADD COLUMN extra text;

-- The data file's top level beside its lists: the goal (with its time) and the fields a
-- newer version wrote there. One row at most.
CREATE TABLE top_level_fields (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  goal text,
  goal_updated_at timestamptz(3),
  extra text
);
