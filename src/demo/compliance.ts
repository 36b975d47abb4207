/**
 * The demo district's compliance world: retention policies as a district would set them (audit trail
 * 7 years, classroom audio 30 days under COPPA, request logs and classroom status events 90 days,
 * classroom transcripts 120 days by the district-wide seed 000 rule, closed discipline 5 years), data
 * old enough that a dry run has something to list (the transcripts of the old recordings are written by
 * the classroom domain's service), a legal hold on one student (their old discipline rows show as kept),
 * and two pending FERPA records requests.
 */
import { and, eq } from 'drizzle-orm';
import { recordTranscriptLines, TRANSCRIPT_EVENT } from '../domains/classroom/index.js';
import { classroomSessions, recordings } from '../domains/classroom/tables.js';
import { dataRetentionPolicies, legalHolds, recordsRequests, retentionPolicies } from '../domains/compliance/tables.js';
import * as edfi from '../domains/edfi/tables.js';
import { apiMetrics } from '../domains/operations/tables.js';
import { createAccessControl } from '../platform/auth/access.js';
import type { Database } from '../platform/db/database.js';
import { tenantTransaction } from '../platform/db/tenant-transaction.js';
import { runWork, systemPrincipal } from '../platform/service/work.js';
import { insertAll } from './bulk.js';
import type { K12Result } from './k12.js';
import { Random } from './random.js';

const DAY = 86_400_000;
const TRANSCRIPT_CATEGORY = 'classroom_transcripts';
/** Days the demo district keeps classroom transcripts (its seed 000 retention_policies row). */
export const DEMO_TRANSCRIPT_DAYS = 120;
/** The lines of each transcribed demo recording. */
const TRANSCRIPT = [
  ['Group leader', 'So what do we think causes it? Write down one idea each.'],
  ['Student', 'I think it is because the Earth is closer to the Sun in summer.'],
  ['Student', 'But then both hemispheres would have summer at the same time.'],
] as const;

export const DEMO_RETENTION_POLICIES = [
  {
    dataCategory: 'audit',
    tableName: 'compliance.audit_logs',
    retentionPeriodYears: 7,
    retentionCriteria: {},
    legalBasis: 'FERPA 34 CFR 99.32: the record of access is kept as long as the education record; district: 7 years',
    disposalMethod: 'delete',
  },
  {
    dataCategory: 'classroom_audio',
    tableName: 'audio.recordings',
    retentionPeriodYears: 1,
    retentionCriteria: { days: 30 },
    legalBasis: 'COPPA 16 CFR 312.10: children’s voice recordings kept only as long as needed to transcribe them',
    disposalMethod: 'delete',
  },
  {
    dataCategory: 'request_log',
    tableName: 'operational.api_metrics',
    retentionPeriodYears: 1,
    retentionCriteria: { dateColumn: 'timestamp', days: 90 },
    legalBasis: 'District information security standard: request logs 90 days',
    disposalMethod: 'delete',
  },
  {
    dataCategory: 'classroom_events',
    tableName: 'analytics.session_events',
    retentionPeriodYears: 1,
    // The status timeline only: summaries stay, transcripts have their own policy (below).
    retentionCriteria: {
      dateColumn: 'event_time',
      days: 90,
      match: { event_type: ['session.status', 'group.status'] },
    },
    legalBasis: 'High-volume classroom events: 90 days, then only the session summaries remain',
    disposalMethod: 'delete',
  },
  {
    dataCategory: TRANSCRIPT_CATEGORY,
    tableName: 'analytics.session_events',
    // The period is the district-wide seed 000 rule of the category (compliance.retention_policies): 120 days.
    retentionPeriodYears: 1,
    retentionCriteria: { dateColumn: 'event_time', match: { event_type: [TRANSCRIPT_EVENT] } },
    legalBasis: 'Transcripts of classroom discussions: kept for the term’s feedback and grading, then deleted',
    disposalMethod: 'delete',
  },
  {
    dataCategory: 'discipline',
    tableName: 'edfi.disciplineaction',
    retentionPeriodYears: 5,
    retentionCriteria: { dateColumn: 'enddate' },
    legalBasis: 'State records schedule: closed discipline actions 5 years after they end (past graduation)',
    disposalMethod: 'delete',
  },
] as const;

