GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."deletes_tracking" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."deletes_tracking" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."deletes_tracking" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."keychanges_tracking" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."keychanges_tracking" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."keychanges_tracking" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
