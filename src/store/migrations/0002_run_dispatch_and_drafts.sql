DROP INDEX "drafts_tenant_run_idx";--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "form_id" text;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "dead_lettered_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "workflow_runs_status_due_idx" ON "workflow_runs" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_status_lease_idx" ON "workflow_runs" USING btree ("status","lease_until");--> statement-breakpoint
CREATE INDEX "drafts_tenant_created_idx" ON "drafts" USING btree ("tenant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "drafts_tenant_state_sent_idx" ON "drafts" USING btree ("tenant_id","state","sent_at");--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_tenant_run_unique" UNIQUE("tenant_id","run_id");