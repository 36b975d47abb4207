/**
 * Who is calling: an onRequest hook that sets `request.principal` from
 *  (a) `Authorization: Bearer <token>` — an OAuth access token (JWT, see access-tokens.ts) or a
 *      session token (`<tenantId>.<random>`, what sign-in returns for API use), or
 *  (b) the session cookie `schola_session` (httpOnly, SameSite=Lax, Secure in production, Path=/).
 * A bearer token that does not authenticate (malformed, bad signature, expired, revoked, unknown
 * session) is answered 401 with `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3.1).
 * A cookie that does not authenticate (expired, revoked, signed out) just leaves the request
 * anonymous: routes that need someone answer 401 through `principalOf`.
 * Nothing here decides what a principal may do: that is the policy engine's job.
 */
import cookie from '@fastify/cookie';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accounts, sessions } from '../identity/tables.js';
import { config } from '../config/config.js';
import { rowsOf, type Database } from '../db/database.js';
import { readAsTenant } from '../db/tenant-sessions.js';
import { AppError } from '../http/errors.js';
import { EDFI_SCOPES, ONEROSTER_SCOPES, knownTokenPayload, looksLikeJwt, verifyAccessToken } from './access-tokens.js';
import { sha256hex } from './passwords.js';
import { isParticipantToken, verifyParticipantToken, type ParticipantGrant } from './participant-tokens.js';
import { tokenKey, tokenVerdicts } from './token-verdicts.js';
import type { Principal, Role } from './roles.js';
import './request.js'; // FastifyRequest.principal

export const SESSION_COOKIE = 'schola_session';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SESSION_TOKEN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/i;
/** last_seen_at is refreshed at most this often, so authenticated reads rarely write. */
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

const or = (...names: string[]) => names.map((n) => ONEROSTER_SCOPES.find((s) => s.endsWith(`/${n}`))!);
const EDFI_READ = EDFI_SCOPES.filter((s) => s.endsWith('.readonly'));
const READ_EVERYTHING = [
  ...or(
    'roster-core.readonly',
    'roster.readonly',
    'roster-demographics.readonly',
    'gradebook-core.readonly',
    'gradebook.readonly',
    'resource-core.readonly',
    'resource.readonly',
    'assessment.readonly',
  ),
  ...EDFI_READ,
];
const DIRECTORY = [...or('roster-core.readonly'), ...EDFI_READ];

/**
 * The standards' read scopes a person's roles imply: a coarse ceiling for the OneRoster and Ed-Fi
 * bindings (which rows, and which sensitive tables, is the policy engine's decision). Writes
 * through those bindings are for OAuth clients only, so people get no write scopes here.
 */
export const ROLE_SCOPES: Record<Role, string[]> = {
  district_admin: READ_EVERYTHING,
  school_admin: READ_EVERYTHING,
  auditor: READ_EVERYTHING,
  counselor: READ_EVERYTHING,
  special_education_coordinator: READ_EVERYTHING,
  teacher: [
    ...or(
      'roster-core.readonly',
      'roster.readonly',
      'gradebook-core.readonly',
      'gradebook.readonly',
      'resource-core.readonly',
      'resource.readonly',
      'assessment.readonly',
    ),
    ...EDFI_READ,
  ],
  nurse: [...or('roster-core.readonly', 'roster-demographics.readonly'), ...EDFI_READ],
  librarian: DIRECTORY,
  cafeteria_manager: DIRECTORY,
  transportation_coordinator: DIRECTORY,
  finance: DIRECTORY,
  admissions: [...or('roster-core.readonly', 'roster-demographics.readonly'), ...EDFI_READ],
  student: or('roster-core.readonly', 'gradebook-core.readonly', 'resource-core.readonly'),
  parent: or('roster-core.readonly', 'gradebook-core.readonly', 'resource-core.readonly'),
  api_client: [],
};

export function scopesForRoles(roles: readonly Role[]): string[] {
  return [...new Set(roles.flatMap((r) => ROLE_SCOPES[r] ?? []))];
}

