-- SPEC §10: the goal and the file's unknown top-level fields are numbered changes too,
-- like types, events and tombstones (migration 004). Without a number a new goal
-- alone made no backup revision, and a revision taken at the latest change could hold
-- an older goal than the state it was meant to be.
ALTER TABLE top_level_fields ADD COLUMN seq bigint NOT NULL DEFAULT 0;
CREATE TRIGGER top_level_fields_seq BEFORE INSERT OR UPDATE ON top_level_fields
  FOR EACH ROW EXECUTE FUNCTION mpt_stamp_change();
-- A revision taken before this may hold an older goal at the latest change number: the
-- top level as it is now becomes a change after them all.
UPDATE top_level_fields SET goal = goal;
