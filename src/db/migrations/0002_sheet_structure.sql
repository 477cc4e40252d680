-- The daily sheet's 3 + 1 structure, kept by the database itself.

-- A slot keeps its owner, day and number for life (its kind is derived from the number).
CREATE FUNCTION focus_sessions_keep_identity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.user_id <> OLD.user_id OR NEW.local_date <> OLD.local_date OR NEW.slot <> OLD.slot THEN
    RAISE EXCEPTION 'a slot cannot be moved to another person, day or number' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER focus_sessions_keep_identity BEFORE UPDATE ON focus_sessions
  FOR EACH ROW EXECUTE FUNCTION focus_sessions_keep_identity();
--> statement-breakpoint
-- A slot is never deleted on its own; it goes only with its person (a cascade, one trigger deeper).
CREATE FUNCTION focus_sessions_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() <= 1 THEN
    RAISE EXCEPTION 'a slot cannot be deleted' USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER focus_sessions_no_delete BEFORE DELETE ON focus_sessions
  FOR EACH ROW EXECUTE FUNCTION focus_sessions_no_delete();
--> statement-breakpoint
-- A stored day has all four slots: checked when the transaction that stored it commits.
CREATE FUNCTION focus_sessions_whole_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM focus_sessions WHERE user_id = NEW.user_id AND local_date = NEW.local_date) <> 4 THEN
    RAISE EXCEPTION 'a day has exactly four slots' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER focus_sessions_whole_day AFTER INSERT ON focus_sessions
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION focus_sessions_whole_day();
