/**
 * Participant tokens: short-lived JWTs (HS256, `jose`) for people who take part in one live activity
 * without an account — a student who joined a classroom session by its code. The token names the
 * tenant, the activity (session) and the part of it (group) it reaches; the domain that issues it
 * decides what those reach, and renews it while the activity lives. Signed with a key derived from
 * SCHOLA_SECRET (instances sharing a database must share it), or a per-process key without one.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { config } from '../config/config.js';

export const PARTICIPANT_AUDIENCE = 'schola:participant';
const ISSUER = 'schola';
/** Fifteen minutes: a participant renews while the activity lives. */
export const PARTICIPANT_TOKEN_TTL_SECONDS = 15 * 60;

export interface ParticipantGrant {
  tenantId: string;
  /** The activity (a classroom session id). */
  sessionId: string;
  /** The part of it the token reaches (a group id). */
  groupId: string;
  participantId: string;
  /** The roster record the participant was matched to, if any (a classroom student id). */
  classroomStudentId?: string;
}

let derived: { secret: string; key: Uint8Array } | undefined;
let ephemeral: Uint8Array | undefined;

function key(): Uint8Array {
  const secret = config().secret;
  if (secret) {
    if (derived?.secret !== secret)
      derived = { secret, key: createHmac('sha256', secret).update('schola participant tokens v1').digest() };
    return derived.key;
  }
  ephemeral ??= randomBytes(32);
  return ephemeral;
}

export async function issueParticipantToken(
  grant: ParticipantGrant,
  now: Date,
  ttlSeconds = PARTICIPANT_TOKEN_TTL_SECONDS,
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({
    tid: grant.tenantId,
    sid: grant.sessionId,
    gid: grant.groupId,
    ...(grant.classroomStudentId ? { stu: grant.classroomStudentId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(PARTICIPANT_AUDIENCE)
    .setSubject(grant.participantId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key());
  return { token, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
}

/** Whether a JWT claims to be a participant token (unverified: only to choose the verifier). */
export function isParticipantToken(token: string, payload?: Readonly<Record<string, unknown>>): boolean {
  try {
    const aud = (payload ?? decodeJwt(token)).aud;
    return aud === PARTICIPANT_AUDIENCE || (Array.isArray(aud) && aud.includes(PARTICIPANT_AUDIENCE));
  } catch {
    return false;
  }
}

/** The grant of a valid token (signature, issuer, audience, expiry), or undefined. */
export async function verifyParticipantToken(token: string, now: Date): Promise<ParticipantGrant | undefined> {
  try {
    const { payload } = await jwtVerify(token, key(), {
      issuer: ISSUER,
      audience: PARTICIPANT_AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
    });
    const { tid, sid, gid, stu, sub } = payload as Record<string, unknown>;
    if (typeof tid !== 'string' || typeof sid !== 'string' || typeof gid !== 'string' || typeof sub !== 'string')
      return undefined;
    return {
      tenantId: tid,
      sessionId: sid,
      groupId: gid,
      participantId: sub,
      ...(typeof stu === 'string' ? { classroomStudentId: stu } : {}),
    };
  } catch {
    return undefined;
  }
}
