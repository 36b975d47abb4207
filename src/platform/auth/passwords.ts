/**
 * Secrets at rest: argon2id for what people choose (passwords) and for OAuth client secrets, SHA-256
 * for the long random tokens Schola generates itself (sessions, password resets) — those have 256
 * bits of entropy, so a fast hash is enough and lets them be looked up by hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../identity/schemas.js';

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). The parameters are stored in each PHC
 * string, so raising them later keeps old hashes verifiable.
 */
const ARGON2ID: Options = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, ARGON2ID);
}

/** False (never an exception) for a wrong secret or a malformed stored hash. */
export async function verifySecret(storedHash: string, secret: string): Promise<boolean> {
  try {
    return await verify(storedHash, secret);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Spends the time of one verification when there is no account or client to check against, so an
 * unknown e-mail or client id answers as slowly as a wrong password (no enumeration by timing).
 */
export async function burnVerification(secret: string): Promise<void> {
  dummyHash ??= hashSecret(randomToken());
  await verifySecret(await dummyHash, secret);
}

/** Long enough for any passphrase; bounded so nobody makes the server hash megabytes (shared with the web forms). */
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

/**
 * The password policy, kept simple (NIST 800-63B style: length matters most):
 * - at least 12 and at most 256 characters;
 * - not all from one class of characters (lower-case letters, upper-case letters, digits, others),
 *   so "aaaaaaaaaaaa" or "123456789012" are refused but "correct horse battery staple" is fine.
 * Returns the reasons a password is refused (empty = acceptable).
 */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) => re.test(password)).length;
  if (classes < 2) problems.push('must mix at least two kinds of characters (lower-case, upper-case, digits, others)');
  return problems;
}

/** 32 random bytes (256 bits), base64url: session tokens, reset tokens, client secrets. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A password for `schola accounts create` without --password-stdin; always meets the policy. */
export function generatePassword(): string {
  for (;;) {
    const candidate = randomToken(18);
    if (passwordProblems(candidate).length === 0) return candidate;
  }
}
