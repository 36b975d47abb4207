/**
 * The OneRoster face of the gradebook. Grades are stored as Ed-Fi rows; the OneRoster gradebook
 * (categories, lineItems, results) is their projection (src/standards/edfi-oneroster). A domain may not
 * import a standards binding, so the composition root registers the projection here and the services
 * call it in the same unit of work after each gradebook write: both APIs read the same grades at once.
 */
import type { Tx } from '../../../platform/db/transaction.js';
import type { Work } from '../../../platform/service/work.js';

export type GradebookCollection = 'gradebookCategories' | 'gradebookEntries' | 'studentGradebookEntries' | 'grades';
export type GradebookProjector = (
  tx: Tx,
  tenantId: string,
  collection: GradebookCollection,
  rows: { id: string }[],
  deleted: boolean,
) => Promise<unknown>;

let projector: GradebookProjector | undefined;

/** Set by the composition root (app.ts). Without one (a bare unit test), nothing is projected. */
export function registerGradebookProjection(p: GradebookProjector): void {
  projector = p;
}

export async function projectGradebook(
  work: Work,
  collection: GradebookCollection,
  ids: readonly string[],
  deleted = false,
): Promise<void> {
  if (!projector || ids.length === 0) return;
  await projector(
    work.tx,
    work.tenantId,
    collection,
    ids.map((id) => ({ id })),
    deleted,
  );
}
