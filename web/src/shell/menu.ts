/**
 * Each role's home and menu (docs/web-app-map.md), in the map's order. Only screens that exist are
 * listed: a product not built yet has no menu item (no dead links). The server decides what data a
 * page shows; the menu only mirrors it.
 */
import type { Me } from '../auth/session';

export interface MenuItem {
  to: string;
  /** i18n key under `menu.` */
  label: string;
}

const ADMIN: MenuItem[] = [
  { to: '/overview', label: 'overview' },
  { to: '/schools', label: 'schools' },
  { to: '/people', label: 'people' },
  { to: '/imports', label: 'imports' },
  { to: '/integrations', label: 'integrations' },
  { to: '/access-policies', label: 'policies' },
  { to: '/audit', label: 'audit' },
  { to: '/accounts', label: 'accounts' },
];

/** Compliance: retention, legal holds, FERPA records requests and the inspection export. */
const COMPLIANCE: MenuItem[] = [
  { to: '/compliance/retention', label: 'retention' },
  { to: '/compliance/legal-holds', label: 'legalHolds' },
  { to: '/compliance/records-requests', label: 'recordsRequests' },
  { to: '/compliance/ferpa-export', label: 'ferpaExport' },
];

export function menuFor(me: Me): MenuItem[] {
  const roles = new Set(me.principal.roles);
  if (me.tenant?.kind === 'language_school') {
    if (roles.has('admissions') || roles.has('school_admin'))
      return [
        // The owner lands on the overview. In a language school `school_admin` is the owner's role (the
        // demo gives it to the core.users row whose role is 'owner', and to nobody else; the front desk
        // is admissions): a role check the server's policies already know, no new field in `me`.
        ...(roles.has('school_admin') ? [{ to: '/ls/overview', label: 'overview' }] : []),
        { to: '/front-desk', label: 'frontDesk' },
        { to: '/ls/enrollments', label: 'enrollments' },
        { to: '/ls/schedule', label: 'schedule' },
        { to: '/ls/leads', label: 'leads' },
        ...(roles.has('finance') || roles.has('school_admin') ? [{ to: '/billing/invoices', label: 'invoices' }] : []),
      ];
    if (roles.has('finance'))
      return [
        { to: '/finance/trial-balance', label: 'trialBalance' },
        { to: '/finance/journal', label: 'journal' },
        { to: '/finance/payroll', label: 'payroll' },
        { to: '/finance/payouts', label: 'payouts' },
        { to: '/billing/invoices', label: 'invoices' },
      ];
    if (roles.has('teacher')) return [{ to: '/ls/classes', label: 'myClasses' }];
    if (roles.has('parent') || roles.has('student')) return [{ to: '/billing/my-invoices', label: 'myInvoices' }];
    return [{ to: '/front-desk', label: 'frontDesk' }];
  }
  if (roles.has('district_admin')) return [...ADMIN, ...COMPLIANCE];
  if (roles.has('teacher'))
    return [
      { to: '/sections', label: 'mySections' },
      { to: '/live', label: 'liveSessions' },
    ];
  if (roles.has('parent')) return [{ to: '/children', label: 'myChildren' }];
  if (roles.has('student'))
    return [
      { to: '/classes', label: 'myClasses' },
      { to: '/my-grades', label: 'myGrades' },
      { to: '/my-attendance', label: 'myAttendance' },
    ];
  if (roles.has('auditor'))
    return [
      { to: '/audit', label: 'audit' },
      { to: '/accounts', label: 'accounts' },
      // Read-only: the auditor reads the compliance record (the pages offer no changes to them).
      ...COMPLIANCE.slice(0, 3),
    ];
  if (roles.has('counselor'))
    return [
      { to: '/attendance/chronic', label: 'chronicAbsence' },
      { to: '/attendance/rates', label: 'attendanceRates' },
      { to: '/people', label: 'people' },
    ];
  // The nurse: the compliance list first (the home), today's medications, visits, allergies; then the school.
  if (roles.has('nurse'))
    return [
      { to: '/nurse/immunizations', label: 'immunizations' },
      { to: '/nurse/medications', label: 'medications' },
      { to: '/nurse/visits', label: 'visits' },
      { to: '/nurse/allergies', label: 'allergies' },
      { to: '/overview', label: 'mySchool' },
      { to: '/people', label: 'people' },
    ];
  // The school administrator: their school, its people, then grades & report cards (the map's order).
  if (roles.has('school_admin'))
    return [
      { to: '/overview', label: 'mySchool' },
      { to: '/people', label: 'people' },
      { to: '/grades/courses', label: 'gradesReportCards' },
    ];
  // School staff (librarian…): their school at a glance and its people.
  return [
    { to: '/overview', label: 'mySchool' },
    { to: '/people', label: 'people' },
  ];
}

/** Where a role lands after signing in: the first item of its menu. */
export function homeFor(me: Me): string {
  return menuFor(me)[0]?.to ?? '/overview';
}

/** Whether a path is one of the signed-in person's menu sections (or a page below one). */
export function mayOpen(me: Me, path: string): boolean {
  const always = ['/students/', '/sections/'];
  return (
    menuFor(me).some((item) => path === item.to || path.startsWith(`${item.to}/`)) ||
    always.some((p) => path.startsWith(p))
  );
}
