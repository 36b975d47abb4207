/**
 * The OneRoster 1.2 link tables as the REST binding shows them — inside their owner:
 * lineItem.learningObjectiveSet / lineItem.scoreScale (line_item_learning_objectives,
 * line_item_score_scales), result.learningObjectiveSet / result.scoreScale
 * (result_learning_objectives, result_score_scales). The CSV binding carries them as files of their
 * own, so each link row stays a OneRoster object (sourcedId, status, dateLastModified).
 *
 * Reads: SQL over the owner's alias `t`, active rows only; a learning-objective set groups the rows
 * by `source` (objective ids sorted, sources sorted: a set has no order).
 * Writes: writing the owner replaces its link rows in the same transaction. A row whose content is
 * sent again keeps its sourcedId (CSV-imported ones included); a new row gets a deterministic
 * sourcedId (a hash of owner and content, so re-sending the same set changes nothing); rows no
 * longer sent become `tobedeleted`, so delta CSV consumers learn of the removal.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import { raw, type FieldSpec } from './entity-kit.js';

// Reads ---------------------------------------------------------------------------------------------

const firstScale = (linkTable: string, ownerColumn: string): FieldSpec => ({
  sql: `(SELECT l.score_scale_sourced_id FROM ${linkTable} l
           JOIN oneroster.score_scales s
             ON s.tenant_id = l.tenant_id AND s.sourced_id = l.score_scale_sourced_id AND s.status = 'active'
          WHERE l.tenant_id = t.tenant_id AND l.${ownerColumn} = t.sourced_id AND l.status = 'active'
          ORDER BY l.sourced_id LIMIT 1)`,
  type: 'ref',
  refType: 'scoreScale',
});

/** lineItem.scoreScale: the first active link (by sourcedId) to an active score scale. */
export const lineItemScoreScaleField = firstScale('oneroster.line_item_score_scales', 'line_item_sourced_id');
/** result.scoreScale: as lineItem.scoreScale, over result_score_scales. */
export const resultScoreScaleField = firstScale('oneroster.result_score_scales', 'result_sourced_id');

/** lineItem.learningObjectiveSet: [{source, learningObjectiveIds: [...]}]. */
export const lineItemObjectivesField: FieldSpec = {
  sql: `(SELECT json_agg(json_build_object('source', g.source, 'learningObjectiveIds', g.ids) ORDER BY g.source)
           FROM (SELECT lo.source, json_agg(lo.learning_objective_id ORDER BY lo.learning_objective_id) AS ids
                   FROM oneroster.line_item_learning_objectives lo
                  WHERE lo.tenant_id = t.tenant_id AND lo.line_item_sourced_id = t.sourced_id AND lo.status = 'active'
                  GROUP BY lo.source) g)`,
  type: 'custom',
};

interface ObjectiveResultJson {
  learningObjectiveId: string;
  score: number | null;
  textScore: string | null;
}

/**
 * result.learningObjectiveSet: [{source, learningObjectiveResults: [{learningObjectiveId, score?, textScore?}]}]
 * (1.2 LearningObjectiveScoreSet).
 */
export const resultObjectivesField: FieldSpec = {
  sql: `(SELECT json_agg(json_build_object('source', g.source, 'learningObjectiveResults', g.results) ORDER BY g.source)
           FROM (SELECT lo.source,
                        json_agg(json_build_object('learningObjectiveId', lo.learning_objective_id,
                                                   'score', lo.score::float8, 'textScore', lo.text_score)
                                 ORDER BY lo.learning_objective_id) AS results
                   FROM oneroster.result_learning_objectives lo
                  WHERE lo.tenant_id = t.tenant_id AND lo.result_sourced_id = t.sourced_id AND lo.status = 'active'
                  GROUP BY lo.source) g)`,
  type: 'custom',
  render: (value) =>
    (value as { source: string; learningObjectiveResults: ObjectiveResultJson[] }[]).map((set) => ({
      source: set.source,
      learningObjectiveResults: set.learningObjectiveResults.map((r) => ({
        learningObjectiveId: r.learningObjectiveId,
        ...(r.score === null ? {} : { score: Number(r.score) }),
        ...(r.textScore === null ? {} : { textScore: r.textScore }),
      })),
    })),
};

