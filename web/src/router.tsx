/**
 * The routes. Signed-out pages (sign-in, password reset) and the signed-in shell; every page is its
 * own chunk (lazy), so the first route loads only what it needs. The shell's guard sends nobody to
 * sign-in, and a person to their own home when they open a section of the app that is not theirs.
 */
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { meQuery } from './auth/session';
import { homeFor, mayOpen } from './shell/menu';
import { NotFound } from './shell/NotFound';

interface Context {
  queryClient: QueryClient;
}

const root = createRootRouteWithContext<Context>()({ component: Outlet, notFoundComponent: NotFound });

const signIn = createRoute({
  getParentRoute: () => root,
  path: '/sign-in',
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ to: homeFor(me) });
  },
  component: lazyRouteComponent(() => import('./pages/auth/SignIn'), 'SignIn'),
});
const resetRequest = createRoute({
  getParentRoute: () => root,
  path: '/password-reset',
  component: lazyRouteComponent(() => import('./pages/auth/PasswordReset'), 'PasswordResetRequest'),
});
const resetComplete = createRoute({
  getParentRoute: () => root,
  path: '/password-reset/complete',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' ? { token: search.token } : {},
  component: lazyRouteComponent(() => import('./pages/auth/PasswordReset'), 'PasswordResetCompletePage'),
});

// A student joins a live session with its access code: no account, no sign-in.
const join = createRoute({
  getParentRoute: () => root,
  path: '/join',
  component: lazyRouteComponent(() => import('./pages/live/Join'), 'Join'),
});

const app = createRoute({
  getParentRoute: () => root,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/sign-in' });
    if (location.pathname !== '/' && !mayOpen(me, location.pathname)) throw redirect({ to: homeFor(me) });
    return { me };
  },
  component: lazyRouteComponent(() => import('./shell/Shell'), 'Shell'),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a page module's named component
const page = <P extends string>(path: P, load: () => Promise<any>, name: string) =>
  createRoute({ getParentRoute: () => app, path, component: lazyRouteComponent(load, name as never) });

const home = createRoute({
  getParentRoute: () => app,
  path: '/',
  beforeLoad: ({ context }) => {
    throw redirect({ to: homeFor((context as unknown as { me: Parameters<typeof homeFor>[0] }).me) });
  },
});

const tree = root.addChildren([
  signIn,
  resetRequest,
  resetComplete,
  join,
  app.addChildren([
    home,
    page('/overview', () => import('./pages/admin/Overview'), 'Overview'),
    page('/schools', () => import('./pages/admin/Schools'), 'Schools'),
    page('/people', () => import('./pages/admin/People'), 'People'),
    page('/imports', () => import('./pages/admin/Imports'), 'Imports'),
    page('/integrations', () => import('./pages/admin/Integrations'), 'Integrations'),
    page('/access-policies', () => import('./pages/admin/AccessPolicies'), 'AccessPolicies'),
    page('/audit', () => import('./pages/admin/Audit'), 'Audit'),
    page('/accounts', () => import('./pages/admin/Accounts'), 'Accounts'),
    page('/compliance/retention', () => import('./pages/compliance/Retention'), 'Retention'),
    page('/compliance/legal-holds', () => import('./pages/compliance/LegalHolds'), 'LegalHolds'),
    page('/compliance/records-requests', () => import('./pages/compliance/RecordsRequests'), 'RecordsRequests'),
    page('/compliance/ferpa-export', () => import('./pages/compliance/FerpaExport'), 'FerpaExport'),
    page('/sections', () => import('./pages/teacher/MySections'), 'MySections'),
    page('/sections/$sectionId', () => import('./pages/teacher/SectionRoster'), 'SectionRosterPage'),
    page('/sections/$sectionId/attendance', () => import('./pages/teacher/SectionAttendance'), 'SectionAttendancePage'),
    page(
      '/sections/$sectionId/attendance/$date',
      () => import('./pages/teacher/SectionAttendance'),
      'SectionAttendancePage',
    ),
    page('/sections/$sectionId/gradebook', () => import('./pages/teacher/Gradebook'), 'GradebookPage'),
    page('/sections/$sectionId/grades', () => import('./pages/teacher/PeriodGrades'), 'PeriodGradesPage'),
    page('/students/$studentUsi', () => import('./pages/teacher/StudentProfile'), 'StudentProfilePage'),
    page('/students/$studentUsi/grades', () => import('./pages/family/StudentGrades'), 'StudentGradesPage'),
    page('/my-grades', () => import('./pages/family/StudentGrades'), 'MyGrades'),
    page('/students/$studentUsi/attendance', () => import('./pages/family/StudentAttendance'), 'StudentAttendancePage'),
    page('/my-attendance', () => import('./pages/family/StudentAttendance'), 'MyAttendance'),
    page('/grades/courses', () => import('./pages/admin/Courses'), 'Courses'),
    page('/attendance/chronic', () => import('./pages/counselor/ChronicAbsence'), 'ChronicAbsence'),
    page('/attendance/rates', () => import('./pages/counselor/AttendanceRates'), 'AttendanceRates'),
    page('/live', () => import('./pages/live/LiveSessions'), 'LiveSessions'),
    page('/live/$sessionId', () => import('./pages/live/LiveSession'), 'LiveSessionPage'),
    page('/children', () => import('./pages/family/Children'), 'Children'),
    page('/classes', () => import('./pages/family/Classes'), 'Classes'),
    page('/front-desk', () => import('./pages/FrontDesk'), 'FrontDesk'),
    page('/ls/overview', () => import('./pages/langschool/OwnerOverview'), 'OwnerOverview'),
    page('/ls/enrollments', () => import('./pages/langschool/Enrollments'), 'Enrollments'),
    page('/ls/schedule', () => import('./pages/langschool/Schedule'), 'Schedule'),
    page('/ls/leads', () => import('./pages/langschool/LeadBoard'), 'LeadBoard'),
    page('/ls/classes', () => import('./pages/langschool/MyClasses'), 'MyClasses'),
    page('/finance/trial-balance', () => import('./pages/finance/TrialBalance'), 'TrialBalance'),
    page('/finance/journal', () => import('./pages/finance/Journal'), 'Journal'),
    page('/finance/journal/$entryId', () => import('./pages/finance/JournalEntry'), 'JournalEntryPage'),
    page('/finance/payroll', () => import('./pages/finance/Payroll'), 'Payroll'),
    page('/finance/payroll/$payrollId', () => import('./pages/finance/PayrollDetail'), 'PayrollDetailPage'),
    page('/finance/payouts', () => import('./pages/finance/Payouts'), 'Payouts'),
    page('/ls/classes/sessions/$sessionId', () => import('./pages/langschool/Attendance'), 'AttendancePage'),
    page('/billing/invoices', () => import('./pages/billing/Invoices'), 'Invoices'),
    page('/billing/invoices/$invoiceId', () => import('./pages/billing/InvoiceDetail'), 'InvoiceDetailPage'),
    page('/billing/my-invoices', () => import('./pages/billing/MyInvoices'), 'MyInvoices'),
    page('/nurse/immunizations', () => import('./pages/nurse/Immunizations'), 'Immunizations'),
    page('/nurse/medications', () => import('./pages/nurse/Medications'), 'Medications'),
    page('/nurse/allergies', () => import('./pages/nurse/Allergies'), 'Allergies'),
    page('/nurse/visits', () => import('./pages/nurse/Visits'), 'Visits'),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree: tree, context: { queryClient }, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
