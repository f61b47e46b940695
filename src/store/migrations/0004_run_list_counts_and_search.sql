-- The dashboard's run list over many runs (issue #6; docs/decisions/0003-run-list-counts-and-search.md).
--
-- 1. Counts per status without counting the tenant's runs on every list call: run_status_counts holds
--    signed deltas written by AFTER statement triggers on workflow_runs, in the same transaction as the
--    change, so the sum per status is exact in every snapshot, whichever process wrote the run. Writers
--    only insert (no hot counter row to wait on); every 64th delta folds its tenant's rows into one per
--    status, skipping rows another transaction is folding (SKIP LOCKED): no writer waits or deadlocks.
--    The transition tables hold only the rows a statement really inserted, updated or deleted (an
--    INSERT ... ON CONFLICT DO NOTHING that skips its row adds nothing), and a bulk statement writes one
--    delta per tenant and status, not one per row.
-- 2. The search (case-insensitive substring of the email or the company): pg_trgm GIN indexes on
--    lower(email) and lower(company) serve `lower(col) LIKE '%term%'`. Their pending list is capped at
--    64 kB instead of 4 MB: a search scans that list in full, and 4 MB of it cost ~40 ms per index.
--
-- Table names are written "public".-qualified, as drizzle-kit writes references, so a deployment in a
-- schema of its own gets its own tables in the function bodies too (apply-migrations.ts rewrites them).
CREATE TABLE "run_status_counts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "run_status_counts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"status" text NOT NULL,
	"delta" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "run_status_counts_tenant_idx" ON "run_status_counts" USING btree ("tenant_id","status");
--> statement-breakpoint
CREATE FUNCTION "run_status_counts_fold"(fold_tenant text) RETURNS void
LANGUAGE sql AS $$
  WITH folded AS (
    DELETE FROM "public"."run_status_counts"
    WHERE id IN (SELECT id FROM "public"."run_status_counts" WHERE tenant_id = fold_tenant FOR UPDATE SKIP LOCKED)
    RETURNING status, delta
  )
  INSERT INTO "public"."run_status_counts" (tenant_id, status, delta)
  SELECT fold_tenant, status, sum(delta) FROM folded GROUP BY status HAVING sum(delta) <> 0;
$$;
--> statement-breakpoint
CREATE FUNCTION "run_status_counts_track"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  to_fold text[];
  tenant text;
BEGIN
  -- One delta row per tenant and status the statement changed, from its transition tables: one row for
  -- a whole bulk insert, none for an UPDATE that changed no status (the net is zero). Each branch names
  -- only the transition tables its trigger has.
  IF TG_OP = 'INSERT' THEN
    WITH added AS (
      INSERT INTO "public"."run_status_counts" (tenant_id, status, delta)
      SELECT tenant_id, status, count(*) FROM new_runs GROUP BY tenant_id, status
      RETURNING tenant_id, id
    )
    SELECT array_agg(DISTINCT added.tenant_id) FILTER (WHERE added.id % 64 = 0) INTO to_fold FROM added;
  ELSIF TG_OP = 'DELETE' THEN
    WITH added AS (
      INSERT INTO "public"."run_status_counts" (tenant_id, status, delta)
      SELECT tenant_id, status, -count(*) FROM old_runs GROUP BY tenant_id, status
      RETURNING tenant_id, id
    )
    SELECT array_agg(DISTINCT added.tenant_id) FILTER (WHERE added.id % 64 = 0) INTO to_fold FROM added;
  ELSE
    WITH changed AS (
      SELECT tenant_id, status, 1 AS d FROM new_runs
      UNION ALL
      SELECT tenant_id, status, -1 AS d FROM old_runs
    ), added AS (
      INSERT INTO "public"."run_status_counts" (tenant_id, status, delta)
      SELECT tenant_id, status, sum(d) FROM changed GROUP BY tenant_id, status HAVING sum(d) <> 0
      RETURNING tenant_id, id
    )
    SELECT array_agg(DISTINCT added.tenant_id) FILTER (WHERE added.id % 64 = 0) INTO to_fold FROM added;
  END IF;
  -- Folding relies on READ COMMITTED: under REPEATABLE READ, locking a delta another transaction folded
  -- since the snapshot would fail this writer with a serialization error. Such writers leave it to the next.
  IF current_setting('transaction_isolation') = 'read committed' THEN
    FOREACH tenant IN ARRAY coalesce(to_fold, '{}') LOOP
      PERFORM "public"."run_status_counts_fold"(tenant);
    END LOOP;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "run_status_counts_reset"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "public"."run_status_counts";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "workflow_runs_count_insert"
  AFTER INSERT ON "workflow_runs" REFERENCING NEW TABLE AS new_runs
  FOR EACH STATEMENT EXECUTE FUNCTION "run_status_counts_track"();
--> statement-breakpoint
CREATE TRIGGER "workflow_runs_count_update"
  AFTER UPDATE ON "workflow_runs" REFERENCING OLD TABLE AS old_runs NEW TABLE AS new_runs
  FOR EACH STATEMENT EXECUTE FUNCTION "run_status_counts_track"();
--> statement-breakpoint
CREATE TRIGGER "workflow_runs_count_delete"
  AFTER DELETE ON "workflow_runs" REFERENCING OLD TABLE AS old_runs
  FOR EACH STATEMENT EXECUTE FUNCTION "run_status_counts_track"();
--> statement-breakpoint
CREATE TRIGGER "workflow_runs_count_truncate"
  AFTER TRUNCATE ON "workflow_runs"
  FOR EACH STATEMENT EXECUTE FUNCTION "run_status_counts_reset"();
--> statement-breakpoint
-- The runs already stored. CREATE TRIGGER holds a lock that keeps writers out until this migration
-- commits, and this statement sees every run committed before it: nothing is counted twice or missed.
INSERT INTO "run_status_counts" (tenant_id, status, delta)
SELECT tenant_id, status, count(*) FROM "workflow_runs" GROUP BY tenant_id, status;
--> statement-breakpoint
-- Installed in the current schema unless the database already has it (a DBA may pre-install it when the
-- application's role may not). The operator class is then named with the schema it is in, wherever that is.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
DO $$
DECLARE
  trgm_schema text := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                       WHERE e.extname = 'pg_trgm');
BEGIN
  EXECUTE format('CREATE INDEX "workflow_runs_email_trgm_idx" ON "public"."workflow_runs" USING gin (lower("email") %I.gin_trgm_ops) WITH (gin_pending_list_limit = 64)', trgm_schema);
  EXECUTE format('CREATE INDEX "workflow_runs_company_trgm_idx" ON "public"."workflow_runs" USING gin (lower("company") %I.gin_trgm_ops) WITH (gin_pending_list_limit = 64)', trgm_schema);
END;
$$;
