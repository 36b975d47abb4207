/**
 * Shared set-up of the OneRoster 1.2 assessment test files (src/standards/oneroster/assessment-*.test.ts): a
 * fixture, a class and a student of each of two schools, clients with the assessment and the gradebook scopes,
 * the percentage score scale ss-percent, and the assessments the reads look at (seedAssessments). Each file
 * builds its own (its own database), so no file depends on rows another file wrote.
 */
import { expect } from 'vitest';
import { oneRosterFixture, type Fixture } from './oneroster-fixture.js';
import { GRADEBOOK, sender, type Send } from './oneroster-gradebook.js';

export const ALI_OBJECTIVES = [
  { source: 'CASE', learningObjectiveIds: ['lo-a', 'lo-b'] },
  { source: 'Unknown', learningObjectiveIds: ['local-1'] },
];
export const RESULT_OBJECTIVES = [
  {
    source: 'CASE',
    learningObjectiveResults: [
      { learningObjectiveId: 'lo-a', score: 3.5, textScore: 'proficient' },
      { learningObjectiveId: 'lo-b', textScore: 'emerging' },
    ],
  },
];

export interface AssessmentIds {
  klass: string;
  otherClass: string;
  student: string;
  otherStudent: string;
  schoolId: number;
}

export interface AssessmentContext {
  f: Fixture;
  ids: AssessmentIds;
  /** assessment.readonly, createput and delete. */
  assessor: string;
  /** assessment.readonly only. */
  assessReader: string;
  /** Every gradebook scope, no assessment one. */
  gradebook: string;
  send: Send;
  /** The sourcedIds of a list read with `token`. */
  listIds(url: string, token: string, plural: string): Promise<string[]>;
}

async function assessmentIds(f: Fixture): Promise<AssessmentIds> {
  const [school, other] = await f.sql<{ sourced_id: string; identifier: string }>(
    `SELECT sourced_id, identifier FROM oneroster.orgs WHERE type = 'school' ORDER BY identifier`,
  );
  const classOf = async (schoolId: string) =>
    (
      await f.sql<{ sourced_id: string }>(
        `SELECT sourced_id FROM oneroster.classes WHERE school_sourced_id = $1 ORDER BY sourced_id LIMIT 1`,
        [schoolId],
      )
    )[0]!.sourced_id;
  const studentOf = async (classId: string) =>
    (
      await f.sql<{ user_sourced_id: string }>(
        `SELECT user_sourced_id FROM oneroster.enrollments
          WHERE class_sourced_id = $1 AND role = 'student' ORDER BY user_sourced_id LIMIT 1`,
        [classId],
      )
    )[0]!.user_sourced_id;
  const klass = await classOf(school!.sourced_id);
  const otherClass = await classOf(other!.sourced_id);
  return {
    klass,
    otherClass,
    student: await studentOf(klass),
    otherStudent: await studentOf(otherClass),
    schoolId: Number(school!.identifier),
  };
}

export async function assessmentContext(): Promise<AssessmentContext> {
  const f = await oneRosterFixture();
  const ids = await assessmentIds(f);
  const send = sender(f);
  const assessor = await f.token(['assessment.readonly', 'assessment.createput', 'assessment.delete']);
  const assessReader = await f.token(['assessment.readonly']);
  const gradebook = await f.token([
    'gradebook.readonly',
    'gradebook-core.readonly',
    'gradebook.createput',
    'gradebook.createpost',
    'gradebook.delete',
  ]);
  const percent = await send('PUT', `${GRADEBOOK}/scoreScales/ss-percent`, gradebook, {
    scoreScale: { title: 'Percent', type: 'percentage', scoreScaleValue: [{ itemValueLHS: '0', itemValueRHS: '100' }] },
  });
  expect(percent.statusCode).toBe(201);
  return {
    f,
    ids,
    assessor,
    assessReader,
    gradebook,
    send,
    listIds: async (url, token, plural) =>
      ((await f.get(url, token)).json()[plural] as { sourcedId: string }[]).map((o) => o.sourcedId),
  };
}

/**
 * The assessments the reads look at, as assessment-writes.test.ts leaves them: the class-less benchmark ali-1
 * and its part ali-1a in the class; ar-1 (a score above the maximum) and ar-2 (exempt) for the class's student.
 */
export async function seedAssessments({ send, assessor, ids }: AssessmentContext): Promise<void> {
  const puts: [string, unknown][] = [
    [
      'assessmentLineItems/ali-1',
      {
        assessmentLineItem: {
          title: 'Spring benchmark',
          description: 'District benchmark',
          resultValueMin: 0,
          resultValueMax: 100,
          scoreScale: { sourcedId: 'ss-percent' },
        },
      },
    ],
    [
      'assessmentLineItems/ali-1a',
      {
        assessmentLineItem: {
          title: 'Reading',
          class: { sourcedId: ids.klass },
          parentAssessmentLineItem: { sourcedId: 'ali-1' },
        },
      },
    ],
    [
      'assessmentResults/ar-1',
      {
        assessmentResult: {
          assessmentLineItem: { sourcedId: 'ali-1' },
          student: { sourcedId: ids.student },
          scoreStatus: 'fully graded',
          score: 104.5,
          scoreScale: { sourcedId: 'ss-percent' },
          learningObjectiveSet: RESULT_OBJECTIVES,
        },
      },
    ],
    [
      'assessmentResults/ar-2',
      {
        assessmentResult: {
          assessmentLineItem: { sourcedId: 'ali-1a' },
          student: { sourcedId: ids.student },
          scoreStatus: 'exempt',
          comment: 'Medical',
        },
      },
    ],
  ];
  for (const [path, body] of puts) {
    const res = await send('PUT', `${GRADEBOOK}/${path}`, assessor, body);
    expect(res.statusCode, `${path}: ${res.body}`).toBe(201);
  }
}
