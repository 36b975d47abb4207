-- Custom migration: row-level security (scripts/rls-sql.ts) for the gradebook, grading-policy and transcript tables
-- of 0022, and change tracking (src/standards/edfi/change-tracking.ts) for edfi.coursetranscript.
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."gradebookcategory" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."gradebookcategory" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."gradebookcategory" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."coursetranscript" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."coursetranscript" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."coursetranscript" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."schoolgradingpolicy" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."schoolgradingpolicy" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."schoolgradingpolicy" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.coursetranscript
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
