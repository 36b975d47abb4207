-- Row-level security for the nurse's office visits (scripts/rls-sql.ts).
GRANT SELECT, INSERT, UPDATE, DELETE ON "health"."nurse_visits" TO schola_app;
--> statement-breakpoint
ALTER TABLE "health"."nurse_visits" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "health"."nurse_visits" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
