/** Ed-Fi staff management domain (seed 004 §2): staff, their school/section assignments, leave, credentials. */
import { boolean, date, index, integer, numeric, serial, smallint, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { tenantFk, tenantKey, tenantKeys, tenantUnique } from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { school } from './education-organizations.js';
import { section } from './teaching-learning.js';

// seed: 004 §2 Staff
/** All school personnel. */
export const staff = edfiSchema.table(
  'staff',
  {
    tenantId: tenantKey(),
    // Seed: INTEGER "system-generated" → serial (an integer column with a sequence default).
    staffUSI: serial('staffusi').notNull(),
    staffUniqueId: varchar('staffuniqueid', { length: 32 }).notNull(),
    personalTitlePrefix: varchar('personaltitleprefix', { length: 30 }),
    firstName: varchar('firstname', { length: 75 }).notNull(),
    middleName: varchar('middlename', { length: 75 }),
    lastSurname: varchar('lastsurname', { length: 75 }).notNull(),
    generationCodeSuffix: varchar('generationcodesuffix', { length: 10 }),
    maidenName: varchar('maidenname', { length: 75 }),
    birthDate: date('birthdate'),
    hispanicLatinoEthnicity: boolean('hispaniclatinoethnicity'),
    highestCompletedLevelOfEducationDescriptorId: integer('highestcompletedlevelofeducationdescriptorid'),
    yearsOfPriorProfessionalExperience: numeric('yearsofpriorprofessionalexperience', {
      precision: 5,
      scale: 2,
      mode: 'number',
    }),
    yearsOfPriorTeachingExperience: numeric('yearsofpriorteachingexperience', {
      precision: 5,
      scale: 2,
      mode: 'number',
    }),
    loginId: varchar('loginid', { length: 60 }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('staff', t.tenantId, t.staffUSI),
    resourceKey('staff', t.tenantId, t.id),
    tenantUnique('staff_staffuniqueid_key', t.tenantId, t.staffUniqueId),
    ...descriptorRef('staff', t.highestCompletedLevelOfEducationDescriptorId),
  ],
);

// seed: 004 §2 StaffSchoolAssociation
/** Links staff to the schools they work at, by program assignment. */
export const staffSchoolAssociation = edfiSchema.table(
  'staffschoolassociation',
  {
    tenantId: tenantKey(),
    staffUSI: integer('staffusi').notNull(),
    schoolId: integer('schoolid').notNull(),
    programAssignmentDescriptorId: integer('programassignmentdescriptorid').notNull(),
    schoolYear: smallint('schoolyear'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('staffschoolassociation', t.tenantId, t.staffUSI, t.schoolId, t.programAssignmentDescriptorId),
    resourceKey('staffschoolassociation', t.tenantId, t.id),
    tenantFk('staffschoolassociation_staffusi_fkey', [t.tenantId, t.staffUSI], [staff.tenantId, staff.staffUSI]),
    tenantFk('staffschoolassociation_schoolid_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('staffschoolassociation_schoolid_idx').on(t.tenantId, t.schoolId),
    ...descriptorRef('staffschoolassociation', t.programAssignmentDescriptorId),
  ],
);

// seed: 004 §2 StaffSectionAssociation
/** Teacher/aide assignments to sections. */
export const staffSectionAssociation = edfiSchema.table(
  'staffsectionassociation',
  {
    tenantId: tenantKey(),
    staffUSI: integer('staffusi').notNull(),
    sectionIdentifier: varchar('sectionidentifier', { length: 255 }).notNull(),
    localCourseCode: varchar('localcoursecode', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    classroomPositionDescriptorId: integer('classroompositiondescriptorid').notNull(),
    beginDate: date('begindate').notNull(),
    endDate: date('enddate'),
    highlyQualifiedTeacher: boolean('highlyqualifiedteacher'),
    percentageContribution: numeric('percentagecontribution', { precision: 5, scale: 4, mode: 'number' }),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'staffsectionassociation',
      t.tenantId,
      t.staffUSI,
      t.sectionIdentifier,
      t.localCourseCode,
      t.schoolId,
      t.schoolYear,
    ),
    resourceKey('staffsectionassociation', t.tenantId, t.id),
    tenantFk('staffsectionassociation_staffusi_fkey', [t.tenantId, t.staffUSI], [staff.tenantId, staff.staffUSI]),
    tenantFk(
      'staffsectionassociation_section_fkey',
      [t.tenantId, t.sectionIdentifier, t.localCourseCode, t.schoolId, t.schoolYear],
      [section.tenantId, section.sectionIdentifier, section.localCourseCode, section.schoolId, section.schoolYear],
    ),
    index('staffsectionassociation_section_idx').on(
      t.tenantId,
      t.sectionIdentifier,
      t.localCourseCode,
      t.schoolId,
      t.schoolYear,
    ),
    ...descriptorRef('staffsectionassociation', t.classroomPositionDescriptorId),
  ],
);

// seed: 004 §2 StaffLeave
/** Staff absences and leave. */
export const staffLeave = edfiSchema.table(
  'staffleave',
  {
    tenantId: tenantKey(),
    staffUSI: integer('staffusi').notNull(),
    staffLeaveEventCategoryDescriptorId: integer('staffleaveeventcategorydescriptorid').notNull(),
    beginDate: date('begindate').notNull(),
    endDate: date('enddate'),
    reason: varchar('reason', { length: 1024 }),
    substituteAssigned: boolean('substituteassigned'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('staffleave', t.tenantId, t.staffUSI, t.staffLeaveEventCategoryDescriptorId, t.beginDate),
    resourceKey('staffleave', t.tenantId, t.id),
    tenantFk('staffleave_staffusi_fkey', [t.tenantId, t.staffUSI], [staff.tenantId, staff.staffUSI]),
    ...descriptorRef('staffleave', t.staffLeaveEventCategoryDescriptorId),
  ],
);

// seed: 004 §2 Credential
/** Teaching licenses and certifications (by issuing state). */
export const credential = edfiSchema.table(
  'credential',
  {
    tenantId: tenantKey(),
    credentialIdentifier: varchar('credentialidentifier', { length: 60 }).notNull(),
    stateOfIssueStateAbbreviationDescriptorId: integer('stateofissuestateabbreviationdescriptorid').notNull(),
    credentialFieldDescriptorId: integer('credentialfielddescriptorid'),
    credentialTypeDescriptorId: integer('credentialtypedescriptorid').notNull(),
    teachingCredentialDescriptorId: integer('teachingcredentialdescriptorid'),
    issuanceDate: date('issuancedate').notNull(),
    expirationDate: date('expirationdate'),
    teachingCredentialBasisDescriptorId: integer('teachingcredentialbasisdescriptorid'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('credential', t.tenantId, t.credentialIdentifier, t.stateOfIssueStateAbbreviationDescriptorId),
    resourceKey('credential', t.tenantId, t.id),
    ...descriptorRef('credential', t.stateOfIssueStateAbbreviationDescriptorId),
    ...descriptorRef('credential', t.credentialFieldDescriptorId),
    ...descriptorRef('credential', t.credentialTypeDescriptorId),
    ...descriptorRef('credential', t.teachingCredentialDescriptorId),
    ...descriptorRef('credential', t.teachingCredentialBasisDescriptorId),
  ],
);
