ALTER TABLE "sessions"."classroom_sessions" DROP CONSTRAINT "classroom_sessions_access_code_key";--> statement-breakpoint
ALTER TABLE "sessions"."student_groups" DROP CONSTRAINT "student_groups_max_size_check";--> statement-breakpoint
-- Reviewed addition: rows written before these rules (e.g. an earlier demo) are brought within them.
UPDATE "sessions"."classroom_sessions" SET
  "status" = CASE WHEN "status" IN ('completed', 'ended', 'finished') THEN 'ended'
                  WHEN "status" IN ('active', 'in_progress', 'live') THEN 'active'
                  WHEN "status" IN ('paused', 'archived') THEN "status"
                  ELSE 'created' END,
  "access_code" = CASE WHEN "access_code" ~ '^[0-9A-Z]{6}$' THEN "access_code"
                       ELSE upper(substr(md5("id"::text), 1, 6)) END,
  "engagement_score" = CASE WHEN "engagement_score" BETWEEN 0 AND 1 THEN round("engagement_score" * 100, 2)
                            WHEN "engagement_score" BETWEEN 0 AND 100 THEN "engagement_score" END,
  "participation_rate" = CASE WHEN "participation_rate" BETWEEN 0 AND 1 THEN "participation_rate"
                              WHEN "participation_rate" BETWEEN 0 AND 100 THEN round("participation_rate" / 100, 4) END;--> statement-breakpoint
UPDATE "sessions"."classroom_sessions" SET
  "actual_end" = COALESCE("actual_end", "actual_start", "updated_at", "created_at"),
  "end_reason" = CASE WHEN "end_reason" IN ('planned_completion', 'early_completion', 'time_constraint', 'technical_issue', 'student_behavior', 'other') THEN "end_reason" ELSE 'other' END
 WHERE "status" = 'ended';--> statement-breakpoint
UPDATE "sessions"."classroom_sessions" SET "actual_end" = "actual_start" WHERE "actual_end" < "actual_start";--> statement-breakpoint
UPDATE "sessions"."student_groups" SET
  "status" = CASE WHEN "status" IN ('connected', 'ready', 'active', 'paused', 'issue', 'waiting') THEN "status"
                  WHEN "status" IS NULL THEN NULL ELSE 'waiting' END,
  "max_size" = CASE WHEN "max_size" IS NULL OR "max_size" < 1 THEN NULL
                    ELSE least(100, greatest("max_size", COALESCE("current_size", 0))) END;--> statement-breakpoint
ALTER TABLE "users"."schools" ADD COLUMN "edfi_school_id" integer;--> statement-breakpoint
ALTER TABLE "users"."schools" ADD CONSTRAINT "schools_edfi_school_fkey" FOREIGN KEY ("tenant_id","edfi_school_id") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "classroom_sessions_open_access_code_key" ON "sessions"."classroom_sessions" USING btree ("tenant_id","access_code") WHERE "status" IN ('created', 'active', 'paused');--> statement-breakpoint
CREATE UNIQUE INDEX "participants_session_student_key" ON "sessions"."participants" USING btree ("tenant_id","session_id","student_id") WHERE "student_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "participants_session_anonymous_key" ON "sessions"."participants" USING btree ("tenant_id","session_id","anonymous_id") WHERE "anonymous_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "student_group_members_session_student_key" ON "sessions"."student_group_members" USING btree ("tenant_id","session_id","student_id");--> statement-breakpoint
ALTER TABLE "sessions"."classroom_sessions" ADD CONSTRAINT "classroom_sessions_status_check" CHECK ("status" IN ('created', 'active', 'paused', 'ended', 'archived'));--> statement-breakpoint
ALTER TABLE "sessions"."classroom_sessions" ADD CONSTRAINT "classroom_sessions_end_reason_check" CHECK ("end_reason" IN ('planned_completion', 'early_completion', 'time_constraint', 'technical_issue', 'student_behavior', 'other'));--> statement-breakpoint
ALTER TABLE "sessions"."classroom_sessions" ADD CONSTRAINT "classroom_sessions_access_code_check" CHECK ("access_code" ~ '^[0-9A-Z]{6}$');--> statement-breakpoint
ALTER TABLE "sessions"."classroom_sessions" ADD CONSTRAINT "classroom_sessions_ended_check" CHECK ("status" <> 'ended' OR ("actual_end" IS NOT NULL AND "end_reason" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "sessions"."classroom_sessions" ADD CONSTRAINT "classroom_sessions_actual_end_check" CHECK ("actual_end" IS NULL OR "actual_end" >= "actual_start");--> statement-breakpoint
ALTER TABLE "sessions"."classroom_sessions" ADD CONSTRAINT "classroom_sessions_engagement_score_check" CHECK ("engagement_score" BETWEEN 0 AND 100);--> statement-breakpoint
ALTER TABLE "sessions"."classroom_sessions" ADD CONSTRAINT "classroom_sessions_participation_rate_check" CHECK ("participation_rate" BETWEEN 0 AND 1);--> statement-breakpoint
ALTER TABLE "sessions"."student_groups" ADD CONSTRAINT "student_groups_status_check" CHECK ("status" IN ('connected', 'ready', 'active', 'paused', 'issue', 'waiting'));--> statement-breakpoint
ALTER TABLE "sessions"."student_groups" ADD CONSTRAINT "student_groups_size_limit_check" CHECK ("current_size" <= "max_size");--> statement-breakpoint
ALTER TABLE "sessions"."student_groups" ADD CONSTRAINT "student_groups_max_size_check" CHECK ("max_size" BETWEEN 1 AND 100);