/**
 * The Ed-Fi resources of who is where: students' and staff's school and section associations, staff leaves
 * (resources.ts gathers them; model.ts says what each part means).
 */
import * as edfi from '../../domains/edfi/tables.js';
import type { ResourceDef } from './model.js';
import { d, school, schoolYear, section, staff, student } from './resource-references.js';

export const ENROLLMENT_RESOURCE_DEFS: ResourceDef[] = [
  // Enrollment and staffing
  {
    collection: 'studentSchoolAssociations',
    name: 'StudentSchoolAssociation',
    table: edfi.studentSchoolAssociation,
    scalars: ['entryDate', 'exitWithdrawDate', 'primarySchool', 'repeatGradeIndicator', 'fullTimeEquivalency'],
    descriptors: [
      d('entryGradeLevelDescriptor', 'GradeLevel'),
      d('entryTypeDescriptor', 'EntryType'),
      d('exitWithdrawTypeDescriptor', 'ExitWithdrawType'),
    ],
    references: [
      student,
      school,
      schoolYear(true),
      {
        json: 'classOfSchoolYearTypeReference',
        target: 'schoolYearTypes',
        keys: { schoolYear: 'classOfSchoolYear' },
        unchecked: true,
        optional: true,
      },
      {
        json: 'calendarReference',
        target: 'calendars',
        keys: { calendarCode: 'calendarCode', schoolId: 'schoolId', schoolYear: 'schoolYear' },
        optional: true,
      },
    ],
    allowKeyChanges: true,
  },
  {
    collection: 'studentSectionAssociations',
    name: 'StudentSectionAssociation',
    table: edfi.studentSectionAssociation,
    scalars: ['beginDate', 'endDate', 'homeroomIndicator', 'teacherStudentDataLinkExclusion'],
    descriptors: [d('repeatIdentifierDescriptor', 'RepeatIdentifier'), d('attemptStatusDescriptor', 'AttemptStatus')],
    references: [student, section],
    allowKeyChanges: true,
  },
  {
    collection: 'staffSectionAssociations',
    name: 'StaffSectionAssociation',
    table: edfi.staffSectionAssociation,
    scalars: ['beginDate', 'endDate', 'highlyQualifiedTeacher', 'percentageContribution'],
    descriptors: [d('classroomPositionDescriptor', 'ClassroomPosition')],
    references: [staff, section],
  },
  {
    collection: 'staffSchoolAssociations',
    name: 'StaffSchoolAssociation',
    table: edfi.staffSchoolAssociation,
    scalars: [],
    descriptors: [d('programAssignmentDescriptor', 'ProgramAssignment')],
    references: [staff, school, schoolYear(true)],
  },
  {
    collection: 'staffLeaves',
    name: 'StaffLeave',
    table: edfi.staffLeave,
    scalars: ['beginDate', 'endDate', 'reason', 'substituteAssigned'],
    descriptors: [d('staffLeaveEventCategoryDescriptor', 'StaffLeaveEventCategory')],
    references: [staff],
  },
];
