-- Row-level security for the daily-attendance rule table (scripts/rls-sql.ts).
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."schoolattendancerule" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."schoolattendancerule" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."schoolattendancerule" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
