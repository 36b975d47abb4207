/** A school's grading policy: its letter scale and weighted-GPA add-ons (defaults when it set none). */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { schoolGradingPolicy } from '../tables.js';
import { GRADING_DEFAULTS, gradeScaleLevel, gradingPolicyInput, type GradeScaleLevel } from './schemas.js';

export interface GradingPolicy {
  schoolId: number;
  scale: GradeScaleLevel[];
  honorsAddOn: number;
  apAddOn: number;
  custom: boolean;
}

export async function policyOf(work: Work, schoolId: number): Promise<GradingPolicy> {
  const [row] = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT scale, honorsaddon, apaddon FROM edfi.schoolgradingpolicy
       WHERE tenant_id = ${work.tenantId} AND schoolid = ${schoolId}`),
  );
  if (!row) {
    return {
      schoolId,
      scale: GRADING_DEFAULTS.scale.map((l) => ({ ...l })),
      honorsAddOn: GRADING_DEFAULTS.honorsAddOn,
      apAddOn: GRADING_DEFAULTS.apAddOn,
      custom: false,
    };
  }
  const scale = (row.scale as unknown[]).map((l) => gradeScaleLevel.parse(l));
  return {
    schoolId,
    scale: scale.sort((a, b) => b.minPercent - a.minPercent),
    honorsAddOn: Number(row.honorsaddon),
    apAddOn: Number(row.apaddon),
    custom: true,
  };
}

export async function gradingPolicy(work: Work, schoolId: number): Promise<GradingPolicy> {
  await work.authorize(schoolGradingPolicy, 'read', { schoolId });
  return policyOf(work, schoolId);
}

/** Sets a school's scale and add-ons; grades computed from then on use it (stored letters stay). */
export async function setGradingPolicy(work: Work, schoolId: number, input: unknown): Promise<GradingPolicy> {
  const p = parseInput(gradingPolicyInput, input);
  await work.authorize(schoolGradingPolicy, 'write', { schoolId });
  const [known] = rowsOf(
    await work.tx.execute(sql`SELECT 1 FROM edfi.school WHERE tenant_id = ${work.tenantId} AND schoolid = ${schoolId}`),
  );
  if (!known) throw new AppError('not_found', `No school ${schoolId}.`);
  const before = await policyOf(work, schoolId);
  const scale = [...p.scale].sort((a, b) => b.minPercent - a.minPercent);
  const values = { scale, honorsAddOn: p.honorsAddOn, apAddOn: p.apAddOn, updatedBy: work.principal.actorId };
  await work.tx
    .insert(schoolGradingPolicy)
    .values({ tenantId: work.tenantId, schoolId, ...values })
    .onConflictDoUpdate({
      target: [schoolGradingPolicy.tenantId, schoolGradingPolicy.schoolId],
      set: { ...values, updatedAt: sql`now()` },
    });
  await work.audit({
    table: schoolGradingPolicy,
    recordId: schoolId,
    operation: before.custom ? 'UPDATE' : 'INSERT',
    oldValues: before.custom
      ? { scale: before.scale, honorsAddOn: before.honorsAddOn, apAddOn: before.apAddOn }
      : undefined,
    newValues: { scale, honorsAddOn: p.honorsAddOn, apAddOn: p.apAddOn },
  });
  return { schoolId, scale, honorsAddOn: p.honorsAddOn, apAddOn: p.apAddOn, custom: true };
}