type AccountRow = typeof accounts.$inferSelect;

export function userPrincipal(account: AccountRow): Principal {
  const roles = account.roles as Role[];
  const person = {
    ...(account.edfiStaffUsi != null ? { edfiStaffUSI: account.edfiStaffUsi } : {}),
    ...(account.edfiStudentUsi != null ? { edfiStudentUSI: account.edfiStudentUsi } : {}),
    ...(account.onerosterUserSourcedId ? { onerosterUserSourcedId: account.onerosterUserSourcedId } : {}),
    ...(account.classroomTeacherId ? { classroomTeacherId: account.classroomTeacherId } : {}),
    ...(account.classroomStudentId ? { classroomStudentId: account.classroomStudentId } : {}),
    ...(account.coreUserId ? { coreUserId: account.coreUserId } : {}),
  };
  return {
    kind: 'user',
    tenantId: account.tenantId,
    actorId: account.id,
    roles,
    scopes: scopesForRoles(roles),
    // null = the whole tenant; an empty list stays empty (no school), never widened to the tenant.
    ...(account.schoolIds != null ? { schoolIds: account.schoolIds } : {}),
    ...(Object.keys(person).length > 0 ? { person } : {}),
  };
}

/** The cookie's attributes; its lifetime is the session's. */
export function sessionCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config().env === 'production', path: '/', expires };
}

/** @fastify/cookie, registered once whichever identity plugin asks first. */
export async function ensureCookieSupport(app: FastifyInstance): Promise<void> {
  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
}

/** The tenant a session token belongs to, or undefined if it is not shaped like one. */
export function sessionTokenTenant(token: string): string | undefined {
  const match = SESSION_TOKEN.exec(token);
  return match && UUID.test(match[1]!) ? match[1]!.toLowerCase() : undefined;
}

/**
 * The principal of a live session (not expired, not revoked, account active), or undefined.
 * One statement as the database owner, outside any transaction: authentication runs on every request,
 * and a tenant transaction around this lookup cost three more round trips on a server and three more
 * passes through the engine on PGlite. Row-level security is not needed for confinement here: both
 * tables are filtered by the token's tenant explicitly, and the token hash is unique.
 */
export async function sessionPrincipal(database: Database, token: string, now: Date): Promise<Principal | undefined> {
  const tenantId = sessionTokenTenant(token);
  if (!tenantId) return undefined;
  const [row] = await database.db
    .select({ sessionId: sessions.id, lastSeenAt: sessions.lastSeenAt, account: accounts })
    .from(sessions)
    .innerJoin(accounts, and(eq(accounts.tenantId, sessions.tenantId), eq(accounts.id, sessions.accountId)))
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.tokenHash, sha256hex(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        eq(accounts.status, 'active'),
      ),
    );
  if (!row) return undefined;
  if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await database.db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, row.sessionId)));
  }
  return userPrincipal(row.account);
}

/** The principal of a valid access token: signature, expiry, not revoked, client still active. */
export async function accessTokenPrincipal(
  database: Database,
  token: string,
  now: Date,
  log?: { warn(message: string): void },
): Promise<Principal | undefined> {
  const verified = await verifyAccessToken(token, { now, log });
  if (!verified.ok || !UUID.test(verified.claims.tid)) return undefined;
  const { claims } = verified;
  const key = tokenKey(claims.tid, claims.sub, claims.jti);
  // One check per token however many requests carry it, renewed before it expires (token-verdicts.ts).
  const usable = await tokenVerdicts.getOrLoad(
    key,
    () =>
      readAsTenant(database, claims.tid, async (db) => {
        const result = await db.execute(sql`
        SELECT NOT EXISTS (SELECT 1 FROM identity.revoked_tokens WHERE tenant_id = ${claims.tid}
          AND jti = ${claims.jti})
           AND EXISTS (SELECT 1 FROM identity.oauth_clients WHERE tenant_id = ${claims.tid}
             AND client_id = ${claims.sub} AND revoked_at IS NULL) AS usable`);
        return rowsOf<{ usable: boolean }>(result)[0]?.usable === true;
      }),
    { refreshAhead: true },
  );
  if (!usable) return undefined;
  return {
    kind: 'client',
    tenantId: claims.tid,
    actorId: claims.sub,
    roles: ['api_client'],
    scopes: claims.scope.split(' ').filter(Boolean),
    ...(claims.school_ids !== undefined ? { schoolIds: claims.school_ids } : {}),
  };
}

