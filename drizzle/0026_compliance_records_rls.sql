-- Row-level security for the compliance records tables (scripts/rls-sql.ts).
GRANT SELECT, INSERT, UPDATE, DELETE ON "compliance"."legal_holds" TO schola_app;
--> statement-breakpoint
ALTER TABLE "compliance"."legal_holds" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "compliance"."legal_holds" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "compliance"."records_requests" TO schola_app;
--> statement-breakpoint
ALTER TABLE "compliance"."records_requests" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "compliance"."records_requests" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "compliance"."student_record_exports" TO schola_app;
--> statement-breakpoint
ALTER TABLE "compliance"."student_record_exports" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "compliance"."student_record_exports" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