// Write bodies --------------------------------------------------------------------------------------

const MAX_OBJECTIVES = 1000;
const objectiveId = z.string().min(1).max(255);
const source = z.string().min(1).max(255);

/** Each (source, objective) once, and at most MAX_OBJECTIVES of them: a repeated pair is a 400, not a silent merge. */
function uniquePairs(pairs: [string, string][], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const [s, id] of pairs) {
    const key = JSON.stringify([s, id]);
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        message: `learning objective "${id.slice(0, 100)}" of source "${s.slice(0, 100)}" is listed twice`,
      });
    seen.add(key);
  }
  if (pairs.length > MAX_OBJECTIVES)
    ctx.addIssue({ code: 'custom', message: `at most ${MAX_OBJECTIVES} learning objectives` });
}

/** 1.2 LearningObjectiveSet[] (lineItem, assessmentLineItem). */
export const objectiveSetIn = z
  .array(z.object({ source, learningObjectiveIds: z.array(objectiveId).min(1).max(MAX_OBJECTIVES) }))
  .max(100)
  .superRefine((sets, ctx) =>
    uniquePairs(
      sets.flatMap((s) => s.learningObjectiveIds.map((id): [string, string] => [s.source, id])),
      ctx,
    ),
  );

/** 1.2 LearningObjectiveScoreSet[] (result, assessmentResult); scores are numeric(10,4). */
export const objectiveScoreSetIn = z
  .array(
    z.object({
      source,
      learningObjectiveResults: z
        .array(
          z.object({
            learningObjectiveId: objectiveId,
            score: z
              .number()
              .finite()
              .refine((v) => Math.abs(v) < 1e6, 'must be smaller than 1000000 in magnitude')
              .nullable()
              .optional(),
            textScore: z.string().max(255).nullable().optional(),
          }),
        )
        .min(1)
        .max(MAX_OBJECTIVES),
    }),
  )
  .max(100)
  .superRefine((sets, ctx) =>
    uniquePairs(
      sets.flatMap((s) => s.learningObjectiveResults.map((r): [string, string] => [s.source, r.learningObjectiveId])),
      ctx,
    ),
  );

export type ObjectiveSetIn = z.infer<typeof objectiveSetIn>;
export type ObjectiveScoreSetIn = z.infer<typeof objectiveScoreSetIn>;

// Writes --------------------------------------------------------------------------------------------

export interface LinkTable {
  table: string;
  owner: string;
  /** The columns that say what the link is (one row per distinct key). */
  key: string[];
  /** Columns carried along (scores). */
  values: string[];
  /** Prefix of the deterministic sourcedIds of new rows. */
  prefix: string;
}

export const LINKS = {
  lineItemObjectives: {
    table: 'oneroster.line_item_learning_objectives',
    owner: 'line_item_sourced_id',
    key: ['source', 'learning_objective_id'],
    values: [],
    prefix: 'lilo',
  },
  lineItemScoreScales: {
    table: 'oneroster.line_item_score_scales',
    owner: 'line_item_sourced_id',
    key: ['score_scale_sourced_id'],
    values: [],
    prefix: 'liss',
  },
  resultObjectives: {
    table: 'oneroster.result_learning_objectives',
    owner: 'result_sourced_id',
    key: ['source', 'learning_objective_id'],
    values: ['score', 'text_score'],
    prefix: 'rlo',
  },
  resultScoreScales: {
    table: 'oneroster.result_score_scales',
    owner: 'result_sourced_id',
    key: ['score_scale_sourced_id'],
    values: [],
    prefix: 'rss',
  },
} satisfies Record<string, LinkTable>;

