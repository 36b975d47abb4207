/**
 * Short-lived access tokens for OAuth clients: compact JWTs signed with HMAC-SHA256 (node:crypto —
 * the only party that verifies them is Schola itself, so a shared-key signature is enough and
 * needs no dependency). Verification pins the algorithm (no `none`, no key confusion), compares
 * the signature in constant time and checks issuer and expiry. Revocation (by `jti`) is checked by
 * the authentication hook against identity.revoked_tokens.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { config } from '../config/config.js';

const ONEROSTER_SCOPE = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
export const SCHOLA_SCOPE = 'https://schola.dev/scope/';

/** The 13 OneRoster 1.2 scopes (../shared/standards/oneroster-1.2.md) and Schola's Ed-Fi scopes. */
export const ONEROSTER_SCOPES = [
  'roster-core.readonly',
  'roster.readonly',
  'roster-demographics.readonly',
  'gradebook-core.readonly',
  'gradebook.readonly',
  'gradebook.createput',
  'gradebook.createpost',
  'gradebook.delete',
  'resource-core.readonly',
  'resource.readonly',
  'assessment.readonly',
  'assessment.createput',
  'assessment.delete',
].map((s) => `${ONEROSTER_SCOPE}${s}`);
export const EDFI_SCOPES = [`${SCHOLA_SCOPE}edfi`, `${SCHOLA_SCOPE}edfi.readonly`];
export const KNOWN_SCOPES: readonly string[] = [...ONEROSTER_SCOPES, ...EDFI_SCOPES];

/** Accepts a full scope URI or its short name (`roster.readonly`, `edfi`); undefined if unknown. */
export function normalizeScope(scope: string): string | undefined {
  if (KNOWN_SCOPES.includes(scope)) return scope;
  return KNOWN_SCOPES.find((known) => known === `${ONEROSTER_SCOPE}${scope}` || known === `${SCHOLA_SCOPE}${scope}`);
}

export interface AccessTokenClaims {
  iss: string;
  /** The OAuth client id. */
  sub: string;
  /** The tenant the client belongs to. */
  tid: string;
  /** Space-separated granted scopes (RFC 8693 style). */
  scope: string;
  /** Ed-Fi education-organization claims; absent = district-wide. */
  school_ids?: number[];
  iat: number;
  exp: number;
  jti: string;
}

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;

let ephemeralKey: Buffer | undefined;
/** The key derived from a secret, kept: every request's token check needs it. */
let derived: { secret: string; key: Buffer } | undefined;

/**
 * The signing key: derived from SCHOLA_SECRET (required in production), or — in development and
 * tests — a random key for this process, with a warning once: tokens die with the process.
 */
function signingKey(log?: { warn(message: string): void }): Buffer {
  const secret = config().secret;
  if (secret) {
    if (derived?.secret !== secret)
      derived = { secret, key: createHmac('sha256', secret).update('schola access tokens v1').digest() };
    return derived.key;
  }
  if (!ephemeralKey) {
    ephemeralKey = randomBytes(32);
    log?.warn(
      'SCHOLA_SECRET is not set: access tokens are signed with a per-process key and will not survive a restart',
    );
  }
  return ephemeralKey;
}

function issuer(): string {
  return config().publicUrl ?? 'schola';
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(input: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(input).digest();
}

export interface IssueOptions {
  now?: Date;
  ttlSeconds?: number;
  log?: { warn(message: string): void };
}

export function issueAccessToken(
  subject: { clientId: string; tenantId: string; scopes: string[]; schoolIds?: number[] | null },
  options: IssueOptions = {},
): { token: string; claims: AccessTokenClaims } {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const claims: AccessTokenClaims = {
    iss: issuer(),
    sub: subject.clientId,
    tid: subject.tenantId,
    scope: subject.scopes.join(' '),
    // Absent = district-wide; an (unexpected) empty list is kept, so it can only narrow access.
    ...(subject.schoolIds != null ? { school_ids: subject.schoolIds } : {}),
    iat,
    exp: iat + (options.ttlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS),
    jti: randomUUID(),
  };
  const input = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return { token: `${input}.${sign(input, signingKey(options.log)).toString('base64url')}`, claims };
}

/** Does this look like a JWT (three base64url segments) rather than a session token? */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

export type VerifyResult =
  { ok: true; claims: AccessTokenClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'issuer' };

/**
 * Checks format, algorithm, signature (constant time), issuer and expiry. `ignoreExpiry` is for
 * revocation, where an expired token needs no further action but is still recognised.
 */
export function verifyAccessToken(
  token: string,
  options: { now?: Date; ignoreExpiry?: boolean; log?: { warn(message: string): void } } = {},
): VerifyResult {
  if (!looksLikeJwt(token) || token.length > 4096) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = token.split('.') as [string, string, string];
  let parsedHeader: unknown;
  let claims: Partial<AccessTokenClaims>;
  try {
    parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<AccessTokenClaims>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  // The algorithm is pinned: whatever the header claims, only HS256 with our key is accepted.
  if (
    typeof parsedHeader !== 'object' ||
    parsedHeader === null ||
    (parsedHeader as { alg?: unknown }).alg !== 'HS256'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = sign(`${header}.${payload}`, signingKey(options.log));
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  if (
    typeof claims !== 'object' ||
    claims === null ||
    typeof claims.sub !== 'string' ||
    typeof claims.tid !== 'string' ||
    typeof claims.scope !== 'string' ||
    typeof claims.exp !== 'number' ||
    typeof claims.iat !== 'number' ||
    typeof claims.jti !== 'string' ||
    (claims.school_ids !== undefined &&
      !(Array.isArray(claims.school_ids) && claims.school_ids.every(Number.isInteger)))
  ) {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.iss !== issuer()) return { ok: false, reason: 'issuer' };
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (!options.ignoreExpiry && claims.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims as AccessTokenClaims };
}
