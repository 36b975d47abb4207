ALTER TABLE "two_hour_learning"."map_test_results" DROP CONSTRAINT "map_test_results_percentile_check";--> statement-breakpoint
DROP INDEX "two_hour_learning"."daily_targets_student_idx";--> statement-breakpoint
DROP INDEX "two_hour_learning"."mastery_progress_student_idx";--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD COLUMN "disciplinedescriptorid" integer;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD COLUMN "enddate" date;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD COLUMN "assignedbystaffusi" integer;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD COLUMN "incidentidentifier" varchar(60);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."mastery_progress" ADD COLUMN "mastery_score" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "two_hour_learning"."mastery_progress" ADD COLUMN "xp_earned" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_disciplinedescriptorid_fkey" FOREIGN KEY ("disciplinedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_assignedbystaffusi_fkey" FOREIGN KEY ("tenant_id","assignedbystaffusi") REFERENCES "edfi"."staff"("tenant_id","staffusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_incident_fkey" FOREIGN KEY ("tenant_id","incidentidentifier","responsibilityschoolid") REFERENCES "edfi"."disciplineincident"("tenant_id","incidentidentifier","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disciplineaction_disciplinedescriptorid_idx" ON "edfi"."disciplineaction" USING btree ("disciplinedescriptorid");--> statement-breakpoint
CREATE INDEX "disciplineaction_assignedbystaffusi_idx" ON "edfi"."disciplineaction" USING btree ("tenant_id","assignedbystaffusi");--> statement-breakpoint
CREATE INDEX "disciplineaction_incident_idx" ON "edfi"."disciplineaction" USING btree ("tenant_id","incidentidentifier","responsibilityschoolid");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_targets_student_day_subject_key" ON "two_hour_learning"."daily_targets" USING btree ("tenant_id","student_id","target_date","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mastery_progress_skill_key" ON "two_hour_learning"."mastery_progress" USING btree ("tenant_id","student_id","subject_id","skill_id");--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_enddate_check" CHECK ("enddate" IS NULL OR "enddate" >= "disciplinedate");--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_length_check" CHECK ("disciplineactionlength" BETWEEN 0 AND 366);--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_actual_length_check" CHECK ("actualdisciplineactionlength" BETWEEN 0 AND 366);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."ai_learning_sessions" ADD CONSTRAINT "ai_learning_sessions_total_minutes_check" CHECK ("total_minutes" BETWEEN 0 AND 1440);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."ai_learning_sessions" ADD CONSTRAINT "ai_learning_sessions_lesson_count_check" CHECK ("lesson_count" BETWEEN 0 AND 1000);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."ai_learning_sessions" ADD CONSTRAINT "ai_learning_sessions_end_time_check" CHECK ("end_time" IS NULL OR "end_time" >= "start_time");--> statement-breakpoint
ALTER TABLE "two_hour_learning"."daily_targets" ADD CONSTRAINT "daily_targets_target_minutes_check" CHECK ("target_minutes" BETWEEN 1 AND 1440);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."daily_targets" ADD CONSTRAINT "daily_targets_target_lessons_check" CHECK ("target_lessons" BETWEEN 0 AND 1000);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."daily_targets" ADD CONSTRAINT "daily_targets_actual_minutes_check" CHECK ("actual_minutes" BETWEEN 0 AND 1440);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."daily_targets" ADD CONSTRAINT "daily_targets_actual_lessons_check" CHECK ("actual_lessons" BETWEEN 0 AND 1000);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."daily_targets" ADD CONSTRAINT "daily_targets_completed_check" CHECK ("completed" IS NOT TRUE OR ("actual_minutes" >= "target_minutes" AND "actual_accuracy" >= "target_accuracy"));--> statement-breakpoint
ALTER TABLE "two_hour_learning"."life_skills_activities" ADD CONSTRAINT "life_skills_activities_duration_minutes_check" CHECK ("duration_minutes" BETWEEN 1 AND 1440);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."life_skills_activities" ADD CONSTRAINT "life_skills_activities_activity_type_check" CHECK (lower("activity_type") IN ('coding', 'music', 'sports'));--> statement-breakpoint
ALTER TABLE "two_hour_learning"."life_skills_activities" ADD CONSTRAINT "life_skills_activities_skill_category_check" CHECK (lower("skill_category") IN ('technical', 'creative', 'physical'));--> statement-breakpoint
ALTER TABLE "two_hour_learning"."map_test_results" ADD CONSTRAINT "map_test_results_rit_score_check" CHECK ("rit_score" BETWEEN 100 AND 350);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."map_test_results" ADD CONSTRAINT "map_test_results_subject_check" CHECK (lower("subject") IN ('math', 'reading', 'science'));--> statement-breakpoint
ALTER TABLE "two_hour_learning"."map_test_results" ADD CONSTRAINT "map_test_results_percentile_check" CHECK ("percentile" BETWEEN 1 AND 99);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."mastery_progress" ADD CONSTRAINT "mastery_progress_attempts_count_check" CHECK ("attempts_count" BETWEEN 0 AND 1000000);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."mastery_progress" ADD CONSTRAINT "mastery_progress_time_spent_minutes_check" CHECK ("time_spent_minutes" BETWEEN 0 AND 10000000);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."mastery_progress" ADD CONSTRAINT "mastery_progress_last_assessment_score_check" CHECK ("last_assessment_score" BETWEEN 0 AND 100);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."mastery_progress" ADD CONSTRAINT "mastery_progress_mastery_score_check" CHECK ("mastery_score" BETWEEN 0 AND 100);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."mastery_progress" ADD CONSTRAINT "mastery_progress_xp_earned_check" CHECK ("xp_earned" BETWEEN 0 AND 2000000000);--> statement-breakpoint
ALTER TABLE "two_hour_learning"."personalization_profiles" ADD CONSTRAINT "personalization_profiles_session_length_check" CHECK ("optimal_session_length_minutes" BETWEEN 1 AND 1440);