export interface DemoCompliance {
  policies: number;
  heldStudentUsi: number;
  recordsRequests: number;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function seedDemoCompliance(
  database: Database,
  tenantId: string,
  k12: K12Result,
  people: { adminAccountId: string; parentAccountId: string; childUsi: number },
  now = new Date(),
): Promise<DemoCompliance> {
  const rng = new Random(15);
  // Old closed discipline: the held student (not the parent's child) and four others, 5½–7 years ago.
  const pool = k12.students.filter((s) => s.studentUSI !== people.childUsi);
  const held = pool[pool.length - 1]!;
  const others = pool.slice(0, 4);
  let transcribed: { sessionId: string; recordings: { id: string; createdAt: Date }[] } | undefined;
  const summary = await tenantTransaction(database, tenantId, async ({ tx }) => {
    await insertAll(
      tx,
      dataRetentionPolicies,
      DEMO_RETENTION_POLICIES.map((p) => ({
        tenantId,
        ...p,
        retentionCriteria: { ...p.retentionCriteria },
        reviewFrequencyMonths: 12,
        lastReviewDate: isoDate(new Date(now.getTime() - 120 * DAY)),
        nextReviewDate: isoDate(new Date(now.getTime() + 245 * DAY)),
        active: true,
      })),
    );
    const closed = [held, held, ...others].map((student, i) => {
      const ended = new Date(now.getTime() - (2010 + i * 90) * DAY);
      return {
        tenantId,
        disciplineActionIdentifier: rng.uuid(),
        studentUSI: student.studentUSI,
        disciplineDate: isoDate(new Date(ended.getTime() - 2 * DAY)),
        endDate: isoDate(ended),
        disciplineActionLength: 3,
        actualDisciplineActionLength: 3,
        responsibilitySchoolId: student.schoolId,
        assignmentSchoolId: student.schoolId,
      };
    });
    await insertAll(tx, edfi.disciplineAction, closed);
    // Classroom audio: 24 recordings past COPPA's 30 days, 6 recent ones (still being transcribed).
    const [session] = await tx
      .select({ id: classroomSessions.id })
      .from(classroomSessions)
      .where(and(eq(classroomSessions.tenantId, tenantId), eq(classroomSessions.status, 'ended')))
      .limit(1);
    const audio = Array.from({ length: 30 }, (_, i) => ({
      tenantId,
      id: rng.uuid(),
      sessionId: session?.id ?? null,
      createdAt: new Date(now.getTime() - (i < 24 ? 31 + i * 7 : i - 23) * DAY),
      channels: 1,
      codec: 'opus',
      format: 'webm',
      durationSeconds: rng.int(60, 900),
      fileSizeBytes: rng.int(200_000, 4_000_000),
      filePath: `recordings/demo/${i + 1}.webm`,
      isProcessed: i < 24,
      transcriptionStatus: i < 24 ? 'completed' : 'pending',
    }));
    await insertAll(tx, recordings, audio);
    // Transcripts: the district keeps them 120 days (the transcribed recordings are 31–192 days old).
    await tx.insert(retentionPolicies).values({
      tenantId,
      policyType: TRANSCRIPT_CATEGORY,
      retentionDays: DEMO_TRANSCRIPT_DAYS,
      autoDeleteEnabled: true,
      legalBasis: 'District rule for every school: classroom transcripts 120 days',
    });
    transcribed = session ? { sessionId: session.id, recordings: audio.filter((r) => r.isProcessed) } : undefined;
    // Request logs: 150 older than 90 days, 50 recent.
    await insertAll(
      tx,
      apiMetrics,
      Array.from({ length: 200 }, (_, i) => ({
        tenantId,
        id: rng.uuid(),
        endpoint: rng.pick(['/api/v1/edfi/student', '/api/v1/sections', '/auth/me', '/api/v1/classroom/sessions']),
        method: 'GET',
        statusCode: 200,
        responseTimeMs: rng.int(4, 180),
        ipAddress: `10.20.${rng.int(0, 255)}.${rng.int(1, 254)}`,
        userAgent: 'Mozilla/5.0',
        timestamp: new Date(now.getTime() - (i < 150 ? 91 + i : i - 149) * DAY),
      })),
    );
    await tx.insert(legalHolds).values({
      tenantId,
      tableName: 'edfi.student',
      recordId: String(held.studentUSI),
      reason: `Due-process hearing pending for ${held.firstName} ${held.lastName}: keep every record`,
      placedBy: people.adminAccountId,
      placedAt: new Date(now.getTime() - 12 * DAY),
    });
    const child = k12.students.find((s) => s.studentUSI === people.childUsi)!;
    const due = (submittedDaysAgo: number) => isoDate(new Date(now.getTime() + (45 - submittedDaysAgo) * DAY));
    await tx.insert(recordsRequests).values([
      {
        tenantId,
        requestType: 'correction',
        studentUsi: child.studentUSI,
        requestedBy: people.parentAccountId,
        requesterRelationship: 'parent',
        tableName: 'edfi.student',
        recordId: String(child.studentUSI),
        fieldName: 'middlename',
        currentValue: '',
        requestedValue: 'Marie',
        description:
          `${child.firstName}'s middle name is missing from the record; ` +
          'please add it as on the birth certificate.',
        status: 'submitted',
        dueDate: due(3),
        submittedAt: new Date(now.getTime() - 3 * DAY),
      },
      {
        tenantId,
        requestType: 'deletion',
        studentUsi: others[0]!.studentUSI,
        requestedBy: people.adminAccountId,
        requesterRelationship: 'staff',
        tableName: 'edfi.disciplineaction',
        recordId: closed[2]!.disciplineActionIdentifier,
        description:
          'The family asks that a detention recorded in error (the incident involved another student) be removed.',
        status: 'under_review',
        dueDate: due(10),
        submittedAt: new Date(now.getTime() - 10 * DAY),
      },
    ]);
    return { policies: DEMO_RETENTION_POLICIES.length, heldStudentUsi: held.studentUSI, recordsRequests: 2 };
  });
  if (transcribed) await seedTranscripts(database, tenantId, transcribed);
  return summary;
}

/** Each transcribed recording's lines, through the classroom service as the transcription pipeline would. */
async function seedTranscripts(
  database: Database,
  tenantId: string,
  { sessionId, recordings: transcribed }: { sessionId: string; recordings: { id: string; createdAt: Date }[] },
): Promise<void> {
  const lines = transcribed.flatMap((recording) =>
    TRANSCRIPT.map(([speaker, text], k) => ({
      at: new Date(recording.createdAt.getTime() + (k + 1) * 20_000),
      speaker,
      text,
      recordingId: recording.id,
    })),
  );
  await runWork({ database, access: createAccessControl() }, systemPrincipal(tenantId, 'transcription'), {}, (work) =>
    recordTranscriptLines(work, sessionId, { lines }),
  );
}
