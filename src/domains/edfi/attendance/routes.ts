/** Attendance's HTTP face: thin routes over service.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { serviceRoutes } from '../../../platform/service/routes.js';
import { attendanceDays } from './days.js';
import { ATTENDANCE_ERROR_CODES } from './errors.js';
import {
  attendanceDaysQuery,
  attendanceDaysView,
  chronicQuery,
  chronicView,
  dailyRuleInput,
  dailyRuleView,
  dateRangeQuery,
  ratesQuery,
  ratesView,
  schoolParams,
  sectionParams,
  sectionAttendanceView,
  sectionDayParams,
  studentAttendanceView,
  studentParams,
  takeAttendanceInput,
} from './schemas.js';
import { sectionAttendance, takeSectionAttendance } from './service.js';
import { attendanceRates, chronicAbsence, dailyRule, setDailyRule, studentAttendance } from './reports.js';

const tags = ['attendance'];
const errors = ATTENDANCE_ERROR_CODES;

export const ATTENDANCE_PATHS = {
  sectionDay: '/api/v1/sections/{sectionId}/attendance/{date}',
  dailyRule: '/api/v1/schools/{schoolId}/attendance/daily-rule',
} as const;

export function attendanceRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  serve({
    method: 'GET',
    url: '/api/v1/sections/:sectionId/attendance/days',
    summary: "The days a section's attendance can be taken (latest first), each saying whether it was taken",
    description:
      'Instructional days of the school calendar, on or before `onOrBefore`, with students enrolled in the section.',
    params: sectionParams,
    query: attendanceDaysQuery,
    response: { status: 200, description: 'The days', schema: attendanceDaysView },
    run: (work, { params, query }) => attendanceDays(work, params.sectionId, query),
  });
  serve({
    method: 'GET',
    url: '/api/v1/sections/:sectionId/attendance/:date',
    summary: "A section's roster on a day with the attendance marks taken (null: not taken)",
    params: sectionDayParams,
    response: { status: 200, description: 'The roster and its marks', schema: sectionAttendanceView },
    run: (work, { params }) => sectionAttendance(work, params.sectionId, params.date),
  });
  serve({
    method: 'PUT',
    url: '/api/v1/sections/:sectionId/attendance/:date',
    summary: "Take a section's attendance for a day (whole roster; present unless an exception marks otherwise)",
    description:
      "Replaces the day's marks of the section. Only the section's teacher on that day (or school staff " +
      'allowed to write attendance), on an instructional day of the school calendar, for students enrolled ' +
      "in the section that day. The students' school-day attendance is derived from it by the school's rule.",
    params: sectionDayParams,
    body: takeAttendanceInput,
    response: {
      status: 200,
      description: 'The roster, its marks and the derived school days',
      schema: sectionAttendanceView,
    },
    run: (work, { params, body }) => takeSectionAttendance(work, params.sectionId, params.date, body),
  });
  serve({
    method: 'GET',
    url: '/api/v1/students/:studentUsi/attendance',
    summary: "A student's school days, section marks and attendance rate over a date range",
    description: 'Parents see their children, students themselves, staff the students within their reach.',
    params: studentParams,
    query: dateRangeQuery,
    response: { status: 200, description: "The student's attendance", schema: studentAttendanceView },
    errors: [],
    run: (work, { params, query }) => studentAttendance(work, params.studentUsi, query),
  });
  serve({
    method: 'GET',
    url: '/api/v1/schools/:schoolId/attendance/rates',
    summary: 'Attendance rates of a school by school, grade level, section or student',
    description: 'Counts only days each student was enrolled and the school calendar marks instructional.',
    params: schoolParams,
    query: ratesQuery,
    response: { status: 200, description: 'Rates', schema: ratesView },
    errors: [],
    run: (work, { params, query }) => attendanceRates(work, params.schoolId, query),
  });
  serve({
    method: 'GET',
    url: '/api/v1/schools/:schoolId/attendance/chronic-absence',
    summary: 'Chronically absent students (≥ 10 % of enrolled instructional days missed) with their monthly trend',
    description: 'For counsellors and school or district administrators.',
    params: schoolParams,
    query: chronicQuery,
    response: { status: 200, description: 'Chronically absent students, most absent first', schema: chronicView },
    errors: [],
    run: (work, { params, query }) => chronicAbsence(work, params.schoolId, query),
  });
  serve({
    method: 'GET',
    url: '/api/v1/schools/:schoolId/attendance/daily-rule',
    summary: "The school's rule deriving daily attendance from section attendance",
    params: schoolParams,
    response: { status: 200, description: 'The rule', schema: dailyRuleView },
    errors: [],
    run: (work, { params }) => dailyRule(work, params.schoolId),
  });
  serve({
    method: 'PUT',
    url: '/api/v1/schools/:schoolId/attendance/daily-rule',
    summary: "Set the school's daily-attendance rule (absent for the day from this % of the day's sections)",
    params: schoolParams,
    body: dailyRuleInput,
    response: { status: 200, description: 'The rule', schema: dailyRuleView },
    errors: [],
    run: (work, { params, body }) => setDailyRule(work, params.schoolId, body),
  });
}
