/**
 * Who may be told what, how and when:
 * - the **contact policy** (COPPA): whether an account may be e-mailed. The consent facts live in the
 *   compliance domain, which the platform cannot import, so the platform declares the interface and
 *   the composition root registers the compliance domain's implementation at start-up. Until one is
 *   registered, nobody linked to a student record is e-mailed (it fails closed);
 * - **preferences**: an account's opt-outs per channel and category (`email:billing`, `in_app:*`);
 *   `account` messages (password reset) are what the person asked for and are always sent;
 * - **quiet hours**: local times (the tenant's time zone) in which e-mail waits until they end;
 *   `urgency: 'safety'` ignores them.
 */
import type { Tx } from '../db/transaction.js';

export interface ContactRecipient {
  tenantId: string;
  accountId: string;
  roles: readonly string[];
  edfiStudentUsi: number | null;
  classroomStudentId: string | null;
}

export interface ContactDecision {
  allowed: boolean;
  reason: string;
}

export interface ContactPolicy {
  /** May this account be e-mailed? Asked inside the sender's unit of work. */
  mayEmail(tx: Tx, recipient: ContactRecipient, now: Date): Promise<ContactDecision>;
}

export const isStudentAccount = (r: ContactRecipient) =>
  r.roles.includes('student') || r.edfiStudentUsi !== null || r.classroomStudentId !== null;

/** The policy before the composition root registers one: students are never e-mailed. */
export const studentsNeverEmailed: ContactPolicy = {
  async mayEmail(_tx, recipient) {
    return isStudentAccount(recipient)
      ? { allowed: false, reason: 'no contact policy is registered: students are not e-mailed' }
      : { allowed: true, reason: 'not a student' };
  },
};

let registered: ContactPolicy = studentsNeverEmailed;

/** The composition root's choice (src/app.ts); tests may set their own. */
export function registerContactPolicy(policy: ContactPolicy): void {
  registered = policy;
}

export function contactPolicy(): ContactPolicy {
  return registered;
}

/** Categories whose messages the recipient asked for: preferences do not apply. */
export const MANDATORY_CATEGORIES: ReadonlySet<string> = new Set(['account']);

export function optedOut(optOuts: readonly string[], channel: string, category: string): boolean {
  if (MANDATORY_CATEGORIES.has(category)) return false;
  return optOuts.includes(`${channel}:${category}`) || optOuts.includes(`${channel}:*`);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * When the quiet hours `start`–`end` (local 'HH:MM' in `timeZone`, possibly across midnight) that
 * `now` falls in end; undefined when `now` is outside them (or there are none).
 */
export function quietHoursEnd(now: Date, timeZone: string, start: string | null, end: string | null): Date | undefined {
  if (!start || !end || start === end) return undefined;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = part('hour') * 60 + part('minute');
  const [from, to] = [minutesOf(start), minutesOf(end)];
  const inside = from < to ? local >= from && local < to : local >= from || local < to;
  if (!inside) return undefined;
  const minutesLeft = (to - local + 24 * 60) % (24 * 60);
  const ms = minutesLeft * 60_000 - part('second') * 1000 - now.getUTCMilliseconds();
  return new Date(now.getTime() + ms);
}
