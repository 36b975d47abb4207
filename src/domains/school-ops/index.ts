/**
 * School operations' public entry: class groups, weekly schedules and their sessions, enrolments,
 * attendance and placements. Other domains (CRM, billing, payroll) call what is exported here.
 */
import type { DomainModule } from '../../platform/service/module.js';
import { CHANGE_PATHS as C } from './change-routes.js';
import { SCHOOL_OPS_PATHS as P, schoolOpsRoutes } from './routes.js';
import { attendance, classes, enrollments, placements, schedules, sessions } from './tables.js';

export { activeEnrollmentCount, createClass, enroll, getClass, listClasses, lockClass } from './classes.js';
export { cancelClass, updateClass } from './class-changes.js';
export { cancelSession, rescheduleSession } from './session-changes.js';
export { transferEnrollment } from './transfers.js';
export { addSchedule, createSession, generateSessions, getSession, weekSessions } from './schedule.js';
export { sessionRoster, takeAttendance } from './attendance.js';
export { placeStudent } from './placement.js';
export { activeEnrollmentsForBilling, type BillableEnrollment } from './billing-view.js';
export { taughtSessions, type TaughtSession } from './taught-sessions.js';
export { schoolOpsErrors } from './errors.js';
export {
  handleEnrollmentEndings,
  type EndedEnrollments,
  type EnrollmentEndingHandler,
  type EnrollmentMoney,
} from './enrollment-endings.js';
export type { ClassView, EnrollmentView, SessionView } from './schemas.js';

export const schoolOpsModule: DomainModule = {
  name: 'school-ops',
  owns: [
    { table: classes, writeVia: [`POST ${P.classes}`, `PATCH ${C.class}`, `POST ${C.classCancel}`] },
    { table: schedules, writeVia: [`POST ${P.schedules}`] },
    {
      table: sessions,
      writeVia: [`POST ${P.generate}`, `POST ${P.sessions}`, `POST ${C.reschedule}`, `POST ${C.sessionCancel}`],
    },
    {
      table: enrollments,
      writeVia: [
        `POST ${P.enrollments}`,
        `POST ${P.drop}`,
        `POST ${C.transfer}`,
        `POST ${C.classCancel}`,
        'POST /api/v1/sales/leads/{leadId}/convert',
      ],
    },
    { table: attendance, writeVia: [`PUT ${P.attendance}`] },
    { table: placements, writeVia: [`POST ${P.placements}`] },
  ],
  register: schoolOpsRoutes,
};
