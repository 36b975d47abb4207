/** Legal holds: rows (or whole tables) retention must keep until the hold is released. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { allTables } from '../../../platform/db/catalog.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { complianceErrors } from '../errors.js';
import {
  legalHoldInput,
  legalHoldReleaseInput,
  type LegalHoldInput,
  type LegalHoldReleaseInput,
  type LegalHoldView,
} from '../schemas.js';
import { legalHolds } from '../tables.js';

type HoldRow = typeof legalHolds.$inferSelect;

function holdView(row: HoldRow): LegalHoldView {
  return {
    id: row.id,
    tableName: row.tableName,
    recordId: row.recordId,
    reason: row.reason,
    placedBy: row.placedBy,
    placedAt: row.placedAt.toISOString(),
    releasedAt: row.releasedAt ? row.releasedAt.toISOString() : null,
  };
}

export async function placeLegalHold(work: Work, input: LegalHoldInput): Promise<LegalHoldView> {
  const data = parseInput(legalHoldInput, input);
  await work.authorize(legalHolds, 'write');
  if (!allTables().some((t) => t.qualifiedName === data.tableName))
    throw AppError.validation({ tableName: ['is not a table of the data model'] });
  const [row] = await work.tx
    .insert(legalHolds)
    .values({
      tenantId: work.tenantId,
      tableName: data.tableName,
      recordId: data.recordId ?? null,
      reason: data.reason,
      placedBy: work.principal.actorId,
      placedAt: work.now,
    })
    .returning();
  const view = holdView(row!);
  await work.audit({ table: legalHolds, recordId: view.id, operation: 'INSERT', newValues: view });
  return view;
}

export async function releaseLegalHold(
  work: Work,
  holdId: string,
  input: LegalHoldReleaseInput,
): Promise<LegalHoldView> {
  const { reason } = parseInput(legalHoldReleaseInput, input);
  await work.authorize(legalHolds, 'write');
  // Conditional: two releases of one hold, one wins.
  const [row] = await work.tx
    .update(legalHolds)
    .set({ releasedAt: work.now, releasedBy: work.principal.actorId })
    .where(and(eq(legalHolds.tenantId, work.tenantId), eq(legalHolds.id, holdId), isNull(legalHolds.releasedAt)))
    .returning();
  if (!row) {
    const [existing] = await work.tx
      .select({ id: legalHolds.id })
      .from(legalHolds)
      .where(and(eq(legalHolds.tenantId, work.tenantId), eq(legalHolds.id, holdId)));
    if (!existing) throw new AppError('not_found', `No legal hold ${holdId}.`);
    throw complianceErrors.hold_released(`Legal hold ${holdId} is already released.`);
  }
  const view = holdView(row);
  // The table has no column for it: the release reason lives in the hold's audit trail.
  await work.audit({
    table: legalHolds,
    recordId: view.id,
    operation: 'UPDATE',
    newValues: { ...view, releaseReason: reason },
  });
  return view;
}

export async function listLegalHolds(work: Work): Promise<LegalHoldView[]> {
  await work.authorize(legalHolds, 'read');
  const rows = await work.tx
    .select()
    .from(legalHolds)
    .where(eq(legalHolds.tenantId, work.tenantId))
    .orderBy(desc(legalHolds.placedAt))
    .limit(500);
  return rows.map(holdView);
}
