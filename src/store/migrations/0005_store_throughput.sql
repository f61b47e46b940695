-- Cheaper run updates (issue #3; docs/decisions/0006-store-throughput.md).
--
-- 1. A run's row is updated several times while it runs (attempt, current step, end). With full pages
--    each update is a new row version on another page, and every index of workflow_runs (nine, two of
--    them trigram GIN indexes) gets an entry for it. Leaving 30% of each page free lets the updates that
--    change no indexed column (current step, attempt, error, end time) stay on the page as HOT updates,
--    which touch no index. Pages written from now on keep the space; existing ones fill as before.
-- 2. The per-status run counts (0004) followed every UPDATE statement of workflow_runs through
--    transition tables, whole old and new rows included, even when no status changed. Status changes
--    are now tracked per row, only when the status (or the tenant) really changes; inserts, deletes and
--    truncates keep their statement-level triggers (a bulk insert still writes one delta per tenant and
--    status). Folding is unchanged: every 64th delta folds its tenant's rows.
ALTER TABLE "workflow_runs" SET (fillfactor = 70);
--> statement-breakpoint
CREATE FUNCTION "run_status_counts_track_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  fold boolean;
BEGIN
  WITH added AS (
    INSERT INTO "public"."run_status_counts" (tenant_id, status, delta)
    VALUES (NEW.tenant_id, NEW.status, 1), (OLD.tenant_id, OLD.status, -1)
    RETURNING id
  )
  SELECT bool_or(id % 64 = 0) INTO fold FROM added;
  -- As in run_status_counts_track: folding relies on READ COMMITTED (see 0004).
  IF fold AND current_setting('transaction_isolation') = 'read committed' THEN
    PERFORM "public"."run_status_counts_fold"(NEW.tenant_id);
    IF OLD.tenant_id IS DISTINCT FROM NEW.tenant_id THEN
      PERFORM "public"."run_status_counts_fold"(OLD.tenant_id);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER "workflow_runs_count_update" ON "workflow_runs";
--> statement-breakpoint
CREATE TRIGGER "workflow_runs_count_update"
  AFTER UPDATE OF status, tenant_id ON "workflow_runs"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
  EXECUTE FUNCTION "run_status_counts_track_change"();
