CREATE SCHEMA "activities";
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS "admin";
--> statement-breakpoint
CREATE SCHEMA "ai_insights";
--> statement-breakpoint
CREATE SCHEMA "ai_memory";
--> statement-breakpoint
CREATE SCHEMA "analytics";
--> statement-breakpoint
CREATE SCHEMA "audio";
--> statement-breakpoint
CREATE SCHEMA "cafeteria";
--> statement-breakpoint
CREATE SCHEMA "communication";
--> statement-breakpoint
CREATE SCHEMA "compliance";
--> statement-breakpoint
CREATE SCHEMA "core";
--> statement-breakpoint
CREATE SCHEMA "crm";
--> statement-breakpoint
CREATE SCHEMA "curriculum";
--> statement-breakpoint
CREATE SCHEMA "edfi";
--> statement-breakpoint
CREATE SCHEMA "finance";
--> statement-breakpoint
CREATE SCHEMA "health";
--> statement-breakpoint
CREATE SCHEMA "library";
--> statement-breakpoint
CREATE SCHEMA "notifications";
--> statement-breakpoint
CREATE SCHEMA "oneroster";
--> statement-breakpoint
CREATE SCHEMA "operational";
--> statement-breakpoint
CREATE SCHEMA "school_ops";
--> statement-breakpoint
CREATE SCHEMA "sessions";
--> statement-breakpoint
CREATE SCHEMA "specialed";
--> statement-breakpoint
CREATE SCHEMA "supervision";
--> statement-breakpoint
CREATE SCHEMA "toolbox";
--> statement-breakpoint
CREATE SCHEMA "transportation";
--> statement-breakpoint
CREATE SCHEMA "two_hour_learning";
--> statement-breakpoint
CREATE SCHEMA "users";
--> statement-breakpoint
CREATE SCHEMA "platform";
--> statement-breakpoint
CREATE SEQUENCE "edfi"."changeversionsequence" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "platform"."tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_slug_key" UNIQUE("slug"),
	CONSTRAINT "tenants_kind_check" CHECK ("platform"."tenants"."kind" IN ('district', 'school', 'language_school')),
	CONSTRAINT "tenants_slug_format" CHECK ("platform"."tenants"."slug" ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);
--> statement-breakpoint
-- Reviewed edit: the migration runner creates this table before the first migration (BOOTSTRAP_SQL).
CREATE TABLE IF NOT EXISTS "admin"."schema_migrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"error_message" text,
	"executed_at" timestamp with time zone DEFAULT now(),
	"execution_time_ms" bigint,
	"migration_file" text,
	"migration_name" text,
	"sql_hash" text,
	"status" text,
	CONSTRAINT "schema_migrations_status_check" CHECK ("status" IN ('applied', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "activities"."activities" (
	"tenant_id" uuid NOT NULL,
	"activity_id" serial NOT NULL,
	"activity_name" varchar(200) NOT NULL,
	"activity_type" varchar(50),
	"description" text,
	"advisor_name" varchar(200),
	"advisor_staff_usi" integer,
	"meeting_schedule" varchar(200),
	"location" varchar(200),
	"max_participants" integer,
	"registration_fee" numeric(10, 2),
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "activities_pkey" PRIMARY KEY("tenant_id","activity_id")
);
--> statement-breakpoint
CREATE TABLE "activities"."student_activity_participation" (
	"tenant_id" uuid NOT NULL,
	"participation_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"activity_id" integer NOT NULL,
	"join_date" date NOT NULL,
	"leave_date" date,
	"role" varchar(100),
	"participation_status" varchar(20) DEFAULT 'Active',
	"registration_paid" boolean DEFAULT false,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "student_activity_participation_pkey" PRIMARY KEY("tenant_id","participation_id"),
	CONSTRAINT "student_activity_participation_status_check" CHECK (lower("participation_status") IN ('active', 'inactive'))
);
--> statement-breakpoint
CREATE TABLE "ai_memory"."memory_contradictions" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"graph_id" text NOT NULL,
	"node_a" text NOT NULL,
	"node_b" text NOT NULL,
	"resolved" boolean DEFAULT false,
	"resolved_to" text,
	"strategy" text,
	"detected_at" timestamp with time zone DEFAULT now(),
	"resolved_at" timestamp with time zone,
	CONSTRAINT "memory_contradictions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "memory_contradictions_strategy_check" CHECK ("strategy" IN ('newer_wins', 'stronger_wins', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "ai_memory"."memory_edges" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"graph_id" text NOT NULL,
	"source_id" text NOT NULL,
	"target_id" text NOT NULL,
	"type" text,
	"direction" text DEFAULT 'forward',
	"weight" double precision,
	"valence" double precision,
	"reverse_weight" double precision,
	"sequence" integer,
	"strength" double precision,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "memory_edges_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "memory_edges_direction_check" CHECK ("direction" IN ('forward', 'backward', 'bidirectional')),
	CONSTRAINT "memory_edges_valence_check" CHECK ("valence" BETWEEN -1 AND 1)
);
--> statement-breakpoint
CREATE TABLE "ai_memory"."memory_graphs" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"student_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"snr" double precision,
	"compression_passes" integer DEFAULT 0,
	"loss_vector" "bytea",
	"node_count" integer DEFAULT 0,
	"edge_count" integer DEFAULT 0,
	"oldest_memory" timestamp with time zone,
	"newest_memory" timestamp with time zone,
	"version" integer DEFAULT 1,
	"last_compressed" timestamp with time zone,
	"last_accessed" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "memory_graphs_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "ai_memory"."memory_ledger" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"graph_id" text NOT NULL,
	"content" text,
	"summary" text,
	"category" text,
	"importance" double precision,
	"trigger_threshold" double precision,
	"linked_nodes" jsonb,
	"triggers" jsonb,
	"trigger_entities" jsonb,
	"source_type" text,
	"source_entity" text,
	"source_date" timestamp with time zone,
	"is_active" boolean DEFAULT true,
	"expires_at" timestamp with time zone,
	"access_count" integer DEFAULT 0,
	"last_accessed" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "memory_ledger_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "memory_ledger_category_check" CHECK ("category" IN ('promise', 'secret', 'debt', 'threat', 'fact', 'instruction', 'observation')),
	CONSTRAINT "memory_ledger_importance_check" CHECK ("importance" BETWEEN 0 AND 1)
);
--> statement-breakpoint
CREATE TABLE "ai_memory"."memory_nodes" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"graph_id" text NOT NULL,
	"content" text,
	"content_hash" text,
	"gravity" double precision,
	"salience" double precision,
	"confidence" double precision,
	"modality" text,
	"sequence" integer,
	"timestamp" timestamp with time zone,
	"strength" double precision,
	"last_accessed" timestamp with time zone,
	"source_type" text,
	"source_id" text,
	"embedding" "bytea",
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "memory_nodes_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "memory_nodes_modality_check" CHECK ("modality" IN ('episodic', 'semantic', 'procedural', 'emotional', 'sensory')),
	CONSTRAINT "memory_nodes_source_type_check" CHECK ("source_type" IN ('chat', 'lesson', 'system'))
);
--> statement-breakpoint
CREATE TABLE "ai_memory"."student_world_overlay" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"student_id" text NOT NULL,
	"graph_id" text NOT NULL,
	"known_nodes" jsonb,
	"known_edges" jsonb,
	"node_overrides" jsonb,
	"relationship_cache" jsonb,
	"stats" jsonb,
	"version" integer DEFAULT 1,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "student_world_overlay_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "cafeteria"."meal_plans" (
	"tenant_id" uuid NOT NULL,
	"meal_plan_id" serial NOT NULL,
	"plan_name" varchar(100) NOT NULL,
	"description" text,
	"daily_rate" numeric(10, 2),
	"weekly_rate" numeric(10, 2),
	"monthly_rate" numeric(10, 2),
	"yearly_rate" numeric(10, 2),
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "meal_plans_pkey" PRIMARY KEY("tenant_id","meal_plan_id")
);
--> statement-breakpoint
CREATE TABLE "cafeteria"."meal_transactions" (
	"tenant_id" uuid NOT NULL,
	"transaction_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"transaction_date" date NOT NULL,
	"transaction_time" time NOT NULL,
	"meal_type" varchar(20) NOT NULL,
	"amount" numeric(10, 2) NOT NULL,
	"payment_method" varchar(20),
	"account_balance" numeric(10, 2),
	"cashier_id" varchar(100),
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "meal_transactions_pkey" PRIMARY KEY("tenant_id","transaction_id"),
	CONSTRAINT "meal_transactions_meal_type_check" CHECK (lower("meal_type") IN ('breakfast', 'lunch', 'snack'))
);
--> statement-breakpoint
CREATE TABLE "cafeteria"."student_meal_plans" (
	"tenant_id" uuid NOT NULL,
	"assignment_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"meal_plan_id" integer NOT NULL,
	"effective_date" date NOT NULL,
	"end_date" date,
	"free_reduced_status" varchar(20),
	"account_balance" numeric(10, 2) DEFAULT 0,
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "student_meal_plans_pkey" PRIMARY KEY("tenant_id","assignment_id"),
	CONSTRAINT "student_meal_plans_free_reduced_status_check" CHECK (lower("free_reduced_status") IN ('free', 'reduced', 'paid'))
);
--> statement-breakpoint
CREATE TABLE "users"."schools" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"domain" text,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "schools_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "users"."students" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text,
	"display_name" text,
	"email" text,
	"school_id" uuid,
	"grade_level" text,
	"status" text,
	"has_parental_consent" boolean,
	"consent_date" timestamp with time zone,
	"parent_email" text,
	"email_consent" boolean,
	"coppa_compliant" boolean,
	"teacher_verified_age" boolean,
	"data_sharing_consent" boolean,
	"audio_recording_consent" boolean,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "students_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "users"."teachers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text,
	"name" text,
	"school_id" uuid,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "teachers_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions"."classroom_sessions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"goal" text,
	"subject" text,
	"description" text,
	"planned_duration_minutes" integer,
	"teacher_id" uuid NOT NULL,
	"school_id" uuid,
	"scheduled_start" timestamp with time zone,
	"actual_start" timestamp with time zone,
	"actual_end" timestamp with time zone,
	"target_group_size" integer,
	"max_students" integer,
	"auto_group_enabled" boolean NOT NULL,
	"recording_enabled" boolean NOT NULL,
	"transcription_enabled" boolean NOT NULL,
	"ai_analysis_enabled" boolean NOT NULL,
	"ferpa_compliant" boolean NOT NULL,
	"coppa_compliant" boolean NOT NULL,
	"recording_consent_obtained" boolean NOT NULL,
	"data_retention_date" timestamp with time zone,
	"total_groups" integer,
	"total_students" integer,
	"access_code" text,
	"engagement_score" numeric,
	"participation_rate" numeric,
	"actual_duration_minutes" integer,
	"end_reason" text,
	"teacher_notes" text,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "classroom_sessions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "classroom_sessions_access_code_key" UNIQUE("tenant_id","access_code"),
	CONSTRAINT "classroom_sessions_planned_duration_check" CHECK ("planned_duration_minutes" >= 0),
	CONSTRAINT "classroom_sessions_target_group_size_check" CHECK ("target_group_size" >= 0),
	CONSTRAINT "classroom_sessions_max_students_check" CHECK ("max_students" >= 0),
	CONSTRAINT "classroom_sessions_total_groups_check" CHECK ("total_groups" >= 0),
	CONSTRAINT "classroom_sessions_total_students_check" CHECK ("total_students" >= 0),
	CONSTRAINT "classroom_sessions_actual_duration_check" CHECK ("actual_duration_minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sessions"."participants" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid,
	"group_id" uuid,
	"student_id" uuid,
	"anonymous_id" uuid,
	"display_name" text,
	"join_time" timestamp with time zone,
	"leave_time" timestamp with time zone,
	"is_active" boolean,
	"device_type" text,
	"browser_info" text,
	"connection_quality" text,
	"can_speak" boolean,
	"can_hear" boolean,
	"is_muted" boolean,
	"total_speaking_time_seconds" integer,
	"message_count" integer,
	"interaction_count" integer,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "participants_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "participants_speaking_time_check" CHECK ("total_speaking_time_seconds" >= 0),
	CONSTRAINT "participants_message_count_check" CHECK ("message_count" >= 0),
	CONSTRAINT "participants_interaction_count_check" CHECK ("interaction_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sessions"."student_group_members" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"role" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "student_group_members_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "student_group_members_group_student_key" UNIQUE("tenant_id","group_id","student_id")
);
--> statement-breakpoint
CREATE TABLE "sessions"."student_groups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"name" text NOT NULL,
	"group_number" integer,
	"status" text,
	"max_size" integer,
	"current_size" integer,
	"leader_id" uuid,
	"is_ready" boolean NOT NULL,
	"auto_managed" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "student_groups_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "student_groups_max_size_check" CHECK ("max_size" >= 0),
	CONSTRAINT "student_groups_current_size_check" CHECK ("current_size" >= 0)
);
--> statement-breakpoint
CREATE TABLE "communication"."messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid,
	"created_at" timestamp with time zone DEFAULT now(),
	"content" text,
	"deleted_at" timestamp with time zone,
	"is_archived" boolean,
	"is_deleted" boolean,
	"is_read" boolean,
	"message_type" text,
	"metadata" jsonb,
	"read_at" timestamp with time zone,
	"recipient_id" uuid,
	"recipient_type" text,
	"sender_id" uuid,
	"sender_type" text,
	"subject" text,
	CONSTRAINT "messages_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "audio"."recordings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid,
	"created_at" timestamp with time zone DEFAULT now(),
	"channels" integer,
	"codec" text,
	"duration_seconds" integer,
	"file_path" text,
	"file_size_bytes" bigint,
	"format" text,
	"group_id" uuid,
	"is_processed" boolean,
	"last_error" text,
	"participant_id" uuid,
	"processed_at" timestamp with time zone,
	"processing_attempts" integer,
	"sample_rate" integer,
	"transcription_status" text,
	CONSTRAINT "recordings_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "recordings_duration_seconds_check" CHECK ("duration_seconds" >= 0),
	CONSTRAINT "recordings_file_size_bytes_check" CHECK ("file_size_bytes" >= 0),
	CONSTRAINT "recordings_processing_attempts_check" CHECK ("processing_attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "analytics"."session_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"teacher_id" uuid,
	"event_type" text NOT NULL,
	"event_time" timestamp with time zone,
	"payload" jsonb,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "session_events_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "ai_insights"."dev_schema_version" (
	"version" integer NOT NULL,
	"applied_at" timestamp with time zone,
	CONSTRAINT "dev_schema_version_pkey" PRIMARY KEY("version")
);
--> statement-breakpoint
CREATE TABLE "ai_insights"."teacher_guidance_metrics" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"teacher_id" uuid NOT NULL,
	"prompt_id" uuid NOT NULL,
	"prompt_category" text NOT NULL,
	"priority_level" text NOT NULL,
	"prompt_message" text NOT NULL,
	"prompt_context" text,
	"suggested_timing" text,
	"session_phase" text,
	"subject_area" text,
	"target_metric" text,
	"learning_objectives" jsonb,
	"group_id" uuid,
	"generated_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"dismissed_at" timestamp with time zone,
	"feedback_rating" numeric,
	"feedback_text" text,
	"response_time_seconds" integer,
	"context_reason" text,
	"context_prior_topic" text,
	"context_current_topic" text,
	"context_transition_idea" text,
	"context_supporting_lines" jsonb,
	"context_confidence" numeric,
	"bridging_prompt" text,
	"on_track_summary" text,
	"effectiveness_score" numeric,
	"impact_confidence" numeric,
	"educational_purpose" text,
	"compliance_basis" text,
	"data_retention_date" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "teacher_guidance_metrics_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "teacher_guidance_metrics_response_time_check" CHECK ("response_time_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ai_insights"."teacher_prompt_effectiveness" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"prompt_category" text NOT NULL,
	"subject_area" text,
	"session_phase" text,
	"priority_level" text,
	"total_generated" integer NOT NULL,
	"total_acknowledged" integer NOT NULL,
	"total_used" integer NOT NULL,
	"total_dismissed" integer NOT NULL,
	"avg_effectiveness_score" numeric,
	"avg_feedback_rating" numeric,
	"avg_response_time_seconds" integer,
	"avg_learning_impact" numeric,
	"data_points" integer NOT NULL,
	"calculation_period_start" timestamp with time zone,
	"calculation_period_end" timestamp with time zone,
	"last_calculated" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "teacher_prompt_effectiveness_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "teacher_prompt_effectiveness_generated_check" CHECK ("total_generated" >= 0),
	CONSTRAINT "teacher_prompt_effectiveness_acknowledged_check" CHECK ("total_acknowledged" >= 0),
	CONSTRAINT "teacher_prompt_effectiveness_used_check" CHECK ("total_used" >= 0),
	CONSTRAINT "teacher_prompt_effectiveness_dismissed_check" CHECK ("total_dismissed" >= 0),
	CONSTRAINT "teacher_prompt_effectiveness_response_time_check" CHECK ("avg_response_time_seconds" >= 0),
	CONSTRAINT "teacher_prompt_effectiveness_data_points_check" CHECK ("data_points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "compliance"."audit_logs" (
	"tenant_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"user_id" varchar(255) NOT NULL,
	"session_id" varchar(255),
	"table_name" varchar(100) NOT NULL,
	"record_id" varchar(255),
	"operation" varchar(20) NOT NULL,
	"old_values" jsonb,
	"new_values" jsonb,
	"ip_address" "inet",
	"user_agent" text,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL,
	"legitimate_educational_interest" boolean DEFAULT false,
	"justification" text,
	"data_categories" text[],
	"retention_date" date,
	"actor_role" varchar(50),
	"tenant_seq" bigint NOT NULL,
	"prev_hash" char(64),
	"row_hash" char(64) NOT NULL,
	CONSTRAINT "audit_logs_pkey" PRIMARY KEY("tenant_id","id","timestamp"),
	CONSTRAINT "audit_logs_tenant_seq_key" UNIQUE("tenant_id","tenant_seq","timestamp"),
	CONSTRAINT "audit_logs_operation_check" CHECK ("operation" IN ('INSERT', 'UPDATE', 'DELETE', 'SELECT'))
) PARTITION BY RANGE ("timestamp");
-- Reviewed edit: seed 004 §12 range-partitions audit_logs by month (drizzle-kit cannot express it).

