-- Custom migration: row-level security (scripts/rls-sql.ts) and change tracking (src/standards/edfi/change-tracking.ts)
-- for the assessment detail tables of 0010.
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."assessmentacademicsubject" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."assessmentacademicsubject" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."assessmentacademicsubject" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."assessmentassessedgradelevel" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."assessmentassessedgradelevel" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."assessmentassessedgradelevel" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."assessmentidentificationcode" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."assessmentidentificationcode" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."assessmentidentificationcode" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."assessmentperformancelevel" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."assessmentperformancelevel" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."assessmentperformancelevel" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."assessmentplatformtype" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."assessmentplatformtype" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."assessmentplatformtype" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."assessmentscore" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."assessmentscore" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."assessmentscore" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "edfi"."studentassessmentperformancelevel" TO schola_app;
--> statement-breakpoint
ALTER TABLE "edfi"."studentassessmentperformancelevel" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "edfi"."studentassessmentperformancelevel" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.assessmentacademicsubject
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.assessmentassessedgradelevel
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.assessmentscore
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.assessmentperformancelevel
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.assessmentidentificationcode
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.assessmentplatformtype
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentassessmentperformancelevel
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_assessmentacademicsubject() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.assessment p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.assessmentidentifier, p.namespace) IN (SELECT DISTINCT tenant_id, assessmentidentifier, namespace FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.assessmentacademicsubject
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentacademicsubject();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.assessmentacademicsubject
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentacademicsubject();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.assessmentacademicsubject
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentacademicsubject();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_assessmentassessedgradelevel() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.assessment p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.assessmentidentifier, p.namespace) IN (SELECT DISTINCT tenant_id, assessmentidentifier, namespace FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.assessmentassessedgradelevel
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentassessedgradelevel();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.assessmentassessedgradelevel
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentassessedgradelevel();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.assessmentassessedgradelevel
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentassessedgradelevel();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_assessmentidentificationcode() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.assessment p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.assessmentidentifier, p.namespace) IN (SELECT DISTINCT tenant_id, assessmentidentifier, namespace FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.assessmentidentificationcode
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentidentificationcode();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.assessmentidentificationcode
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentidentificationcode();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.assessmentidentificationcode
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentidentificationcode();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_assessmentperformancelevel() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.assessment p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.assessmentidentifier, p.namespace) IN (SELECT DISTINCT tenant_id, assessmentidentifier, namespace FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.assessmentperformancelevel
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentperformancelevel();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.assessmentperformancelevel
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentperformancelevel();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.assessmentperformancelevel
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentperformancelevel();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_assessmentplatformtype() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.assessment p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.assessmentidentifier, p.namespace) IN (SELECT DISTINCT tenant_id, assessmentidentifier, namespace FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.assessmentplatformtype
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentplatformtype();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.assessmentplatformtype
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentplatformtype();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.assessmentplatformtype
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentplatformtype();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_assessmentscore() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.assessment p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.assessmentidentifier, p.namespace) IN (SELECT DISTINCT tenant_id, assessmentidentifier, namespace FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.assessmentscore
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentscore();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.assessmentscore
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentscore();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.assessmentscore
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_assessmentscore();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_studentassessmentperformancelevel() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.studentassessment p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.studentassessmentidentifier, p.studentusi, p.assessmentidentifier, p.namespace) IN (SELECT DISTINCT tenant_id, studentassessmentidentifier, studentusi, assessmentidentifier, namespace FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.studentassessmentperformancelevel
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_studentassessmentperformancelevel();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.studentassessmentperformancelevel
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_studentassessmentperformancelevel();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.studentassessmentperformancelevel
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_studentassessmentperformancelevel();
