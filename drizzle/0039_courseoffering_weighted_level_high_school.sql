-- Honors and AP are high-school levels (domains/edfi/grades/course-level.ts refuses a weighted level for a course
-- offered by a school serving no grade from 9 to 12). An offering is written by the Ed-Fi API, the interchange and
-- the demo, so the other half of the rule lives here, where no write path can miss it: an offering of a weighted
-- course at a school without a high-school grade is refused (check_violation naming schoolid). The course row is
-- read FOR SHARE, so a concurrent level change (which locks it FOR UPDATE) and this check queue behind each other.
CREATE OR REPLACE FUNCTION edfi.courseoffering_weighted_level_needs_high_school() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  level text;
BEGIN
  SELECT c.gpalevel INTO level FROM edfi.course c
   WHERE c.tenant_id = NEW.tenant_id AND c.coursecode = NEW.coursecode
     AND c.educationorganizationid = NEW.educationorganizationid
   FOR SHARE;
  IF level IS NULL OR level = 'regular' THEN
    RETURN NEW;
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM edfi.schoolgradelevel g JOIN edfi.descriptor d ON d.descriptorid = g.gradeleveldescriptorid
     WHERE g.tenant_id = NEW.tenant_id AND g.schoolid = NEW.schoolid
       AND d.codevalue IN ('Ninth grade', 'Tenth grade', 'Eleventh grade', 'Twelfth grade')
  ) THEN
    RAISE EXCEPTION 'Course % is %, a high-school level: school % serves no grade from 9 to 12.',
      NEW.coursecode, level, NEW.schoolid
      USING ERRCODE = 'check_violation', SCHEMA = 'edfi', TABLE = 'courseoffering', COLUMN = 'schoolid',
        CONSTRAINT = 'courseoffering_weighted_level_needs_high_school';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER courseoffering_weighted_level_needs_high_school
  BEFORE INSERT OR UPDATE OF coursecode, educationorganizationid, schoolid ON edfi.courseoffering
  FOR EACH ROW EXECUTE FUNCTION edfi.courseoffering_weighted_level_needs_high_school();