--> statement-breakpoint
CREATE TABLE "compliance"."data_access_controls" (
	"tenant_id" uuid NOT NULL,
	"id" serial NOT NULL,
	"role_name" varchar(100) NOT NULL,
	"resource_type" varchar(100) NOT NULL,
	"resource_identifier" varchar(255) NOT NULL,
	"permission_type" varchar(20) NOT NULL,
	"conditions" jsonb,
	"educational_interest_required" boolean DEFAULT true,
	"approval_required" boolean DEFAULT false,
	"approver_role" varchar(100),
	"active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "data_access_controls_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "data_access_controls_rule_key" UNIQUE("tenant_id","role_name","resource_type","resource_identifier","permission_type"),
	CONSTRAINT "data_access_controls_permission_type_check" CHECK (lower("permission_type") IN ('read', 'write', 'delete'))
);
--> statement-breakpoint
CREATE TABLE "compliance"."data_retention_policies" (
	"tenant_id" uuid NOT NULL,
	"id" serial NOT NULL,
	"data_category" varchar(100) NOT NULL,
	"table_name" varchar(100) NOT NULL,
	"retention_period_years" integer NOT NULL,
	"retention_criteria" jsonb,
	"legal_basis" text NOT NULL,
	"disposal_method" varchar(50) NOT NULL,
	"review_frequency_months" integer DEFAULT 12,
	"last_review_date" date,
	"next_review_date" date,
	"active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "data_retention_policies_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "data_retention_policies_disposal_method_check" CHECK (lower("disposal_method") IN ('delete', 'archive', 'anonymize'))
);
--> statement-breakpoint
CREATE TABLE "compliance"."ferpa_compliance_log" (
	"tenant_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"entity_type" varchar(50) NOT NULL,
	"entity_id" varchar(255) NOT NULL,
	"data_classification" varchar(20) NOT NULL,
	"compliance_rule" varchar(100) NOT NULL,
	"compliance_status" varchar(20) NOT NULL,
	"violation_details" jsonb,
	"remediation_action" text,
	"review_date" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "ferpa_compliance_log_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "ferpa_compliance_log_data_classification_check" CHECK (lower("data_classification") IN ('public', 'directory', 'private')),
	CONSTRAINT "ferpa_compliance_log_compliance_status_check" CHECK (lower("compliance_status") IN ('compliant', 'violation'))
);
--> statement-breakpoint
CREATE TABLE "compliance"."privacy_consents" (
	"tenant_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"student_id" varchar(255) NOT NULL,
	"parent_guardian_id" varchar(255),
	"consent_type" varchar(50) NOT NULL,
	"consent_status" varchar(20) NOT NULL,
	"consent_date" timestamp with time zone NOT NULL,
	"expiration_date" timestamp with time zone,
	"withdrawal_date" timestamp with time zone,
	"consent_method" varchar(50),
	"ip_address" "inet",
	"consent_details" jsonb,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "privacy_consents_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "privacy_consents_consent_status_check" CHECK (lower("consent_status") IN ('granted', 'denied', 'withdrawn')),
	CONSTRAINT "privacy_consents_consent_method_check" CHECK (lower("consent_method") IN ('online', 'paper', 'verbal'))
);
--> statement-breakpoint
CREATE TABLE "compliance"."audit_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid,
	"school_id" uuid,
	"created_at" timestamp with time zone DEFAULT now(),
	"actor_id" uuid,
	"actor_type" text,
	"affected_student_ids" uuid,
	"compliance_basis" text,
	"data_accessed" text,
	"description" text,
	"event_category" text,
	"event_timestamp" timestamp with time zone,
	"event_type" text,
	"ip_address" text,
	"resource_id" uuid,
	"resource_type" text,
	"user_agent" text,
	CONSTRAINT "audit_log_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "compliance"."coppa_compliance" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"age_verification_method" text,
	"age_verified_at" timestamp with time zone,
	"auto_delete_enabled" boolean,
	"birth_year" integer,
	"data_collection_limited" boolean,
	"delete_after_days" integer,
	"deletion_completed_at" timestamp with time zone,
	"deletion_requested_at" timestamp with time zone,
	"is_under_13" boolean,
	"no_behavioral_targeting" boolean,
	"no_third_party_sharing" boolean,
	"parent_access_enabled" boolean,
	"parent_last_reviewed" timestamp with time zone,
	"student_id" uuid,
	CONSTRAINT "coppa_compliance_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "coppa_compliance_delete_after_days_check" CHECK ("delete_after_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "compliance"."parental_consents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"consent_date" timestamp with time zone,
	"consent_given" boolean,
	"consent_text_version" text,
	"consent_type" text,
	"expires_at" timestamp with time zone,
	"ip_address" text,
	"parent_email" text,
	"parent_name" text,
	"relationship" text,
	"revoked_at" timestamp with time zone,
	"student_id" uuid,
	"user_agent" text,
	"verification_method" text,
	"verification_token" text,
	"verified_at" timestamp with time zone,
	CONSTRAINT "parental_consents_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "compliance"."retention_policies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"archive_after_days" integer,
	"auto_delete_enabled" boolean,
	"delete_after_days" integer,
	"legal_basis" text,
	"policy_type" text,
	"retention_days" integer,
	CONSTRAINT "retention_policies_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "retention_policies_archive_after_days_check" CHECK ("archive_after_days" >= 0),
	CONSTRAINT "retention_policies_delete_after_days_check" CHECK ("delete_after_days" >= 0),
	CONSTRAINT "retention_policies_retention_days_check" CHECK ("retention_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "core"."addresses" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"type" text,
	"street" text,
	"number" text,
	"complement" text,
	"neighborhood" text,
	"city" text,
	"state" text,
	"zip_code" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "addresses_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "addresses_type_check" CHECK ("type" IN ('main', 'billing'))
);
--> statement-breakpoint
CREATE TABLE "core"."families" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"parent_id" text NOT NULL,
	"child_id" text NOT NULL,
	"relationship" text,
	"is_primary" boolean DEFAULT false,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "families_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "families_relationship_check" CHECK ("relationship" IN ('mother', 'father', 'guardian', 'other'))
);
--> statement-breakpoint
CREATE TABLE "core"."organizations" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"name" text,
	"slug" text,
	"clerk_org_id" text,
	"settings" jsonb,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "organizations_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "organizations_slug_key" UNIQUE("tenant_id","slug")
);
--> statement-breakpoint
CREATE TABLE "core"."users" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"clerk_user_id" text,
	"email" text,
	"first_name" text,
	"last_name" text,
	"role" text,
	"phone" text,
	"whatsapp" text,
	"cpf" text,
	"birth_date" date,
	"avatar_url" text,
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "users_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "users_role_check" CHECK ("role" IN ('student', 'teacher', 'parent', 'staff', 'school', 'owner'))
);
--> statement-breakpoint
CREATE TABLE "crm"."lead_interactions" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"lead_id" text NOT NULL,
	"user_id" text,
	"type" text,
	"content" text,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "lead_interactions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "lead_interactions_type_check" CHECK ("type" IN ('call', 'email', 'whatsapp', 'meeting', 'note'))
);
--> statement-breakpoint
CREATE TABLE "crm"."leads" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"name" text,
	"email" text,
	"phone" text,
	"source" text,
	"status" text DEFAULT 'new',
	"interest" text,
	"assigned_to" text,
	"last_contact" timestamp with time zone,
	"notes" text,
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "leads_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "leads_source_check" CHECK ("source" IN ('website', 'referral', 'walk_in', 'ad')),
	CONSTRAINT "leads_status_check" CHECK ("status" IN ('new', 'contacted', 'qualified', 'trial', 'enrolled', 'lost'))
);
--> statement-breakpoint
CREATE TABLE "crm"."referrals" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"referrer_id" text NOT NULL,
	"referred_lead_id" text NOT NULL,
	"converted" boolean DEFAULT false,
	"reward_given" boolean DEFAULT false,
	"reward_type" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "referrals_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "referrals_reward_type_check" CHECK ("reward_type" IN ('discount', 'credit', 'gift'))
);
--> statement-breakpoint
CREATE TABLE "crm"."trials" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"lead_id" text NOT NULL,
	"class_id" text,
	"session_id" text,
	"scheduled_at" timestamp with time zone,
	"status" text DEFAULT 'scheduled',
	"attended" boolean DEFAULT false,
	"feedback" text,
	"follow_up_at" timestamp with time zone,
	CONSTRAINT "trials_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "trials_status_check" CHECK ("status" IN ('scheduled', 'confirmed', 'completed', 'no_show', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "curriculum"."badges" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"name" text,
	"description" text,
	"icon" text,
	"color" text,
	"category" text,
	CONSTRAINT "badges_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "badges_category_check" CHECK ("category" IN ('module', 'technique', 'streak', 'special'))
);
--> statement-breakpoint
CREATE TABLE "curriculum"."course_types" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"code" text,
	"name" text,
	"description" text,
	"color" text,
	"is_active" boolean DEFAULT true,
	CONSTRAINT "course_types_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "course_types_organization_id_code_key" UNIQUE("tenant_id","organization_id","code")
);
--> statement-breakpoint
CREATE TABLE "curriculum"."lessons" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"module_id" text NOT NULL,
	"title" text,
	"content_mdx" text,
	"order" integer,
	"points" integer,
	"estimated_minutes" integer,
	"objectives" jsonb,
	"tasks" jsonb,
	CONSTRAINT "lessons_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "curriculum"."levels" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"course_type_id" text NOT NULL,
	"code" text,
	"name" text,
	"order" integer,
	CONSTRAINT "levels_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "levels_course_type_id_code_key" UNIQUE("tenant_id","course_type_id","code")
);
--> statement-breakpoint
CREATE TABLE "curriculum"."modules" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"level_id" text NOT NULL,
	"code" text,
	"name" text,
	"description" text,
	"order" integer,
	"points_required" integer,
	"badge_id" text,
	CONSTRAINT "modules_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "curriculum"."prompts" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"lesson_id" text NOT NULL,
	"title" text,
	"system_prompt" text,
	"user_template" text,
	"character" text,
	"order" integer,
	"technique" text,
	CONSTRAINT "prompts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "prompts_technique_check" CHECK ("technique" IN ('orbit', 'slingshot', 'black_hole', 'constellation'))
);
--> statement-breakpoint
CREATE TABLE "admin"."districts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"contact_email" text,
	"contact_phone" text,
	"contract_details" jsonb,
	"is_active" boolean,
	"name" text,
	"region" text,
	"school_count" integer,
	"state" text,
	"student_count" integer,
	"subscription_tier" text,
	"superintendent_name" text,
	"teacher_count" integer,
	"website" text,
	CONSTRAINT "districts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "districts_school_count_check" CHECK ("school_count" >= 0),
	CONSTRAINT "districts_student_count_check" CHECK ("student_count" >= 0),
	CONSTRAINT "districts_teacher_count_check" CHECK ("teacher_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "admin"."school_settings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"description" text,
	"is_editable" boolean,
	"setting_key" text,
	"setting_type" text,
	"setting_value" text,
	CONSTRAINT "school_settings_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."descriptor" (
	"descriptorid" serial NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"codevalue" varchar(50) NOT NULL,
	"shortdescription" varchar(75) NOT NULL,
	"description" varchar(1024),
	"effectivebegindate" date,
	"effectiveenddate" date,
	"descriptortype" varchar(128) NOT NULL,
	"priordescriptorid" integer,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "descriptor_pkey" PRIMARY KEY("descriptorid"),
	CONSTRAINT "descriptor_namespace_codevalue_key" UNIQUE("namespace","codevalue"),
	CONSTRAINT "descriptor_id_key" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."schoolyeartype" (
	"schoolyear" smallint NOT NULL,
	"schoolyeardescription" varchar(50) NOT NULL,
	"currentschoolyear" boolean NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "schoolyeartype_pkey" PRIMARY KEY("schoolyear"),
	CONSTRAINT "schoolyeartype_id_key" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."educationorganization" (
	"tenant_id" uuid NOT NULL,
	"educationorganizationid" integer NOT NULL,
	"nameofinstitution" varchar(75) NOT NULL,
	"shortnameofinstitution" varchar(75),
	"website" varchar(255),
	"operationalstatusdescriptorid" integer,
	"discriminator" varchar(128),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "educationorganization_pkey" PRIMARY KEY("tenant_id","educationorganizationid"),
	CONSTRAINT "educationorganization_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."localeducationagency" (
	"tenant_id" uuid NOT NULL,
	"localeducationagencyid" integer NOT NULL,
	"localeducationagencycategorydescriptorid" integer NOT NULL,
	"parentlocaleducationagencyid" integer,
	"stateeducationagencyid" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "localeducationagency_pkey" PRIMARY KEY("tenant_id","localeducationagencyid"),
	CONSTRAINT "localeducationagency_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."school" (
	"tenant_id" uuid NOT NULL,
	"schoolid" integer NOT NULL,
	"localeducationagencyid" integer,
	"schooltypedescriptorid" integer,
	"charterstatusdescriptorid" integer,
	"administrativefundingcontroldescriptorid" integer,
	"titleipartaschooldesignationdescriptorid" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "school_pkey" PRIMARY KEY("tenant_id","schoolid"),
	CONSTRAINT "school_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."schoolgradelevel" (
	"tenant_id" uuid NOT NULL,
	"schoolid" integer NOT NULL,
	"gradeleveldescriptorid" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "schoolgradelevel_pkey" PRIMARY KEY("tenant_id","schoolid","gradeleveldescriptorid"),
	CONSTRAINT "schoolgradelevel_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."student" (
	"tenant_id" uuid NOT NULL,
	"studentusi" serial NOT NULL,
	"studentuniqueid" varchar(32) NOT NULL,
	"personaltitleprefix" varchar(30),
	"firstname" varchar(75) NOT NULL,
	"middlename" varchar(75),
	"lastsurname" varchar(75) NOT NULL,
	"generationcodesuffix" varchar(10),
	"maidenname" varchar(75),
	"preferredfirstname" varchar(75),
	"preferredlastsurname" varchar(75),
	"birthdate" date NOT NULL,
	"birthcity" varchar(30),
	"birthcountrydescriptorid" integer,
	"birthsexdescriptorid" integer,
	"birthstateabbreviationdescriptorid" integer,
	"citizenshipstatusdescriptorid" integer,
	"dateenteredus" date,
	"multiplebirthstatus" boolean,
	"metadata" jsonb,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "student_pkey" PRIMARY KEY("tenant_id","studentusi"),
	CONSTRAINT "student_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "idx_student_unique_id" UNIQUE("tenant_id","studentuniqueid")
);
--> statement-breakpoint
CREATE TABLE "edfi"."course" (
	"tenant_id" uuid NOT NULL,
	"coursecode" varchar(60) NOT NULL,
	"educationorganizationid" integer NOT NULL,
	"coursetitle" varchar(60) NOT NULL,
	"numberofparts" integer,
	"academicsubjectdescriptorid" integer,
	"coursedescription" varchar(1024),
	"coursegpaapplicabilitydescriptorid" integer,
	"coursedefinedbydescriptorid" integer,
	"minimumavailablecredits" numeric(9, 3),
	"maximumavailablecredits" numeric(9, 3),
	"maxcompletionsforcredit" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "course_pkey" PRIMARY KEY("tenant_id","coursecode","educationorganizationid"),
	CONSTRAINT "course_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."courseoffering" (
	"tenant_id" uuid NOT NULL,
	"localcoursecode" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"localcoursetitle" varchar(60),
	"instructionaltimeplanned" integer,
	"coursecode" varchar(60) NOT NULL,
	"educationorganizationid" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "courseoffering_pkey" PRIMARY KEY("tenant_id","localcoursecode","schoolid","schoolyear"),
	CONSTRAINT "courseoffering_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."gradebookentry" (
	"tenant_id" uuid NOT NULL,
	"gradebookentryidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"title" varchar(100) NOT NULL,
	"description" varchar(1024),
	"dateassigned" date NOT NULL,
	"duedate" date,
	"duetime" time,
	"gradebookentrytypedescriptorid" integer,
	"sectionidentifier" varchar(255) NOT NULL,
	"localcoursecode" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "gradebookentry_pkey" PRIMARY KEY("tenant_id","gradebookentryidentifier","namespace"),
	CONSTRAINT "gradebookentry_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."learningobjective" (
	"tenant_id" uuid NOT NULL,
	"learningobjectiveid" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"objective" varchar(60) NOT NULL,
	"description" varchar(1024),
	"nomenclature" varchar(100),
	"successcriteria" text,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "learningobjective_pkey" PRIMARY KEY("tenant_id","learningobjectiveid","namespace"),
	CONSTRAINT "learningobjective_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."learningstandard" (
	"tenant_id" uuid NOT NULL,
	"learningstandardid" varchar(60) NOT NULL,
	"description" varchar(1024) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"coursetitle" varchar(60),
	"successcriteria" text,
	"itemcode" varchar(50),
	"uri" varchar(255),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "learningstandard_pkey" PRIMARY KEY("tenant_id","learningstandardid"),
	CONSTRAINT "learningstandard_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."section" (
	"tenant_id" uuid NOT NULL,
	"sectionidentifier" varchar(255) NOT NULL,
	"localcoursecode" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"sectionname" varchar(100),
	"sequenceofcourse" integer,
	"educationalenvironmentdescriptorid" integer,
	"mediumofinstructiondescriptorid" integer,
	"populationserveddescriptorid" integer,
	"availablecredits" numeric(9, 3),
	"availablecredittypedescriptorid" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "section_pkey" PRIMARY KEY("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear"),
	CONSTRAINT "section_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentgradebookentry" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"gradebookentryidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"datefulfilled" timestamp with time zone,
	"lettergradeearned" varchar(20),
	"numericgradeearned" numeric(9, 2),
	"diagnosticstatement" varchar(1024),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentgradebookentry_pkey" PRIMARY KEY("tenant_id","studentusi","gradebookentryidentifier","namespace"),
	CONSTRAINT "studentgradebookentry_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."credential" (
	"tenant_id" uuid NOT NULL,
	"credentialidentifier" varchar(60) NOT NULL,
	"stateofissuestateabbreviationdescriptorid" integer NOT NULL,
	"credentialfielddescriptorid" integer,
	"credentialtypedescriptorid" integer NOT NULL,
	"teachingcredentialdescriptorid" integer,
	"issuancedate" date NOT NULL,
	"expirationdate" date,
	"teachingcredentialbasisdescriptorid" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "credential_pkey" PRIMARY KEY("tenant_id","credentialidentifier","stateofissuestateabbreviationdescriptorid"),
	CONSTRAINT "credential_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."staff" (
	"tenant_id" uuid NOT NULL,
	"staffusi" serial NOT NULL,
	"staffuniqueid" varchar(32) NOT NULL,
	"personaltitleprefix" varchar(30),
	"firstname" varchar(75) NOT NULL,
	"middlename" varchar(75),
	"lastsurname" varchar(75) NOT NULL,
	"generationcodesuffix" varchar(10),
	"maidenname" varchar(75),
	"birthdate" date,
	"hispaniclatinoethnicity" boolean,
	"highestcompletedlevelofeducationdescriptorid" integer,
	"yearsofpriorprofessionalexperience" numeric(5, 2),
	"yearsofpriorteachingexperience" numeric(5, 2),
	"loginid" varchar(60),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "staff_pkey" PRIMARY KEY("tenant_id","staffusi"),
	CONSTRAINT "staff_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "staff_staffuniqueid_key" UNIQUE("tenant_id","staffuniqueid")
);
--> statement-breakpoint
CREATE TABLE "edfi"."staffleave" (
	"tenant_id" uuid NOT NULL,
	"staffusi" integer NOT NULL,
	"staffleaveeventcategorydescriptorid" integer NOT NULL,
	"begindate" date NOT NULL,
	"enddate" date,
	"reason" varchar(1024),
	"substituteassigned" boolean,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "staffleave_pkey" PRIMARY KEY("tenant_id","staffusi","staffleaveeventcategorydescriptorid","begindate"),
	CONSTRAINT "staffleave_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."staffschoolassociation" (
	"tenant_id" uuid NOT NULL,
	"staffusi" integer NOT NULL,
	"schoolid" integer NOT NULL,
	"programassignmentdescriptorid" integer NOT NULL,
	"schoolyear" smallint,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "staffschoolassociation_pkey" PRIMARY KEY("tenant_id","staffusi","schoolid","programassignmentdescriptorid"),
	CONSTRAINT "staffschoolassociation_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."staffsectionassociation" (
	"tenant_id" uuid NOT NULL,
	"staffusi" integer NOT NULL,
	"sectionidentifier" varchar(255) NOT NULL,
	"localcoursecode" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"classroompositiondescriptorid" integer NOT NULL,
	"begindate" date NOT NULL,
	"enddate" date,
	"highlyqualifiedteacher" boolean,
	"percentagecontribution" numeric(5, 4),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "staffsectionassociation_pkey" PRIMARY KEY("tenant_id","staffusi","sectionidentifier","localcoursecode","schoolid","schoolyear"),
	CONSTRAINT "staffsectionassociation_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentschoolassociation" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"schoolid" integer NOT NULL,
	"entrydate" date NOT NULL,
	"entrygradeleveldescriptorid" integer NOT NULL,
	"entrytypedescriptorid" integer,
	"exitwithdrawdate" date,
	"exitwithdrawtypedescriptorid" integer,
	"primaryschool" boolean,
	"repeatgradeindicator" boolean,
	"schoolyear" smallint,
	"classofschoolyear" smallint,
	"calendarcode" varchar(60),
	"fulltimeequivalency" numeric(5, 4),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentschoolassociation_pkey" PRIMARY KEY("tenant_id","studentusi","schoolid","entrydate"),
	CONSTRAINT "studentschoolassociation_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentsectionassociation" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"sectionidentifier" varchar(255) NOT NULL,
	"localcoursecode" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"begindate" date NOT NULL,
	"enddate" date,
	"homeroomindicator" boolean,
	"repeatidentifierdescriptorid" integer,
	"attemptstatusdescriptorid" integer,
	"teacherstudentdatalinkexclusion" boolean,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentsectionassociation_pkey" PRIMARY KEY("tenant_id","studentusi","sectionidentifier","localcoursecode","schoolid","schoolyear","begindate"),
	CONSTRAINT "studentsectionassociation_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."assessment" (
	"tenant_id" uuid NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"assessmenttitle" varchar(100) NOT NULL,
	"assessmentcategorydescriptorid" integer,
	"assessmentform" varchar(60),
	"assessmentversion" integer,
	"revisiondate" date,
	"maxrawscore" numeric(15, 5),
	"nomenclature" varchar(100),
	"assessmentfamily" varchar(60),
	"educationorganizationid" integer,
	"adaptiveassessment" boolean,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "assessment_pkey" PRIMARY KEY("tenant_id","assessmentidentifier","namespace"),
	CONSTRAINT "assessment_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."objectiveassessment" (
	"tenant_id" uuid NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"identificationcode" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"maxrawscore" numeric(15, 5),
	"percentofassessment" numeric(5, 4),
	"nomenclature" varchar(100),
	"description" varchar(1024),
	"parentidentificationcode" varchar(60),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "objectiveassessment_pkey" PRIMARY KEY("tenant_id","assessmentidentifier","identificationcode","namespace"),
	CONSTRAINT "objectiveassessment_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentassessment" (
	"tenant_id" uuid NOT NULL,
	"studentassessmentidentifier" varchar(60) NOT NULL,
	"studentusi" integer NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"administrationdate" timestamp with time zone NOT NULL,
	"administrationenddate" timestamp with time zone,
	"administrationenvironmentdescriptorid" integer,
	"administrationlanguagedescriptorid" integer,
	"serialnumber" varchar(60),
	"whenassessedgradeleveldescriptorid" integer,
	"eventcircumstancedescriptorid" integer,
	"eventdescription" varchar(1024),
	"schoolyear" smallint,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentassessment_pkey" PRIMARY KEY("tenant_id","studentassessmentidentifier","studentusi","assessmentidentifier","namespace"),
	CONSTRAINT "studentassessment_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentassessmentscoreresult" (
	"tenant_id" uuid NOT NULL,
	"studentassessmentidentifier" varchar(60) NOT NULL,
	"studentusi" integer NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"assessmentreportingmethoddescriptorid" integer NOT NULL,
	"result" varchar(35) NOT NULL,
	"resultdatatypetypedescriptorid" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentassessmentscoreresult_pkey" PRIMARY KEY("tenant_id","studentassessmentidentifier","studentusi","assessmentidentifier","namespace","assessmentreportingmethoddescriptorid"),
	CONSTRAINT "studentassessmentscoreresult_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."bellschedule" (
	"tenant_id" uuid NOT NULL,
	"bellschedulename" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"alternatedayname" varchar(20),
	"starttime" time,
	"endtime" time,
	"totalinstructionaltime" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "bellschedule_pkey" PRIMARY KEY("tenant_id","bellschedulename","schoolid"),
	CONSTRAINT "bellschedule_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."calendar" (
	"tenant_id" uuid NOT NULL,
	"calendarcode" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"calendartypedescriptorid" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "calendar_pkey" PRIMARY KEY("tenant_id","calendarcode","schoolid","schoolyear"),
	CONSTRAINT "calendar_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."calendardate" (
	"tenant_id" uuid NOT NULL,
	"calendarcode" varchar(60) NOT NULL,
	"date" date NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "calendardate_pkey" PRIMARY KEY("tenant_id","calendarcode","date","schoolid","schoolyear"),
	CONSTRAINT "calendardate_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."calendardatecalendarevent" (
	"tenant_id" uuid NOT NULL,
	"calendarcode" varchar(60) NOT NULL,
	"date" date NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"calendareventdescriptorid" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "calendardatecalendarevent_pkey" PRIMARY KEY("tenant_id","calendarcode","date","schoolid","schoolyear","calendareventdescriptorid"),
	CONSTRAINT "calendardatecalendarevent_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."classperiod" (
	"tenant_id" uuid NOT NULL,
	"classperiodname" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"officialattendanceperiod" boolean,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "classperiod_pkey" PRIMARY KEY("tenant_id","classperiodname","schoolid"),
	CONSTRAINT "classperiod_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."gradingperiod" (
	"tenant_id" uuid NOT NULL,
	"gradingperioddescriptorid" integer NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"begindate" date NOT NULL,
	"enddate" date NOT NULL,
	"totalinstructionaldays" integer NOT NULL,
	"periodsequence" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "gradingperiod_pkey" PRIMARY KEY("tenant_id","gradingperioddescriptorid","schoolid","schoolyear"),
	CONSTRAINT "gradingperiod_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."session" (
	"tenant_id" uuid NOT NULL,
	"sessionname" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"begindate" date NOT NULL,
	"enddate" date NOT NULL,
	"termdescriptorid" integer NOT NULL,
	"totalinstructionaldays" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "session_pkey" PRIMARY KEY("tenant_id","sessionname","schoolid","schoolyear"),
	CONSTRAINT "session_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentschoolattendanceevent" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"eventdate" date NOT NULL,
	"attendanceeventcategorydescriptorid" integer NOT NULL,
	"attendanceeventreason" varchar(255),
	"educationalenvironmentdescriptorid" integer,
	"eventduration" numeric(5, 4),
	"schoolattendanceduration" integer,
	"arrivaltime" time,
	"departuretime" time,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentschoolattendanceevent_pkey" PRIMARY KEY("tenant_id","studentusi","schoolid","schoolyear","eventdate","attendanceeventcategorydescriptorid"),
	CONSTRAINT "studentschoolattendanceevent_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentsectionattendanceevent" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"sectionidentifier" varchar(255) NOT NULL,
	"localcoursecode" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"eventdate" date NOT NULL,
	"attendanceeventcategorydescriptorid" integer NOT NULL,
	"attendanceeventreason" varchar(255),
	"educationalenvironmentdescriptorid" integer,
	"eventduration" numeric(5, 4),
	"sectionattendanceduration" integer,
	"arrivaltime" time,
	"departuretime" time,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentsectionattendanceevent_pkey" PRIMARY KEY("tenant_id","studentusi","sectionidentifier","localcoursecode","schoolid","schoolyear","eventdate","attendanceeventcategorydescriptorid"),
	CONSTRAINT "studentsectionattendanceevent_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."disciplineaction" (
	"tenant_id" uuid NOT NULL,
	"disciplineactionidentifier" varchar(36) NOT NULL,
	"studentusi" integer NOT NULL,
	"disciplinedate" date NOT NULL,
	"actualdisciplineactionlength" integer,
	"disciplineactionlength" integer,
	"disciplineactionlengthdifferencereasondescriptorid" integer,
	"iepplacementmeetingindicator" boolean,
	"relatedtozerotolerancepolicy" boolean,
	"responsibilityschoolid" integer NOT NULL,
	"assignmentschoolid" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "disciplineaction_pkey" PRIMARY KEY("tenant_id","disciplineactionidentifier","studentusi","disciplinedate"),
	CONSTRAINT "disciplineaction_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."disciplineincident" (
	"tenant_id" uuid NOT NULL,
	"incidentidentifier" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"incidentdate" date NOT NULL,
	"incidenttime" time,
	"incidentlocation" varchar(100),
	"incidentdescription" varchar(1024),
	"reporterdescriptiondescriptorid" integer,
	"reportername" varchar(75),
	"reportedtolawenforcement" boolean,
	"casenumber" varchar(20),
	"incidentcost" numeric(19, 4),
	"staffusi" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "disciplineincident_pkey" PRIMARY KEY("tenant_id","incidentidentifier","schoolid"),
	CONSTRAINT "disciplineincident_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentdisciplineincidentassociation" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"incidentidentifier" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"studentparticipationcodedescriptorid" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentdisciplineincidentassociation_pkey" PRIMARY KEY("tenant_id","studentusi","incidentidentifier","schoolid"),
	CONSTRAINT "studentdisciplineincidentassociation_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentdisciplineincidentbehaviorassociation" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"incidentidentifier" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"behaviordescriptorid" integer NOT NULL,
	"behaviordetaileddescription" varchar(1024),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentdisciplineincidentbehaviorassociation_pkey" PRIMARY KEY("tenant_id","studentusi","incidentidentifier","schoolid","behaviordescriptorid"),
	CONSTRAINT "studentdisciplineincidentbehaviorassociation_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."cohort" (
	"tenant_id" uuid NOT NULL,
	"cohortidentifier" varchar(36) NOT NULL,
	"educationorganizationid" integer NOT NULL,
	"cohortdescription" varchar(1024),
	"cohorttypedescriptorid" integer NOT NULL,
	"cohortscopedescriptorid" integer,
	"academicsubjectdescriptorid" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "cohort_pkey" PRIMARY KEY("tenant_id","cohortidentifier","educationorganizationid"),
	CONSTRAINT "cohort_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."cohortprogram" (
	"tenant_id" uuid NOT NULL,
	"cohortidentifier" varchar(36) NOT NULL,
	"educationorganizationid" integer NOT NULL,
	"programeducationorganizationid" integer NOT NULL,
	"programname" varchar(60) NOT NULL,
	"programtypedescriptorid" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "cohortprogram_pkey" PRIMARY KEY("tenant_id","cohortidentifier","educationorganizationid","programeducationorganizationid","programname","programtypedescriptorid"),
	CONSTRAINT "cohortprogram_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentcohortassociation" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"cohortidentifier" varchar(36) NOT NULL,
	"educationorganizationid" integer NOT NULL,
	"begindate" date NOT NULL,
	"enddate" date,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentcohortassociation_pkey" PRIMARY KEY("tenant_id","studentusi","cohortidentifier","educationorganizationid","begindate"),
	CONSTRAINT "studentcohortassociation_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."diploma" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"diplomatypedescriptorid" integer NOT NULL,
	"diplomaawarddate" date NOT NULL,
	"achievementcategorydescriptorid" integer,
	"diplomaleveldescriptorid" integer,
	"ctecompleter" boolean,
	"diplomadescription" varchar(80),
	"diplomaawardexpiresdate" date,
	"academicmonth" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "diploma_pkey" PRIMARY KEY("tenant_id","studentusi","diplomatypedescriptorid","diplomaawarddate"),
	CONSTRAINT "diploma_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."grade" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"localcoursecode" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"sectionidentifier" varchar(255) NOT NULL,
	"gradingperioddescriptorid" integer NOT NULL,
	"gradingperiodschoolid" integer NOT NULL,
	"gradingperiodschoolyear" smallint NOT NULL,
	"begindate" date NOT NULL,
	"gradetypedescriptorid" integer NOT NULL,
	"numericgradeearned" numeric(9, 2),
	"lettergradeearned" varchar(20),
	"diagnosticstatement" varchar(1024),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "grade_pkey" PRIMARY KEY("tenant_id","studentusi","localcoursecode","schoolid","schoolyear","sectionidentifier","gradingperioddescriptorid","gradingperiodschoolid","gradingperiodschoolyear","begindate","gradetypedescriptorid"),
	CONSTRAINT "grade_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."reportcard" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"educationorganizationid" integer NOT NULL,
	"gradingperioddescriptorid" integer NOT NULL,
	"gradingperiodschoolid" integer NOT NULL,
	"gradingperiodschoolyear" smallint NOT NULL,
	"gpagivengradingperiod" numeric(18, 4),
	"gpacumulative" numeric(18, 4),
	"numberofdaysabsent" numeric(18, 4),
	"numberofdaysinattendance" numeric(18, 4),
	"numberofdaystardy" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "reportcard_pkey" PRIMARY KEY("tenant_id","studentusi","educationorganizationid","gradingperioddescriptorid","gradingperiodschoolid","gradingperiodschoolyear"),
	CONSTRAINT "reportcard_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentcompetencyobjective" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"gradingperioddescriptorid" integer NOT NULL,
	"gradingperiodschoolid" integer NOT NULL,
	"gradingperiodschoolyear" smallint NOT NULL,
	"objective" varchar(60) NOT NULL,
	"objectiveeducationorganizationid" integer NOT NULL,
	"objectivegradeleveldescriptorid" integer NOT NULL,
	"competencyleveldescriptorid" integer NOT NULL,
	"diagnosticstatement" varchar(1024),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentcompetencyobjective_pkey" PRIMARY KEY("tenant_id","studentusi","gradingperioddescriptorid","gradingperiodschoolid","gradingperiodschoolyear","objective","objectiveeducationorganizationid","objectivegradeleveldescriptorid"),
	CONSTRAINT "studentcompetencyobjective_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "finance"."discounts" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"name" text,
	"type" text,
	"value" double precision,
	"conditions" jsonb,
	"is_active" boolean DEFAULT true,
	CONSTRAINT "discounts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "discounts_type_check" CHECK ("type" IN ('percentage', 'fixed')),
	CONSTRAINT "discounts_value_check" CHECK ("value" >= 0 AND ("type" IS DISTINCT FROM 'percentage' OR "value" <= 100))
);
--> statement-breakpoint
CREATE TABLE "finance"."invoices" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"payer_id" text NOT NULL,
	"student_id" text,
	"amount" double precision,
	"discount_amount" double precision DEFAULT 0,
	"due_date" date,
	"paid_at" timestamp with time zone,
	"status" text DEFAULT 'pending',
	"payment_method" text,
	"external_id" text,
	"items" jsonb,
	CONSTRAINT "invoices_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "invoices_status_check" CHECK ("status" IN ('pending', 'paid', 'overdue', 'cancelled')),
	CONSTRAINT "invoices_payment_method_check" CHECK ("payment_method" IN ('pix', 'card', 'boleto', 'cash')),
	CONSTRAINT "invoices_amount_check" CHECK ("amount" >= 0),
	CONSTRAINT "invoices_discount_amount_check" CHECK ("discount_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."products" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"name" text,
	"description" text,
	"price" double precision,
	"type" text,
	"recurrence" text,
	"is_active" boolean DEFAULT true,
	CONSTRAINT "products_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "products_type_check" CHECK ("type" IN ('tuition', 'material', 'enrollment', 'other')),
	CONSTRAINT "products_recurrence_check" CHECK ("recurrence" IN ('monthly', 'once', 'yearly')),
	CONSTRAINT "products_price_check" CHECK ("price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."transactions" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"invoice_id" text,
	"amount" double precision,
	"type" text,
	"method" text,
	"external_id" text,
	"processed_at" timestamp with time zone,
	CONSTRAINT "transactions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "transactions_type_check" CHECK ("type" IN ('income', 'expense', 'refund')),
	CONSTRAINT "transactions_method_check" CHECK ("method" IN ('pix', 'card', 'boleto', 'cash')),
	CONSTRAINT "transactions_amount_check" CHECK ("amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."payment_methods" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"method_type" text,
	"label" text,
	"is_default" boolean DEFAULT false,
	"is_active" boolean DEFAULT true,
	"is_verified" boolean DEFAULT false,
	"bank_code" text,
	"bank_name" text,
	"agency_number" text,
	"account_number" text,
	"account_type" text,
	"account_holder_name" text,
	"account_holder_document" text,
	"pix_key_type" text,
	"pix_key" text,
	"card_last_four" varchar(4),
	"card_brand" text,
	"card_expiry" text,
	"wallet_provider" text,
	"wallet_id" text,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "payment_methods_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "payment_methods_method_type_check" CHECK ("method_type" IN ('bank_transfer', 'pix', 'cash', 'credit_card', 'debit_card', 'digital_wallet', 'check')),
	CONSTRAINT "payment_methods_account_type_check" CHECK ("account_type" IN ('checking', 'savings')),
	CONSTRAINT "payment_methods_pix_key_type_check" CHECK ("pix_key_type" IN ('cpf', 'cnpj', 'email', 'phone', 'random')),
	CONSTRAINT "payment_methods_card_last_four_check" CHECK ("card_last_four" ~ '^[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "finance"."payouts" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"amount" double precision,
	"period_start" date,
	"period_end" date,
	"status" text DEFAULT 'pending',
	"approved_by" text,
	"paid_at" timestamp with time zone,
	CONSTRAINT "payouts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "payouts_status_check" CHECK ("status" IN ('pending', 'approved', 'paid')),
	CONSTRAINT "payouts_amount_check" CHECK ("amount" >= 0),
	CONSTRAINT "payouts_period_check" CHECK ("period_end" >= "period_start")
);
--> statement-breakpoint
CREATE TABLE "finance"."payroll_payments" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"payroll_id" text NOT NULL,
	"user_id" text NOT NULL,
	"amount_cents" bigint,
	"method_type" text,
	"payment_method_id" text,
	"reference_code" text,
	"scheduled_for" timestamp with time zone,
	"processed_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"failure_reason" text,
	"status" text DEFAULT 'pending',
	"notes" text,
	"paid_by" text,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "payroll_payments_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "payroll_payments_method_type_check" CHECK ("method_type" IN ('bank_transfer', 'pix', 'cash', 'credit_card', 'debit_card', 'digital_wallet', 'check')),
	CONSTRAINT "payroll_payments_status_check" CHECK ("status" IN ('pending', 'processing', 'completed', 'failed', 'cancelled', 'refunded')),
	CONSTRAINT "payroll_payments_amount_check" CHECK ("amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."staff_payroll" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"contract_id" text,
	"user_id" text NOT NULL,
	"period_start" date,
	"period_end" date,
	"payment_due_date" date,
	"payroll_type" text,
	"hours_worked" double precision,
	"hourly_rate_cents" bigint,
	"gross_amount_cents" bigint DEFAULT 0,
	"deductions" jsonb,
	"total_deductions_cents" bigint DEFAULT 0,
	"additions" jsonb,
	"total_additions_cents" bigint DEFAULT 0,
	"net_amount_cents" bigint DEFAULT 0,
	"paid_amount_cents" bigint DEFAULT 0,
	"status" text DEFAULT 'draft',
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"calculated_by" text,
	"calculated_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "staff_payroll_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "staff_payroll_payroll_type_check" CHECK ("payroll_type" IN ('salary', 'hourly', 'bonus', 'commission', 'reimbursement', 'advance', 'other')),
	CONSTRAINT "staff_payroll_status_check" CHECK ("status" IN ('draft', 'pending_approval', 'approved', 'scheduled', 'partially_paid', 'paid', 'cancelled', 'disputed')),
	CONSTRAINT "staff_payroll_hours_worked_check" CHECK ("hours_worked" >= 0),
	CONSTRAINT "staff_payroll_hourly_rate_check" CHECK ("hourly_rate_cents" >= 0),
	CONSTRAINT "staff_payroll_gross_check" CHECK ("gross_amount_cents" >= 0),
	CONSTRAINT "staff_payroll_deductions_check" CHECK ("total_deductions_cents" >= 0),
	CONSTRAINT "staff_payroll_additions_check" CHECK ("total_additions_cents" >= 0),
	CONSTRAINT "staff_payroll_paid_check" CHECK ("paid_amount_cents" >= 0),
	CONSTRAINT "staff_payroll_net_check" CHECK ("net_amount_cents" = "gross_amount_cents" - "total_deductions_cents" + "total_additions_cents"),
	CONSTRAINT "staff_payroll_period_check" CHECK ("period_end" >= "period_start")
);
--> statement-breakpoint
CREATE TABLE "finance"."teacher_contracts" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"payment_model" text,
	"rate" double precision,
	"start_date" date,
	"end_date" date,
	CONSTRAINT "teacher_contracts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "teacher_contracts_payment_model_check" CHECK ("payment_model" IN ('hourly', 'per_class', 'fixed')),
	CONSTRAINT "teacher_contracts_rate_check" CHECK ("rate" >= 0),
	CONSTRAINT "teacher_contracts_dates_check" CHECK ("end_date" >= "start_date")
);
--> statement-breakpoint
CREATE TABLE "finance"."chart_of_accounts" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"description" text,
	"account_type" text,
	"nature" text,
	"classification" text,
	"parent_id" text,
	"level" integer DEFAULT 1,
	"allows_posting" boolean DEFAULT true,
	"is_system" boolean DEFAULT false,
	"is_active" boolean DEFAULT true,
	"cofins_applicable" boolean DEFAULT false,
	"pis_applicable" boolean DEFAULT false,
	"csll_applicable" boolean DEFAULT false,
	"irpj_applicable" boolean DEFAULT false,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "chart_of_accounts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "chart_of_accounts_code_key" UNIQUE("tenant_id","organization_id","code"),
	CONSTRAINT "chart_of_accounts_account_type_check" CHECK ("account_type" IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
	CONSTRAINT "chart_of_accounts_nature_check" CHECK ("nature" IN ('debit', 'credit')),
	CONSTRAINT "chart_of_accounts_classification_check" CHECK ("classification" IN ('circulante', 'nao_circulante', 'resultado', 'patrimonio_liquido', 'custos', 'despesas_operacionais')),
	CONSTRAINT "chart_of_accounts_level_check" CHECK ("level" >= 1)
);
--> statement-breakpoint
CREATE TABLE "finance"."cost_centers" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"description" text,
	"parent_id" text,
	"level" integer DEFAULT 1,
	"center_type" text,
	"manager_id" text,
	"annual_budget_cents" bigint,
	"monthly_budget_cents" bigint,
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "cost_centers_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cost_centers_code_key" UNIQUE("tenant_id","organization_id","code"),
	CONSTRAINT "cost_centers_center_type_check" CHECK ("center_type" IN ('department', 'project', 'unit', 'branch')),
	CONSTRAINT "cost_centers_level_check" CHECK ("level" >= 1),
	CONSTRAINT "cost_centers_annual_budget_check" CHECK ("annual_budget_cents" >= 0),
	CONSTRAINT "cost_centers_monthly_budget_check" CHECK ("monthly_budget_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."fiscal_documents" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"document_type" text,
	"document_number" text,
	"series" text,
	"access_key" varchar(44),
	"verification_code" text,
	"issue_date" date,
	"competence_date" date,
	"issuer_id" text,
	"issuer_document" text,
	"issuer_name" text,
	"recipient_id" text,
	"recipient_document" text,
	"recipient_name" text,
	"total_amount_cents" bigint,
	"net_amount_cents" bigint,
	"iss_amount_cents" bigint,
	"iss_rate" double precision,
	"pis_amount_cents" bigint,
	"cofins_amount_cents" bigint,
	"ir_amount_cents" bigint,
	"csll_amount_cents" bigint,
	"inss_amount_cents" bigint,
	"iss_withheld" boolean DEFAULT false,
	"ir_withheld" boolean DEFAULT false,
	"pis_withheld" boolean DEFAULT false,
	"cofins_withheld" boolean DEFAULT false,
	"csll_withheld" boolean DEFAULT false,
	"inss_withheld" boolean DEFAULT false,
	"service_code" text,
	"service_description" text,
	"city_service_code" text,
	"status" text DEFAULT 'draft',
	"cancelled_at" timestamp with time zone,
	"cancellation_reason" text,
	"external_id" text,
	"xml_url" text,
	"pdf_url" text,
	"invoice_id" text,
	"payable_id" text,
	"payroll_id" text,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "fiscal_documents_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "fiscal_documents_document_type_check" CHECK ("document_type" IN ('nfe', 'nfse', 'cte', 'nfce', 'sped')),
	CONSTRAINT "fiscal_documents_status_check" CHECK ("status" IN ('draft', 'pending', 'authorized', 'rejected', 'cancelled')),
	CONSTRAINT "fiscal_documents_access_key_check" CHECK ("access_key" ~ '^[0-9]{44}$'),
	CONSTRAINT "fiscal_documents_total_amount_check" CHECK ("total_amount_cents" >= 0),
	CONSTRAINT "fiscal_documents_net_amount_check" CHECK ("net_amount_cents" >= 0),
	CONSTRAINT "fiscal_documents_iss_amount_check" CHECK ("iss_amount_cents" >= 0),
	CONSTRAINT "fiscal_documents_iss_rate_check" CHECK ("iss_rate" >= 0),
	CONSTRAINT "fiscal_documents_pis_amount_check" CHECK ("pis_amount_cents" >= 0),
	CONSTRAINT "fiscal_documents_cofins_amount_check" CHECK ("cofins_amount_cents" >= 0),
	CONSTRAINT "fiscal_documents_ir_amount_check" CHECK ("ir_amount_cents" >= 0),
	CONSTRAINT "fiscal_documents_csll_amount_check" CHECK ("csll_amount_cents" >= 0),
	CONSTRAINT "fiscal_documents_inss_amount_check" CHECK ("inss_amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."journal_entries" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"entry_number" integer NOT NULL,
	"reference_date" date,
	"posting_date" date,
	"fiscal_year" integer NOT NULL,
	"fiscal_month" integer NOT NULL,
	"description" text,
	"memo" text,
	"source_type" text,
	"source_id" text,
	"status" text DEFAULT 'draft',
	"is_reversal" boolean DEFAULT false,
	"reverses_entry_id" text,
	"reversed_by_entry_id" text,
	"created_by" text,
	"posted_by" text,
	"posted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "journal_entries_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "journal_entries_number_key" UNIQUE("tenant_id","organization_id","fiscal_year","fiscal_month","entry_number"),
	CONSTRAINT "journal_entries_fiscal_month_check" CHECK ("fiscal_month" BETWEEN 1 AND 12),
	CONSTRAINT "journal_entries_entry_number_check" CHECK ("entry_number" >= 1),
	CONSTRAINT "journal_entries_source_type_check" CHECK ("source_type" IN ('payroll', 'invoice', 'payable', 'manual', 'adjustment', 'closing')),
	CONSTRAINT "journal_entries_status_check" CHECK ("status" IN ('draft', 'posted', 'reversed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "finance"."journal_entry_lines" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"entry_id" text NOT NULL,
	"account_id" text NOT NULL,
	"cost_center_id" text,
	"amount_cents" bigint,
	"currency" varchar(3) DEFAULT 'BRL',
	"entry_type" text,
	"description" text,
	"tax_code" text,
	"tax_amount_cents" bigint,
	"document_number" text,
	"document_date" date,
	"line_number" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "journal_entry_lines_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "journal_entry_lines_line_key" UNIQUE("tenant_id","entry_id","line_number"),
	CONSTRAINT "journal_entry_lines_entry_type_check" CHECK ("entry_type" IN ('debit', 'credit')),
	CONSTRAINT "journal_entry_lines_amount_check" CHECK ("amount_cents" >= 0),
	CONSTRAINT "journal_entry_lines_tax_amount_check" CHECK ("tax_amount_cents" >= 0),
	CONSTRAINT "journal_entry_lines_line_number_check" CHECK ("line_number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "finance"."tax_withholdings" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"fiscal_document_id" text,
	"tax_type" text,
	"base_amount_cents" bigint,
	"rate" double precision,
	"amount_cents" bigint,
	"due_date" date,
	"paid_at" timestamp with time zone,
	"payment_reference" text,
	"status" text DEFAULT 'pending',
	"period_start" date,
	"period_end" date,
	"beneficiary_document" text,
	"beneficiary_name" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "tax_withholdings_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tax_withholdings_tax_type_check" CHECK ("tax_type" IN ('irrf', 'pis', 'cofins', 'csll', 'inss', 'iss')),
	CONSTRAINT "tax_withholdings_status_check" CHECK ("status" IN ('pending', 'paid', 'cancelled')),
	CONSTRAINT "tax_withholdings_base_amount_check" CHECK ("base_amount_cents" >= 0),
	CONSTRAINT "tax_withholdings_rate_check" CHECK ("rate" >= 0),
	CONSTRAINT "tax_withholdings_amount_check" CHECK ("amount_cents" >= 0),
	CONSTRAINT "tax_withholdings_period_check" CHECK ("period_end" >= "period_start")
);
--> statement-breakpoint
CREATE TABLE "health"."allergies" (
	"tenant_id" uuid NOT NULL,
	"allergy_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"allergen_name" varchar(200) NOT NULL,
	"allergy_type" varchar(50),
	"severity" varchar(50),
	"reaction" text,
	"treatment_plan" text,
	"date_identified" date,
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "allergies_pkey" PRIMARY KEY("tenant_id","allergy_id"),
	CONSTRAINT "allergies_severity_check" CHECK (lower("severity") IN ('mild', 'moderate', 'severe'))
);
--> statement-breakpoint
CREATE TABLE "health"."immunizations" (
	"tenant_id" uuid NOT NULL,
	"immunization_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"vaccine_type" varchar(100) NOT NULL,
	"dose_number" integer,
	"date_administered" date NOT NULL,
	"expiration_date" date,
	"administered_by" varchar(200),
	"lot_number" varchar(50),
	"is_compliant" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "immunizations_pkey" PRIMARY KEY("tenant_id","immunization_id")
);
--> statement-breakpoint
CREATE TABLE "health"."medications" (
	"tenant_id" uuid NOT NULL,
	"medication_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"medication_name" varchar(200) NOT NULL,
	"dosage" varchar(100),
	"frequency" varchar(100),
	"start_date" date NOT NULL,
	"end_date" date,
	"prescribed_by" varchar(200),
	"administration_instructions" text,
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "medications_pkey" PRIMARY KEY("tenant_id","medication_id")
);
--> statement-breakpoint
CREATE TABLE "health"."student_health_records" (
	"tenant_id" uuid NOT NULL,
	"record_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"record_type" varchar(50) NOT NULL,
	"record_date" date NOT NULL,
	"provider" varchar(200),
	"notes" text,
	"created_by" varchar(100),
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "student_health_records_pkey" PRIMARY KEY("tenant_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "library"."checkouts" (
	"tenant_id" uuid NOT NULL,
	"checkout_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"resource_id" integer NOT NULL,
	"checkout_date" date NOT NULL,
	"due_date" date NOT NULL,
	"return_date" date,
	"renewal_count" integer DEFAULT 0,
	"checkout_status" varchar(20) DEFAULT 'Checked Out',
	"librarian_id" varchar(100),
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "checkouts_pkey" PRIMARY KEY("tenant_id","checkout_id")
);
--> statement-breakpoint
CREATE TABLE "library"."resources" (
	"tenant_id" uuid NOT NULL,
	"resource_id" serial NOT NULL,
	"isbn" varchar(20),
	"title" varchar(500) NOT NULL,
	"author" varchar(500),
	"publisher" varchar(200),
	"publication_year" integer,
	"genre" varchar(100),
	"resource_type" varchar(50),
	"call_number" varchar(50),
	"location" varchar(100),
	"total_copies" integer DEFAULT 1,
	"available_copies" integer DEFAULT 1,
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "resources_pkey" PRIMARY KEY("tenant_id","resource_id"),
	CONSTRAINT "resources_available_copies_check" CHECK ("available_copies" BETWEEN 0 AND "total_copies")
);
--> statement-breakpoint
CREATE TABLE "two_hour_learning"."ai_learning_sessions" (
	"tenant_id" uuid NOT NULL,
	"session_id" bigserial NOT NULL,
	"student_id" varchar(255) NOT NULL,
	"subject_id" varchar(100) NOT NULL,
	"session_date" date NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"end_time" timestamp with time zone,
	"total_minutes" integer,
	"target_achieved" boolean DEFAULT false,
	"mastery_percentage" numeric(5, 2),
	"accuracy_percentage" numeric(5, 2),
	"lesson_count" integer,
	"ai_tutor_type" varchar(50),
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "ai_learning_sessions_pkey" PRIMARY KEY("tenant_id","session_id"),
	CONSTRAINT "ai_learning_sessions_mastery_percentage_check" CHECK ("mastery_percentage" BETWEEN 0 AND 100),
	CONSTRAINT "ai_learning_sessions_accuracy_percentage_check" CHECK ("accuracy_percentage" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "two_hour_learning"."daily_targets" (
	"tenant_id" uuid NOT NULL,
	"target_id" bigserial NOT NULL,
	"student_id" varchar(255) NOT NULL,
	"target_date" date NOT NULL,
	"subject_id" varchar(100) NOT NULL,
	"target_minutes" integer DEFAULT 25 NOT NULL,
	"target_lessons" integer NOT NULL,
	"target_accuracy" numeric(5, 2) DEFAULT 80 NOT NULL,
	"actual_minutes" integer,
	"actual_lessons" integer,
	"actual_accuracy" numeric(5, 2),
	"completed" boolean DEFAULT false,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "daily_targets_pkey" PRIMARY KEY("tenant_id","target_id"),
	CONSTRAINT "daily_targets_target_accuracy_check" CHECK ("target_accuracy" BETWEEN 0 AND 100),
	CONSTRAINT "daily_targets_actual_accuracy_check" CHECK ("actual_accuracy" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "two_hour_learning"."life_skills_activities" (
	"tenant_id" uuid NOT NULL,
	"activity_id" bigserial NOT NULL,
	"student_id" varchar(255) NOT NULL,
	"activity_type" varchar(100) NOT NULL,
	"activity_date" date NOT NULL,
	"duration_minutes" integer NOT NULL,
	"skill_category" varchar(50),
	"instructor_id" varchar(255),
	"progress_notes" text,
	"competency_rating" integer,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "life_skills_activities_pkey" PRIMARY KEY("tenant_id","activity_id"),
	CONSTRAINT "life_skills_activities_competency_rating_check" CHECK ("competency_rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "two_hour_learning"."map_test_results" (
	"tenant_id" uuid NOT NULL,
	"test_id" bigserial NOT NULL,
	"student_id" varchar(255) NOT NULL,
	"subject" varchar(50) NOT NULL,
	"test_date" date NOT NULL,
	"rit_score" integer NOT NULL,
	"percentile" integer,
	"growth_projection" integer,
	"instructional_areas" jsonb,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "map_test_results_pkey" PRIMARY KEY("tenant_id","test_id"),
	CONSTRAINT "map_test_results_percentile_check" CHECK ("percentile" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "two_hour_learning"."mastery_progress" (
	"tenant_id" uuid NOT NULL,
	"progress_id" bigserial NOT NULL,
	"student_id" varchar(255) NOT NULL,
	"subject_id" varchar(100) NOT NULL,
	"skill_id" varchar(200) NOT NULL,
	"current_level" integer,
	"target_level" integer,
	"mastery_date" timestamp with time zone,
	"attempts_count" integer DEFAULT 0,
	"time_spent_minutes" integer DEFAULT 0,
	"last_assessment_score" numeric(5, 2),
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "mastery_progress_pkey" PRIMARY KEY("tenant_id","progress_id"),
	CONSTRAINT "mastery_progress_current_level_check" CHECK ("current_level" BETWEEN 1 AND 10),
	CONSTRAINT "mastery_progress_target_level_check" CHECK ("target_level" BETWEEN 1 AND 10)
);
--> statement-breakpoint
CREATE TABLE "two_hour_learning"."personalization_profiles" (
	"tenant_id" uuid NOT NULL,
	"profile_id" serial NOT NULL,
	"student_id" varchar(255) NOT NULL,
	"learning_style" varchar(50),
	"preferred_difficulty_progression" varchar(20),
	"optimal_session_length_minutes" integer,
	"motivational_preferences" jsonb,
	"engagement_patterns" jsonb,
	"knowledge_gaps" jsonb,
	"last_updated" timestamp with time zone DEFAULT now(),
	CONSTRAINT "personalization_profiles_pkey" PRIMARY KEY("tenant_id","profile_id"),
	CONSTRAINT "personalization_profiles_student_id_key" UNIQUE("tenant_id","student_id"),
	CONSTRAINT "personalization_profiles_learning_style_check" CHECK (lower("learning_style") IN ('visual', 'auditory', 'kinesthetic')),
	CONSTRAINT "personalization_profiles_difficulty_check" CHECK (lower("preferred_difficulty_progression") IN ('gradual', 'moderate', 'aggressive'))
);
--> statement-breakpoint
CREATE TABLE "notifications"."notification_queue" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"channel" text,
	"content" text,
	"expires_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"failure_reason" text,
	"max_retries" integer,
	"notification_type" text,
	"priority" text,
	"recipient_address" text,
	"retry_count" integer,
	"scheduled_for" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"status" text,
	"subject" text,
	"template_data" jsonb,
	"template_id" uuid,
	"user_id" uuid,
	CONSTRAINT "notification_queue_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "notification_queue_max_retries_check" CHECK ("max_retries" >= 0),
	CONSTRAINT "notification_queue_retry_count_check" CHECK ("retry_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notifications"."templates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"body_template" text,
	"category" text,
	"channel" text,
	"created_by" text,
	"description" text,
	"is_active" boolean,
	"name" text,
	"subject_template" text,
	"variables" jsonb,
	"version" integer,
	CONSTRAINT "templates_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "oneroster"."demographics" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"birth_date" date,
	"sex" varchar(20),
	"american_indian_or_alaska_native" boolean,
	"asian" boolean,
	"black_or_african_american" boolean,
	"native_hawaiian_or_other_pacific_islander" boolean,
	"white" boolean,
	"demographic_race_two_or_more_races" boolean,
	"hispanic_or_latino_ethnicity" boolean,
	"country_of_birth_code" varchar(10),
	"state_of_birth_abbreviation" varchar(10),
	"city_of_birth" varchar(255),
	"public_school_residence_status" varchar(50),
	"metadata" jsonb,
	CONSTRAINT "demographics_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "demographics_status_check" CHECK ("status" IN ('active', 'tobedeleted')),
	CONSTRAINT "demographics_sex_check" CHECK ("sex" IN ('female', 'male', 'other', 'unspecified'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."orgs" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"name" varchar(255) NOT NULL,
	"type" varchar(50) NOT NULL,
	"identifier" varchar(255),
	"parent_sourced_id" varchar(255),
	"metadata" jsonb,
	CONSTRAINT "orgs_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "orgs_status_check" CHECK ("status" IN ('active', 'tobedeleted')),
	CONSTRAINT "orgs_type_check" CHECK ("type" IN ('department', 'district', 'local', 'national', 'school', 'state'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."roles" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"user_sourced_id" varchar(255) NOT NULL,
	"role_type" varchar(20) NOT NULL,
	"role" varchar(50) NOT NULL,
	"begin_date" date,
	"end_date" date,
	"org_sourced_id" varchar(255) NOT NULL,
	"user_profile_sourced_id" varchar(255),
	CONSTRAINT "roles_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "roles_status_check" CHECK ("status" IN ('active', 'tobedeleted')),
	CONSTRAINT "roles_role_type_check" CHECK ("role_type" IN ('primary', 'secondary')),
	CONSTRAINT "roles_role_check" CHECK ("role" IN ('aide', 'counselor', 'districtAdministrator', 'guardian', 'parent', 'principal', 'proctor', 'relative', 'siteAdministrator', 'student', 'systemAdministrator', 'teacher'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."user_profiles" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"user_sourced_id" varchar(255) NOT NULL,
	"profile_type" varchar(255),
	"vendor_id" varchar(255),
	"application_id" varchar(255),
	"description" text,
	"credential_type" varchar(255),
	"username" varchar(255),
	"password" text,
	CONSTRAINT "user_profiles_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "user_profiles_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."users" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"enabled_user" boolean DEFAULT true NOT NULL,
	"username" varchar(255),
	"user_ids" jsonb,
	"given_name" varchar(255),
	"family_name" varchar(255),
	"middle_name" varchar(255),
	"preferred_first_name" varchar(255),
	"preferred_middle_name" varchar(255),
	"preferred_last_name" varchar(255),
	"pronouns" varchar(100),
	"identifier" varchar(255),
	"email" varchar(255),
	"sms" varchar(50),
	"phone" varchar(50),
	"agent_sourced_ids" text[],
	"grades" text[],
	"password" text,
	"user_master_identifier" varchar(255),
	"primary_org_sourced_id" varchar(255),
	"metadata" jsonb,
	CONSTRAINT "users_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "users_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."academic_sessions" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255) NOT NULL,
	"type" varchar(50) NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"parent_sourced_id" varchar(255),
	"school_year" varchar(10),
	"metadata" jsonb,
	CONSTRAINT "academic_sessions_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "academic_sessions_status_check" CHECK ("status" IN ('active', 'tobedeleted')),
	CONSTRAINT "academic_sessions_type_check" CHECK ("type" IN ('gradingPeriod', 'semester', 'schoolYear', 'term'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."classes" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255) NOT NULL,
	"class_code" varchar(100),
	"class_type" varchar(50) DEFAULT 'scheduled',
	"location" varchar(255),
	"grades" text[],
	"subjects" text[],
	"course_sourced_id" varchar(255) NOT NULL,
	"school_sourced_id" varchar(255) NOT NULL,
	"term_sourced_ids" text[] NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "classes_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "classes_status_check" CHECK ("status" IN ('active', 'tobedeleted')),
	CONSTRAINT "classes_class_type_check" CHECK ("class_type" IN ('homeroom', 'scheduled'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."courses" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255) NOT NULL,
	"school_year_sourced_id" varchar(255) NOT NULL,
	"course_code" varchar(100),
	"grades" text[],
	"subjects" text[],
	"org_sourced_id" varchar(255) NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "courses_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "courses_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."enrollments" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"user_sourced_id" varchar(255) NOT NULL,
	"class_sourced_id" varchar(255) NOT NULL,
	"school_sourced_id" varchar(255) NOT NULL,
	"role" varchar(50) NOT NULL,
	"primary_enrollment" boolean DEFAULT true,
	"begin_date" date,
	"end_date" date,
	"metadata" jsonb,
	CONSTRAINT "enrollments_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "enrollments_status_check" CHECK ("status" IN ('active', 'tobedeleted')),
	CONSTRAINT "enrollments_role_check" CHECK ("role" IN ('administrator', 'proctor', 'student', 'teacher'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."categories" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255) NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "categories_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "categories_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."line_items" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255) NOT NULL,
	"description" text,
	"assign_date" date,
	"due_date" date,
	"class_sourced_id" varchar(255) NOT NULL,
	"category_sourced_id" varchar(255),
	"grading_period_sourced_id" varchar(255),
	"result_value_min" numeric(10, 2),
	"result_value_max" numeric(10, 2),
	"metadata" jsonb,
	CONSTRAINT "line_items_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "line_items_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."resources" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255) NOT NULL,
	"vendor_resource_id" varchar(255),
	"vendor_id" varchar(255),
	"application_id" varchar(255),
	"roles" text[],
	"importance" varchar(50),
	"metadata" jsonb,
	CONSTRAINT "resources_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "resources_status_check" CHECK ("status" IN ('active', 'tobedeleted')),
	CONSTRAINT "resources_importance_check" CHECK ("importance" IN ('primary', 'secondary'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."results" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"line_item_sourced_id" varchar(255) NOT NULL,
	"student_sourced_id" varchar(255) NOT NULL,
	"score_status" varchar(50),
	"score" numeric(10, 4),
	"score_date" timestamp with time zone,
	"comment" text,
	"metadata" jsonb,
	CONSTRAINT "results_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "results_status_check" CHECK ("status" IN ('active', 'tobedeleted')),
	CONSTRAINT "results_score_status_check" CHECK ("score_status" IN ('exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."score_scales" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"name" varchar(255) NOT NULL,
	"scale_values" jsonb NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "score_scales_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "score_scales_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "operational"."api_metrics" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid,
	"endpoint" text,
	"ip_address" text,
	"method" text,
	"response_time_ms" integer,
	"status_code" integer,
	"timestamp" timestamp with time zone,
	"user_agent" text,
	"user_id" uuid,
	CONSTRAINT "api_metrics_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "api_metrics_response_time_check" CHECK ("response_time_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "operational"."background_jobs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"completed_at" timestamp with time zone,
	"error_message" text,
	"job_type" text,
	"parameters" text,
	"result" text,
	"retry_count" integer,
	"scheduled_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"status" text,
	CONSTRAINT "background_jobs_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "background_jobs_retry_count_check" CHECK ("retry_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "operational"."system_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid,
	"school_id" uuid,
	"created_at" timestamp with time zone DEFAULT now(),
	"component" text,
	"error_details" jsonb,
	"event_type" text,
	"message" text,
	"severity" text,
	"user_id" uuid,
	CONSTRAINT "system_events_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "school_ops"."attendance" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"status" text,
	"checked_in_at" timestamp with time zone,
	"notes" text,
	CONSTRAINT "attendance_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "attendance_session_id_user_id_key" UNIQUE("tenant_id","session_id","user_id"),
	CONSTRAINT "attendance_status_check" CHECK ("status" IN ('present', 'absent', 'late', 'excused'))
);
--> statement-breakpoint
CREATE TABLE "school_ops"."classes" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"term_id" text,
	"level_id" text,
	"teacher_id" text,
	"room_id" text,
	"name" text,
	"max_students" integer,
	"is_active" boolean DEFAULT true,
	CONSTRAINT "classes_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "school_ops"."enrollments" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"class_id" text NOT NULL,
	"enrolled_at" timestamp with time zone,
	"dropped_at" timestamp with time zone,
	"status" text,
	CONSTRAINT "enrollments_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "enrollments_status_check" CHECK ("status" IN ('active', 'dropped', 'completed', 'transferred'))
);
--> statement-breakpoint
CREATE TABLE "school_ops"."placements" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"course_type_id" text NOT NULL,
	"recommended_level_id" text,
	"score" integer,
	"tested_at" timestamp with time zone,
	"notes" text,
	CONSTRAINT "placements_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "school_ops"."rooms" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"name" text,
	"capacity" integer,
	"is_active" boolean DEFAULT true,
	CONSTRAINT "rooms_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "school_ops"."schedules" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"class_id" text NOT NULL,
	"day_of_week" integer,
	"start_time" time,
	"end_time" time,
	CONSTRAINT "schedules_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "schedules_day_of_week_check" CHECK ("day_of_week" BETWEEN 0 AND 6),
	CONSTRAINT "schedules_time_check" CHECK ("end_time" > "start_time")
);
--> statement-breakpoint
CREATE TABLE "school_ops"."sessions" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"class_id" text NOT NULL,
	"date" date,
	"start_time" time,
	"end_time" time,
	"status" text,
	"notes" text,
	CONSTRAINT "sessions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sessions_status_check" CHECK ("status" IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
	CONSTRAINT "sessions_time_check" CHECK ("end_time" > "start_time")
);
--> statement-breakpoint
CREATE TABLE "school_ops"."terms" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"name" text,
	"start_date" date,
	"end_date" date,
	"is_current" boolean DEFAULT false,
	CONSTRAINT "terms_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "specialed"."accommodations" (
	"tenant_id" uuid NOT NULL,
	"accommodation_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"plan_type" varchar(20) NOT NULL,
	"plan_id" bigint NOT NULL,
	"accommodation_type" varchar(100),
	"accommodation_description" text NOT NULL,
	"subject" varchar(100),
	"setting" varchar(100),
	"frequency" varchar(100),
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "accommodations_pkey" PRIMARY KEY("tenant_id","accommodation_id"),
	CONSTRAINT "accommodations_plan_type_check" CHECK (lower("plan_type") IN ('iep', '504'))
);
--> statement-breakpoint
CREATE TABLE "specialed"."iep" (
	"tenant_id" uuid NOT NULL,
	"iep_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"school_id" integer NOT NULL,
	"iep_number" varchar(50),
	"effective_date" date NOT NULL,
	"annual_review_date" date,
	"triennial_evaluation_date" date,
	"exit_date" date,
	"primary_disability" varchar(100),
	"secondary_disabilities" text[],
	"placement_type" varchar(100),
	"least_restrictive_environment" numeric(5, 2),
	"iep_status" varchar(50) DEFAULT 'Active',
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "iep_pkey" PRIMARY KEY("tenant_id","iep_id"),
	CONSTRAINT "iep_iep_number_key" UNIQUE("tenant_id","iep_number"),
	CONSTRAINT "iep_least_restrictive_environment_check" CHECK ("least_restrictive_environment" BETWEEN 0 AND 100),
	CONSTRAINT "iep_iep_status_check" CHECK (lower("iep_status") IN ('active', 'draft', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "specialed"."iep_goals" (
	"tenant_id" uuid NOT NULL,
	"goal_id" bigserial NOT NULL,
	"iep_id" bigint NOT NULL,
	"goal_area" varchar(100) NOT NULL,
	"goal_description" text NOT NULL,
	"measurable" text,
	"timeline" varchar(100),
	"success_criteria" text,
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "iep_goals_pkey" PRIMARY KEY("tenant_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "specialed"."plan_504" (
	"tenant_id" uuid NOT NULL,
	"plan_504_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"school_id" integer NOT NULL,
	"plan_number" varchar(50),
	"effective_date" date NOT NULL,
	"review_date" date,
	"exit_date" date,
	"disability_type" varchar(200),
	"plan_status" varchar(50) DEFAULT 'Active',
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "plan_504_pkey" PRIMARY KEY("tenant_id","plan_504_id"),
	CONSTRAINT "plan_504_plan_number_key" UNIQUE("tenant_id","plan_number"),
	CONSTRAINT "plan_504_plan_status_check" CHECK (lower("plan_status") IN ('active', 'draft', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "supervision"."alert_acknowledgments" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"alert_id" text NOT NULL,
	"user_id" text NOT NULL,
	"action_taken" text,
	"notes" text,
	"timestamp" timestamp with time zone DEFAULT now(),
	CONSTRAINT "alert_acknowledgments_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "supervision"."chat_messages" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"session_id" text NOT NULL,
	"role" text,
	"content_encrypted" "bytea" NOT NULL,
	"timestamp" timestamp with time zone DEFAULT now(),
	"tokens_used" integer,
	CONSTRAINT "chat_messages_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "chat_messages_role_check" CHECK ("role" IN ('user', 'assistant', 'system'))
);
--> statement-breakpoint
CREATE TABLE "supervision"."chat_sessions" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"student_id" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now(),
	"ended_at" timestamp with time zone,
	"message_count" integer DEFAULT 0,
	"metadata" jsonb,
	CONSTRAINT "chat_sessions_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "supervision"."memory_audit_log" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"student_id" text NOT NULL,
	"operation" text,
	"entity_type" text,
	"entity_id" text,
	"actor" text,
	"details" jsonb,
	"timestamp" timestamp with time zone DEFAULT now(),
	CONSTRAINT "memory_audit_log_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "memory_audit_log_entity_type_check" CHECK ("entity_type" IN ('node', 'edge', 'ledger')),
	CONSTRAINT "memory_audit_log_actor_check" CHECK ("actor" IN ('system', 'student', 'compression'))
);
--> statement-breakpoint
CREATE TABLE "supervision"."memory_integrity_hashes" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"student_id" text NOT NULL,
	"graph_hash" text,
	"ledger_hash" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "memory_integrity_hashes_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "supervision"."safety_alerts" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"student_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"level" text,
	"reason" text,
	"detected_by" text,
	"detected_at" timestamp with time zone DEFAULT now(),
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution_notes" text,
	"notified_parents" boolean DEFAULT false,
	"notified_authorities" boolean DEFAULT false,
	CONSTRAINT "safety_alerts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "safety_alerts_level_check" CHECK ("level" IN ('green', 'yellow', 'orange', 'red')),
	CONSTRAINT "safety_alerts_detected_by_check" CHECK ("detected_by" IN ('auditor', 'teacher', 'system'))
);
--> statement-breakpoint
CREATE TABLE "supervision"."wellbeing_snapshots" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"student_id" text NOT NULL,
	"date" date,
	"engagement_score" double precision,
	"emotional_indicators" jsonb,
	"session_count" integer DEFAULT 0,
	"total_duration" integer,
	"anomaly_flags" jsonb,
	CONSTRAINT "wellbeing_snapshots_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "wellbeing_snapshots_engagement_score_check" CHECK ("engagement_score" BETWEEN 0 AND 1)
);
--> statement-breakpoint
CREATE TABLE "toolbox"."annotations" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"prompt_run_id" text,
	"content" text,
	"tags" jsonb,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "annotations_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "toolbox"."graveyard_ideas" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"idea" text,
	"why_failed" text,
	"learned" text,
	"autopsy_complete" boolean DEFAULT false,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "graveyard_ideas_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "toolbox"."knowledge_edges" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"source_id" text NOT NULL,
	"target_id" text NOT NULL,
	"label" text,
	"strength" double precision,
	CONSTRAINT "knowledge_edges_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "toolbox"."knowledge_nodes" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"label" text,
	"category" text,
	"size" double precision,
	"x" double precision,
	"y" double precision,
	"z" double precision,
	"color" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "knowledge_nodes_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "toolbox"."prompt_runs" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"prompt_id" text,
	"student_prompt_id" text,
	"input" text,
	"output" text,
	"tokens_used" integer,
	"character_held" boolean,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "prompt_runs_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "toolbox"."student_prompts" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"title" text,
	"system_prompt" text,
	"user_template" text,
	"character" text,
	"technique" text,
	"tags" jsonb,
	"is_favorite" boolean DEFAULT false,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "student_prompts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "student_prompts_technique_check" CHECK ("technique" IN ('orbit', 'slingshot', 'black_hole', 'constellation'))
);
--> statement-breakpoint
CREATE TABLE "toolbox"."techniques" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"technique" text,
	"usage_count" integer,
	"mastery_level" double precision,
	"last_used" timestamp with time zone,
	CONSTRAINT "techniques_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "techniques_technique_check" CHECK ("technique" IN ('orbit', 'slingshot', 'black_hole', 'constellation')),
	CONSTRAINT "techniques_mastery_level_check" CHECK ("mastery_level" BETWEEN 0 AND 1)
);
--> statement-breakpoint
CREATE TABLE "toolbox"."todos" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"title" text,
	"description" text,
	"urgency" integer,
	"importance" integer,
	"effort" integer,
	"due_date" date,
	"completed" boolean DEFAULT false,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "todos_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "todos_urgency_check" CHECK ("urgency" BETWEEN 1 AND 10),
	CONSTRAINT "todos_importance_check" CHECK ("importance" BETWEEN 1 AND 10),
	CONSTRAINT "todos_effort_check" CHECK ("effort" BETWEEN 1 AND 10)
);
--> statement-breakpoint
CREATE TABLE "toolbox"."user_badges" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"badge_id" text NOT NULL,
	"earned_at" timestamp with time zone,
	"lesson_id" text,
	CONSTRAINT "user_badges_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "user_badges_user_id_badge_id_key" UNIQUE("tenant_id","user_id","badge_id")
);
--> statement-breakpoint
CREATE TABLE "toolbox"."user_progress" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"module_id" text,
	"lesson_id" text,
	"points_earned" integer,
	"completed_at" timestamp with time zone,
	"tasks_completed" jsonb,
	CONSTRAINT "user_progress_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "transportation"."bus_routes" (
	"tenant_id" uuid NOT NULL,
	"route_id" serial NOT NULL,
	"route_number" varchar(20) NOT NULL,
	"route_description" varchar(500),
	"driver_name" varchar(200),
	"driver_license_number" varchar(50),
	"bus_number" varchar(20),
	"capacity" integer,
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "bus_routes_pkey" PRIMARY KEY("tenant_id","route_id"),
	CONSTRAINT "bus_routes_route_number_key" UNIQUE("tenant_id","route_number")
);
--> statement-breakpoint
CREATE TABLE "transportation"."bus_stops" (
	"tenant_id" uuid NOT NULL,
	"stop_id" serial NOT NULL,
	"stop_name" varchar(200) NOT NULL,
	"address" varchar(500),
	"latitude" numeric(10, 8),
	"longitude" numeric(11, 8),
	"pickup_time" time,
	"dropoff_time" time,
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "bus_stops_pkey" PRIMARY KEY("tenant_id","stop_id"),
	CONSTRAINT "bus_stops_latitude_check" CHECK ("latitude" BETWEEN -90 AND 90),
	CONSTRAINT "bus_stops_longitude_check" CHECK ("longitude" BETWEEN -180 AND 180)
);
--> statement-breakpoint
CREATE TABLE "transportation"."student_transportation" (
	"tenant_id" uuid NOT NULL,
	"assignment_id" bigserial NOT NULL,
	"student_usi" integer NOT NULL,
	"route_id" integer NOT NULL,
	"pickup_stop_id" integer,
	"dropoff_stop_id" integer,
	"effective_date" date NOT NULL,
	"end_date" date,
	"transportation_category" varchar(50),
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "student_transportation_pkey" PRIMARY KEY("tenant_id","assignment_id")
);
--> statement-breakpoint
ALTER TABLE "activities"."activities" ADD CONSTRAINT "activities_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities"."activities" ADD CONSTRAINT "activities_advisor_staff_fkey" FOREIGN KEY ("tenant_id","advisor_staff_usi") REFERENCES "edfi"."staff"("tenant_id","staffusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities"."student_activity_participation" ADD CONSTRAINT "student_activity_participation_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities"."student_activity_participation" ADD CONSTRAINT "student_activity_participation_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities"."student_activity_participation" ADD CONSTRAINT "student_activity_participation_activity_fkey" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "activities"."activities"("tenant_id","activity_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_contradictions" ADD CONSTRAINT "memory_contradictions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_contradictions" ADD CONSTRAINT "memory_contradictions_graph_fkey" FOREIGN KEY ("tenant_id","graph_id") REFERENCES "ai_memory"."memory_graphs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_contradictions" ADD CONSTRAINT "memory_contradictions_node_a_fkey" FOREIGN KEY ("tenant_id","node_a") REFERENCES "ai_memory"."memory_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_contradictions" ADD CONSTRAINT "memory_contradictions_node_b_fkey" FOREIGN KEY ("tenant_id","node_b") REFERENCES "ai_memory"."memory_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_contradictions" ADD CONSTRAINT "memory_contradictions_resolved_to_fkey" FOREIGN KEY ("tenant_id","resolved_to") REFERENCES "ai_memory"."memory_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_edges" ADD CONSTRAINT "memory_edges_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_edges" ADD CONSTRAINT "memory_edges_graph_fkey" FOREIGN KEY ("tenant_id","graph_id") REFERENCES "ai_memory"."memory_graphs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_edges" ADD CONSTRAINT "memory_edges_source_fkey" FOREIGN KEY ("tenant_id","source_id") REFERENCES "ai_memory"."memory_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_edges" ADD CONSTRAINT "memory_edges_target_fkey" FOREIGN KEY ("tenant_id","target_id") REFERENCES "ai_memory"."memory_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_graphs" ADD CONSTRAINT "memory_graphs_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_graphs" ADD CONSTRAINT "memory_graphs_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_graphs" ADD CONSTRAINT "memory_graphs_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_ledger" ADD CONSTRAINT "memory_ledger_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_ledger" ADD CONSTRAINT "memory_ledger_graph_fkey" FOREIGN KEY ("tenant_id","graph_id") REFERENCES "ai_memory"."memory_graphs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_nodes" ADD CONSTRAINT "memory_nodes_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."memory_nodes" ADD CONSTRAINT "memory_nodes_graph_fkey" FOREIGN KEY ("tenant_id","graph_id") REFERENCES "ai_memory"."memory_graphs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."student_world_overlay" ADD CONSTRAINT "student_world_overlay_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."student_world_overlay" ADD CONSTRAINT "student_world_overlay_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_memory"."student_world_overlay" ADD CONSTRAINT "student_world_overlay_graph_fkey" FOREIGN KEY ("tenant_id","graph_id") REFERENCES "ai_memory"."memory_graphs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cafeteria"."meal_plans" ADD CONSTRAINT "meal_plans_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cafeteria"."meal_transactions" ADD CONSTRAINT "meal_transactions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cafeteria"."meal_transactions" ADD CONSTRAINT "meal_transactions_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cafeteria"."student_meal_plans" ADD CONSTRAINT "student_meal_plans_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cafeteria"."student_meal_plans" ADD CONSTRAINT "student_meal_plans_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cafeteria"."student_meal_plans" ADD CONSTRAINT "student_meal_plans_meal_plan_fkey" FOREIGN KEY ("tenant_id","meal_plan_id") REFERENCES "cafeteria"."meal_plans"("tenant_id","meal_plan_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users"."schools" ADD CONSTRAINT "schools_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users"."students" ADD CONSTRAINT "students_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users"."students" ADD CONSTRAINT "students_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "users"."schools"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users"."teachers" ADD CONSTRAINT "teachers_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users"."teachers" ADD CONSTRAINT "teachers_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "users"."schools"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."classroom_sessions" ADD CONSTRAINT "classroom_sessions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."classroom_sessions" ADD CONSTRAINT "classroom_sessions_teacher_fkey" FOREIGN KEY ("tenant_id","teacher_id") REFERENCES "users"."teachers"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."classroom_sessions" ADD CONSTRAINT "classroom_sessions_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "users"."schools"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."participants" ADD CONSTRAINT "participants_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."participants" ADD CONSTRAINT "participants_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "sessions"."classroom_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."participants" ADD CONSTRAINT "participants_group_fkey" FOREIGN KEY ("tenant_id","group_id") REFERENCES "sessions"."student_groups"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."participants" ADD CONSTRAINT "participants_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "users"."students"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."student_group_members" ADD CONSTRAINT "student_group_members_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."student_group_members" ADD CONSTRAINT "student_group_members_group_fkey" FOREIGN KEY ("tenant_id","group_id") REFERENCES "sessions"."student_groups"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."student_group_members" ADD CONSTRAINT "student_group_members_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "sessions"."classroom_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."student_group_members" ADD CONSTRAINT "student_group_members_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "users"."students"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."student_groups" ADD CONSTRAINT "student_groups_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."student_groups" ADD CONSTRAINT "student_groups_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "sessions"."classroom_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions"."student_groups" ADD CONSTRAINT "student_groups_leader_fkey" FOREIGN KEY ("tenant_id","leader_id") REFERENCES "users"."students"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication"."messages" ADD CONSTRAINT "messages_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication"."messages" ADD CONSTRAINT "messages_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "sessions"."classroom_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audio"."recordings" ADD CONSTRAINT "recordings_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audio"."recordings" ADD CONSTRAINT "recordings_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "sessions"."classroom_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audio"."recordings" ADD CONSTRAINT "recordings_group_fkey" FOREIGN KEY ("tenant_id","group_id") REFERENCES "sessions"."student_groups"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audio"."recordings" ADD CONSTRAINT "recordings_participant_fkey" FOREIGN KEY ("tenant_id","participant_id") REFERENCES "sessions"."participants"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics"."session_events" ADD CONSTRAINT "session_events_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics"."session_events" ADD CONSTRAINT "session_events_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "sessions"."classroom_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics"."session_events" ADD CONSTRAINT "session_events_teacher_fkey" FOREIGN KEY ("tenant_id","teacher_id") REFERENCES "users"."teachers"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_insights"."teacher_guidance_metrics" ADD CONSTRAINT "teacher_guidance_metrics_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_insights"."teacher_guidance_metrics" ADD CONSTRAINT "teacher_guidance_metrics_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "sessions"."classroom_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_insights"."teacher_guidance_metrics" ADD CONSTRAINT "teacher_guidance_metrics_teacher_fkey" FOREIGN KEY ("tenant_id","teacher_id") REFERENCES "users"."teachers"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_insights"."teacher_guidance_metrics" ADD CONSTRAINT "teacher_guidance_metrics_group_fkey" FOREIGN KEY ("tenant_id","group_id") REFERENCES "sessions"."student_groups"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_insights"."teacher_prompt_effectiveness" ADD CONSTRAINT "teacher_prompt_effectiveness_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."audit_logs" ADD CONSTRAINT "audit_logs_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."data_access_controls" ADD CONSTRAINT "data_access_controls_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."data_retention_policies" ADD CONSTRAINT "data_retention_policies_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."ferpa_compliance_log" ADD CONSTRAINT "ferpa_compliance_log_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."privacy_consents" ADD CONSTRAINT "privacy_consents_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."audit_log" ADD CONSTRAINT "audit_log_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."audit_log" ADD CONSTRAINT "audit_log_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "sessions"."classroom_sessions"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."audit_log" ADD CONSTRAINT "audit_log_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "users"."schools"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."coppa_compliance" ADD CONSTRAINT "coppa_compliance_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."coppa_compliance" ADD CONSTRAINT "coppa_compliance_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "users"."schools"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."coppa_compliance" ADD CONSTRAINT "coppa_compliance_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "users"."students"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."parental_consents" ADD CONSTRAINT "parental_consents_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."parental_consents" ADD CONSTRAINT "parental_consents_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "users"."schools"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."parental_consents" ADD CONSTRAINT "parental_consents_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "users"."students"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."retention_policies" ADD CONSTRAINT "retention_policies_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."retention_policies" ADD CONSTRAINT "retention_policies_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "users"."schools"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."addresses" ADD CONSTRAINT "addresses_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."addresses" ADD CONSTRAINT "addresses_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."families" ADD CONSTRAINT "families_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."families" ADD CONSTRAINT "families_parent_fkey" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."families" ADD CONSTRAINT "families_child_fkey" FOREIGN KEY ("tenant_id","child_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."organizations" ADD CONSTRAINT "organizations_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."users" ADD CONSTRAINT "users_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."users" ADD CONSTRAINT "users_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."lead_interactions" ADD CONSTRAINT "lead_interactions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."lead_interactions" ADD CONSTRAINT "lead_interactions_lead_fkey" FOREIGN KEY ("tenant_id","lead_id") REFERENCES "crm"."leads"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."lead_interactions" ADD CONSTRAINT "lead_interactions_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_assigned_to_fkey" FOREIGN KEY ("tenant_id","assigned_to") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."referrals" ADD CONSTRAINT "referrals_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."referrals" ADD CONSTRAINT "referrals_referrer_fkey" FOREIGN KEY ("tenant_id","referrer_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."referrals" ADD CONSTRAINT "referrals_referred_lead_fkey" FOREIGN KEY ("tenant_id","referred_lead_id") REFERENCES "crm"."leads"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."trials" ADD CONSTRAINT "trials_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."trials" ADD CONSTRAINT "trials_lead_fkey" FOREIGN KEY ("tenant_id","lead_id") REFERENCES "crm"."leads"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."trials" ADD CONSTRAINT "trials_class_fkey" FOREIGN KEY ("tenant_id","class_id") REFERENCES "school_ops"."classes"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."trials" ADD CONSTRAINT "trials_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "school_ops"."sessions"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."badges" ADD CONSTRAINT "badges_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."badges" ADD CONSTRAINT "badges_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."course_types" ADD CONSTRAINT "course_types_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."course_types" ADD CONSTRAINT "course_types_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."lessons" ADD CONSTRAINT "lessons_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."lessons" ADD CONSTRAINT "lessons_module_fkey" FOREIGN KEY ("tenant_id","module_id") REFERENCES "curriculum"."modules"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."levels" ADD CONSTRAINT "levels_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."levels" ADD CONSTRAINT "levels_course_type_fkey" FOREIGN KEY ("tenant_id","course_type_id") REFERENCES "curriculum"."course_types"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."modules" ADD CONSTRAINT "modules_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."modules" ADD CONSTRAINT "modules_level_fkey" FOREIGN KEY ("tenant_id","level_id") REFERENCES "curriculum"."levels"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."modules" ADD CONSTRAINT "modules_badge_fkey" FOREIGN KEY ("tenant_id","badge_id") REFERENCES "curriculum"."badges"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."prompts" ADD CONSTRAINT "prompts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum"."prompts" ADD CONSTRAINT "prompts_lesson_fkey" FOREIGN KEY ("tenant_id","lesson_id") REFERENCES "curriculum"."lessons"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin"."districts" ADD CONSTRAINT "districts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin"."school_settings" ADD CONSTRAINT "school_settings_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin"."school_settings" ADD CONSTRAINT "school_settings_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "users"."schools"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."descriptor" ADD CONSTRAINT "descriptor_priordescriptorid_fkey" FOREIGN KEY ("priordescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."educationorganization" ADD CONSTRAINT "educationorganization_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."educationorganization" ADD CONSTRAINT "educationorganization_operationalstatusdescriptorid_fkey" FOREIGN KEY ("operationalstatusdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."localeducationagency" ADD CONSTRAINT "localeducationagency_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."localeducationagency" ADD CONSTRAINT "localeducationagency_localeducationagencyid_fkey" FOREIGN KEY ("tenant_id","localeducationagencyid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."localeducationagency" ADD CONSTRAINT "localeducationagency_parentlocaleducationagencyid_fkey" FOREIGN KEY ("tenant_id","parentlocaleducationagencyid") REFERENCES "edfi"."localeducationagency"("tenant_id","localeducationagencyid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."localeducationagency" ADD CONSTRAINT "localeducationagency_stateeducationagencyid_fkey" FOREIGN KEY ("tenant_id","stateeducationagencyid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."localeducationagency" ADD CONSTRAINT "localeducationagency_localeducationagencycategorydescr_7635a7d6" FOREIGN KEY ("localeducationagencycategorydescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."school" ADD CONSTRAINT "school_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."school" ADD CONSTRAINT "school_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."school" ADD CONSTRAINT "school_localeducationagencyid_fkey" FOREIGN KEY ("tenant_id","localeducationagencyid") REFERENCES "edfi"."localeducationagency"("tenant_id","localeducationagencyid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."school" ADD CONSTRAINT "school_schooltypedescriptorid_fkey" FOREIGN KEY ("schooltypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."school" ADD CONSTRAINT "school_charterstatusdescriptorid_fkey" FOREIGN KEY ("charterstatusdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."school" ADD CONSTRAINT "school_administrativefundingcontroldescriptorid_fkey" FOREIGN KEY ("administrativefundingcontroldescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."school" ADD CONSTRAINT "school_titleipartaschooldesignationdescriptorid_fkey" FOREIGN KEY ("titleipartaschooldesignationdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."schoolgradelevel" ADD CONSTRAINT "schoolgradelevel_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."schoolgradelevel" ADD CONSTRAINT "schoolgradelevel_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."schoolgradelevel" ADD CONSTRAINT "schoolgradelevel_gradeleveldescriptorid_fkey" FOREIGN KEY ("gradeleveldescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."student" ADD CONSTRAINT "student_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."student" ADD CONSTRAINT "student_birthcountrydescriptorid_fkey" FOREIGN KEY ("birthcountrydescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."student" ADD CONSTRAINT "student_birthsexdescriptorid_fkey" FOREIGN KEY ("birthsexdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."student" ADD CONSTRAINT "student_birthstateabbreviationdescriptorid_fkey" FOREIGN KEY ("birthstateabbreviationdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."student" ADD CONSTRAINT "student_citizenshipstatusdescriptorid_fkey" FOREIGN KEY ("citizenshipstatusdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."course" ADD CONSTRAINT "course_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."course" ADD CONSTRAINT "course_educationorganizationid_fkey" FOREIGN KEY ("tenant_id","educationorganizationid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."course" ADD CONSTRAINT "course_academicsubjectdescriptorid_fkey" FOREIGN KEY ("academicsubjectdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."course" ADD CONSTRAINT "course_coursegpaapplicabilitydescriptorid_fkey" FOREIGN KEY ("coursegpaapplicabilitydescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."course" ADD CONSTRAINT "course_coursedefinedbydescriptorid_fkey" FOREIGN KEY ("coursedefinedbydescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."courseoffering" ADD CONSTRAINT "courseoffering_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."courseoffering" ADD CONSTRAINT "courseoffering_course_fkey" FOREIGN KEY ("tenant_id","coursecode","educationorganizationid") REFERENCES "edfi"."course"("tenant_id","coursecode","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."courseoffering" ADD CONSTRAINT "courseoffering_educationorganizationid_fkey" FOREIGN KEY ("tenant_id","educationorganizationid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."courseoffering" ADD CONSTRAINT "courseoffering_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."gradebookentry" ADD CONSTRAINT "gradebookentry_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."gradebookentry" ADD CONSTRAINT "gradebookentry_section_fkey" FOREIGN KEY ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") REFERENCES "edfi"."section"("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."gradebookentry" ADD CONSTRAINT "gradebookentry_gradebookentrytypedescriptorid_fkey" FOREIGN KEY ("gradebookentrytypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."learningobjective" ADD CONSTRAINT "learningobjective_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."learningstandard" ADD CONSTRAINT "learningstandard_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."section" ADD CONSTRAINT "section_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."section" ADD CONSTRAINT "section_courseoffering_fkey" FOREIGN KEY ("tenant_id","localcoursecode","schoolid","schoolyear") REFERENCES "edfi"."courseoffering"("tenant_id","localcoursecode","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."section" ADD CONSTRAINT "section_educationalenvironmentdescriptorid_fkey" FOREIGN KEY ("educationalenvironmentdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."section" ADD CONSTRAINT "section_mediumofinstructiondescriptorid_fkey" FOREIGN KEY ("mediumofinstructiondescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."section" ADD CONSTRAINT "section_populationserveddescriptorid_fkey" FOREIGN KEY ("populationserveddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."section" ADD CONSTRAINT "section_availablecredittypedescriptorid_fkey" FOREIGN KEY ("availablecredittypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentgradebookentry" ADD CONSTRAINT "studentgradebookentry_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentgradebookentry" ADD CONSTRAINT "studentgradebookentry_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentgradebookentry" ADD CONSTRAINT "studentgradebookentry_gradebookentry_fkey" FOREIGN KEY ("tenant_id","gradebookentryidentifier","namespace") REFERENCES "edfi"."gradebookentry"("tenant_id","gradebookentryidentifier","namespace") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."credential" ADD CONSTRAINT "credential_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."credential" ADD CONSTRAINT "credential_stateofissuestateabbreviationdescriptorid_fkey" FOREIGN KEY ("stateofissuestateabbreviationdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."credential" ADD CONSTRAINT "credential_credentialfielddescriptorid_fkey" FOREIGN KEY ("credentialfielddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."credential" ADD CONSTRAINT "credential_credentialtypedescriptorid_fkey" FOREIGN KEY ("credentialtypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."credential" ADD CONSTRAINT "credential_teachingcredentialdescriptorid_fkey" FOREIGN KEY ("teachingcredentialdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."credential" ADD CONSTRAINT "credential_teachingcredentialbasisdescriptorid_fkey" FOREIGN KEY ("teachingcredentialbasisdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staff" ADD CONSTRAINT "staff_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staff" ADD CONSTRAINT "staff_highestcompletedlevelofeducationdescriptorid_fkey" FOREIGN KEY ("highestcompletedlevelofeducationdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffleave" ADD CONSTRAINT "staffleave_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffleave" ADD CONSTRAINT "staffleave_staffusi_fkey" FOREIGN KEY ("tenant_id","staffusi") REFERENCES "edfi"."staff"("tenant_id","staffusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffleave" ADD CONSTRAINT "staffleave_staffleaveeventcategorydescriptorid_fkey" FOREIGN KEY ("staffleaveeventcategorydescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffschoolassociation" ADD CONSTRAINT "staffschoolassociation_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffschoolassociation" ADD CONSTRAINT "staffschoolassociation_staffusi_fkey" FOREIGN KEY ("tenant_id","staffusi") REFERENCES "edfi"."staff"("tenant_id","staffusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffschoolassociation" ADD CONSTRAINT "staffschoolassociation_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffschoolassociation" ADD CONSTRAINT "staffschoolassociation_programassignmentdescriptorid_fkey" FOREIGN KEY ("programassignmentdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffsectionassociation" ADD CONSTRAINT "staffsectionassociation_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffsectionassociation" ADD CONSTRAINT "staffsectionassociation_staffusi_fkey" FOREIGN KEY ("tenant_id","staffusi") REFERENCES "edfi"."staff"("tenant_id","staffusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffsectionassociation" ADD CONSTRAINT "staffsectionassociation_section_fkey" FOREIGN KEY ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") REFERENCES "edfi"."section"("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."staffsectionassociation" ADD CONSTRAINT "staffsectionassociation_classroompositiondescriptorid_fkey" FOREIGN KEY ("classroompositiondescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolassociation" ADD CONSTRAINT "studentschoolassociation_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolassociation" ADD CONSTRAINT "studentschoolassociation_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolassociation" ADD CONSTRAINT "studentschoolassociation_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolassociation" ADD CONSTRAINT "studentschoolassociation_calendar_fkey" FOREIGN KEY ("tenant_id","calendarcode","schoolid","schoolyear") REFERENCES "edfi"."calendar"("tenant_id","calendarcode","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolassociation" ADD CONSTRAINT "studentschoolassociation_entrygradeleveldescriptorid_fkey" FOREIGN KEY ("entrygradeleveldescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolassociation" ADD CONSTRAINT "studentschoolassociation_entrytypedescriptorid_fkey" FOREIGN KEY ("entrytypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolassociation" ADD CONSTRAINT "studentschoolassociation_exitwithdrawtypedescriptorid_fkey" FOREIGN KEY ("exitwithdrawtypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentsectionassociation" ADD CONSTRAINT "studentsectionassociation_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentsectionassociation" ADD CONSTRAINT "studentsectionassociation_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentsectionassociation" ADD CONSTRAINT "studentsectionassociation_section_fkey" FOREIGN KEY ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") REFERENCES "edfi"."section"("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentsectionassociation" ADD CONSTRAINT "studentsectionassociation_repeatidentifierdescriptorid_fkey" FOREIGN KEY ("repeatidentifierdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentsectionassociation" ADD CONSTRAINT "studentsectionassociation_attemptstatusdescriptorid_fkey" FOREIGN KEY ("attemptstatusdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessment" ADD CONSTRAINT "assessment_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessment" ADD CONSTRAINT "assessment_educationorganizationid_fkey" FOREIGN KEY ("tenant_id","educationorganizationid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessment" ADD CONSTRAINT "assessment_assessmentcategorydescriptorid_fkey" FOREIGN KEY ("assessmentcategorydescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."objectiveassessment" ADD CONSTRAINT "objectiveassessment_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."objectiveassessment" ADD CONSTRAINT "objectiveassessment_assessment_fkey" FOREIGN KEY ("tenant_id","assessmentidentifier","namespace") REFERENCES "edfi"."assessment"("tenant_id","assessmentidentifier","namespace") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."objectiveassessment" ADD CONSTRAINT "objectiveassessment_parent_fkey" FOREIGN KEY ("tenant_id","assessmentidentifier","parentidentificationcode","namespace") REFERENCES "edfi"."objectiveassessment"("tenant_id","assessmentidentifier","identificationcode","namespace") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessment" ADD CONSTRAINT "studentassessment_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessment" ADD CONSTRAINT "studentassessment_assessment_fkey" FOREIGN KEY ("tenant_id","assessmentidentifier","namespace") REFERENCES "edfi"."assessment"("tenant_id","assessmentidentifier","namespace") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessment" ADD CONSTRAINT "studentassessment_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessment" ADD CONSTRAINT "studentassessment_administrationenvironmentdescriptorid_fkey" FOREIGN KEY ("administrationenvironmentdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessment" ADD CONSTRAINT "studentassessment_administrationlanguagedescriptorid_fkey" FOREIGN KEY ("administrationlanguagedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessment" ADD CONSTRAINT "studentassessment_whenassessedgradeleveldescriptorid_fkey" FOREIGN KEY ("whenassessedgradeleveldescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessment" ADD CONSTRAINT "studentassessment_eventcircumstancedescriptorid_fkey" FOREIGN KEY ("eventcircumstancedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessmentscoreresult" ADD CONSTRAINT "studentassessmentscoreresult_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessmentscoreresult" ADD CONSTRAINT "studentassessmentscoreresult_studentassessment_fkey" FOREIGN KEY ("tenant_id","studentassessmentidentifier","studentusi","assessmentidentifier","namespace") REFERENCES "edfi"."studentassessment"("tenant_id","studentassessmentidentifier","studentusi","assessmentidentifier","namespace") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessmentscoreresult" ADD CONSTRAINT "studentassessmentscoreresult_assessmentreportingmethod_6bf87d50" FOREIGN KEY ("assessmentreportingmethoddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessmentscoreresult" ADD CONSTRAINT "studentassessmentscoreresult_resultdatatypetypedescrip_f9448400" FOREIGN KEY ("resultdatatypetypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."bellschedule" ADD CONSTRAINT "bellschedule_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."bellschedule" ADD CONSTRAINT "bellschedule_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."calendar" ADD CONSTRAINT "calendar_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."calendar" ADD CONSTRAINT "calendar_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."calendar" ADD CONSTRAINT "calendar_calendartypedescriptorid_fkey" FOREIGN KEY ("calendartypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."calendardate" ADD CONSTRAINT "calendardate_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."calendardate" ADD CONSTRAINT "calendardate_calendar_fkey" FOREIGN KEY ("tenant_id","calendarcode","schoolid","schoolyear") REFERENCES "edfi"."calendar"("tenant_id","calendarcode","schoolid","schoolyear") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."calendardatecalendarevent" ADD CONSTRAINT "calendardatecalendarevent_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."calendardatecalendarevent" ADD CONSTRAINT "calendardatecalendarevent_calendardate_fkey" FOREIGN KEY ("tenant_id","calendarcode","date","schoolid","schoolyear") REFERENCES "edfi"."calendardate"("tenant_id","calendarcode","date","schoolid","schoolyear") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."calendardatecalendarevent" ADD CONSTRAINT "calendardatecalendarevent_calendareventdescriptorid_fkey" FOREIGN KEY ("calendareventdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."classperiod" ADD CONSTRAINT "classperiod_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."classperiod" ADD CONSTRAINT "classperiod_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."gradingperiod" ADD CONSTRAINT "gradingperiod_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."gradingperiod" ADD CONSTRAINT "gradingperiod_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."gradingperiod" ADD CONSTRAINT "gradingperiod_gradingperioddescriptorid_fkey" FOREIGN KEY ("gradingperioddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."session" ADD CONSTRAINT "session_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."session" ADD CONSTRAINT "session_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."session" ADD CONSTRAINT "session_termdescriptorid_fkey" FOREIGN KEY ("termdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolattendanceevent" ADD CONSTRAINT "studentschoolattendanceevent_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolattendanceevent" ADD CONSTRAINT "studentschoolattendanceevent_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolattendanceevent" ADD CONSTRAINT "studentschoolattendanceevent_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolattendanceevent" ADD CONSTRAINT "studentschoolattendanceevent_attendanceeventcategoryde_a36888d6" FOREIGN KEY ("attendanceeventcategorydescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentschoolattendanceevent" ADD CONSTRAINT "studentschoolattendanceevent_educationalenvironmentdes_94ffc1a9" FOREIGN KEY ("educationalenvironmentdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentsectionattendanceevent" ADD CONSTRAINT "studentsectionattendanceevent_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentsectionattendanceevent" ADD CONSTRAINT "studentsectionattendanceevent_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentsectionattendanceevent" ADD CONSTRAINT "studentsectionattendanceevent_section_fkey" FOREIGN KEY ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") REFERENCES "edfi"."section"("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentsectionattendanceevent" ADD CONSTRAINT "studentsectionattendanceevent_attendanceeventcategoryd_30d0f301" FOREIGN KEY ("attendanceeventcategorydescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentsectionattendanceevent" ADD CONSTRAINT "studentsectionattendanceevent_educationalenvironmentde_30244d0f" FOREIGN KEY ("educationalenvironmentdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_responsibilityschoolid_fkey" FOREIGN KEY ("tenant_id","responsibilityschoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_assignmentschoolid_fkey" FOREIGN KEY ("tenant_id","assignmentschoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_disciplineactionlengthdifferencereaso_8b4488a5" FOREIGN KEY ("disciplineactionlengthdifferencereasondescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineincident" ADD CONSTRAINT "disciplineincident_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineincident" ADD CONSTRAINT "disciplineincident_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineincident" ADD CONSTRAINT "disciplineincident_staffusi_fkey" FOREIGN KEY ("tenant_id","staffusi") REFERENCES "edfi"."staff"("tenant_id","staffusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineincident" ADD CONSTRAINT "disciplineincident_reporterdescriptiondescriptorid_fkey" FOREIGN KEY ("reporterdescriptiondescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentdisciplineincidentassociation" ADD CONSTRAINT "studentdisciplineincidentassociation_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentdisciplineincidentassociation" ADD CONSTRAINT "studentdisciplineincidentassociation_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentdisciplineincidentassociation" ADD CONSTRAINT "studentdisciplineincidentassociation_incident_fkey" FOREIGN KEY ("tenant_id","incidentidentifier","schoolid") REFERENCES "edfi"."disciplineincident"("tenant_id","incidentidentifier","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentdisciplineincidentassociation" ADD CONSTRAINT "studentdisciplineincidentassociation_studentparticipat_3b922809" FOREIGN KEY ("studentparticipationcodedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentdisciplineincidentbehaviorassociation" ADD CONSTRAINT "studentdisciplineincidentbehaviorassociation_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentdisciplineincidentbehaviorassociation" ADD CONSTRAINT "studentdisciplineincidentbehaviorassociation_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentdisciplineincidentbehaviorassociation" ADD CONSTRAINT "studentdisciplineincidentbehaviorassociation_incident_fkey" FOREIGN KEY ("tenant_id","incidentidentifier","schoolid") REFERENCES "edfi"."disciplineincident"("tenant_id","incidentidentifier","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentdisciplineincidentbehaviorassociation" ADD CONSTRAINT "studentdisciplineincidentbehaviorassociation_behaviord_f7449fd6" FOREIGN KEY ("behaviordescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."cohort" ADD CONSTRAINT "cohort_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."cohort" ADD CONSTRAINT "cohort_educationorganizationid_fkey" FOREIGN KEY ("tenant_id","educationorganizationid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."cohort" ADD CONSTRAINT "cohort_cohorttypedescriptorid_fkey" FOREIGN KEY ("cohorttypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."cohort" ADD CONSTRAINT "cohort_cohortscopedescriptorid_fkey" FOREIGN KEY ("cohortscopedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."cohort" ADD CONSTRAINT "cohort_academicsubjectdescriptorid_fkey" FOREIGN KEY ("academicsubjectdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."cohortprogram" ADD CONSTRAINT "cohortprogram_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."cohortprogram" ADD CONSTRAINT "cohortprogram_cohort_fkey" FOREIGN KEY ("tenant_id","cohortidentifier","educationorganizationid") REFERENCES "edfi"."cohort"("tenant_id","cohortidentifier","educationorganizationid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."cohortprogram" ADD CONSTRAINT "cohortprogram_programeducationorganizationid_fkey" FOREIGN KEY ("tenant_id","programeducationorganizationid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."cohortprogram" ADD CONSTRAINT "cohortprogram_programtypedescriptorid_fkey" FOREIGN KEY ("programtypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentcohortassociation" ADD CONSTRAINT "studentcohortassociation_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentcohortassociation" ADD CONSTRAINT "studentcohortassociation_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentcohortassociation" ADD CONSTRAINT "studentcohortassociation_cohort_fkey" FOREIGN KEY ("tenant_id","cohortidentifier","educationorganizationid") REFERENCES "edfi"."cohort"("tenant_id","cohortidentifier","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."diploma" ADD CONSTRAINT "diploma_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."diploma" ADD CONSTRAINT "diploma_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."diploma" ADD CONSTRAINT "diploma_diplomatypedescriptorid_fkey" FOREIGN KEY ("diplomatypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."diploma" ADD CONSTRAINT "diploma_achievementcategorydescriptorid_fkey" FOREIGN KEY ("achievementcategorydescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."diploma" ADD CONSTRAINT "diploma_diplomaleveldescriptorid_fkey" FOREIGN KEY ("diplomaleveldescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD CONSTRAINT "grade_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD CONSTRAINT "grade_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD CONSTRAINT "grade_section_fkey" FOREIGN KEY ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") REFERENCES "edfi"."section"("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD CONSTRAINT "grade_gradingperiod_fkey" FOREIGN KEY ("tenant_id","gradingperioddescriptorid","gradingperiodschoolid","gradingperiodschoolyear") REFERENCES "edfi"."gradingperiod"("tenant_id","gradingperioddescriptorid","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD CONSTRAINT "grade_gradingperioddescriptorid_fkey" FOREIGN KEY ("gradingperioddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD CONSTRAINT "grade_gradetypedescriptorid_fkey" FOREIGN KEY ("gradetypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."reportcard" ADD CONSTRAINT "reportcard_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."reportcard" ADD CONSTRAINT "reportcard_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."reportcard" ADD CONSTRAINT "reportcard_educationorganizationid_fkey" FOREIGN KEY ("tenant_id","educationorganizationid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."reportcard" ADD CONSTRAINT "reportcard_gradingperiod_fkey" FOREIGN KEY ("tenant_id","gradingperioddescriptorid","gradingperiodschoolid","gradingperiodschoolyear") REFERENCES "edfi"."gradingperiod"("tenant_id","gradingperioddescriptorid","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."reportcard" ADD CONSTRAINT "reportcard_gradingperioddescriptorid_fkey" FOREIGN KEY ("gradingperioddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentcompetencyobjective" ADD CONSTRAINT "studentcompetencyobjective_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentcompetencyobjective" ADD CONSTRAINT "studentcompetencyobjective_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentcompetencyobjective" ADD CONSTRAINT "studentcompetencyobjective_gradingperiod_fkey" FOREIGN KEY ("tenant_id","gradingperioddescriptorid","gradingperiodschoolid","gradingperiodschoolyear") REFERENCES "edfi"."gradingperiod"("tenant_id","gradingperioddescriptorid","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentcompetencyobjective" ADD CONSTRAINT "studentcompetencyobjective_objectiveeducationorganizat_5fc4201e" FOREIGN KEY ("tenant_id","objectiveeducationorganizationid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentcompetencyobjective" ADD CONSTRAINT "studentcompetencyobjective_gradingperioddescriptorid_fkey" FOREIGN KEY ("gradingperioddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentcompetencyobjective" ADD CONSTRAINT "studentcompetencyobjective_objectivegradeleveldescriptorid_fkey" FOREIGN KEY ("objectivegradeleveldescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentcompetencyobjective" ADD CONSTRAINT "studentcompetencyobjective_competencyleveldescriptorid_fkey" FOREIGN KEY ("competencyleveldescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."discounts" ADD CONSTRAINT "discounts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."discounts" ADD CONSTRAINT "discounts_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_payer_fkey" FOREIGN KEY ("tenant_id","payer_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."products" ADD CONSTRAINT "products_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."products" ADD CONSTRAINT "products_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."transactions" ADD CONSTRAINT "transactions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."transactions" ADD CONSTRAINT "transactions_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."transactions" ADD CONSTRAINT "transactions_invoice_fkey" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "finance"."invoices"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payment_methods" ADD CONSTRAINT "payment_methods_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payment_methods" ADD CONSTRAINT "payment_methods_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payment_methods" ADD CONSTRAINT "payment_methods_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payouts" ADD CONSTRAINT "payouts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payouts" ADD CONSTRAINT "payouts_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payouts" ADD CONSTRAINT "payouts_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payouts" ADD CONSTRAINT "payouts_approved_by_fkey" FOREIGN KEY ("tenant_id","approved_by") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payroll_payments" ADD CONSTRAINT "payroll_payments_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payroll_payments" ADD CONSTRAINT "payroll_payments_payroll_fkey" FOREIGN KEY ("tenant_id","payroll_id") REFERENCES "finance"."staff_payroll"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payroll_payments" ADD CONSTRAINT "payroll_payments_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payroll_payments" ADD CONSTRAINT "payroll_payments_payment_method_fkey" FOREIGN KEY ("tenant_id","payment_method_id") REFERENCES "finance"."payment_methods"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payroll_payments" ADD CONSTRAINT "payroll_payments_paid_by_fkey" FOREIGN KEY ("tenant_id","paid_by") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."staff_payroll" ADD CONSTRAINT "staff_payroll_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."staff_payroll" ADD CONSTRAINT "staff_payroll_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."staff_payroll" ADD CONSTRAINT "staff_payroll_contract_fkey" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "finance"."teacher_contracts"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."staff_payroll" ADD CONSTRAINT "staff_payroll_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."staff_payroll" ADD CONSTRAINT "staff_payroll_approved_by_fkey" FOREIGN KEY ("tenant_id","approved_by") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."staff_payroll" ADD CONSTRAINT "staff_payroll_calculated_by_fkey" FOREIGN KEY ("tenant_id","calculated_by") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."teacher_contracts" ADD CONSTRAINT "teacher_contracts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."teacher_contracts" ADD CONSTRAINT "teacher_contracts_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."teacher_contracts" ADD CONSTRAINT "teacher_contracts_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."chart_of_accounts" ADD CONSTRAINT "chart_of_accounts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."chart_of_accounts" ADD CONSTRAINT "chart_of_accounts_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."chart_of_accounts" ADD CONSTRAINT "chart_of_accounts_parent_fkey" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "finance"."chart_of_accounts"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."cost_centers" ADD CONSTRAINT "cost_centers_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."cost_centers" ADD CONSTRAINT "cost_centers_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."cost_centers" ADD CONSTRAINT "cost_centers_parent_fkey" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "finance"."cost_centers"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."cost_centers" ADD CONSTRAINT "cost_centers_manager_fkey" FOREIGN KEY ("tenant_id","manager_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."fiscal_documents" ADD CONSTRAINT "fiscal_documents_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."fiscal_documents" ADD CONSTRAINT "fiscal_documents_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."fiscal_documents" ADD CONSTRAINT "fiscal_documents_invoice_fkey" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "finance"."invoices"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."fiscal_documents" ADD CONSTRAINT "fiscal_documents_payroll_fkey" FOREIGN KEY ("tenant_id","payroll_id") REFERENCES "finance"."staff_payroll"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_reverses_fkey" FOREIGN KEY ("tenant_id","reverses_entry_id") REFERENCES "finance"."journal_entries"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_reversed_by_fkey" FOREIGN KEY ("tenant_id","reversed_by_entry_id") REFERENCES "finance"."journal_entries"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_created_by_fkey" FOREIGN KEY ("tenant_id","created_by") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_posted_by_fkey" FOREIGN KEY ("tenant_id","posted_by") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entry_lines" ADD CONSTRAINT "journal_entry_lines_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entry_lines" ADD CONSTRAINT "journal_entry_lines_entry_fkey" FOREIGN KEY ("tenant_id","entry_id") REFERENCES "finance"."journal_entries"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entry_lines" ADD CONSTRAINT "journal_entry_lines_account_fkey" FOREIGN KEY ("tenant_id","account_id") REFERENCES "finance"."chart_of_accounts"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_entry_lines" ADD CONSTRAINT "journal_entry_lines_cost_center_fkey" FOREIGN KEY ("tenant_id","cost_center_id") REFERENCES "finance"."cost_centers"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."tax_withholdings" ADD CONSTRAINT "tax_withholdings_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."tax_withholdings" ADD CONSTRAINT "tax_withholdings_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."tax_withholdings" ADD CONSTRAINT "tax_withholdings_fiscal_document_fkey" FOREIGN KEY ("tenant_id","fiscal_document_id") REFERENCES "finance"."fiscal_documents"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health"."allergies" ADD CONSTRAINT "allergies_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health"."allergies" ADD CONSTRAINT "allergies_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health"."immunizations" ADD CONSTRAINT "immunizations_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health"."immunizations" ADD CONSTRAINT "immunizations_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health"."medications" ADD CONSTRAINT "medications_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health"."medications" ADD CONSTRAINT "medications_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health"."student_health_records" ADD CONSTRAINT "student_health_records_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health"."student_health_records" ADD CONSTRAINT "student_health_records_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library"."checkouts" ADD CONSTRAINT "checkouts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library"."checkouts" ADD CONSTRAINT "checkouts_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library"."checkouts" ADD CONSTRAINT "checkouts_resource_fkey" FOREIGN KEY ("tenant_id","resource_id") REFERENCES "library"."resources"("tenant_id","resource_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library"."resources" ADD CONSTRAINT "resources_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_hour_learning"."ai_learning_sessions" ADD CONSTRAINT "ai_learning_sessions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_hour_learning"."daily_targets" ADD CONSTRAINT "daily_targets_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_hour_learning"."life_skills_activities" ADD CONSTRAINT "life_skills_activities_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_hour_learning"."map_test_results" ADD CONSTRAINT "map_test_results_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_hour_learning"."mastery_progress" ADD CONSTRAINT "mastery_progress_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_hour_learning"."personalization_profiles" ADD CONSTRAINT "personalization_profiles_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD CONSTRAINT "notification_queue_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD CONSTRAINT "notification_queue_template_fkey" FOREIGN KEY ("tenant_id","template_id") REFERENCES "notifications"."templates"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."templates" ADD CONSTRAINT "templates_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."demographics" ADD CONSTRAINT "demographics_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."demographics" ADD CONSTRAINT "demographics_sourced_id_fkey" FOREIGN KEY ("tenant_id","sourced_id") REFERENCES "oneroster"."users"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."orgs" ADD CONSTRAINT "orgs_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."orgs" ADD CONSTRAINT "orgs_parent_sourced_id_fkey" FOREIGN KEY ("tenant_id","parent_sourced_id") REFERENCES "oneroster"."orgs"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."roles" ADD CONSTRAINT "roles_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."roles" ADD CONSTRAINT "roles_user_sourced_id_fkey" FOREIGN KEY ("tenant_id","user_sourced_id") REFERENCES "oneroster"."users"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."roles" ADD CONSTRAINT "roles_org_sourced_id_fkey" FOREIGN KEY ("tenant_id","org_sourced_id") REFERENCES "oneroster"."orgs"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."roles" ADD CONSTRAINT "roles_user_profile_sourced_id_fkey" FOREIGN KEY ("tenant_id","user_profile_sourced_id") REFERENCES "oneroster"."user_profiles"("tenant_id","sourced_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."user_profiles" ADD CONSTRAINT "user_profiles_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."user_profiles" ADD CONSTRAINT "user_profiles_user_sourced_id_fkey" FOREIGN KEY ("tenant_id","user_sourced_id") REFERENCES "oneroster"."users"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."users" ADD CONSTRAINT "users_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."users" ADD CONSTRAINT "users_primary_org_sourced_id_fkey" FOREIGN KEY ("tenant_id","primary_org_sourced_id") REFERENCES "oneroster"."orgs"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."academic_sessions" ADD CONSTRAINT "academic_sessions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."academic_sessions" ADD CONSTRAINT "academic_sessions_parent_sourced_id_fkey" FOREIGN KEY ("tenant_id","parent_sourced_id") REFERENCES "oneroster"."academic_sessions"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."classes" ADD CONSTRAINT "classes_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."classes" ADD CONSTRAINT "classes_course_sourced_id_fkey" FOREIGN KEY ("tenant_id","course_sourced_id") REFERENCES "oneroster"."courses"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."classes" ADD CONSTRAINT "classes_school_sourced_id_fkey" FOREIGN KEY ("tenant_id","school_sourced_id") REFERENCES "oneroster"."orgs"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."courses" ADD CONSTRAINT "courses_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."courses" ADD CONSTRAINT "courses_school_year_sourced_id_fkey" FOREIGN KEY ("tenant_id","school_year_sourced_id") REFERENCES "oneroster"."academic_sessions"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."courses" ADD CONSTRAINT "courses_org_sourced_id_fkey" FOREIGN KEY ("tenant_id","org_sourced_id") REFERENCES "oneroster"."orgs"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."enrollments" ADD CONSTRAINT "enrollments_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."enrollments" ADD CONSTRAINT "enrollments_user_sourced_id_fkey" FOREIGN KEY ("tenant_id","user_sourced_id") REFERENCES "oneroster"."users"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."enrollments" ADD CONSTRAINT "enrollments_class_sourced_id_fkey" FOREIGN KEY ("tenant_id","class_sourced_id") REFERENCES "oneroster"."classes"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."enrollments" ADD CONSTRAINT "enrollments_school_sourced_id_fkey" FOREIGN KEY ("tenant_id","school_sourced_id") REFERENCES "oneroster"."orgs"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."categories" ADD CONSTRAINT "categories_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."line_items" ADD CONSTRAINT "line_items_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."line_items" ADD CONSTRAINT "line_items_class_sourced_id_fkey" FOREIGN KEY ("tenant_id","class_sourced_id") REFERENCES "oneroster"."classes"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."line_items" ADD CONSTRAINT "line_items_category_sourced_id_fkey" FOREIGN KEY ("tenant_id","category_sourced_id") REFERENCES "oneroster"."categories"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."line_items" ADD CONSTRAINT "line_items_grading_period_sourced_id_fkey" FOREIGN KEY ("tenant_id","grading_period_sourced_id") REFERENCES "oneroster"."academic_sessions"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."resources" ADD CONSTRAINT "resources_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."results" ADD CONSTRAINT "results_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."results" ADD CONSTRAINT "results_line_item_sourced_id_fkey" FOREIGN KEY ("tenant_id","line_item_sourced_id") REFERENCES "oneroster"."line_items"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."results" ADD CONSTRAINT "results_student_sourced_id_fkey" FOREIGN KEY ("tenant_id","student_sourced_id") REFERENCES "oneroster"."users"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."score_scales" ADD CONSTRAINT "score_scales_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operational"."api_metrics" ADD CONSTRAINT "api_metrics_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operational"."api_metrics" ADD CONSTRAINT "api_metrics_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "users"."schools"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operational"."background_jobs" ADD CONSTRAINT "background_jobs_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operational"."system_events" ADD CONSTRAINT "system_events_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operational"."system_events" ADD CONSTRAINT "system_events_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "sessions"."classroom_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operational"."system_events" ADD CONSTRAINT "system_events_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "users"."schools"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."attendance" ADD CONSTRAINT "attendance_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."attendance" ADD CONSTRAINT "attendance_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "school_ops"."sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."attendance" ADD CONSTRAINT "attendance_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."classes" ADD CONSTRAINT "classes_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."classes" ADD CONSTRAINT "classes_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."classes" ADD CONSTRAINT "classes_term_fkey" FOREIGN KEY ("tenant_id","term_id") REFERENCES "school_ops"."terms"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."classes" ADD CONSTRAINT "classes_level_fkey" FOREIGN KEY ("tenant_id","level_id") REFERENCES "curriculum"."levels"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."classes" ADD CONSTRAINT "classes_teacher_fkey" FOREIGN KEY ("tenant_id","teacher_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."classes" ADD CONSTRAINT "classes_room_fkey" FOREIGN KEY ("tenant_id","room_id") REFERENCES "school_ops"."rooms"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."enrollments" ADD CONSTRAINT "enrollments_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."enrollments" ADD CONSTRAINT "enrollments_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."enrollments" ADD CONSTRAINT "enrollments_class_fkey" FOREIGN KEY ("tenant_id","class_id") REFERENCES "school_ops"."classes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."placements" ADD CONSTRAINT "placements_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."placements" ADD CONSTRAINT "placements_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."placements" ADD CONSTRAINT "placements_course_type_fkey" FOREIGN KEY ("tenant_id","course_type_id") REFERENCES "curriculum"."course_types"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."placements" ADD CONSTRAINT "placements_recommended_level_fkey" FOREIGN KEY ("tenant_id","recommended_level_id") REFERENCES "curriculum"."levels"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."rooms" ADD CONSTRAINT "rooms_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."rooms" ADD CONSTRAINT "rooms_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."schedules" ADD CONSTRAINT "schedules_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."schedules" ADD CONSTRAINT "schedules_class_fkey" FOREIGN KEY ("tenant_id","class_id") REFERENCES "school_ops"."classes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."sessions" ADD CONSTRAINT "sessions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."sessions" ADD CONSTRAINT "sessions_class_fkey" FOREIGN KEY ("tenant_id","class_id") REFERENCES "school_ops"."classes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."terms" ADD CONSTRAINT "terms_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_ops"."terms" ADD CONSTRAINT "terms_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialed"."accommodations" ADD CONSTRAINT "accommodations_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialed"."accommodations" ADD CONSTRAINT "accommodations_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialed"."iep" ADD CONSTRAINT "iep_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialed"."iep" ADD CONSTRAINT "iep_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialed"."iep" ADD CONSTRAINT "iep_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialed"."iep_goals" ADD CONSTRAINT "iep_goals_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialed"."iep_goals" ADD CONSTRAINT "iep_goals_iep_fkey" FOREIGN KEY ("tenant_id","iep_id") REFERENCES "specialed"."iep"("tenant_id","iep_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialed"."plan_504" ADD CONSTRAINT "plan_504_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialed"."plan_504" ADD CONSTRAINT "plan_504_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialed"."plan_504" ADD CONSTRAINT "plan_504_school_fkey" FOREIGN KEY ("tenant_id","school_id") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."alert_acknowledgments" ADD CONSTRAINT "alert_acknowledgments_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."alert_acknowledgments" ADD CONSTRAINT "alert_acknowledgments_alert_fkey" FOREIGN KEY ("tenant_id","alert_id") REFERENCES "supervision"."safety_alerts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."alert_acknowledgments" ADD CONSTRAINT "alert_acknowledgments_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."chat_messages" ADD CONSTRAINT "chat_messages_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."chat_messages" ADD CONSTRAINT "chat_messages_session_fkey" FOREIGN KEY ("tenant_id","session_id") REFERENCES "supervision"."chat_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."chat_sessions" ADD CONSTRAINT "chat_sessions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."chat_sessions" ADD CONSTRAINT "chat_sessions_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."memory_audit_log" ADD CONSTRAINT "memory_audit_log_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."memory_audit_log" ADD CONSTRAINT "memory_audit_log_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."memory_integrity_hashes" ADD CONSTRAINT "memory_integrity_hashes_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."memory_integrity_hashes" ADD CONSTRAINT "memory_integrity_hashes_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."safety_alerts" ADD CONSTRAINT "safety_alerts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."safety_alerts" ADD CONSTRAINT "safety_alerts_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."safety_alerts" ADD CONSTRAINT "safety_alerts_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."safety_alerts" ADD CONSTRAINT "safety_alerts_acknowledged_by_fkey" FOREIGN KEY ("tenant_id","acknowledged_by") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."safety_alerts" ADD CONSTRAINT "safety_alerts_resolved_by_fkey" FOREIGN KEY ("tenant_id","resolved_by") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."wellbeing_snapshots" ADD CONSTRAINT "wellbeing_snapshots_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."wellbeing_snapshots" ADD CONSTRAINT "wellbeing_snapshots_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."annotations" ADD CONSTRAINT "annotations_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."annotations" ADD CONSTRAINT "annotations_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."annotations" ADD CONSTRAINT "annotations_prompt_run_fkey" FOREIGN KEY ("tenant_id","prompt_run_id") REFERENCES "toolbox"."prompt_runs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."graveyard_ideas" ADD CONSTRAINT "graveyard_ideas_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."graveyard_ideas" ADD CONSTRAINT "graveyard_ideas_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."knowledge_edges" ADD CONSTRAINT "knowledge_edges_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."knowledge_edges" ADD CONSTRAINT "knowledge_edges_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."knowledge_edges" ADD CONSTRAINT "knowledge_edges_source_fkey" FOREIGN KEY ("tenant_id","source_id") REFERENCES "toolbox"."knowledge_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."knowledge_edges" ADD CONSTRAINT "knowledge_edges_target_fkey" FOREIGN KEY ("tenant_id","target_id") REFERENCES "toolbox"."knowledge_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."knowledge_nodes" ADD CONSTRAINT "knowledge_nodes_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."knowledge_nodes" ADD CONSTRAINT "knowledge_nodes_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."prompt_runs" ADD CONSTRAINT "prompt_runs_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."prompt_runs" ADD CONSTRAINT "prompt_runs_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."prompt_runs" ADD CONSTRAINT "prompt_runs_prompt_fkey" FOREIGN KEY ("tenant_id","prompt_id") REFERENCES "curriculum"."prompts"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."prompt_runs" ADD CONSTRAINT "prompt_runs_student_prompt_fkey" FOREIGN KEY ("tenant_id","student_prompt_id") REFERENCES "toolbox"."student_prompts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."student_prompts" ADD CONSTRAINT "student_prompts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."student_prompts" ADD CONSTRAINT "student_prompts_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."techniques" ADD CONSTRAINT "techniques_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."techniques" ADD CONSTRAINT "techniques_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."todos" ADD CONSTRAINT "todos_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."todos" ADD CONSTRAINT "todos_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."user_badges" ADD CONSTRAINT "user_badges_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."user_badges" ADD CONSTRAINT "user_badges_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."user_badges" ADD CONSTRAINT "user_badges_badge_fkey" FOREIGN KEY ("tenant_id","badge_id") REFERENCES "curriculum"."badges"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."user_badges" ADD CONSTRAINT "user_badges_lesson_fkey" FOREIGN KEY ("tenant_id","lesson_id") REFERENCES "curriculum"."lessons"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."user_progress" ADD CONSTRAINT "user_progress_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."user_progress" ADD CONSTRAINT "user_progress_user_fkey" FOREIGN KEY ("tenant_id","user_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."user_progress" ADD CONSTRAINT "user_progress_module_fkey" FOREIGN KEY ("tenant_id","module_id") REFERENCES "curriculum"."modules"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolbox"."user_progress" ADD CONSTRAINT "user_progress_lesson_fkey" FOREIGN KEY ("tenant_id","lesson_id") REFERENCES "curriculum"."lessons"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transportation"."bus_routes" ADD CONSTRAINT "bus_routes_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transportation"."bus_stops" ADD CONSTRAINT "bus_stops_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transportation"."student_transportation" ADD CONSTRAINT "student_transportation_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transportation"."student_transportation" ADD CONSTRAINT "student_transportation_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transportation"."student_transportation" ADD CONSTRAINT "student_transportation_route_fkey" FOREIGN KEY ("tenant_id","route_id") REFERENCES "transportation"."bus_routes"("tenant_id","route_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transportation"."student_transportation" ADD CONSTRAINT "student_transportation_pickup_stop_fkey" FOREIGN KEY ("tenant_id","pickup_stop_id") REFERENCES "transportation"."bus_stops"("tenant_id","stop_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transportation"."student_transportation" ADD CONSTRAINT "student_transportation_dropoff_stop_fkey" FOREIGN KEY ("tenant_id","dropoff_stop_id") REFERENCES "transportation"."bus_stops"("tenant_id","stop_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "schema_migrations_name_idx" ON "admin"."schema_migrations" USING btree ("migration_name");--> statement-breakpoint
CREATE INDEX "activities_advisor_staff_idx" ON "activities"."activities" USING btree ("tenant_id","advisor_staff_usi");--> statement-breakpoint
CREATE INDEX "student_activity_participation_student_idx" ON "activities"."student_activity_participation" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "student_activity_participation_activity_idx" ON "activities"."student_activity_participation" USING btree ("tenant_id","activity_id");--> statement-breakpoint
CREATE INDEX "memory_contradictions_graph_idx" ON "ai_memory"."memory_contradictions" USING btree ("tenant_id","graph_id");--> statement-breakpoint
CREATE INDEX "memory_contradictions_node_a_idx" ON "ai_memory"."memory_contradictions" USING btree ("tenant_id","node_a");--> statement-breakpoint
CREATE INDEX "memory_contradictions_node_b_idx" ON "ai_memory"."memory_contradictions" USING btree ("tenant_id","node_b");--> statement-breakpoint
CREATE INDEX "memory_contradictions_resolved_to_idx" ON "ai_memory"."memory_contradictions" USING btree ("tenant_id","resolved_to");--> statement-breakpoint
CREATE INDEX "idx_memory_edges_graph" ON "ai_memory"."memory_edges" USING btree ("tenant_id","graph_id");--> statement-breakpoint
CREATE INDEX "idx_memory_edges_source" ON "ai_memory"."memory_edges" USING btree ("tenant_id","source_id");--> statement-breakpoint
CREATE INDEX "idx_memory_edges_target" ON "ai_memory"."memory_edges" USING btree ("tenant_id","target_id");--> statement-breakpoint
CREATE INDEX "idx_memory_edges_type" ON "ai_memory"."memory_edges" USING btree ("tenant_id","type");--> statement-breakpoint
CREATE INDEX "memory_graphs_student_idx" ON "ai_memory"."memory_graphs" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "memory_graphs_organization_idx" ON "ai_memory"."memory_graphs" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "idx_memory_ledger_graph" ON "ai_memory"."memory_ledger" USING btree ("tenant_id","graph_id");--> statement-breakpoint
CREATE INDEX "idx_memory_ledger_category" ON "ai_memory"."memory_ledger" USING btree ("tenant_id","category");--> statement-breakpoint
CREATE INDEX "idx_memory_ledger_importance" ON "ai_memory"."memory_ledger" USING btree ("tenant_id","importance" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_memory_nodes_graph" ON "ai_memory"."memory_nodes" USING btree ("tenant_id","graph_id");--> statement-breakpoint
CREATE INDEX "idx_memory_nodes_gravity" ON "ai_memory"."memory_nodes" USING btree ("tenant_id","gravity" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "student_world_overlay_student_idx" ON "ai_memory"."student_world_overlay" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "student_world_overlay_graph_idx" ON "ai_memory"."student_world_overlay" USING btree ("tenant_id","graph_id");--> statement-breakpoint
CREATE INDEX "meal_transactions_student_idx" ON "cafeteria"."meal_transactions" USING btree ("tenant_id","student_usi","transaction_date");--> statement-breakpoint
CREATE INDEX "student_meal_plans_student_idx" ON "cafeteria"."student_meal_plans" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "student_meal_plans_meal_plan_idx" ON "cafeteria"."student_meal_plans" USING btree ("tenant_id","meal_plan_id");--> statement-breakpoint
CREATE INDEX "students_school_idx" ON "users"."students" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "teachers_school_idx" ON "users"."teachers" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "classroom_sessions_teacher_idx" ON "sessions"."classroom_sessions" USING btree ("tenant_id","teacher_id");--> statement-breakpoint
CREATE INDEX "classroom_sessions_school_idx" ON "sessions"."classroom_sessions" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "classroom_sessions_status_idx" ON "sessions"."classroom_sessions" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "classroom_sessions_scheduled_start_idx" ON "sessions"."classroom_sessions" USING btree ("tenant_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "participants_session_idx" ON "sessions"."participants" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "participants_group_idx" ON "sessions"."participants" USING btree ("tenant_id","group_id");--> statement-breakpoint
CREATE INDEX "participants_student_idx" ON "sessions"."participants" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "student_group_members_session_idx" ON "sessions"."student_group_members" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "student_group_members_student_idx" ON "sessions"."student_group_members" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "student_groups_session_idx" ON "sessions"."student_groups" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "student_groups_leader_idx" ON "sessions"."student_groups" USING btree ("tenant_id","leader_id");--> statement-breakpoint
CREATE INDEX "messages_session_idx" ON "communication"."messages" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "messages_recipient_idx" ON "communication"."messages" USING btree ("tenant_id","recipient_id");--> statement-breakpoint
CREATE INDEX "recordings_session_idx" ON "audio"."recordings" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "recordings_group_idx" ON "audio"."recordings" USING btree ("tenant_id","group_id");--> statement-breakpoint
CREATE INDEX "recordings_participant_idx" ON "audio"."recordings" USING btree ("tenant_id","participant_id");--> statement-breakpoint
CREATE INDEX "recordings_transcription_status_idx" ON "audio"."recordings" USING btree ("tenant_id","transcription_status");--> statement-breakpoint
CREATE INDEX "session_events_session_time_idx" ON "analytics"."session_events" USING btree ("tenant_id","session_id","event_time");--> statement-breakpoint
CREATE INDEX "session_events_teacher_idx" ON "analytics"."session_events" USING btree ("tenant_id","teacher_id");--> statement-breakpoint
CREATE INDEX "teacher_guidance_metrics_session_idx" ON "ai_insights"."teacher_guidance_metrics" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "teacher_guidance_metrics_teacher_idx" ON "ai_insights"."teacher_guidance_metrics" USING btree ("tenant_id","teacher_id");--> statement-breakpoint
CREATE INDEX "teacher_guidance_metrics_group_idx" ON "ai_insights"."teacher_guidance_metrics" USING btree ("tenant_id","group_id");--> statement-breakpoint
CREATE INDEX "idx_audit_user_ops" ON "compliance"."audit_logs" USING btree ("tenant_id","user_id","operation","timestamp");--> statement-breakpoint
CREATE INDEX "idx_audit_recent" ON "compliance"."audit_logs" USING btree ("tenant_id","timestamp");--> statement-breakpoint
CREATE INDEX "ferpa_compliance_log_entity_idx" ON "compliance"."ferpa_compliance_log" USING btree ("tenant_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "privacy_consents_student_idx" ON "compliance"."privacy_consents" USING btree ("tenant_id","student_id","consent_type");--> statement-breakpoint
CREATE INDEX "audit_log_session_idx" ON "compliance"."audit_log" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "audit_log_school_idx" ON "compliance"."audit_log" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "audit_log_event_timestamp_idx" ON "compliance"."audit_log" USING btree ("tenant_id","event_timestamp");--> statement-breakpoint
CREATE INDEX "coppa_compliance_school_idx" ON "compliance"."coppa_compliance" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "coppa_compliance_student_idx" ON "compliance"."coppa_compliance" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "parental_consents_school_idx" ON "compliance"."parental_consents" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "parental_consents_student_idx" ON "compliance"."parental_consents" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "retention_policies_school_idx" ON "compliance"."retention_policies" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "addresses_user_idx" ON "core"."addresses" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "families_parent_idx" ON "core"."families" USING btree ("tenant_id","parent_id");--> statement-breakpoint
CREATE INDEX "families_child_idx" ON "core"."families" USING btree ("tenant_id","child_id");--> statement-breakpoint
CREATE INDEX "idx_users_org_role" ON "core"."users" USING btree ("tenant_id","organization_id","role");--> statement-breakpoint
CREATE INDEX "lead_interactions_lead_idx" ON "crm"."lead_interactions" USING btree ("tenant_id","lead_id");--> statement-breakpoint
CREATE INDEX "lead_interactions_user_idx" ON "crm"."lead_interactions" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "leads_organization_idx" ON "crm"."leads" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "leads_assigned_to_idx" ON "crm"."leads" USING btree ("tenant_id","assigned_to");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "crm"."referrals" USING btree ("tenant_id","referrer_id");--> statement-breakpoint
CREATE INDEX "referrals_referred_lead_idx" ON "crm"."referrals" USING btree ("tenant_id","referred_lead_id");--> statement-breakpoint
CREATE INDEX "trials_lead_idx" ON "crm"."trials" USING btree ("tenant_id","lead_id");--> statement-breakpoint
CREATE INDEX "trials_class_idx" ON "crm"."trials" USING btree ("tenant_id","class_id");--> statement-breakpoint
CREATE INDEX "trials_session_idx" ON "crm"."trials" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "badges_organization_idx" ON "curriculum"."badges" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "lessons_module_idx" ON "curriculum"."lessons" USING btree ("tenant_id","module_id");--> statement-breakpoint
CREATE INDEX "modules_level_idx" ON "curriculum"."modules" USING btree ("tenant_id","level_id");--> statement-breakpoint
CREATE INDEX "modules_badge_idx" ON "curriculum"."modules" USING btree ("tenant_id","badge_id");--> statement-breakpoint
CREATE INDEX "prompts_lesson_idx" ON "curriculum"."prompts" USING btree ("tenant_id","lesson_id");--> statement-breakpoint
CREATE INDEX "school_settings_school_idx" ON "admin"."school_settings" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "descriptor_uri_ci_key" ON "edfi"."descriptor" USING btree (lower("namespace"),lower("codevalue"));--> statement-breakpoint
CREATE INDEX "descriptor_descriptortype_idx" ON "edfi"."descriptor" USING btree ("descriptortype");--> statement-breakpoint
CREATE INDEX "descriptor_priordescriptorid_idx" ON "edfi"."descriptor" USING btree ("priordescriptorid");--> statement-breakpoint
CREATE INDEX "educationorganization_operationalstatusdescriptorid_idx" ON "edfi"."educationorganization" USING btree ("operationalstatusdescriptorid");--> statement-breakpoint
CREATE INDEX "localeducationagency_parent_idx" ON "edfi"."localeducationagency" USING btree ("tenant_id","parentlocaleducationagencyid");--> statement-breakpoint
CREATE INDEX "localeducationagency_sea_idx" ON "edfi"."localeducationagency" USING btree ("tenant_id","stateeducationagencyid");--> statement-breakpoint
CREATE INDEX "localeducationagency_localeducationagencycategorydescr_f7a39054" ON "edfi"."localeducationagency" USING btree ("localeducationagencycategorydescriptorid");--> statement-breakpoint
CREATE INDEX "school_localeducationagencyid_idx" ON "edfi"."school" USING btree ("tenant_id","localeducationagencyid");--> statement-breakpoint
CREATE INDEX "school_schooltypedescriptorid_idx" ON "edfi"."school" USING btree ("schooltypedescriptorid");--> statement-breakpoint
CREATE INDEX "school_charterstatusdescriptorid_idx" ON "edfi"."school" USING btree ("charterstatusdescriptorid");--> statement-breakpoint
CREATE INDEX "school_administrativefundingcontroldescriptorid_idx" ON "edfi"."school" USING btree ("administrativefundingcontroldescriptorid");--> statement-breakpoint
CREATE INDEX "school_titleipartaschooldesignationdescriptorid_idx" ON "edfi"."school" USING btree ("titleipartaschooldesignationdescriptorid");--> statement-breakpoint
CREATE INDEX "schoolgradelevel_gradeleveldescriptorid_idx" ON "edfi"."schoolgradelevel" USING btree ("gradeleveldescriptorid");--> statement-breakpoint
CREATE INDEX "idx_student_name" ON "edfi"."student" USING btree ("tenant_id","lastsurname","firstname");--> statement-breakpoint
CREATE INDEX "idx_student_metadata_gin" ON "edfi"."student" USING gin ("metadata") WHERE "metadata" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "student_birthcountrydescriptorid_idx" ON "edfi"."student" USING btree ("birthcountrydescriptorid");--> statement-breakpoint
CREATE INDEX "student_birthsexdescriptorid_idx" ON "edfi"."student" USING btree ("birthsexdescriptorid");--> statement-breakpoint
CREATE INDEX "student_birthstateabbreviationdescriptorid_idx" ON "edfi"."student" USING btree ("birthstateabbreviationdescriptorid");--> statement-breakpoint
CREATE INDEX "student_citizenshipstatusdescriptorid_idx" ON "edfi"."student" USING btree ("citizenshipstatusdescriptorid");--> statement-breakpoint
CREATE INDEX "course_educationorganizationid_idx" ON "edfi"."course" USING btree ("tenant_id","educationorganizationid");--> statement-breakpoint
CREATE INDEX "course_academicsubjectdescriptorid_idx" ON "edfi"."course" USING btree ("academicsubjectdescriptorid");--> statement-breakpoint
CREATE INDEX "course_coursegpaapplicabilitydescriptorid_idx" ON "edfi"."course" USING btree ("coursegpaapplicabilitydescriptorid");--> statement-breakpoint
CREATE INDEX "course_coursedefinedbydescriptorid_idx" ON "edfi"."course" USING btree ("coursedefinedbydescriptorid");--> statement-breakpoint
CREATE INDEX "courseoffering_course_idx" ON "edfi"."courseoffering" USING btree ("tenant_id","educationorganizationid","coursecode");--> statement-breakpoint
CREATE INDEX "courseoffering_schoolid_idx" ON "edfi"."courseoffering" USING btree ("tenant_id","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "gradebookentry_section_idx" ON "edfi"."gradebookentry" USING btree ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "gradebookentry_gradebookentrytypedescriptorid_idx" ON "edfi"."gradebookentry" USING btree ("gradebookentrytypedescriptorid");--> statement-breakpoint
CREATE INDEX "section_courseoffering_idx" ON "edfi"."section" USING btree ("tenant_id","localcoursecode","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "section_educationalenvironmentdescriptorid_idx" ON "edfi"."section" USING btree ("educationalenvironmentdescriptorid");--> statement-breakpoint
CREATE INDEX "section_mediumofinstructiondescriptorid_idx" ON "edfi"."section" USING btree ("mediumofinstructiondescriptorid");--> statement-breakpoint
CREATE INDEX "section_populationserveddescriptorid_idx" ON "edfi"."section" USING btree ("populationserveddescriptorid");--> statement-breakpoint
CREATE INDEX "section_availablecredittypedescriptorid_idx" ON "edfi"."section" USING btree ("availablecredittypedescriptorid");--> statement-breakpoint
CREATE INDEX "studentgradebookentry_gradebookentry_idx" ON "edfi"."studentgradebookentry" USING btree ("tenant_id","gradebookentryidentifier","namespace");--> statement-breakpoint
CREATE INDEX "credential_stateofissuestateabbreviationdescriptorid_idx" ON "edfi"."credential" USING btree ("stateofissuestateabbreviationdescriptorid");--> statement-breakpoint
CREATE INDEX "credential_credentialfielddescriptorid_idx" ON "edfi"."credential" USING btree ("credentialfielddescriptorid");--> statement-breakpoint
CREATE INDEX "credential_credentialtypedescriptorid_idx" ON "edfi"."credential" USING btree ("credentialtypedescriptorid");--> statement-breakpoint
CREATE INDEX "credential_teachingcredentialdescriptorid_idx" ON "edfi"."credential" USING btree ("teachingcredentialdescriptorid");--> statement-breakpoint
CREATE INDEX "credential_teachingcredentialbasisdescriptorid_idx" ON "edfi"."credential" USING btree ("teachingcredentialbasisdescriptorid");--> statement-breakpoint
CREATE INDEX "staff_highestcompletedlevelofeducationdescriptorid_idx" ON "edfi"."staff" USING btree ("highestcompletedlevelofeducationdescriptorid");--> statement-breakpoint
CREATE INDEX "staffleave_staffleaveeventcategorydescriptorid_idx" ON "edfi"."staffleave" USING btree ("staffleaveeventcategorydescriptorid");--> statement-breakpoint
CREATE INDEX "staffschoolassociation_schoolid_idx" ON "edfi"."staffschoolassociation" USING btree ("tenant_id","schoolid");--> statement-breakpoint
CREATE INDEX "staffschoolassociation_programassignmentdescriptorid_idx" ON "edfi"."staffschoolassociation" USING btree ("programassignmentdescriptorid");--> statement-breakpoint
CREATE INDEX "staffsectionassociation_section_idx" ON "edfi"."staffsectionassociation" USING btree ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "staffsectionassociation_classroompositiondescriptorid_idx" ON "edfi"."staffsectionassociation" USING btree ("classroompositiondescriptorid");--> statement-breakpoint
CREATE INDEX "idx_ssa_school" ON "edfi"."studentschoolassociation" USING btree ("tenant_id","schoolid");--> statement-breakpoint
CREATE INDEX "idx_ssa_active" ON "edfi"."studentschoolassociation" USING btree ("tenant_id","schoolid","schoolyear") WHERE "exitwithdrawdate" IS NULL;--> statement-breakpoint
CREATE INDEX "studentschoolassociation_calendar_idx" ON "edfi"."studentschoolassociation" USING btree ("tenant_id","calendarcode","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "studentschoolassociation_entrygradeleveldescriptorid_idx" ON "edfi"."studentschoolassociation" USING btree ("entrygradeleveldescriptorid");--> statement-breakpoint
CREATE INDEX "studentschoolassociation_entrytypedescriptorid_idx" ON "edfi"."studentschoolassociation" USING btree ("entrytypedescriptorid");--> statement-breakpoint
CREATE INDEX "studentschoolassociation_exitwithdrawtypedescriptorid_idx" ON "edfi"."studentschoolassociation" USING btree ("exitwithdrawtypedescriptorid");--> statement-breakpoint
CREATE INDEX "studentsectionassociation_section_idx" ON "edfi"."studentsectionassociation" USING btree ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "studentsectionassociation_repeatidentifierdescriptorid_idx" ON "edfi"."studentsectionassociation" USING btree ("repeatidentifierdescriptorid");--> statement-breakpoint
CREATE INDEX "studentsectionassociation_attemptstatusdescriptorid_idx" ON "edfi"."studentsectionassociation" USING btree ("attemptstatusdescriptorid");--> statement-breakpoint
CREATE INDEX "assessment_educationorganizationid_idx" ON "edfi"."assessment" USING btree ("tenant_id","educationorganizationid");--> statement-breakpoint
CREATE INDEX "assessment_assessmentcategorydescriptorid_idx" ON "edfi"."assessment" USING btree ("assessmentcategorydescriptorid");--> statement-breakpoint
CREATE INDEX "objectiveassessment_assessment_idx" ON "edfi"."objectiveassessment" USING btree ("tenant_id","assessmentidentifier","namespace","parentidentificationcode");--> statement-breakpoint
CREATE INDEX "studentassessment_assessment_idx" ON "edfi"."studentassessment" USING btree ("tenant_id","assessmentidentifier","namespace");--> statement-breakpoint
CREATE INDEX "idx_student_assessment_student" ON "edfi"."studentassessment" USING btree ("tenant_id","studentusi");--> statement-breakpoint
CREATE INDEX "idx_student_assessment_date" ON "edfi"."studentassessment" USING btree ("tenant_id","administrationdate");--> statement-breakpoint
CREATE INDEX "studentassessment_administrationenvironmentdescriptorid_idx" ON "edfi"."studentassessment" USING btree ("administrationenvironmentdescriptorid");--> statement-breakpoint
CREATE INDEX "studentassessment_administrationlanguagedescriptorid_idx" ON "edfi"."studentassessment" USING btree ("administrationlanguagedescriptorid");--> statement-breakpoint
CREATE INDEX "studentassessment_whenassessedgradeleveldescriptorid_idx" ON "edfi"."studentassessment" USING btree ("whenassessedgradeleveldescriptorid");--> statement-breakpoint
CREATE INDEX "studentassessment_eventcircumstancedescriptorid_idx" ON "edfi"."studentassessment" USING btree ("eventcircumstancedescriptorid");--> statement-breakpoint
CREATE INDEX "studentassessmentscoreresult_assessmentreportingmethod_ff5466a2" ON "edfi"."studentassessmentscoreresult" USING btree ("assessmentreportingmethoddescriptorid");--> statement-breakpoint
CREATE INDEX "studentassessmentscoreresult_resultdatatypetypedescriptorid_idx" ON "edfi"."studentassessmentscoreresult" USING btree ("resultdatatypetypedescriptorid");--> statement-breakpoint
CREATE INDEX "bellschedule_schoolid_idx" ON "edfi"."bellschedule" USING btree ("tenant_id","schoolid");--> statement-breakpoint
CREATE INDEX "calendar_schoolid_idx" ON "edfi"."calendar" USING btree ("tenant_id","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "calendar_calendartypedescriptorid_idx" ON "edfi"."calendar" USING btree ("calendartypedescriptorid");--> statement-breakpoint
CREATE INDEX "calendardate_calendar_idx" ON "edfi"."calendardate" USING btree ("tenant_id","calendarcode","schoolid","schoolyear","date");--> statement-breakpoint
CREATE INDEX "calendardatecalendarevent_calendareventdescriptorid_idx" ON "edfi"."calendardatecalendarevent" USING btree ("calendareventdescriptorid");--> statement-breakpoint
CREATE INDEX "classperiod_schoolid_idx" ON "edfi"."classperiod" USING btree ("tenant_id","schoolid");--> statement-breakpoint
CREATE INDEX "gradingperiod_schoolid_idx" ON "edfi"."gradingperiod" USING btree ("tenant_id","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "gradingperiod_gradingperioddescriptorid_idx" ON "edfi"."gradingperiod" USING btree ("gradingperioddescriptorid");--> statement-breakpoint
CREATE INDEX "session_schoolid_idx" ON "edfi"."session" USING btree ("tenant_id","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "session_termdescriptorid_idx" ON "edfi"."session" USING btree ("termdescriptorid");--> statement-breakpoint
CREATE INDEX "idx_attendance_student_date" ON "edfi"."studentschoolattendanceevent" USING btree ("tenant_id","studentusi","eventdate");--> statement-breakpoint
CREATE INDEX "idx_attendance_school_date" ON "edfi"."studentschoolattendanceevent" USING btree ("tenant_id","schoolid","eventdate");--> statement-breakpoint
CREATE INDEX "studentschoolattendanceevent_attendanceeventcategoryde_d64f063e" ON "edfi"."studentschoolattendanceevent" USING btree ("attendanceeventcategorydescriptorid");--> statement-breakpoint
CREATE INDEX "studentschoolattendanceevent_educationalenvironmentdes_0e635b83" ON "edfi"."studentschoolattendanceevent" USING btree ("educationalenvironmentdescriptorid");--> statement-breakpoint
CREATE INDEX "studentsectionattendanceevent_section_idx" ON "edfi"."studentsectionattendanceevent" USING btree ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear","eventdate");--> statement-breakpoint
CREATE INDEX "studentsectionattendanceevent_attendanceeventcategoryd_b9ef3646" ON "edfi"."studentsectionattendanceevent" USING btree ("attendanceeventcategorydescriptorid");--> statement-breakpoint
CREATE INDEX "studentsectionattendanceevent_educationalenvironmentde_af71cd4d" ON "edfi"."studentsectionattendanceevent" USING btree ("educationalenvironmentdescriptorid");--> statement-breakpoint
CREATE INDEX "disciplineaction_studentusi_idx" ON "edfi"."disciplineaction" USING btree ("tenant_id","studentusi","disciplinedate");--> statement-breakpoint
CREATE INDEX "disciplineaction_responsibilityschoolid_idx" ON "edfi"."disciplineaction" USING btree ("tenant_id","responsibilityschoolid");--> statement-breakpoint
CREATE INDEX "disciplineaction_assignmentschoolid_idx" ON "edfi"."disciplineaction" USING btree ("tenant_id","assignmentschoolid");--> statement-breakpoint
CREATE INDEX "disciplineaction_disciplineactionlengthdifferencereaso_ea77a7b6" ON "edfi"."disciplineaction" USING btree ("disciplineactionlengthdifferencereasondescriptorid");--> statement-breakpoint
CREATE INDEX "disciplineincident_schoolid_idx" ON "edfi"."disciplineincident" USING btree ("tenant_id","schoolid","incidentdate");--> statement-breakpoint
CREATE INDEX "disciplineincident_staffusi_idx" ON "edfi"."disciplineincident" USING btree ("tenant_id","staffusi");--> statement-breakpoint
CREATE INDEX "disciplineincident_reporterdescriptiondescriptorid_idx" ON "edfi"."disciplineincident" USING btree ("reporterdescriptiondescriptorid");--> statement-breakpoint
CREATE INDEX "studentdisciplineincidentassociation_incident_idx" ON "edfi"."studentdisciplineincidentassociation" USING btree ("tenant_id","incidentidentifier","schoolid");--> statement-breakpoint
CREATE INDEX "studentdisciplineincidentassociation_studentparticipat_ea5370ae" ON "edfi"."studentdisciplineincidentassociation" USING btree ("studentparticipationcodedescriptorid");--> statement-breakpoint
CREATE INDEX "studentdisciplineincidentbehaviorassociation_incident_idx" ON "edfi"."studentdisciplineincidentbehaviorassociation" USING btree ("tenant_id","incidentidentifier","schoolid");--> statement-breakpoint
CREATE INDEX "studentdisciplineincidentbehaviorassociation_behaviord_e80cdbd1" ON "edfi"."studentdisciplineincidentbehaviorassociation" USING btree ("behaviordescriptorid");--> statement-breakpoint
CREATE INDEX "cohort_educationorganizationid_idx" ON "edfi"."cohort" USING btree ("tenant_id","educationorganizationid");--> statement-breakpoint
CREATE INDEX "cohort_cohorttypedescriptorid_idx" ON "edfi"."cohort" USING btree ("cohorttypedescriptorid");--> statement-breakpoint
CREATE INDEX "cohort_cohortscopedescriptorid_idx" ON "edfi"."cohort" USING btree ("cohortscopedescriptorid");--> statement-breakpoint
CREATE INDEX "cohort_academicsubjectdescriptorid_idx" ON "edfi"."cohort" USING btree ("academicsubjectdescriptorid");--> statement-breakpoint
CREATE INDEX "cohortprogram_programeducationorganizationid_idx" ON "edfi"."cohortprogram" USING btree ("tenant_id","programeducationorganizationid");--> statement-breakpoint
CREATE INDEX "cohortprogram_programtypedescriptorid_idx" ON "edfi"."cohortprogram" USING btree ("programtypedescriptorid");--> statement-breakpoint
CREATE INDEX "studentcohortassociation_cohort_idx" ON "edfi"."studentcohortassociation" USING btree ("tenant_id","cohortidentifier","educationorganizationid");--> statement-breakpoint
CREATE INDEX "diploma_diplomatypedescriptorid_idx" ON "edfi"."diploma" USING btree ("diplomatypedescriptorid");--> statement-breakpoint
CREATE INDEX "diploma_achievementcategorydescriptorid_idx" ON "edfi"."diploma" USING btree ("achievementcategorydescriptorid");--> statement-breakpoint
CREATE INDEX "diploma_diplomaleveldescriptorid_idx" ON "edfi"."diploma" USING btree ("diplomaleveldescriptorid");--> statement-breakpoint
CREATE INDEX "grade_section_idx" ON "edfi"."grade" USING btree ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "grade_gradingperiod_idx" ON "edfi"."grade" USING btree ("tenant_id","gradingperioddescriptorid","gradingperiodschoolid","gradingperiodschoolyear");--> statement-breakpoint
CREATE INDEX "grade_gradingperioddescriptorid_idx" ON "edfi"."grade" USING btree ("gradingperioddescriptorid");--> statement-breakpoint
CREATE INDEX "grade_gradetypedescriptorid_idx" ON "edfi"."grade" USING btree ("gradetypedescriptorid");--> statement-breakpoint
CREATE INDEX "reportcard_educationorganizationid_idx" ON "edfi"."reportcard" USING btree ("tenant_id","educationorganizationid");--> statement-breakpoint
CREATE INDEX "reportcard_gradingperiod_idx" ON "edfi"."reportcard" USING btree ("tenant_id","gradingperioddescriptorid","gradingperiodschoolid","gradingperiodschoolyear");--> statement-breakpoint
CREATE INDEX "reportcard_gradingperioddescriptorid_idx" ON "edfi"."reportcard" USING btree ("gradingperioddescriptorid");--> statement-breakpoint
CREATE INDEX "studentcompetencyobjective_gradingperiod_idx" ON "edfi"."studentcompetencyobjective" USING btree ("tenant_id","gradingperioddescriptorid","gradingperiodschoolid","gradingperiodschoolyear");--> statement-breakpoint
CREATE INDEX "studentcompetencyobjective_objectiveeducationorganizationid_idx" ON "edfi"."studentcompetencyobjective" USING btree ("tenant_id","objectiveeducationorganizationid");--> statement-breakpoint
CREATE INDEX "studentcompetencyobjective_gradingperioddescriptorid_idx" ON "edfi"."studentcompetencyobjective" USING btree ("gradingperioddescriptorid");--> statement-breakpoint
CREATE INDEX "studentcompetencyobjective_objectivegradeleveldescriptorid_idx" ON "edfi"."studentcompetencyobjective" USING btree ("objectivegradeleveldescriptorid");--> statement-breakpoint
CREATE INDEX "studentcompetencyobjective_competencyleveldescriptorid_idx" ON "edfi"."studentcompetencyobjective" USING btree ("competencyleveldescriptorid");--> statement-breakpoint
CREATE INDEX "discounts_organization_idx" ON "finance"."discounts" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "idx_invoices_payer" ON "finance"."invoices" USING btree ("tenant_id","payer_id");--> statement-breakpoint
CREATE INDEX "idx_invoices_status" ON "finance"."invoices" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "invoices_organization_idx" ON "finance"."invoices" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "invoices_student_idx" ON "finance"."invoices" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "products_organization_idx" ON "finance"."products" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "transactions_organization_idx" ON "finance"."transactions" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "transactions_invoice_idx" ON "finance"."transactions" USING btree ("tenant_id","invoice_id");--> statement-breakpoint
CREATE INDEX "payment_methods_user_idx" ON "finance"."payment_methods" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "payment_methods_organization_idx" ON "finance"."payment_methods" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "payouts_user_idx" ON "finance"."payouts" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "payouts_organization_idx" ON "finance"."payouts" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "payouts_approved_by_idx" ON "finance"."payouts" USING btree ("tenant_id","approved_by");--> statement-breakpoint
CREATE INDEX "payroll_payments_payroll_idx" ON "finance"."payroll_payments" USING btree ("tenant_id","payroll_id");--> statement-breakpoint
CREATE INDEX "payroll_payments_user_idx" ON "finance"."payroll_payments" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "payroll_payments_payment_method_idx" ON "finance"."payroll_payments" USING btree ("tenant_id","payment_method_id");--> statement-breakpoint
CREATE INDEX "payroll_payments_paid_by_idx" ON "finance"."payroll_payments" USING btree ("tenant_id","paid_by");--> statement-breakpoint
CREATE INDEX "staff_payroll_organization_idx" ON "finance"."staff_payroll" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "staff_payroll_contract_idx" ON "finance"."staff_payroll" USING btree ("tenant_id","contract_id");--> statement-breakpoint
CREATE INDEX "staff_payroll_user_idx" ON "finance"."staff_payroll" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "staff_payroll_approved_by_idx" ON "finance"."staff_payroll" USING btree ("tenant_id","approved_by");--> statement-breakpoint
CREATE INDEX "staff_payroll_calculated_by_idx" ON "finance"."staff_payroll" USING btree ("tenant_id","calculated_by");--> statement-breakpoint
CREATE INDEX "teacher_contracts_user_idx" ON "finance"."teacher_contracts" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "teacher_contracts_organization_idx" ON "finance"."teacher_contracts" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "chart_of_accounts_parent_idx" ON "finance"."chart_of_accounts" USING btree ("tenant_id","parent_id");--> statement-breakpoint
CREATE INDEX "cost_centers_parent_idx" ON "finance"."cost_centers" USING btree ("tenant_id","parent_id");--> statement-breakpoint
CREATE INDEX "cost_centers_manager_idx" ON "finance"."cost_centers" USING btree ("tenant_id","manager_id");--> statement-breakpoint
CREATE INDEX "fiscal_documents_organization_idx" ON "finance"."fiscal_documents" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "fiscal_documents_invoice_idx" ON "finance"."fiscal_documents" USING btree ("tenant_id","invoice_id");--> statement-breakpoint
CREATE INDEX "fiscal_documents_payroll_idx" ON "finance"."fiscal_documents" USING btree ("tenant_id","payroll_id");--> statement-breakpoint
CREATE INDEX "journal_entries_source_idx" ON "finance"."journal_entries" USING btree ("tenant_id","source_type","source_id");--> statement-breakpoint
CREATE INDEX "journal_entries_reverses_idx" ON "finance"."journal_entries" USING btree ("tenant_id","reverses_entry_id");--> statement-breakpoint
CREATE INDEX "journal_entries_reversed_by_idx" ON "finance"."journal_entries" USING btree ("tenant_id","reversed_by_entry_id");--> statement-breakpoint
CREATE INDEX "journal_entries_created_by_idx" ON "finance"."journal_entries" USING btree ("tenant_id","created_by");--> statement-breakpoint
CREATE INDEX "journal_entries_posted_by_idx" ON "finance"."journal_entries" USING btree ("tenant_id","posted_by");--> statement-breakpoint
CREATE INDEX "journal_entry_lines_account_idx" ON "finance"."journal_entry_lines" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE INDEX "journal_entry_lines_cost_center_idx" ON "finance"."journal_entry_lines" USING btree ("tenant_id","cost_center_id");--> statement-breakpoint
CREATE INDEX "tax_withholdings_organization_idx" ON "finance"."tax_withholdings" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "tax_withholdings_fiscal_document_idx" ON "finance"."tax_withholdings" USING btree ("tenant_id","fiscal_document_id");--> statement-breakpoint
CREATE INDEX "allergies_student_idx" ON "health"."allergies" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "immunizations_student_idx" ON "health"."immunizations" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "medications_student_idx" ON "health"."medications" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "student_health_records_student_idx" ON "health"."student_health_records" USING btree ("tenant_id","student_usi","record_date");--> statement-breakpoint
CREATE INDEX "checkouts_student_idx" ON "library"."checkouts" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "checkouts_resource_idx" ON "library"."checkouts" USING btree ("tenant_id","resource_id");--> statement-breakpoint
CREATE INDEX "resources_isbn_idx" ON "library"."resources" USING btree ("tenant_id","isbn");--> statement-breakpoint
CREATE INDEX "ai_learning_sessions_student_idx" ON "two_hour_learning"."ai_learning_sessions" USING btree ("tenant_id","student_id","session_date");--> statement-breakpoint
CREATE INDEX "daily_targets_student_idx" ON "two_hour_learning"."daily_targets" USING btree ("tenant_id","student_id","target_date");--> statement-breakpoint
CREATE INDEX "life_skills_activities_student_idx" ON "two_hour_learning"."life_skills_activities" USING btree ("tenant_id","student_id","activity_date");--> statement-breakpoint
CREATE INDEX "map_test_results_student_idx" ON "two_hour_learning"."map_test_results" USING btree ("tenant_id","student_id","test_date");--> statement-breakpoint
CREATE INDEX "mastery_progress_student_idx" ON "two_hour_learning"."mastery_progress" USING btree ("tenant_id","student_id","subject_id","skill_id");--> statement-breakpoint
CREATE INDEX "notification_queue_status_scheduled_idx" ON "notifications"."notification_queue" USING btree ("tenant_id","status","scheduled_for");--> statement-breakpoint
CREATE INDEX "notification_queue_template_idx" ON "notifications"."notification_queue" USING btree ("tenant_id","template_id");--> statement-breakpoint
CREATE INDEX "notification_queue_user_idx" ON "notifications"."notification_queue" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "demographics_date_last_modified_idx" ON "oneroster"."demographics" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "orgs_date_last_modified_idx" ON "oneroster"."orgs" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "orgs_parent_sourced_id_idx" ON "oneroster"."orgs" USING btree ("tenant_id","parent_sourced_id");--> statement-breakpoint
CREATE INDEX "roles_date_last_modified_idx" ON "oneroster"."roles" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "roles_user_sourced_id_idx" ON "oneroster"."roles" USING btree ("tenant_id","user_sourced_id");--> statement-breakpoint
CREATE INDEX "roles_org_sourced_id_idx" ON "oneroster"."roles" USING btree ("tenant_id","org_sourced_id");--> statement-breakpoint
CREATE INDEX "roles_user_profile_sourced_id_idx" ON "oneroster"."roles" USING btree ("tenant_id","user_profile_sourced_id");--> statement-breakpoint
CREATE INDEX "user_profiles_date_last_modified_idx" ON "oneroster"."user_profiles" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "user_profiles_user_sourced_id_idx" ON "oneroster"."user_profiles" USING btree ("tenant_id","user_sourced_id");--> statement-breakpoint
CREATE INDEX "users_date_last_modified_idx" ON "oneroster"."users" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "users_primary_org_sourced_id_idx" ON "oneroster"."users" USING btree ("tenant_id","primary_org_sourced_id");--> statement-breakpoint
CREATE INDEX "academic_sessions_date_last_modified_idx" ON "oneroster"."academic_sessions" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "academic_sessions_parent_sourced_id_idx" ON "oneroster"."academic_sessions" USING btree ("tenant_id","parent_sourced_id");--> statement-breakpoint
CREATE INDEX "classes_date_last_modified_idx" ON "oneroster"."classes" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "idx_or_classes_school" ON "oneroster"."classes" USING btree ("tenant_id","school_sourced_id") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_or_metadata_gin" ON "oneroster"."classes" USING gin ("metadata") WHERE "metadata" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "classes_school_sourced_id_idx" ON "oneroster"."classes" USING btree ("tenant_id","school_sourced_id");--> statement-breakpoint
CREATE INDEX "classes_course_sourced_id_idx" ON "oneroster"."classes" USING btree ("tenant_id","course_sourced_id");--> statement-breakpoint
CREATE INDEX "classes_term_sourced_ids_idx" ON "oneroster"."classes" USING gin ("term_sourced_ids");--> statement-breakpoint
CREATE INDEX "courses_date_last_modified_idx" ON "oneroster"."courses" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "courses_school_year_sourced_id_idx" ON "oneroster"."courses" USING btree ("tenant_id","school_year_sourced_id");--> statement-breakpoint
CREATE INDEX "courses_org_sourced_id_idx" ON "oneroster"."courses" USING btree ("tenant_id","org_sourced_id");--> statement-breakpoint
CREATE INDEX "enrollments_date_last_modified_idx" ON "oneroster"."enrollments" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "idx_or_enrollments_user" ON "oneroster"."enrollments" USING btree ("tenant_id","user_sourced_id") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "idx_or_enrollments_class" ON "oneroster"."enrollments" USING btree ("tenant_id","class_sourced_id") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "enrollments_user_sourced_id_idx" ON "oneroster"."enrollments" USING btree ("tenant_id","user_sourced_id");--> statement-breakpoint
CREATE INDEX "enrollments_class_sourced_id_idx" ON "oneroster"."enrollments" USING btree ("tenant_id","class_sourced_id");--> statement-breakpoint
CREATE INDEX "enrollments_school_sourced_id_idx" ON "oneroster"."enrollments" USING btree ("tenant_id","school_sourced_id");--> statement-breakpoint
CREATE INDEX "categories_date_last_modified_idx" ON "oneroster"."categories" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "line_items_date_last_modified_idx" ON "oneroster"."line_items" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "line_items_class_sourced_id_idx" ON "oneroster"."line_items" USING btree ("tenant_id","class_sourced_id");--> statement-breakpoint
CREATE INDEX "line_items_category_sourced_id_idx" ON "oneroster"."line_items" USING btree ("tenant_id","category_sourced_id");--> statement-breakpoint
CREATE INDEX "line_items_grading_period_sourced_id_idx" ON "oneroster"."line_items" USING btree ("tenant_id","grading_period_sourced_id");--> statement-breakpoint
CREATE INDEX "resources_date_last_modified_idx" ON "oneroster"."resources" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "results_date_last_modified_idx" ON "oneroster"."results" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "results_line_item_sourced_id_idx" ON "oneroster"."results" USING btree ("tenant_id","line_item_sourced_id");--> statement-breakpoint
CREATE INDEX "results_student_sourced_id_idx" ON "oneroster"."results" USING btree ("tenant_id","student_sourced_id");--> statement-breakpoint
CREATE INDEX "score_scales_date_last_modified_idx" ON "oneroster"."score_scales" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "api_metrics_school_idx" ON "operational"."api_metrics" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "api_metrics_timestamp_idx" ON "operational"."api_metrics" USING btree ("tenant_id","timestamp");--> statement-breakpoint
CREATE INDEX "background_jobs_status_scheduled_idx" ON "operational"."background_jobs" USING btree ("tenant_id","status","scheduled_at");--> statement-breakpoint
CREATE INDEX "system_events_session_idx" ON "operational"."system_events" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "system_events_school_idx" ON "operational"."system_events" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "system_events_created_at_idx" ON "operational"."system_events" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "attendance_user_idx" ON "school_ops"."attendance" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "classes_organization_idx" ON "school_ops"."classes" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "classes_term_idx" ON "school_ops"."classes" USING btree ("tenant_id","term_id");--> statement-breakpoint
CREATE INDEX "classes_level_idx" ON "school_ops"."classes" USING btree ("tenant_id","level_id");--> statement-breakpoint
CREATE INDEX "classes_teacher_idx" ON "school_ops"."classes" USING btree ("tenant_id","teacher_id");--> statement-breakpoint
CREATE INDEX "classes_room_idx" ON "school_ops"."classes" USING btree ("tenant_id","room_id");--> statement-breakpoint
CREATE INDEX "idx_enrollments_user" ON "school_ops"."enrollments" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "idx_enrollments_class" ON "school_ops"."enrollments" USING btree ("tenant_id","class_id");--> statement-breakpoint
CREATE INDEX "placements_user_idx" ON "school_ops"."placements" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "placements_course_type_idx" ON "school_ops"."placements" USING btree ("tenant_id","course_type_id");--> statement-breakpoint
CREATE INDEX "placements_recommended_level_idx" ON "school_ops"."placements" USING btree ("tenant_id","recommended_level_id");--> statement-breakpoint
CREATE INDEX "rooms_organization_idx" ON "school_ops"."rooms" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "schedules_class_idx" ON "school_ops"."schedules" USING btree ("tenant_id","class_id");--> statement-breakpoint
CREATE INDEX "sessions_class_idx" ON "school_ops"."sessions" USING btree ("tenant_id","class_id");--> statement-breakpoint
CREATE INDEX "terms_organization_idx" ON "school_ops"."terms" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "accommodations_student_idx" ON "specialed"."accommodations" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "accommodations_plan_idx" ON "specialed"."accommodations" USING btree ("tenant_id","plan_type","plan_id");--> statement-breakpoint
CREATE INDEX "iep_student_idx" ON "specialed"."iep" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "iep_school_idx" ON "specialed"."iep" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "iep_goals_iep_idx" ON "specialed"."iep_goals" USING btree ("tenant_id","iep_id");--> statement-breakpoint
CREATE INDEX "plan_504_student_idx" ON "specialed"."plan_504" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "plan_504_school_idx" ON "specialed"."plan_504" USING btree ("tenant_id","school_id");--> statement-breakpoint
CREATE INDEX "alert_acknowledgments_alert_idx" ON "supervision"."alert_acknowledgments" USING btree ("tenant_id","alert_id");--> statement-breakpoint
CREATE INDEX "alert_acknowledgments_user_idx" ON "supervision"."alert_acknowledgments" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "chat_messages_session_idx" ON "supervision"."chat_messages" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "chat_sessions_student_idx" ON "supervision"."chat_sessions" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "memory_audit_log_student_idx" ON "supervision"."memory_audit_log" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "memory_integrity_hashes_student_idx" ON "supervision"."memory_integrity_hashes" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "idx_safety_alerts_student" ON "supervision"."safety_alerts" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "idx_safety_alerts_level" ON "supervision"."safety_alerts" USING btree ("tenant_id","level");--> statement-breakpoint
CREATE INDEX "idx_safety_alerts_unresolved" ON "supervision"."safety_alerts" USING btree ("tenant_id","resolved_at") WHERE "resolved_at" IS NULL;--> statement-breakpoint
CREATE INDEX "safety_alerts_organization_idx" ON "supervision"."safety_alerts" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "safety_alerts_acknowledged_by_idx" ON "supervision"."safety_alerts" USING btree ("tenant_id","acknowledged_by");--> statement-breakpoint
CREATE INDEX "safety_alerts_resolved_by_idx" ON "supervision"."safety_alerts" USING btree ("tenant_id","resolved_by");--> statement-breakpoint
CREATE INDEX "wellbeing_snapshots_student_idx" ON "supervision"."wellbeing_snapshots" USING btree ("tenant_id","student_id","date");--> statement-breakpoint
CREATE INDEX "annotations_user_idx" ON "toolbox"."annotations" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "annotations_prompt_run_idx" ON "toolbox"."annotations" USING btree ("tenant_id","prompt_run_id");--> statement-breakpoint
CREATE INDEX "graveyard_ideas_user_idx" ON "toolbox"."graveyard_ideas" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "knowledge_edges_user_idx" ON "toolbox"."knowledge_edges" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "knowledge_edges_source_idx" ON "toolbox"."knowledge_edges" USING btree ("tenant_id","source_id");--> statement-breakpoint
CREATE INDEX "knowledge_edges_target_idx" ON "toolbox"."knowledge_edges" USING btree ("tenant_id","target_id");--> statement-breakpoint
CREATE INDEX "knowledge_nodes_user_idx" ON "toolbox"."knowledge_nodes" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "prompt_runs_user_idx" ON "toolbox"."prompt_runs" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "prompt_runs_prompt_idx" ON "toolbox"."prompt_runs" USING btree ("tenant_id","prompt_id");--> statement-breakpoint
CREATE INDEX "prompt_runs_student_prompt_idx" ON "toolbox"."prompt_runs" USING btree ("tenant_id","student_prompt_id");--> statement-breakpoint
CREATE INDEX "student_prompts_user_idx" ON "toolbox"."student_prompts" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "techniques_user_idx" ON "toolbox"."techniques" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "todos_user_idx" ON "toolbox"."todos" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "user_badges_badge_idx" ON "toolbox"."user_badges" USING btree ("tenant_id","badge_id");--> statement-breakpoint
CREATE INDEX "user_badges_lesson_idx" ON "toolbox"."user_badges" USING btree ("tenant_id","lesson_id");--> statement-breakpoint
CREATE INDEX "user_progress_user_idx" ON "toolbox"."user_progress" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "user_progress_module_idx" ON "toolbox"."user_progress" USING btree ("tenant_id","module_id");--> statement-breakpoint
CREATE INDEX "user_progress_lesson_idx" ON "toolbox"."user_progress" USING btree ("tenant_id","lesson_id");--> statement-breakpoint
CREATE INDEX "student_transportation_student_idx" ON "transportation"."student_transportation" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "student_transportation_route_idx" ON "transportation"."student_transportation" USING btree ("tenant_id","route_id");--> statement-breakpoint
CREATE INDEX "student_transportation_pickup_stop_idx" ON "transportation"."student_transportation" USING btree ("tenant_id","pickup_stop_id");--> statement-breakpoint
CREATE INDEX "student_transportation_dropoff_stop_idx" ON "transportation"."student_transportation" USING btree ("tenant_id","dropoff_stop_id");
--> statement-breakpoint
-- Reviewed addition: partitions of compliance.audit_logs. The DEFAULT partition catches any month
-- nobody prepared (an insert never fails); ensure_audit_log_partitions creates the monthly
-- partitions ahead (at start-up and daily), moving rows the default partition caught into them.
-- Bounds are UTC midnights, independent of the session time zone.
CREATE TABLE "compliance"."audit_logs_default" PARTITION OF "compliance"."audit_logs" DEFAULT;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "compliance"."ensure_audit_log_partitions"(from_date date, months_ahead integer)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  month_start date;
  lower_bound timestamptz;
  upper_bound timestamptz;
  part_name text;
  created integer := 0;
BEGIN
  -- Two instances starting together must not both create the same partition.
  PERFORM pg_advisory_xact_lock(7270013);
  FOR i IN 0..months_ahead LOOP
    month_start := (date_trunc('month', from_date) + make_interval(months => i))::date;
    lower_bound := month_start::timestamp AT TIME ZONE 'UTC';
    upper_bound := (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    part_name := format('audit_logs_y%sm%s', to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
    IF to_regclass(format('compliance.%I', part_name)) IS NULL THEN
      EXECUTE format('CREATE TABLE compliance.%I (LIKE compliance.audit_logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part_name);
      EXECUTE format('INSERT INTO compliance.%I SELECT * FROM compliance.audit_logs_default WHERE "timestamp" >= %L AND "timestamp" < %L', part_name, lower_bound, upper_bound);
      EXECUTE format('DELETE FROM compliance.audit_logs_default WHERE "timestamp" >= %L AND "timestamp" < %L', lower_bound, upper_bound);
      EXECUTE format('ALTER TABLE compliance.audit_logs ATTACH PARTITION compliance.%I FOR VALUES FROM (%L) TO (%L)', part_name, lower_bound, upper_bound);
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END;
$$;
