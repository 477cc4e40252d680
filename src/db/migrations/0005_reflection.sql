CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_fetched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "export_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"file_name" text,
	"content_type" text,
	"content" "bytea",
	"byte_size" integer,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "export_jobs_kind_valid" CHECK ("export_jobs"."kind" in ('sessions', 'tasks', 'context-switches', 'report', 'insights', 'account')),
	CONSTRAINT "export_jobs_format_valid" CHECK ("export_jobs"."format" in ('csv', 'json', 'pdf')),
	CONSTRAINT "export_jobs_status_valid" CHECK ("export_jobs"."status" in ('queued', 'running', 'ready', 'failed')),
	CONSTRAINT "export_jobs_progress_range" CHECK ("export_jobs"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "insights" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"period_key" text NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"message" text NOT NULL,
	"recommendation" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"dismissed_at" timestamp with time zone,
	CONSTRAINT "insights_severity_valid" CHECK ("insights"."severity" in ('info', 'notice', 'warning'))
);
--> statement-breakpoint
ALTER TABLE "focus_sessions" ADD COLUMN "pause_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "focus_sessions" ADD COLUMN "first_pause_focus_seconds" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "weekly_focus_target_minutes" integer DEFAULT 600 NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insights" ADD CONSTRAINT "insights_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_user_key" ON "calendar_feeds" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "export_jobs_user_idx" ON "export_jobs" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "export_jobs_expires_idx" ON "export_jobs" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "insights_user_rule_period_key" ON "insights" USING btree ("user_id","rule","period_key");--> statement-breakpoint
CREATE INDEX "insights_user_idx" ON "insights" USING btree ("user_id","computed_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_weekly_target_range" CHECK ("users"."weekly_focus_target_minutes" between 30 and 6000);