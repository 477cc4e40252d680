CREATE TABLE "focus_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"slot" smallint NOT NULL,
	"kind" text GENERATED ALWAYS AS (case when slot = 4 then 'admin' else 'personal' end) STORED NOT NULL,
	"goal" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"goal_revision" integer DEFAULT 0 NOT NULL,
	"notes_revision" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"planned_minutes" integer NOT NULL,
	"extension_seconds" integer DEFAULT 0 NOT NULL,
	"accumulated_ms" bigint DEFAULT 0 NOT NULL,
	"active_since" timestamp with time zone,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"focus_seconds" integer,
	"overtime_seconds" integer,
	"is_flagged" boolean DEFAULT false NOT NULL,
	"logged_afterwards" boolean DEFAULT false NOT NULL,
	"skip_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "focus_sessions_slot_range" CHECK ("focus_sessions"."slot" between 1 and 4),
	CONSTRAINT "focus_sessions_state_valid" CHECK ("focus_sessions"."state" in ('planned', 'active', 'paused', 'completed', 'skipped')),
	CONSTRAINT "focus_sessions_planned_range" CHECK ("focus_sessions"."planned_minutes" between 5 and 240),
	CONSTRAINT "focus_sessions_goal_length" CHECK (char_length("focus_sessions"."goal") <= 255),
	CONSTRAINT "focus_sessions_notes_length" CHECK (char_length("focus_sessions"."notes") <= 20000),
	CONSTRAINT "focus_sessions_active_has_start" CHECK (("focus_sessions"."state" = 'active') = ("focus_sessions"."active_since" is not null)),
	CONSTRAINT "focus_sessions_accumulated_positive" CHECK ("focus_sessions"."accumulated_ms" >= 0 and "focus_sessions"."extension_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "user_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "focus_sessions" ADD CONSTRAINT "focus_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_events" ADD CONSTRAINT "user_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "focus_sessions_day_slot_key" ON "focus_sessions" USING btree ("user_id","local_date","slot");--> statement-breakpoint
CREATE UNIQUE INDEX "focus_sessions_one_active_key" ON "focus_sessions" USING btree ("user_id") WHERE state = 'active';--> statement-breakpoint
CREATE INDEX "focus_sessions_open_idx" ON "focus_sessions" USING btree ("user_id") WHERE state in ('active', 'paused');--> statement-breakpoint
CREATE INDEX "user_events_user_id_idx" ON "user_events" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "user_events_created_idx" ON "user_events" USING btree ("created_at");