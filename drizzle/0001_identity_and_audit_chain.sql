CREATE SCHEMA "identity";
--> statement-breakpoint
CREATE TABLE "compliance"."audit_chain_heads" (
	"tenant_id" uuid NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_hash" char(64),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_chain_heads_pkey" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "identity"."account_students" (
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"student_usi" integer NOT NULL,
	"relation" text DEFAULT 'parent' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "account_students_pkey" PRIMARY KEY("tenant_id","account_id","student_usi"),
	CONSTRAINT "account_students_relation_check" CHECK ("relation" IN ('parent', 'guardian', 'self'))
);
--> statement-breakpoint
CREATE TABLE "identity"."accounts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"roles" text[] NOT NULL,
	"school_ids" integer[],
	"status" text DEFAULT 'active' NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"edfi_staff_usi" integer,
	"edfi_student_usi" integer,
	"oneroster_user_sourced_id" text,
	"classroom_teacher_id" uuid,
	"classroom_student_id" uuid,
	"core_user_id" text,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "accounts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "accounts_email_key" UNIQUE("tenant_id","email"),
	CONSTRAINT "accounts_status_check" CHECK ("status" IN ('active', 'disabled')),
	CONSTRAINT "accounts_roles_check" CHECK ("roles" <@ ARRAY['district_admin', 'school_admin', 'teacher', 'counselor', 'nurse', 'special_education_coordinator', 'librarian', 'cafeteria_manager', 'transportation_coordinator', 'finance', 'admissions', 'auditor', 'student', 'parent', 'api_client']::text[] AND cardinality("roles") > 0),
	CONSTRAINT "accounts_email_lower_check" CHECK ("email" = lower("email")),
	CONSTRAINT "accounts_failed_attempts_check" CHECK ("failed_attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "identity"."external_identities" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "external_identities_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "external_identities_subject_key" UNIQUE("tenant_id","issuer","subject")
);
--> statement-breakpoint
CREATE TABLE "identity"."oauth_clients" (
	"tenant_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"school_ids" integer[],
	"created_at" timestamp with time zone DEFAULT now(),
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "oauth_clients_pkey" PRIMARY KEY("tenant_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "identity"."password_resets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "password_resets_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "password_resets_token_hash_key" UNIQUE("tenant_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "identity"."revoked_tokens" (
	"tenant_id" uuid NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "revoked_tokens_pkey" PRIMARY KEY("tenant_id","jti")
);
--> statement-breakpoint
CREATE TABLE "identity"."sessions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"ip" "inet",
	"user_agent" text,
	CONSTRAINT "sessions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sessions_token_hash_key" UNIQUE("tenant_id","token_hash")
);
--> statement-breakpoint
ALTER TABLE "compliance"."audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."account_students" ADD CONSTRAINT "account_students_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."account_students" ADD CONSTRAINT "account_students_account_fkey" FOREIGN KEY ("tenant_id","account_id") REFERENCES "identity"."accounts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."accounts" ADD CONSTRAINT "accounts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."external_identities" ADD CONSTRAINT "external_identities_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."external_identities" ADD CONSTRAINT "external_identities_account_fkey" FOREIGN KEY ("tenant_id","account_id") REFERENCES "identity"."accounts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."oauth_clients" ADD CONSTRAINT "oauth_clients_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."password_resets" ADD CONSTRAINT "password_resets_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."password_resets" ADD CONSTRAINT "password_resets_account_fkey" FOREIGN KEY ("tenant_id","account_id") REFERENCES "identity"."accounts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."revoked_tokens" ADD CONSTRAINT "revoked_tokens_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."sessions" ADD CONSTRAINT "sessions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."sessions" ADD CONSTRAINT "sessions_account_fkey" FOREIGN KEY ("tenant_id","account_id") REFERENCES "identity"."accounts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_students_student_idx" ON "identity"."account_students" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "external_identities_account_idx" ON "identity"."external_identities" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE INDEX "oauth_clients_client_id_idx" ON "identity"."oauth_clients" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "password_resets_account_idx" ON "identity"."password_resets" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "identity"."sessions" USING btree ("tenant_id","account_id");