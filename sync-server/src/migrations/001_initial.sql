-- The normalized model of SPEC §5. Counts are kept per stage so a move locks and
-- updates two small rows; they always equal the replay of history_events.
CREATE TABLE miniature_types (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  -- shared's nameKey(name): NFC + lower case. Deferrable so a merge can swap names.
  name_key text COLLATE "C" NOT NULL,
  created_at timestamptz(3) NOT NULL,
  name_updated_at timestamptz(3) NOT NULL,
  CONSTRAINT miniature_types_name_key_unique UNIQUE (name_key) DEFERRABLE INITIALLY IMMEDIATE
);

CREATE TABLE stage_counts (
  type_id uuid NOT NULL REFERENCES miniature_types (id) ON DELETE CASCADE,
  stage text NOT NULL CHECK (stage IN ('IN_BOX', 'BUILDING', 'PRIMING', 'PAINTING', 'DONE')),
  count bigint NOT NULL CHECK (count >= 0),
  CONSTRAINT stage_counts_type_stage_unique UNIQUE (type_id, stage)
);

-- No foreign key to miniature_types: its per-row check made a 50 000-event import
-- three times slower. The store deletes a type's events with the type, and a merge
-- only writes events of live types (tests check that no event is orphaned).
CREATE TABLE history_events (
  id uuid PRIMARY KEY,
  type_id uuid NOT NULL,
  from_stage text CHECK (from_stage IN ('IN_BOX', 'BUILDING', 'PRIMING', 'PAINTING', 'DONE')),
  to_stage text CHECK (to_stage IN ('IN_BOX', 'BUILDING', 'PRIMING', 'PAINTING', 'DONE')),
  qty integer NOT NULL CHECK (qty BETWEEN 1 AND 100000),
  created_at timestamptz(3) NOT NULL,
  CHECK (from_stage IS NOT NULL OR to_stage IS NOT NULL)
);
CREATE INDEX history_events_type_time ON history_events (type_id, created_at, id);

CREATE TABLE tombstones (
  id uuid PRIMARY KEY,
  deleted_at timestamptz(3) NOT NULL,
  merged_into uuid
);

CREATE TABLE snapshots (
  revision bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  device text,
  size_bytes integer NOT NULL,
  types integer NOT NULL,
  events integer NOT NULL,
  -- sha256 of the state without its export time: a push that changes nothing reuses it.
  content_hash text NOT NULL,
  body text NOT NULL
);

-- The answer to a push is its revision's stored snapshot plus the report, so a key
-- keeps a reference, not a second copy of a snapshot that may weigh megabytes.
CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  request_hash text NOT NULL,
  revision bigint NOT NULL,
  report text NOT NULL,
  created_at timestamptz(3) NOT NULL
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
