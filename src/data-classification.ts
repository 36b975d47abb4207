/**
 * The data classification of every table (the vocabulary is src/platform/auth/classification.ts):
 * the "what" axis of the policy engine and the FERPA data categories of the audit trail.
 *
 * Decided per PostgreSQL schema, with per-table overrides where a schema mixes kinds of data. A table
 * that is not in `allTables()` has no classification, and the policy engine refuses it (deny by default).
 *
 * Decisions worth knowing:
 * - `edfi.student`, `edfi.staff`, `users.students`, `oneroster.users`, `core.users` are **directory**:
 *   their columns are FERPA directory items (name, date and place of birth, grade level, e-mail).
 *   `edfi.student` also holds citizenship status and date entered US, which are not directory items;
 *   classification is per table, so those columns must be left out of directory-only projections by
 *   the API layer (the generated REST API). Every directory read is still relationship-scoped by the
 *   default policies (a teacher sees the students of their sections, a parent their children).
 * - Everything else kept about one student is an **educational_record** (FERPA reads "education
 *   records" broadly: enrollments, grades, attendance, library checkouts, bus assignments, learning
 *   apps). `oneroster.demographics` is an educational record (race and sex are not directory items).
 * - Participation in activities is directory information under FERPA (34 CFR 99.3).
 * - Meal plans and transactions of students are **financial** (free/reduced-price eligibility is
 *   protected by the National School Lunch Act, stricter than directory data).
 * - `audio.recordings` and the AI insight tables are **ai_supervision**: recordings of minors and AI
 *   analyses of people; reads are audited.
 * - `edfi.staffleave` is **operational** (personnel scheduling, not student data).
 * - Code lists, organisations, calendars, courses, sections and catalogues are **reference**.
 */
import type { Classification } from './platform/auth/classification.js';
import type { TableEntry } from './platform/db/catalog.js';

/** The default classification of each PostgreSQL schema. */
export const SCHEMA_CLASSIFICATION: Record<string, Classification> = {
  platform: 'operational',
  admin: 'operational',
  edfi: 'educational_record',
  oneroster: 'educational_record',
  two_hour_learning: 'educational_record',
  health: 'sensitive_health',
  transportation: 'educational_record',
  specialed: 'sensitive_special_education',
  cafeteria: 'financial',
  library: 'educational_record',
  activities: 'directory',
  compliance: 'compliance',
  users: 'directory',
  sessions: 'educational_record',
  communication: 'educational_record',
  audio: 'ai_supervision',
  analytics: 'educational_record',
  ai_insights: 'ai_supervision',
  notifications: 'operational',
  operational: 'operational',
  core: 'directory',
  curriculum: 'reference',
  toolbox: 'educational_record',
  school_ops: 'educational_record',
  finance: 'financial',
  crm: 'directory',
  ai_memory: 'ai_supervision',
  supervision: 'ai_supervision',
  identity: 'identity',
};

/** Tables whose data differs from their schema's default. */
export const TABLE_CLASSIFICATION_OVERRIDES: Record<string, Classification> = {
  'admin.districts': 'reference',
  // Ed-Fi: people and staff assignments are directory; organisations, calendars, courses are reference.
  'edfi.descriptor': 'reference',
  'edfi.schoolyeartype': 'reference',
  'edfi.educationorganization': 'reference',
  'edfi.localeducationagency': 'reference',
  'edfi.school': 'reference',
  'edfi.schoolgradelevel': 'reference',
  'edfi.course': 'reference',
  'edfi.courseoffering': 'reference',
  'edfi.section': 'reference',
  'edfi.learningobjective': 'reference',
  'edfi.learningstandard': 'reference',
  'edfi.assessment': 'reference',
  'edfi.assessmentacademicsubject': 'reference',
  'edfi.assessmentassessedgradelevel': 'reference',
  'edfi.assessmentidentificationcode': 'reference',
  'edfi.assessmentperformancelevel': 'reference',
  'edfi.assessmentplatformtype': 'reference',
  'edfi.assessmentscore': 'reference',
  'edfi.objectiveassessment': 'reference',
  'edfi.bellschedule': 'reference',
  'edfi.calendar': 'reference',
  'edfi.calendardate': 'reference',
  'edfi.calendardatecalendarevent': 'reference',
  'edfi.classperiod': 'reference',
  'edfi.gradingperiod': 'reference',
  'edfi.session': 'reference',
  // A school's setting (how daily attendance is derived), not a record about a person.
  'edfi.schoolattendancerule': 'reference',
  // A school's grading scale and a section's gradebook categories: settings, not records about a person.
  'edfi.schoolgradingpolicy': 'reference',
  'edfi.gradebookcategory': 'reference',
  'edfi.cohort': 'reference',
  'edfi.cohortprogram': 'reference',
  'edfi.student': 'directory',
  'edfi.staff': 'directory',
  'edfi.credential': 'directory',
  'edfi.staffschoolassociation': 'directory',
  'edfi.staffsectionassociation': 'directory',
  'edfi.staffleave': 'operational',
  'edfi.disciplineaction': 'sensitive_discipline',
  'edfi.disciplineincident': 'sensitive_discipline',
  'edfi.studentdisciplineincidentassociation': 'sensitive_discipline',
  'edfi.studentdisciplineincidentbehaviorassociation': 'sensitive_discipline',
  // OneRoster: the rostering face of the same records.
  'oneroster.orgs': 'reference',
  'oneroster.academic_sessions': 'reference',
  'oneroster.classes': 'reference',
  'oneroster.courses': 'reference',
  'oneroster.categories': 'reference',
  'oneroster.score_scales': 'reference',
  'oneroster.resources': 'reference',
  'oneroster.line_items': 'educational_record',
  'oneroster.users': 'directory',
  'oneroster.roles': 'directory',
  // OneRoster 1.2 user profiles carry application credentials.
  'oneroster.user_profiles': 'identity',
  'transportation.bus_routes': 'operational',
  'transportation.bus_stops': 'operational',
  'cafeteria.meal_plans': 'reference',
  'library.resources': 'reference',
  'activities.activities': 'reference',
  'users.schools': 'reference',
  'ai_insights.dev_schema_version': 'reference',
  'core.organizations': 'reference',
  'school_ops.rooms': 'reference',
  'school_ops.terms': 'reference',
  'school_ops.classes': 'reference',
  'school_ops.schedules': 'reference',
  'school_ops.sessions': 'reference',
  // A catalogue of what the language school sells.
  'finance.products': 'reference',
};

/** schema.table → classification for `tables` (schema default, unless overridden). */
export function classifyTables(tables: readonly TableEntry[]): Map<string, Classification> {
  const map = new Map<string, Classification>();
  for (const t of tables) {
    const c = TABLE_CLASSIFICATION_OVERRIDES[t.qualifiedName] ?? SCHEMA_CLASSIFICATION[t.schema];
    if (c) map.set(t.qualifiedName, c);
  }
  return map;
}
