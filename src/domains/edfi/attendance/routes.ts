/** Attendance's HTTP face: thin routes over service.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { route } from '../../../platform/service/routes.js';
import { requestWork } from '../../../platform/service/work.js';
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
import {
  attendanceRates,
  chronicAbsence,
  dailyRule,
  sectionAttendance,
  setDailyRule,
  studentAttendance,
  takeSectionAttendance,
} from './service.js';

const tags = ['attendance'];
const errors = ATTENDANCE_ERROR_CODES;

export const ATTENDANCE_PATHS = {
  sectionDay: '/api/v1/sections/{sectionId}/attendance/{date}',
  dailyRule: '/api/v1/schools/{schoolId}/attendance/daily-rule',
} as const;

export function attendanceRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/sections/:sectionId/attendance/days',
      summary: "The days a section's attendance can be taken (latest first), each saying whether it was taken",
      description:
        'Instructional days of the school calendar, on or before `onOrBefore`, with students enrolled in the section.',
      tags,
      params: sectionParams,
      query: attendanceDaysQuery,
      response: { status: 200, description: 'The days', schema: attendanceDaysView },
      errors,
    },
    ({ params, query, request }) => requestWork(request, (work) => attendanceDays(work, params.sectionId, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/sections/:sectionId/attendance/:date',
      summary: "A section's roster on a day with the attendance marks taken (null: not taken)",
      tags,
      params: sectionDayParams,
      response: { status: 200, description: 'The roster and its marks', schema: sectionAttendanceView },
      errors,
    },
    ({ params, request }) => requestWork(request, (work) => sectionAttendance(work, params.sectionId, params.date)),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/api/v1/sections/:sectionId/attendance/:date',
      summary: "Take a section's attendance for a day (whole roster; present unless an exception marks otherwise)",
      description:
        "Replaces the day's marks of the section. Only the section's teacher on that day (or school staff " +
        'allowed to write attendance), on an instructional day of the school calendar, for students enrolled ' +
        "in the section that day. The students' school-day attendance is derived from it by the school's rule.",
      tags,
      params: sectionDayParams,
      body: takeAttendanceInput,
      response: {
        status: 200,
        description: 'The roster, its marks and the derived school days',
        schema: sectionAttendanceView,
      },
      errors,
    },
    ({ params, body, request }) =>
      requestWork(request, (work) => takeSectionAttendance(work, params.sectionId, params.date, body)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/students/:studentUsi/attendance',
      summary: "A student's school days, section marks and attendance rate over a date range",
      description: 'Parents see their children, students themselves, staff the students within their reach.',
      tags,
      params: studentParams,
      query: dateRangeQuery,
      response: { status: 200, description: "The student's attendance", schema: studentAttendanceView },
    },
    ({ params, query, request }) => requestWork(request, (work) => studentAttendance(work, params.studentUsi, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/schools/:schoolId/attendance/rates',
      summary: 'Attendance rates of a school by school, grade level, section or student',
      description: 'Counts only days each student was enrolled and the school calendar marks instructional.',
      tags,
      params: schoolParams,
      query: ratesQuery,
      response: { status: 200, description: 'Rates', schema: ratesView },
    },
    ({ params, query, request }) => requestWork(request, (work) => attendanceRates(work, params.schoolId, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/schools/:schoolId/attendance/chronic-absence',
      summary: 'Chronically absent students (≥ 10 % of enrolled instructional days missed) with their monthly trend',
      description: 'For counsellors and school or district administrators.',
      tags,
      params: schoolParams,
      query: chronicQuery,
      response: { status: 200, description: 'Chronically absent students, most absent first', schema: chronicView },
    },
    ({ params, query, request }) => requestWork(request, (work) => chronicAbsence(work, params.schoolId, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/schools/:schoolId/attendance/daily-rule',
      summary: "The school's rule deriving daily attendance from section attendance",
      tags,
      params: schoolParams,
      response: { status: 200, description: 'The rule', schema: dailyRuleView },
    },
    ({ params, request }) => requestWork(request, (work) => dailyRule(work, params.schoolId)),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/api/v1/schools/:schoolId/attendance/daily-rule',
      summary: "Set the school's daily-attendance rule (absent for the day from this % of the day's sections)",
      tags,
      params: schoolParams,
      body: dailyRuleInput,
      response: { status: 200, description: 'The rule', schema: dailyRuleView },
    },
    ({ params, body, request }) => requestWork(request, (work) => setDailyRule(work, params.schoolId, body)),
  );
}
