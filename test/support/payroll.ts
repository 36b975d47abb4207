/**
 * Shared set-up of the payroll test files (src/domains/finance/payroll/*.test.ts): the demo language school
 * (its own database per file), a finance principal of that tenant, one of its teachers with the teacher's
 * organization, and a JSON request helper for the payroll API.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Principal } from '../../src/platform/auth/roles.js';
import { domainHarness, type DomainHarness } from './domain.js';

export const PAYROLL_API = '/api/v1/finance/payroll';

/** The inject options of a JSON body. */
export const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(body),
});

export interface PayrollContext {
  h: DomainHarness;
  /** A principal with the finance role in the language school's tenant. */
  finance: Principal;
  tenant: string;
  /** A teacher of one of the school's classes, and that class's organization. */
  teacherId: string;
  organizationId: string;
  /** A request as the finance principal, with a JSON body when given. */
  api(method: 'GET' | 'POST', url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

async function payrollContext(): Promise<PayrollContext> {
  const h = await domainHarness({ languageSchoolStudents: 12 });
  const tenant = h.demo.languageSchoolTenantId;
  const finance = h.principal(['finance'], { tenantId: tenant });
  const [row] = await h.database.query<{ teacher_id: string; organization_id: string }>(
    `SELECT teacher_id, organization_id FROM school_ops.classes WHERE tenant_id = $1 AND teacher_id IS NOT NULL
      ORDER BY id LIMIT 1`,
    [tenant],
  );
  return {
    h,
    finance,
    tenant,
    teacherId: row!.teacher_id,
    organizationId: row!.organization_id,
    api: (method, url, body) => h.inject(finance, { method, url, ...(body === undefined ? {} : json(body)) }),
  };
}

/**
 * A test file's payroll context, built before its tests and disposed after them: the returned object is filled
 * in by `beforeAll`, so tests read `p.api`, `p.tenant`… when they run.
 */
export function usePayrollContext(): PayrollContext {
  const context = {} as PayrollContext;
  beforeAll(async () => {
    Object.assign(context, await payrollContext());
  });
  afterAll(() => context.h?.dispose());
  return context;
}