/** The principal of a participant token: a student in one session and group, nothing more. */
export function participantPrincipal(grant: ParticipantGrant): Principal {
  return {
    kind: 'user',
    tenantId: grant.tenantId,
    actorId: `participant:${grant.participantId}`,
    roles: ['student'],
    scopes: [],
    ...(grant.classroomStudentId ? { person: { classroomStudentId: grant.classroomStudentId } } : {}),
    participant: { sessionId: grant.sessionId, groupId: grant.groupId, participantId: grant.participantId },
  };
}

/** The principal of any bearer token (session token, OAuth access token, participant token), or undefined. */
export async function bearerPrincipal(
  database: Database,
  token: string,
  now: Date,
  log?: { warn(message: string): void },
): Promise<Principal | undefined> {
  if (!token) return undefined;
  if (!looksLikeJwt(token)) return sessionPrincipal(database, token, now);
  // An access token this process verified before is not decoded again to look at its audience.
  if (isParticipantToken(token, knownTokenPayload(token))) {
    const grant = await verifyParticipantToken(token, now);
    return grant && UUID.test(grant.tenantId) ? participantPrincipal(grant) : undefined;
  }
  return accessTokenPrincipal(database, token, now, log);
}

/** undefined = no bearer credentials; '' = a Bearer header without a usable token. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer(?:\s+(\S*))?\s*$/i.exec(header);
  if (!match) return /^Bearer\b/i.test(header) ? '' : undefined; // Basic etc.: the token endpoint's business
  return match[1] ?? '';
}

function invalidToken(): AppError {
  return new AppError('unauthenticated', 'The bearer token is invalid, expired or revoked.', {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });
}

export interface AuthenticationOptions {
  /** The clock (tests move it); defaults to the system clock. */
  now?: () => Date;
}

/** The header naming the one school (of theirs) a person who works in several is looking at. */
export const SCHOOL_HEADER = 'x-schola-school';

/**
 * The principal confined to the school the web app's switcher names, when it is one of the principal's
 * schools: every policy decision and list then sees that school only. Anything else (no header, a school
 * not theirs — e.g. left on a shared device by someone else — or a tenant-wide principal) changes nothing:
 * the header can narrow what the principal reaches, never widen it.
 */
export function narrowedToSchool(principal: Principal, header: unknown): Principal {
  const id = typeof header === 'string' && /^\d{1,10}$/.test(header) ? Number(header) : undefined;
  if (id === undefined || !principal.schoolIds?.includes(id) || principal.schoolIds.length < 2) return principal;
  return { ...principal, schoolIds: [id] };
}

export async function authentication(app: FastifyInstance, options: AuthenticationOptions = {}): Promise<void> {
  await ensureCookieSupport(app);
  const now = options.now ?? (() => new Date());
  app.addHook('onRequest', async (request) => {
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      const principal = await bearerPrincipal(app.database, bearer, now(), request.log);
      if (!principal) throw invalidToken();
      request.principal = narrowedToSchool(principal, request.headers[SCHOOL_HEADER]);
      return;
    }
    const sessionCookie = request.cookies[SESSION_COOKIE];
    if (sessionCookie) {
      const principal = await sessionPrincipal(app.database, sessionCookie, now());
      if (principal) request.principal = narrowedToSchool(principal, request.headers[SCHOOL_HEADER]);
    }
  });
}
