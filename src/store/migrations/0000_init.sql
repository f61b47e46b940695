CREATE TABLE "settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppression" (
	"tenant_id" text NOT NULL,
	"value" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	CONSTRAINT "suppression_pkey" PRIMARY KEY("tenant_id","value")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"source_kind" text NOT NULL,
	"portal_id" text,
	"form_id" text,
	"submission_id" text,
	"raw_payload" text NOT NULL,
	"payload" jsonb,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "form_submissions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "form_submissions_tenant_key_unique" UNIQUE("tenant_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "step_runs" (
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "step_runs_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"output" jsonb,
	"error_code" text,
	"error_message" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	CONSTRAINT "step_runs_pkey" PRIMARY KEY("tenant_id","run_id","step_id","attempt"),
	CONSTRAINT "step_runs_status_check" CHECK ("step_runs"."status" in ('running', 'succeeded', 'failed', 'skipped')),
	CONSTRAINT "step_runs_attempt_check" CHECK ("step_runs"."attempt" >= 1)
);
--> statement-breakpoint
CREATE TABLE "workflow_runs" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"workflow" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"submission_id" text,
	"status" text NOT NULL,
	"current_step" text,
	"attempt" integer DEFAULT 0 NOT NULL,
	"input" jsonb,
	"error_code" text,
	"error_message" text,
	"reason" text,
	"trace_id" text,
	"email" text,
	"company" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "workflow_runs_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "workflow_runs_tenant_key_unique" UNIQUE("tenant_id","idempotency_key"),
	CONSTRAINT "workflow_runs_status_check" CHECK ("workflow_runs"."status" in ('pending', 'running', 'paused', 'waiting', 'succeeded', 'skipped', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "crm_activity" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "crm_activity_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"run_id" text NOT NULL,
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"due_at" timestamp with time zone,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "crm_activity_kind_check" CHECK ("crm_activity"."kind" in ('task', 'note'))
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"run_id" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"thread_id" text,
	"in_reply_to" text,
	"reference_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"gmail_draft_id" text,
	"gmail_message_id" text,
	"state" text NOT NULL,
	"lint" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "drafts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "drafts_state_check" CHECK ("drafts"."state" in ('pending', 'approved', 'rejected', 'sent'))
);
--> statement-breakpoint
CREATE TABLE "side_effects" (
	"tenant_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"external_id" text,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "side_effects_pkey" PRIMARY KEY("tenant_id","idempotency_key"),
	CONSTRAINT "side_effects_status_check" CHECK ("side_effects"."status" in ('intent', 'done'))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"run_id" text,
	"step_id" text,
	"details" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "step_runs" ADD CONSTRAINT "step_runs_run_fk" FOREIGN KEY ("tenant_id","run_id") REFERENCES "public"."workflow_runs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_activity" ADD CONSTRAINT "crm_activity_run_fk" FOREIGN KEY ("tenant_id","run_id") REFERENCES "public"."workflow_runs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_run_fk" FOREIGN KEY ("tenant_id","run_id") REFERENCES "public"."workflow_runs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_runs_tenant_status_created_idx" ON "workflow_runs" USING btree ("tenant_id","status","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "workflow_runs_tenant_created_idx" ON "workflow_runs" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "workflow_runs_tenant_email_idx" ON "workflow_runs" USING btree ("tenant_id","email");--> statement-breakpoint
CREATE INDEX "crm_activity_tenant_run_idx" ON "crm_activity" USING btree ("tenant_id","run_id");--> statement-breakpoint
CREATE INDEX "drafts_tenant_state_created_idx" ON "drafts" USING btree ("tenant_id","state","created_at");--> statement-breakpoint
CREATE INDEX "drafts_tenant_run_idx" ON "drafts" USING btree ("tenant_id","run_id");--> statement-breakpoint
CREATE INDEX "side_effects_tenant_run_idx" ON "side_effects" USING btree ("tenant_id","run_id");--> statement-breakpoint
CREATE INDEX "audit_events_tenant_id_idx" ON "audit_events" USING btree ("tenant_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_events_tenant_run_idx" ON "audit_events" USING btree ("tenant_id","run_id","id" DESC NULLS FIRST);