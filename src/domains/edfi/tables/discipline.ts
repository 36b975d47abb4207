/** Ed-Fi discipline domain (seed 004 §5): incidents, students involved, behaviors, actions. */
import { boolean, date, index, integer, numeric, time, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { sql } from 'drizzle-orm';
import { checkRange, checkSql, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { school } from './education-organizations.js';
import { student } from './people.js';
import { staff } from './staff.js';

// seed: 004 §5 DisciplineIncident
/** A behavioral incident at a school. */
export const disciplineIncident = edfiSchema.table(
  'disciplineincident',
  {
    tenantId: tenantKey(),
    incidentIdentifier: varchar('incidentidentifier', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    incidentDate: date('incidentdate').notNull(),
    incidentTime: time('incidenttime'),
    incidentLocation: varchar('incidentlocation', { length: 100 }),
    incidentDescription: varchar('incidentdescription', { length: 1024 }),
    reporterDescriptionDescriptorId: integer('reporterdescriptiondescriptorid'),
    reporterName: varchar('reportername', { length: 75 }),
    reportedToLawEnforcement: boolean('reportedtolawenforcement'),
    caseNumber: varchar('casenumber', { length: 20 }),
    // Seed MONEY → numeric(19,4) (MONEY depends on lc_monetary).
    incidentCost: numeric('incidentcost', { precision: 19, scale: 4, mode: 'number' }),
    staffUSI: integer('staffusi'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('disciplineincident', t.tenantId, t.incidentIdentifier, t.schoolId),
    resourceKey('disciplineincident', t.tenantId, t.id),
    tenantFk('disciplineincident_schoolid_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('disciplineincident_schoolid_idx').on(t.tenantId, t.schoolId, t.incidentDate),
    tenantFk('disciplineincident_staffusi_fkey', [t.tenantId, t.staffUSI], [staff.tenantId, staff.staffUSI]),
    index('disciplineincident_staffusi_idx').on(t.tenantId, t.staffUSI),
    ...descriptorRef('disciplineincident', t.reporterDescriptionDescriptorId),
  ],
);

// seed: 004 §5 StudentDisciplineIncidentAssociation
/** A student involved in an incident (perpetrator, victim, witness…). */
export const studentDisciplineIncidentAssociation = edfiSchema.table(
  'studentdisciplineincidentassociation',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    incidentIdentifier: varchar('incidentidentifier', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    studentParticipationCodeDescriptorId: integer('studentparticipationcodedescriptorid').notNull(),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('studentdisciplineincidentassociation', t.tenantId, t.studentUSI, t.incidentIdentifier, t.schoolId),
    resourceKey('studentdisciplineincidentassociation', t.tenantId, t.id),
    tenantFk(
      'studentdisciplineincidentassociation_studentusi_fkey',
      [t.tenantId, t.studentUSI],
      [student.tenantId, student.studentUSI],
    ),
    tenantFk(
      'studentdisciplineincidentassociation_incident_fkey',
      [t.tenantId, t.incidentIdentifier, t.schoolId],
      [disciplineIncident.tenantId, disciplineIncident.incidentIdentifier, disciplineIncident.schoolId],
    ),
    index('studentdisciplineincidentassociation_incident_idx').on(t.tenantId, t.incidentIdentifier, t.schoolId),
    ...descriptorRef('studentdisciplineincidentassociation', t.studentParticipationCodeDescriptorId),
  ],
);

// seed: 004 §5 StudentDisciplineIncidentBehaviorAssociation
/** A specific behavior of a student in an incident. */
export const studentDisciplineIncidentBehaviorAssociation = edfiSchema.table(
  'studentdisciplineincidentbehaviorassociation',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    incidentIdentifier: varchar('incidentidentifier', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    behaviorDescriptorId: integer('behaviordescriptorid').notNull(),
    behaviorDetailedDescription: varchar('behaviordetaileddescription', { length: 1024 }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'studentdisciplineincidentbehaviorassociation',
      t.tenantId,
      t.studentUSI,
      t.incidentIdentifier,
      t.schoolId,
      t.behaviorDescriptorId,
    ),
    resourceKey('studentdisciplineincidentbehaviorassociation', t.tenantId, t.id),
    tenantFk(
      'studentdisciplineincidentbehaviorassociation_studentusi_fkey',
      [t.tenantId, t.studentUSI],
      [student.tenantId, student.studentUSI],
    ),
    tenantFk(
      'studentdisciplineincidentbehaviorassociation_incident_fkey',
      [t.tenantId, t.incidentIdentifier, t.schoolId],
      [disciplineIncident.tenantId, disciplineIncident.incidentIdentifier, disciplineIncident.schoolId],
    ),
    index('studentdisciplineincidentbehaviorassociation_incident_idx').on(t.tenantId, t.incidentIdentifier, t.schoolId),
    ...descriptorRef('studentdisciplineincidentbehaviorassociation', t.behaviorDescriptorId),
  ],
);

// seed: 004 §5 DisciplineAction
/** A consequence assigned to a student. */
export const disciplineAction = edfiSchema.table(
  'disciplineaction',
  {
    tenantId: tenantKey(),
    disciplineActionIdentifier: varchar('disciplineactionidentifier', { length: 36 }).notNull(),
    studentUSI: integer('studentusi').notNull(),
    disciplineDate: date('disciplinedate').notNull(),
    actualDisciplineActionLength: integer('actualdisciplineactionlength'),
    disciplineActionLength: integer('disciplineactionlength'),
    disciplineActionLengthDifferenceReasonDescriptorId: integer('disciplineactionlengthdifferencereasondescriptorid'),
    iepPlacementMeetingIndicator: boolean('iepplacementmeetingindicator'),
    relatedToZeroTolerancePolicy: boolean('relatedtozerotolerancepolicy'),
    responsibilitySchoolId: integer('responsibilityschoolid').notNull(),
    assignmentSchoolId: integer('assignmentschoolid'),
    // Schola extension (written by the discipline service, src/domains/edfi/discipline): Ed-Fi 5.2 keeps
    // these in child collections (DisciplineActionDiscipline, DisciplineActionStaff, the action's
    // student-incident-behavior references); one of each per action here.
    disciplineDescriptorId: integer('disciplinedescriptorid'),
    endDate: date('enddate'),
    assignedByStaffUSI: integer('assignedbystaffusi'),
    incidentIdentifier: varchar('incidentidentifier', { length: 60 }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('disciplineaction', t.tenantId, t.disciplineActionIdentifier, t.studentUSI, t.disciplineDate),
    resourceKey('disciplineaction', t.tenantId, t.id),
    tenantFk('disciplineaction_studentusi_fkey', [t.tenantId, t.studentUSI], [student.tenantId, student.studentUSI]),
    index('disciplineaction_studentusi_idx').on(t.tenantId, t.studentUSI, t.disciplineDate),
    tenantFk(
      'disciplineaction_responsibilityschoolid_fkey',
      [t.tenantId, t.responsibilitySchoolId],
      [school.tenantId, school.schoolId],
    ),
    index('disciplineaction_responsibilityschoolid_idx').on(t.tenantId, t.responsibilitySchoolId),
    tenantFk(
      'disciplineaction_assignmentschoolid_fkey',
      [t.tenantId, t.assignmentSchoolId],
      [school.tenantId, school.schoolId],
    ),
    index('disciplineaction_assignmentschoolid_idx').on(t.tenantId, t.assignmentSchoolId),
    ...descriptorRef('disciplineaction', t.disciplineActionLengthDifferenceReasonDescriptorId),
    ...descriptorRef('disciplineaction', t.disciplineDescriptorId),
    tenantFk(
      'disciplineaction_assignedbystaffusi_fkey',
      [t.tenantId, t.assignedByStaffUSI],
      [staff.tenantId, staff.staffUSI],
    ),
    index('disciplineaction_assignedbystaffusi_idx').on(t.tenantId, t.assignedByStaffUSI),
    // The incident the action answers (at the responsible school).
    tenantFk(
      'disciplineaction_incident_fkey',
      [t.tenantId, t.incidentIdentifier, t.responsibilitySchoolId],
      [disciplineIncident.tenantId, disciplineIncident.incidentIdentifier, disciplineIncident.schoolId],
    ),
    index('disciplineaction_incident_idx').on(t.tenantId, t.incidentIdentifier, t.responsibilitySchoolId),
    checkSql('disciplineaction_enddate_check', sql`"enddate" IS NULL OR "enddate" >= "disciplinedate"`),
    // School days: never negative, at most a school year.
    checkRange('disciplineaction_length_check', t.disciplineActionLength, 0, 366),
    checkRange('disciplineaction_actual_length_check', t.actualDisciplineActionLength, 0, 366),
  ],
);
