CREATE TABLE "slack_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"sealed_token" text NOT NULL,
	"team_id" text NOT NULL,
	"team_name" text NOT NULL,
	"slack_user_id" text NOT NULL,
	"status" text DEFAULT 'connected' NOT NULL,
	"disconnected_reason" text,
	"disconnected_at" timestamp with time zone,
	"status_template" text DEFAULT 'In deep work until {end}' NOT NULL,
	"status_emoji" text DEFAULT ':headphones:' NOT NULL,
	"set_dnd" boolean DEFAULT true NOT NULL,
	"previous_text" text,
	"previous_emoji" text,
	"previous_expiration" timestamp with time zone,
	"is_applied" boolean DEFAULT false NOT NULL,
	"applied_session_id" uuid,
	"applied_text" text,
	"applied_emoji" text,
	"applied_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "slack_connections_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "slack_connections_status_valid" CHECK ("slack_connections"."status" in ('connected', 'disconnected'))
);
--> statement-breakpoint
CREATE TABLE "slack_oauth_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"sign_in_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "slack_connections" ADD CONSTRAINT "slack_connections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slack_oauth_states" ADD CONSTRAINT "slack_oauth_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slack_oauth_states" ADD CONSTRAINT "slack_oauth_states_sign_in_id_auth_sessions_id_fk" FOREIGN KEY ("sign_in_id") REFERENCES "public"."auth_sessions"("id") ON DELETE cascade ON UPDATE no action;