-- Row-level security for the OneRoster link and assessment tables (scripts/rls-sql.ts).
GRANT SELECT, INSERT, UPDATE, DELETE ON "oneroster"."assessment_line_items" TO schola_app;
--> statement-breakpoint
ALTER TABLE "oneroster"."assessment_line_items" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oneroster"."assessment_line_items" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oneroster"."assessment_results" TO schola_app;
--> statement-breakpoint
ALTER TABLE "oneroster"."assessment_results" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oneroster"."assessment_results" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oneroster"."class_resources" TO schola_app;
--> statement-breakpoint
ALTER TABLE "oneroster"."class_resources" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oneroster"."class_resources" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oneroster"."course_resources" TO schola_app;
--> statement-breakpoint
ALTER TABLE "oneroster"."course_resources" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oneroster"."course_resources" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oneroster"."line_item_learning_objectives" TO schola_app;
--> statement-breakpoint
ALTER TABLE "oneroster"."line_item_learning_objectives" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oneroster"."line_item_learning_objectives" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oneroster"."line_item_score_scales" TO schola_app;
--> statement-breakpoint
ALTER TABLE "oneroster"."line_item_score_scales" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oneroster"."line_item_score_scales" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oneroster"."result_learning_objectives" TO schola_app;
--> statement-breakpoint
ALTER TABLE "oneroster"."result_learning_objectives" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oneroster"."result_learning_objectives" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oneroster"."result_score_scales" TO schola_app;
--> statement-breakpoint
ALTER TABLE "oneroster"."result_score_scales" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oneroster"."result_score_scales" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oneroster"."user_resources" TO schola_app;
--> statement-breakpoint
ALTER TABLE "oneroster"."user_resources" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oneroster"."user_resources" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
