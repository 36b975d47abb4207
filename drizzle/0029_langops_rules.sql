ALTER TABLE "crm"."leads" DROP CONSTRAINT "leads_status_check";--> statement-breakpoint
DROP INDEX "school_ops"."sessions_class_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_one_active_per_class_key" ON "school_ops"."enrollments" USING btree ("tenant_id","user_id","class_id") WHERE "status" = 'active';--> statement-breakpoint
CREATE INDEX "sessions_date_idx" ON "school_ops"."sessions" USING btree ("tenant_id","date");--> statement-breakpoint
ALTER TABLE "school_ops"."sessions" ADD CONSTRAINT "sessions_class_id_date_start_time_key" UNIQUE("tenant_id","class_id","date","start_time");--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_status_check" CHECK ("status" IN ('new', 'contacted', 'qualified', 'trial_scheduled', 'trial_completed', 'proposal_sent', 'enrolled', 'lost', 'inactive', 'trial'));--> statement-breakpoint
ALTER TABLE "curriculum"."levels" ADD CONSTRAINT "levels_code_check" CHECK ("code" IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2'));