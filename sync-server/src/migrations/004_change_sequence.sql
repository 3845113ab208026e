-- SPEC §10: the server numbers every change it stores, so a device asks for what
-- changed since its cursor instead of the whole state.
--
-- One number per write transaction, taken from the one row of change_seq at the
-- transaction's first write of a type, an event or a tombstone, and stamped on every
-- row it writes (by the triggers below, so no statement can forget it). The row stays
-- locked until the transaction ends, so numbers are handed out in commit order: once a
-- reader sees number n committed, every change up to n is visible to it.
CREATE TABLE change_seq (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  -- A cursor names its database: one from a wiped or replaced server is not honoured.
  server_id uuid NOT NULL DEFAULT gen_random_uuid(),
  seq bigint NOT NULL DEFAULT 0
);
INSERT INTO change_seq DEFAULT VALUES;

-- One row per numbered change: when, and which device sent it (X-Device).
CREATE TABLE change_log (
  seq bigint PRIMARY KEY,
  at timestamptz(3) NOT NULL,
  device text
);

-- The number of this transaction's change, taken on first use (SET LOCAL semantics:
-- set_config(..., true) lasts until the transaction ends).
CREATE OR REPLACE FUNCTION mpt_change_seq() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  n := nullif(current_setting('mpt.change_seq', true), '')::bigint;
  IF n IS NULL THEN
    UPDATE change_seq SET seq = seq + 1 RETURNING seq INTO n;
    PERFORM set_config('mpt.change_seq', n::text, true);
    INSERT INTO change_log (seq, at, device)
    VALUES (n, now(), nullif(current_setting('mpt.device', true), ''));
  END IF;
  RETURN n;
END
$$;

CREATE OR REPLACE FUNCTION mpt_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.seq := mpt_change_seq();
  RETURN NEW;
END
$$;

ALTER TABLE miniature_types ADD COLUMN seq bigint NOT NULL DEFAULT 0;
ALTER TABLE history_events ADD COLUMN seq bigint NOT NULL DEFAULT 0;
ALTER TABLE tombstones ADD COLUMN seq bigint NOT NULL DEFAULT 0;
CREATE INDEX miniature_types_seq ON miniature_types (seq);
CREATE INDEX history_events_seq ON history_events (seq);
CREATE INDEX tombstones_seq ON tombstones (seq);
CREATE TRIGGER miniature_types_seq BEFORE INSERT OR UPDATE ON miniature_types
  FOR EACH ROW EXECUTE FUNCTION mpt_stamp_change();
CREATE TRIGGER history_events_seq BEFORE INSERT OR UPDATE ON history_events
  FOR EACH ROW EXECUTE FUNCTION mpt_stamp_change();
CREATE TRIGGER tombstones_seq BEFORE INSERT OR UPDATE ON tombstones
  FOR EACH ROW EXECUTE FUNCTION mpt_stamp_change();

-- The change a stored revision's state includes: a backup is written only when there
-- are changes after the latest one (at most once a minute, see backup-revisions.ts).
ALTER TABLE snapshots ADD COLUMN seq bigint;

-- Idempotency of POST /sync/changes: a retry with the same key does not merge again;
-- it gets the first report and what changed since its `since`.
CREATE TABLE change_keys (
  key text PRIMARY KEY,
  request_hash text NOT NULL,
  seq bigint NOT NULL,
  report text NOT NULL,
  refused text,
  created_at timestamptz(3) NOT NULL
);
CREATE INDEX change_keys_created ON change_keys (created_at);
