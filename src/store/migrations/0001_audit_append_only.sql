-- audit_events is append-only, enforced by the database so that no code path (a bug, a console
-- session, a future admin endpoint) can rewrite history. Statement-level triggers refuse UPDATE,
-- DELETE and TRUNCATE even when no row matches. Removing history needs a reviewed migration that
-- drops these triggers first.
CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'Audit events can only be inserted; record a new event instead of changing an old one.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();
