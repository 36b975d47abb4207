/**
 * The small rules the pages lean on: problem documents become words and field errors, money and
 * dates follow the reader's language, each role gets its own home and menu, a job's progress is a
 * percentage.
 */
import { describe, expect, it } from 'vitest';
import { percentOf } from '../components/JobProgress';
import { isoToday, markOfCode, rangeOf, schoolYearStart } from '../pages/attendance/dates';
import i18n from '../i18n';
import type { Me } from '../auth/session';
import { homeFor, mayOpen, menuFor } from '../shell/menu';
import { formatDate, formatMoney } from './format';
import { applyFieldErrors, problemMessage, ProblemError } from './problem';

const me = (roles: string[], kind = 'district'): Me =>
  ({
    principal: { kind: 'user', tenantId: 't', actorId: 'a', roles, scopes: [], schoolIds: null },
    tenant: { slug: 's', name: 'S', kind },
  }) as Me;

describe('problems', () => {
  it('shows the detail in words and puts field reasons next to their fields', () => {
    const error = new ProblemError(400, {
      detail: 'The request has invalid fields.',
      validationErrors: { email: ['is required'], other: ['x'] },
    });
    expect(problemMessage(error, 'fallback')).toBe('The request has invalid fields.');
    expect(problemMessage(new Error('boom'), 'fallback')).toBe('fallback');
    const set: [string, string][] = [];
    expect(applyFieldErrors(error, ['email', 'password'] as const, (f, e) => set.push([f, e.message]))).toBe(true);
    expect(set).toEqual([['email', 'is required']]);
  });
});

describe('formats', () => {
  it('formats money and dates per language', async () => {
    await i18n.changeLanguage('pt-BR');
    expect(formatMoney(180000, 'BRL').replace(/\s/g, ' ')).toBe('R$ 1.800,00');
    expect(formatDate('2026-02-10')).toBe('10 de fev. de 2026');
    await i18n.changeLanguage('en');
    expect(formatMoney(180000, 'USD')).toBe('$1,800.00');
    expect(formatDate('2026-02-10')).toBe('Feb 10, 2026');
    await i18n.changeLanguage('es');
    expect(formatMoney(4500, 'EUR').replace(/\s/g, ' ')).toBe('45,00 €');
    await i18n.changeLanguage('en');
  });
});

describe('menus', () => {
  it('gives each role its home and only its menu', () => {
    expect(homeFor(me(['district_admin']))).toBe('/overview');
    expect(menuFor(me(['district_admin']))).toHaveLength(12);
    expect(menuFor(me(['auditor'])).map((m) => m.to)).toEqual([
      '/audit',
      '/accounts',
      '/compliance/retention',
      '/compliance/legal-holds',
      '/compliance/records-requests',
    ]);
    expect(mayOpen(me(['auditor']), '/compliance/ferpa-export')).toBe(false);
    expect(homeFor(me(['teacher']))).toBe('/sections');
    expect(homeFor(me(['parent']))).toBe('/children');
    expect(homeFor(me(['student']))).toBe('/classes');
    expect(homeFor(me(['admissions', 'finance'], 'language_school'))).toBe('/front-desk');
    // The language-school owner (school_admin) lands on the overview, with the front desk next.
    expect(homeFor(me(['school_admin', 'finance'], 'language_school'))).toBe('/ls/overview');
    expect(menuFor(me(['school_admin', 'finance'], 'language_school'))[1]?.to).toBe('/front-desk');
    expect(menuFor(me(['finance'], 'language_school')).map((m) => m.to)).toEqual([
      '/finance/trial-balance',
      '/finance/journal',
      '/finance/payroll',
      '/finance/payouts',
      '/billing/invoices',
    ]);
    expect(mayOpen(me(['finance'], 'language_school'), '/finance/journal/je-1')).toBe(true);
    expect(mayOpen(me(['teacher'], 'language_school'), '/finance/payroll')).toBe(false);
    expect(menuFor(me(['admissions', 'finance'], 'language_school')).map((m) => m.to)).toContain('/billing/invoices');
    expect(menuFor(me(['admissions'], 'language_school')).map((m) => m.to)).not.toContain('/billing/invoices');
    expect(homeFor(me(['finance'], 'language_school'))).toBe('/finance/trial-balance');
    expect(homeFor(me(['parent'], 'language_school'))).toBe('/billing/my-invoices');
    expect(menuFor(me(['nurse'])).map((m) => m.to)).toEqual([
      '/nurse/immunizations',
      '/nurse/medications',
      '/nurse/visits',
      '/nurse/allergies',
      '/overview',
      '/people',
    ]);
    expect(mayOpen(me(['teacher']), '/audit')).toBe(false);
    expect(mayOpen(me(['teacher']), '/sections/abc')).toBe(true);
    expect(menuFor(me(['student'])).map((m) => m.to)).toEqual(['/classes', '/my-grades', '/my-attendance']);
    expect(homeFor(me(['counselor']))).toBe('/attendance/chronic');
    expect(menuFor(me(['counselor'])).map((m) => m.to)).toEqual([
      '/attendance/chronic',
      '/attendance/rates',
      '/people',
    ]);
    expect(mayOpen(me(['parent']), '/students/7/attendance')).toBe(true);
    expect(mayOpen(me(['parent']), '/attendance/chronic')).toBe(false);
  });
});

describe('attendance dates', () => {
  it('opens on the school year to date unless the URL names a range', () => {
    expect(isoToday(new Date(2026, 11, 2, 23, 30))).toBe('2026-12-02');
    expect(schoolYearStart('2026-12-02')).toBe('2026-08-01');
    expect(schoolYearStart('2027-03-15')).toBe('2026-08-01');
    expect(schoolYearStart('2026-08-01')).toBe('2026-08-01');
    expect(rangeOf({ from: '2026-09-01', to: '2026-10-31' })).toEqual({ from: '2026-09-01', to: '2026-10-31' });
    expect(rangeOf({ from: 'yesterday', to: '2027-02-01' })).toEqual({ from: '2026-08-01', to: '2027-02-01' });
    expect(markOfCode('Unexcused Absence')).toBe('absent');
    expect(markOfCode('early_departure')).toBe('early_departure');
    expect(markOfCode('Something else')).toBeUndefined();
  });
});

describe('job progress', () => {
  it('turns counters into a percentage', () => {
    expect(percentOf({ jobId: 'j', status: 'running', progress: { done: 3, total: 12 } })).toBe(25);
    expect(percentOf({ jobId: 'j', status: 'running', progress: { tablesDone: 30, tablesTotal: 120 } })).toBe(25);
    expect(percentOf({ jobId: 'j', status: 'completed' })).toBe(100);
    expect(percentOf({ jobId: 'j', status: 'pending' })).toBe(5);
  });
});
