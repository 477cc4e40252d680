CREATE TABLE "context_switches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"from_task_id" uuid,
	"to_task_id" uuid,
	CONSTRAINT "context_switches_reason_valid" CHECK ("context_switches"."reason" in ('meeting', 'message', 'colleague', 'urgent', 'own_idea', 'break', 'other'))
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"color" text DEFAULT 'teal' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "projects_status_valid" CHECK ("projects"."status" in ('active', 'paused', 'done', 'archived')),
	CONSTRAINT "projects_name_length" CHECK (char_length("projects"."name") between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"task_id" uuid,
	"session_id" uuid,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "resources_owner" CHECK ("resources"."task_id" is not null or "resources"."session_id" is not null),
	CONSTRAINT "resources_kind_valid" CHECK ("resources"."kind" in ('pull_request', 'issue', 'doc', 'design', 'other'))
);
--> statement-breakpoint
CREATE TABLE "session_tasks" (
	"session_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"role" text NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "session_tasks_session_id_task_id_pk" PRIMARY KEY("session_id","task_id"),
	CONSTRAINT "session_tasks_role_valid" CHECK ("session_tasks"."role" in ('main', 'supporting'))
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"project_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"type" text DEFAULT 'feature' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'todo' NOT NULL,
	"estimate_sessions" integer,
	"due_date" date,
	"external_url" text,
	"external_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tasks_type_valid" CHECK ("tasks"."type" in ('bug', 'feature', 'refactor', 'research', 'chore', 'admin')),
	CONSTRAINT "tasks_priority_valid" CHECK ("tasks"."priority" in ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "tasks_status_valid" CHECK ("tasks"."status" in ('todo', 'doing', 'done', 'dropped')),
	CONSTRAINT "tasks_title_length" CHECK (char_length("tasks"."title") between 1 and 255),
	CONSTRAINT "tasks_estimate_range" CHECK ("tasks"."estimate_sessions" is null or "tasks"."estimate_sessions" between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "focus_sessions" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "focus_sessions" ADD COLUMN "outcome_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "context_switches" ADD CONSTRAINT "context_switches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_switches" ADD CONSTRAINT "context_switches_session_id_focus_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."focus_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_switches" ADD CONSTRAINT "context_switches_from_task_id_tasks_id_fk" FOREIGN KEY ("from_task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_switches" ADD CONSTRAINT "context_switches_to_task_id_tasks_id_fk" FOREIGN KEY ("to_task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_session_id_focus_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."focus_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_tasks" ADD CONSTRAINT "session_tasks_session_id_focus_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."focus_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_tasks" ADD CONSTRAINT "session_tasks_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_tasks" ADD CONSTRAINT "session_tasks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "context_switches_user_idx" ON "context_switches" USING btree ("user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "context_switches_session_idx" ON "context_switches" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "projects_user_idx" ON "projects" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_user_name_key" ON "projects" USING btree ("user_id",lower("name"));--> statement-breakpoint
CREATE INDEX "resources_task_idx" ON "resources" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "resources_session_idx" ON "resources" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_tasks_one_main_key" ON "session_tasks" USING btree ("session_id") WHERE role = 'main';--> statement-breakpoint
CREATE INDEX "session_tasks_task_idx" ON "session_tasks" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "tasks_user_idx" ON "tasks" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "tasks_project_idx" ON "tasks" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "tasks_search_idx" ON "tasks" USING gin (to_tsvector('english', "title" || ' ' || "description"));--> statement-breakpoint
CREATE INDEX "focus_sessions_search_idx" ON "focus_sessions" USING gin (to_tsvector('english', "goal" || ' ' || "notes" || ' ' || "outcome_note"));--> statement-breakpoint
ALTER TABLE "focus_sessions" ADD CONSTRAINT "focus_sessions_outcome_valid" CHECK ("focus_sessions"."outcome" is null or "focus_sessions"."outcome" in ('done', 'progressed', 'blocked', 'nothing'));