/**
 * Short-lived access tokens for OAuth clients: compact JWTs signed with HMAC-SHA256 by `jose` (the
 * only party that verifies them is Schola itself, so a shared-key signature is enough). Verification
 * pins the algorithm (no `none`, no key confusion), checks the signature, then the claims' shape,
 * issuer and expiry. Revocation (by `jti`) is checked by the authentication hook against
 * identity.revoked_tokens.
 */
import { hkdfSync, randomBytes, randomUUID, webcrypto } from 'node:crypto';
import { compactVerify, errors, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { config } from '../config/config.js';

const ONEROSTER_SCOPE = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
export const SCHOLA_SCOPE = 'https://schola.dev/scope/';

/** The 13 OneRoster 1.2 scopes (OneRoster 1.2, section 3.x: scopes) and Schola's Ed-Fi scopes. */
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

let ephemeralKey: Promise<CryptoKey> | undefined;
/** The key derived from a secret, kept: every request's token check needs it. */
let derived: { secret: string; key: Promise<CryptoKey> } | undefined;

function hmacKey(raw: Uint8Array): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/**
 * The signing key: derived from SCHOLA_SECRET (required in production) with HKDF-SHA256, or — in
 * development and tests — a random key for this process, with a warning once: tokens die with the process.
 */
function signingKey(log?: { warn(message: string): void }): Promise<CryptoKey> {
  const secret = config().secret;
  if (secret) {
    if (derived?.secret !== secret)
      derived = {
        secret,
        key: hmacKey(new Uint8Array(hkdfSync('sha256', secret, '', 'schola access tokens v1', 32))),
      };
    return derived.key;
  }
  if (!ephemeralKey) {
    ephemeralKey = hmacKey(randomBytes(32));
    log?.warn(
      'SCHOLA_SECRET is not set: access tokens are signed with a per-process key and will not survive a restart',
    );
  }
  return ephemeralKey;
}

function issuer(): string {
  return config().publicUrl ?? 'schola';
}

export interface IssueOptions {
  now?: Date;
  ttlSeconds?: number;
  log?: { warn(message: string): void };
}

export async function issueAccessToken(
  subject: { clientId: string; tenantId: string; scopes: string[]; schoolIds?: number[] | null },
  options: IssueOptions = {},
): Promise<{ token: string; claims: AccessTokenClaims }> {
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
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(await signingKey(options.log));
  return { token, claims };
}

/** Does this look like a JWT (three base64url segments) rather than a session token? */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

export type VerifyResult =
  { ok: true; claims: AccessTokenClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'issuer' };

function wellFormed(claims: unknown): claims is AccessTokenClaims {
  const c = claims as Partial<AccessTokenClaims> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.iss === 'string' &&
    typeof c.sub === 'string' &&
    typeof c.tid === 'string' &&
    typeof c.scope === 'string' &&
    typeof c.exp === 'number' &&
    typeof c.iat === 'number' &&
    typeof c.jti === 'string' &&
    (c.school_ids === undefined || (Array.isArray(c.school_ids) && c.school_ids.every(Number.isInteger)))
  );
}

/**
 * Tokens whose signature this process has verified, with their claims (frozen), under the key that
 * verified them. A client sends the same token with every request for its lifetime; verifying the
 * HMAC (a WebCrypto job on the thread pool) and decoding the claims again each time was a visible
 * share of a by-id read's CPU in bench/oneroster. Only the signature is remembered: issuer and expiry
 * are checked on every use, revocation by the caller. A changed key (SCHOLA_SECRET) matches no entry.
 */
const verifiedTokens = new LRUCache<string, { key: Promise<CryptoKey>; claims: AccessTokenClaims }>({
  max: 10_000,
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (_entry, token) => token.length,
});

/**
 * The payload of a token this process has verified as an access token, if it has: what decoding the
 * token would give (the claims are the whole payload), without decoding it again.
 */
export function knownTokenPayload(token: string): Readonly<Record<string, unknown>> | undefined {
  return verifiedTokens.peek(token)?.claims as Readonly<Record<string, unknown>> | undefined;
}

/** The algorithm-pinned signature check and the claims' shape. */
async function checkSignature(token: string, key: CryptoKey): Promise<VerifyResult> {
  let payload: Uint8Array;
  try {
    // The algorithm is pinned: whatever the header claims, only HS256 with our key is accepted.
    ({ payload } = await compactVerify(token, key, { algorithms: ['HS256'] }));
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' };
    return { ok: false, reason: 'malformed' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!wellFormed(claims)) return { ok: false, reason: 'malformed' };
  if (claims.school_ids) Object.freeze(claims.school_ids);
  return { ok: true, claims: Object.freeze(claims) };
}

/**
 * Checks format, algorithm, signature, issuer and expiry. `ignoreExpiry` is for revocation, where an
 * expired token needs no further action but is still recognised. (jose's `jwtVerify` always enforces
 * `exp`, hence the signature check alone and the claims checked here.)
 */
export async function verifyAccessToken(
  token: string,
  options: { now?: Date; ignoreExpiry?: boolean; log?: { warn(message: string): void } } = {},
): Promise<VerifyResult> {
  if (!looksLikeJwt(token) || token.length > 4096) return { ok: false, reason: 'malformed' };
  const key = signingKey(options.log);
  let claims: AccessTokenClaims;
  const known = verifiedTokens.get(token);
  if (known && known.key === key) claims = known.claims;
  else {
    const checked = await checkSignature(token, await key);
    if (!checked.ok) return checked;
    claims = checked.claims;
    verifiedTokens.set(token, { key, claims });
  }
  if (claims.iss !== issuer()) return { ok: false, reason: 'issuer' };
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (!options.ignoreExpiry && claims.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