export type LinkRow = Record<string, string | number | null | undefined>;

export const objectiveRows = (sets: ObjectiveSetIn | null | undefined): LinkRow[] =>
  (sets ?? []).flatMap((s) => s.learningObjectiveIds.map((id) => ({ source: s.source, learning_objective_id: id })));

export const objectiveScoreRows = (sets: ObjectiveScoreSetIn | null | undefined): LinkRow[] =>
  (sets ?? []).flatMap((s) =>
    s.learningObjectiveResults.map((r) => ({
      source: s.source,
      learning_objective_id: r.learningObjectiveId,
      score: r.score ?? null,
      text_score: r.textScore ?? null,
    })),
  );

export const scaleRows = (scale: { sourcedId: string } | null | undefined): LinkRow[] =>
  scale ? [{ score_scale_sourced_id: scale.sourcedId }] : [];

const keyOf = (link: LinkTable, row: Record<string, unknown>) => JSON.stringify(link.key.map((c) => row[c]));
const linkId = (link: LinkTable, ownerId: string, key: string) =>
  `${link.prefix}-${createHash('sha256').update(`${ownerId}\u0000${key}`).digest('hex').slice(0, 40)}`;

/** Makes the owner's active link rows exactly `rows` (see the header for how sourcedIds are kept). */
export async function replaceLinks(
  tx: Tx,
  tenantId: string,
  link: LinkTable,
  ownerId: string,
  rows: LinkRow[],
): Promise<void> {
  const existing = rowsOf<Record<string, unknown>>(
    await tx.execute(
      sql`SELECT sourced_id, status, ${raw(link.key.join(', '))} FROM ${raw(link.table)}
           WHERE tenant_id = ${tenantId}::uuid AND ${raw(link.owner)} = ${ownerId}
           ORDER BY (status = 'active') DESC, sourced_id FOR UPDATE`,
    ),
  );
  const idByKey = new Map<string, string>();
  for (const row of existing) if (!idByKey.has(keyOf(link, row))) idByKey.set(keyOf(link, row), String(row.sourced_id));
  const now = new Date().toISOString();
  const kept = new Set<string>();
  const columns = [link.owner, ...link.key, ...link.values, 'status'];
  for (const row of rows) {
    const key = keyOf(link, row);
    let id = idByKey.get(key) ?? linkId(link, ownerId, key);
    if (kept.has(id)) id = linkId(link, ownerId, `${key}\u0000again`);
    kept.add(id);
    const values = [
      sql`${ownerId}`,
      ...[...link.key, ...link.values].map((c) => sql`${row[c] ?? null}`),
      sql`'active'`,
    ];
    const columnList = raw(columns.join(', '));
    const updates = raw(columns.map((c) => `${c} = EXCLUDED.${c}`).join(', '));
    const stored = raw(columns.map((c) => `l.${c}`).join(', '));
    const incoming = raw(columns.map((c) => `EXCLUDED.${c}`).join(', '));
    await tx.execute(sql`INSERT INTO ${raw(link.table)} AS l (tenant_id, sourced_id, date_last_modified, ${columnList})
      VALUES (${tenantId}::uuid, ${id}, ${now}::timestamptz, ${sql.join(values, sql`, `)})
      ON CONFLICT (tenant_id, sourced_id) DO UPDATE SET ${updates}, date_last_modified = EXCLUDED.date_last_modified
      WHERE (${stored}) IS DISTINCT FROM (${incoming})`);
  }
  const gone = existing
    .filter((r) => r.status === 'active' && !kept.has(String(r.sourced_id)))
    .map((r) => sql`${String(r.sourced_id)}`);
  if (gone.length) {
    await tx.execute(
      sql`UPDATE ${raw(link.table)} SET status = 'tobedeleted', date_last_modified = ${now}::timestamptz
           WHERE tenant_id = ${tenantId}::uuid AND sourced_id IN (${sql.join(gone, sql`, `)})`,
    );
  }
}
