-- Custom migration: Ed-Fi change tracking kept by the database (src/standards/edfi/change-tracking.ts wrote
-- this SQL from the resource models). Every insert/update of a change-tracked row takes a new change version;
-- a child collection's changes touch their parent; a served resource's delete is recorded for /deletes.
CREATE OR REPLACE FUNCTION edfi.bump_change_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Every insert and update of a change-tracked row takes a new change version, whoever writes it.
  NEW.changeversion := nextval('edfi.changeversionsequence');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.assessment
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.bellschedule
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.calendar
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.calendardate
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.calendardatecalendarevent
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.classperiod
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.cohort
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.cohortprogram
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.course
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.courseoffering
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.credential
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.descriptor
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.diploma
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.disciplineaction
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.disciplineincident
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.educationorganization
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.grade
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.gradebookentry
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.gradingperiod
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.learningobjective
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.learningstandard
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.localeducationagency
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.objectiveassessment
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.reportcard
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.school
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.schoolgradelevel
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.schoolyeartype
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.section
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.session
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.staff
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.staffleave
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.staffschoolassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.staffsectionassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.student
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentassessment
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentassessmentscoreresult
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentcohortassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentcompetencyobjective
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentdisciplineincidentassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentdisciplineincidentbehaviorassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentgradebookentry
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentschoolassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentschoolattendanceevent
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentsectionassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON edfi.studentsectionattendanceevent
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_localeducationagency() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'localEducationAgencies', OLD.id, jsonb_build_object('localEducationAgencyId', OLD."localeducationagencyid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.localeducationagency
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_localeducationagency();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_school() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'schools', OLD.id, jsonb_build_object('schoolId', OLD."schoolid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.school
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_school();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_student() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'students', OLD.id, jsonb_build_object('studentUniqueId', OLD."studentuniqueid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.student
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_student();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_staff() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'staffs', OLD.id, jsonb_build_object('staffUniqueId', OLD."staffuniqueid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.staff
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_staff();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_session() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'sessions', OLD.id, jsonb_build_object('sessionName', OLD."sessionname", 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.session
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_session();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_calendar() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'calendars', OLD.id, jsonb_build_object('calendarCode', OLD."calendarcode", 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.calendar
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_calendar();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_calendardate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'calendarDates', OLD.id, jsonb_build_object('calendarCode', OLD."calendarcode", 'date', OLD."date"::text, 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.calendardate
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_calendardate();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_gradingperiod() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'gradingPeriods', OLD.id, jsonb_build_object('gradingPeriodDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."gradingperioddescriptorid"), 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.gradingperiod
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_gradingperiod();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_classperiod() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'classPeriods', OLD.id, jsonb_build_object('classPeriodName', OLD."classperiodname", 'schoolId', OLD."schoolid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.classperiod
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_classperiod();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_bellschedule() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'bellSchedules', OLD.id, jsonb_build_object('bellScheduleName', OLD."bellschedulename", 'schoolId', OLD."schoolid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.bellschedule
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_bellschedule();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_course() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'courses', OLD.id, jsonb_build_object('courseCode', OLD."coursecode", 'educationOrganizationId', OLD."educationorganizationid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.course
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_course();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_courseoffering() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'courseOfferings', OLD.id, jsonb_build_object('localCourseCode', OLD."localcoursecode", 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear", 'sessionName', OLD."sessionname"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.courseoffering
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_courseoffering();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_section() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'sections', OLD.id, jsonb_build_object('sectionIdentifier', OLD."sectionidentifier", 'localCourseCode', OLD."localcoursecode", 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.section
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_section();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_studentschoolassociation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'studentSchoolAssociations', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'schoolId', OLD."schoolid", 'entryDate', OLD."entrydate"::text));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.studentschoolassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_studentschoolassociation();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_studentsectionassociation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'studentSectionAssociations', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'sectionIdentifier', OLD."sectionidentifier", 'localCourseCode', OLD."localcoursecode", 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear", 'beginDate', OLD."begindate"::text));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.studentsectionassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_studentsectionassociation();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_staffsectionassociation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'staffSectionAssociations', OLD.id, jsonb_build_object('staffUniqueId', (SELECT x."staffuniqueid" FROM "edfi"."staff" x WHERE x.tenant_id = OLD.tenant_id AND x."staffusi" = OLD."staffusi"), 'sectionIdentifier', OLD."sectionidentifier", 'localCourseCode', OLD."localcoursecode", 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.staffsectionassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_staffsectionassociation();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_staffschoolassociation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'staffSchoolAssociations', OLD.id, jsonb_build_object('staffUniqueId', (SELECT x."staffuniqueid" FROM "edfi"."staff" x WHERE x.tenant_id = OLD.tenant_id AND x."staffusi" = OLD."staffusi"), 'schoolId', OLD."schoolid", 'programAssignmentDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."programassignmentdescriptorid")));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.staffschoolassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_staffschoolassociation();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_staffleave() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'staffLeaves', OLD.id, jsonb_build_object('staffUniqueId', (SELECT x."staffuniqueid" FROM "edfi"."staff" x WHERE x.tenant_id = OLD.tenant_id AND x."staffusi" = OLD."staffusi"), 'staffLeaveEventCategoryDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."staffleaveeventcategorydescriptorid"), 'beginDate', OLD."begindate"::text));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.staffleave
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_staffleave();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_studentschoolattendanceevent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'studentSchoolAttendanceEvents', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear", 'eventDate', OLD."eventdate"::text, 'attendanceEventCategoryDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."attendanceeventcategorydescriptorid")));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.studentschoolattendanceevent
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_studentschoolattendanceevent();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_studentsectionattendanceevent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'studentSectionAttendanceEvents', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'sectionIdentifier', OLD."sectionidentifier", 'localCourseCode', OLD."localcoursecode", 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear", 'eventDate', OLD."eventdate"::text, 'attendanceEventCategoryDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."attendanceeventcategorydescriptorid")));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.studentsectionattendanceevent
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_studentsectionattendanceevent();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_gradebookentry() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'gradebookEntries', OLD.id, jsonb_build_object('gradebookEntryIdentifier', OLD."gradebookentryidentifier", 'namespace', OLD."namespace"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.gradebookentry
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_gradebookentry();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_studentgradebookentry() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'studentGradebookEntries', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'gradebookEntryIdentifier', OLD."gradebookentryidentifier", 'namespace', OLD."namespace"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.studentgradebookentry
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_studentgradebookentry();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_disciplineincident() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'disciplineIncidents', OLD.id, jsonb_build_object('incidentIdentifier', OLD."incidentidentifier", 'schoolId', OLD."schoolid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.disciplineincident
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_disciplineincident();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_studentdisciplineincidentbehaviorassociation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'studentDisciplineIncidentBehaviorAssociations', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'incidentIdentifier', OLD."incidentidentifier", 'schoolId', OLD."schoolid", 'behaviorDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."behaviordescriptorid")));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.studentdisciplineincidentbehaviorassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_studentdisciplineincidentbehaviorassociation();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_assessment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'assessments', OLD.id, jsonb_build_object('assessmentIdentifier', OLD."assessmentidentifier", 'namespace', OLD."namespace"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.assessment
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_assessment();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_studentassessment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'studentAssessments', OLD.id, jsonb_build_object('studentAssessmentIdentifier', OLD."studentassessmentidentifier", 'studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'assessmentIdentifier', OLD."assessmentidentifier", 'namespace', OLD."namespace"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.studentassessment
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_studentassessment();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_reportcard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'reportCards', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'educationOrganizationId', OLD."educationorganizationid", 'gradingPeriodDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."gradingperioddescriptorid"), 'schoolId', OLD."gradingperiodschoolid", 'schoolYear', OLD."gradingperiodschoolyear"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.reportcard
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_reportcard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_grade() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'grades', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'localCourseCode', OLD."localcoursecode", 'schoolId', OLD."schoolid", 'schoolYear', OLD."schoolyear", 'sectionIdentifier', OLD."sectionidentifier", 'gradingPeriodDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."gradingperioddescriptorid"), 'schoolId', OLD."gradingperiodschoolid", 'schoolYear', OLD."gradingperiodschoolyear", 'beginDate', OLD."begindate"::text, 'gradeTypeDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."gradetypedescriptorid")));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.grade
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_grade();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_diploma() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'diplomas', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'diplomaTypeDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."diplomatypedescriptorid"), 'diplomaAwardDate', OLD."diplomaawarddate"::text));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.diploma
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_diploma();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_studentcompetencyobjective() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'studentCompetencyObjectives', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'gradingPeriodDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."gradingperioddescriptorid"), 'schoolId', OLD."gradingperiodschoolid", 'schoolYear', OLD."gradingperiodschoolyear", 'objective', OLD."objective", 'educationOrganizationId', OLD."objectiveeducationorganizationid", 'objectiveGradeLevelDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."objectivegradeleveldescriptorid")));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.studentcompetencyobjective
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_studentcompetencyobjective();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_objectiveassessment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'objectiveAssessments', OLD.id, jsonb_build_object('assessmentIdentifier', OLD."assessmentidentifier", 'identificationCode', OLD."identificationcode", 'namespace', OLD."namespace"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.objectiveassessment
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_objectiveassessment();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_cohort() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'cohorts', OLD.id, jsonb_build_object('cohortIdentifier', OLD."cohortidentifier", 'educationOrganizationId', OLD."educationorganizationid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.cohort
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_cohort();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_studentcohortassociation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'studentCohortAssociations', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'cohortIdentifier', OLD."cohortidentifier", 'educationOrganizationId', OLD."educationorganizationid", 'beginDate', OLD."begindate"::text));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.studentcohortassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_studentcohortassociation();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_studentdisciplineincidentassociation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'studentDisciplineIncidentAssociations', OLD.id, jsonb_build_object('studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'incidentIdentifier', OLD."incidentidentifier", 'schoolId', OLD."schoolid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.studentdisciplineincidentassociation
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_studentdisciplineincidentassociation();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_disciplineaction() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'disciplineActions', OLD.id, jsonb_build_object('disciplineActionIdentifier', OLD."disciplineactionidentifier", 'studentUniqueId', (SELECT x."studentuniqueid" FROM "edfi"."student" x WHERE x.tenant_id = OLD.tenant_id AND x."studentusi" = OLD."studentusi"), 'disciplineDate', OLD."disciplinedate"::text));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.disciplineaction
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_disciplineaction();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_credential() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'credentials', OLD.id, jsonb_build_object('credentialIdentifier', OLD."credentialidentifier", 'stateOfIssueStateAbbreviationDescriptor', (SELECT d.namespace || '#' || d.codevalue FROM edfi.descriptor d WHERE d.descriptorid = OLD."stateofissuestateabbreviationdescriptorid")));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.credential
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_credential();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_learningstandard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'learningStandards', OLD.id, jsonb_build_object('learningStandardId', OLD."learningstandardid"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.learningstandard
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_learningstandard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.track_delete_learningobjective() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, 'learningObjectives', OLD.id, jsonb_build_object('learningObjectiveId', OLD."learningobjectiveid", 'namespace', OLD."namespace"));
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_track_delete AFTER DELETE ON edfi.learningobjective
  FOR EACH ROW EXECUTE FUNCTION edfi.track_delete_learningobjective();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_schoolgradelevel() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.school p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.schoolid) IN (SELECT DISTINCT tenant_id, schoolid FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.schoolgradelevel
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_schoolgradelevel();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.schoolgradelevel
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_schoolgradelevel();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.schoolgradelevel
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_schoolgradelevel();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_calendardatecalendarevent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.calendardate p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.calendarcode, p.date, p.schoolid, p.schoolyear) IN (SELECT DISTINCT tenant_id, calendarcode, date, schoolid, schoolyear FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.calendardatecalendarevent
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_calendardatecalendarevent();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.calendardatecalendarevent
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_calendardatecalendarevent();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.calendardatecalendarevent
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_calendardatecalendarevent();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_studentassessmentscoreresult() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.studentassessment p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.studentassessmentidentifier, p.studentusi, p.assessmentidentifier, p.namespace) IN (SELECT DISTINCT tenant_id, studentassessmentidentifier, studentusi, assessmentidentifier, namespace FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.studentassessmentscoreresult
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_studentassessmentscoreresult();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.studentassessmentscoreresult
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_studentassessmentscoreresult();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.studentassessmentscoreresult
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_studentassessmentscoreresult();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edfi.touch_parent_of_cohortprogram() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE edfi.cohort p SET lastmodifieddate = now()
  WHERE (p.tenant_id, p.cohortidentifier, p.educationorganizationid) IN (SELECT DISTINCT tenant_id, cohortidentifier, educationorganizationid FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_insert AFTER INSERT ON edfi.cohortprogram
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_cohortprogram();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_update AFTER UPDATE ON edfi.cohortprogram
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_cohortprogram();
--> statement-breakpoint
CREATE TRIGGER edfi_touch_parent_delete AFTER DELETE ON edfi.cohortprogram
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION edfi.touch_parent_of_cohortprogram();
