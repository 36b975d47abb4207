/**
 * Secrets and tokens without a database: the argon2id hashes and password policy, random tokens,
 * and the signed access tokens (algorithm pinned, constant-time signature check, expiry).
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueAccessToken, normalizeScope, verifyAccessToken, KNOWN_SCOPES } from './access-tokens.js';
import { hashSecret, passwordProblems, randomToken, sha256hex, verifySecret, generatePassword } from './passwords.js';

describe('passwords and random tokens', () => {
  it('hashes with argon2id and verifies; a malformed hash is just a mismatch', async () => {
    const hash = await hashSecret('correct horse battery 7');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifySecret(hash, 'correct horse battery 7')).toBe(true);
    expect(await verifySecret(hash, 'correct horse battery 8')).toBe(false);
    expect(await verifySecret('not-a-hash', 'x')).toBe(false);
  });

  it('applies the policy: at least 12 characters, not all of one kind', () => {
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
    expect(passwordProblems('schola-demo-password')).toEqual([]);
    expect(passwordProblems('abcdefghijklmnop')).toEqual([
      'must mix at least two kinds of characters (lower-case, upper-case, digits, others)',
    ]);
    expect(passwordProblems('123456789012')).toHaveLength(1);
    expect(passwordProblems('Short1!')).toEqual(['must be at least 12 characters']);
    expect(passwordProblems('aB'.repeat(129))).toEqual(['must be at most 256 characters']);
    for (let i = 0; i < 20; i++) expect(passwordProblems(generatePassword())).toEqual([]);
  });

  it('makes 256-bit base64url tokens and SHA-256 hex digests', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(sha256hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

/** A token payload whose scope claim was widened (the signature no longer matches it). */
const widenedScope = (payload: string) =>
  Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), scope: 'a b c' })).toString(
    'base64url',
  );

describe('access tokens', () => {
  const subject = {
    clientId: 'client-1',
    tenantId: '00000000-0000-4000-a000-000000000001',
    scopes: ['a', 'b'],
    schoolIds: [255901001],
  };

  it('round-trips the claims: iss, sub, tid, scope, school_ids, iat, exp (1 hour), jti', async () => {
    const now = new Date('2027-03-01T10:00:00Z');
    const { token, claims } = await issueAccessToken(subject, { now });
    expect(token.split('.')).toHaveLength(3);
    expect(claims).toMatchObject({
      sub: 'client-1',
      tid: subject.tenantId,
      scope: 'a b',
      school_ids: [255901001],
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + 3600,
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(await verifyAccessToken(token, { now })).toEqual({ ok: true, claims });
    expect((await issueAccessToken({ ...subject, schoolIds: null })).claims.school_ids).toBeUndefined();
    expect((await issueAccessToken({ ...subject, schoolIds: [] })).claims.school_ids).toEqual([]); // never widened
  });

  it('refuses expired tokens (but recognises them for revocation)', async () => {
    const { token } = await issueAccessToken(subject, { now: new Date('2027-03-01T10:00:00Z'), ttlSeconds: 60 });
    expect(await verifyAccessToken(token, { now: new Date('2027-03-01T10:01:00Z') })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect((await verifyAccessToken(token, { now: new Date('2027-03-01T10:01:00Z'), ignoreExpiry: true })).ok).toBe(
      true,
    );
  });

  it('pins the algorithm and checks the signature', async () => {
    const { token } = await issueAccessToken(subject);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const withHeader = (h: object) => `${Buffer.from(JSON.stringify(h)).toString('base64url')}.${payload}.${signature}`;
    expect((await verifyAccessToken(withHeader({ alg: 'none', typ: 'JWT' }))).ok).toBe(false);
    expect((await verifyAccessToken(withHeader({ alg: 'HS512', typ: 'JWT' }))).ok).toBe(false);
    expect(await verifyAccessToken(`${header}.${payload}.`)).toEqual({ ok: false, reason: 'malformed' });
    const tampered = widenedScope(payload);
    expect(await verifyAccessToken(`${header}.${tampered}.${signature}`)).toEqual({ ok: false, reason: 'signature' });
    expect(await verifyAccessToken(`${header}.${payload}.${signature.slice(0, -4)}`)).toEqual({
      ok: false,
      reason: 'signature',
    });
    // A signature that is not even base64url of some bytes.
    expect((await verifyAccessToken(`${header}.${payload}.${signature.slice(0, -2)}`)).ok).toBe(false);
    // Signed by another key (another process without SCHOLA_SECRET, or another deployment).
    const foreign = await new SignJWT(JSON.parse(Buffer.from(payload, 'base64url').toString()))
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new Uint8Array(32).fill(7));
    expect(await verifyAccessToken(foreign)).toEqual({ ok: false, reason: 'signature' });
  });

  it('a token verified once is still checked on every use: expiry, and a changed byte is another token', async () => {
    const issued = new Date('2027-03-01T10:00:00Z');
    const { token, claims } = await issueAccessToken(subject, { now: issued, ttlSeconds: 60 });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const tampered = widenedScope(payload);
    // The genuine token and forgeries of it, verified at the same time and after it was remembered.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        verifyAccessToken(i % 2 ? token : `${header}.${tampered}.${signature}`, { now: issued }),
      ),
    );
    for (const [i, result] of results.entries())
      expect(result).toEqual(i % 2 ? { ok: true, claims } : { ok: false, reason: 'signature' });
    expect(await verifyAccessToken(token, { now: new Date('2027-03-01T10:01:00Z') })).toEqual({
      ok: false,
      reason: 'expired',
    });
    // The remembered claims are shared by every request carrying the token: nobody can change them.
    const verified = await verifyAccessToken(token, { now: issued });
    if (!verified.ok) throw new Error('expected a valid token');
    expect(() => ((verified.claims as { scope: string }).scope = 'widened')).toThrow(TypeError);
    expect(() => verified.claims.school_ids!.push(1)).toThrow(TypeError);
  });

  it('knows the 13 OneRoster 1.2 scopes and the 2 Ed-Fi scopes, by URI or short name', () => {
    expect(KNOWN_SCOPES).toHaveLength(15);
    expect(normalizeScope('gradebook.createpost')).toBe(
      'https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.createpost',
    );
    expect(normalizeScope('edfi')).toBe('https://schola.dev/scope/edfi');
    expect(normalizeScope('https://schola.dev/scope/edfi.readonly')).toBe('https://schola.dev/scope/edfi.readonly');
    expect(normalizeScope('roster.write')).toBeUndefined();
  });
});
