/**
 * `schola clients …` and `schola accounts create`, run in-process against the test database:
 * the secret is printed once and works, list never shows secrets, revoke stops the client,
 * generated and stdin passwords sign in, mistakes a person can fix exit with code 2.
 */
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { issueClientToken, signIn } from '../../platform/identity/service.js';
import { registerIdentityCommands } from './identity.js';

let database: TestDatabase;
const TENANT = 'cli-isd';

async function schola(args: string[], stdin = ''): Promise<{ out: string; err: string; exitCode: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  process.exitCode = 0;
  try {
    const program = new Command('schola').exitOverride();
    registerIdentityCommands(program, {
      run: (fn) => fn(),
      openDatabase: async () => ({ ...database, close: async () => undefined }),
      readStdin: async () => stdin,
    });
    await program.parseAsync(args, { from: 'user' });
    return { out: out.join('\n'), err: err.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  database = await migratedDatabase();
  const tenantId = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'CLI ISD', 'district')`, [
    tenantId,
    TENANT,
  ]);
  // The one school clients and accounts are bound to below.
  await database.query(
    `INSERT INTO edfi.educationorganization (tenant_id, educationorganizationid, nameofinstitution)
      VALUES ($1, 255901001, 'CLI High')`,
    [tenantId],
  );
  await database.query(`INSERT INTO edfi.school (tenant_id, schoolid) VALUES ($1, 255901001)`, [tenantId]);
});
afterEach(() => {
  process.exitCode = 0;
});
afterAll(() => database.dispose());

describe('schola clients', () => {
  it('create prints the client id and the secret once; the secret works; list never shows it; revoke stops it', async () => {
    const created = await schola([
      'clients',
      'create',
      '--tenant',
      TENANT,
      '--name',
      'Reading app',
      '--scopes',
      'roster-core.readonly,edfi.readonly',
      '--school',
      '255901001',
    ]);
    expect(created.exitCode).toBe(0);
    const clientId = /client_id:\s+(\S+)/.exec(created.out)![1]!;
    const clientSecret = /client_secret:\s+(\S+)/.exec(created.out)![1]!;
    // Never taken for an option on a command line (`clients revoke <client_id>`).
    expect(clientId).toMatch(/^sc_[A-Za-z0-9_-]{22}$/);
    expect(created.out).toMatch(/will not be shown again/);
    expect(created.out).toMatch(/schools: 255901001/);
    const token = await issueClientToken(database, { clientId, clientSecret });
    expect(token.scope).toBe(
      'https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly https://schola.dev/scope/edfi.readonly',
    );

    const listed = await schola(['clients', 'list', '--tenant', TENANT]);
    expect(listed.out).toContain(clientId);
    expect(listed.out).toContain('active');
    expect(listed.out).not.toContain(clientSecret);

    expect((await schola(['clients', 'revoke', clientId])).out).toBe(`Revoked client ${clientId}.`);
    await expect(issueClientToken(database, { clientId, clientSecret })).rejects.toMatchObject({
      oauthCode: 'invalid_client',
    });
    const again = await schola(['clients', 'revoke', clientId]);
    expect([again.exitCode, again.err]).toEqual([2, `schola: No active client with id "${clientId}".`]);
  });

  it('"all" grants every known scope; an unknown scope or tenant exits 2 naming it', async () => {
    const all = await schola(['clients', 'create', '--tenant', TENANT, '--name', 'SIS', '--scopes', 'all']);
    expect(/scopes: (.*)/.exec(all.out)![1]!.split(' ')).toHaveLength(15);
    const bad = await schola([
      'clients',
      'create',
      '--tenant',
      TENANT,
      '--name',
      'X',
      '--scopes',
      'roster.readonly,everything',
    ]);
    expect(bad.exitCode).toBe(2);
    expect(bad.err).toContain('scopes: unknown scope "everything"');
    for (const command of [
      ['clients', 'create', '--tenant', TENANT, '--name', 'X', '--scopes', 'edfi', '--school', '999'],
      ['accounts', 'create', '--tenant', TENANT, '--email', 'x@cli.example', '--role', 'nurse', '--school', '999'],
    ]) {
      const missing = await schola(command);
      expect([missing.exitCode, missing.out]).toEqual([2, '']);
      expect(missing.err).toBe(
        'schola: School 999 is not an Ed-Fi school of tenant "cli-isd" (its schools include 255901001); ' +
          'leave --school out for a district-wide binding.',
      );
    }
    expect(await database.query(`SELECT 1 FROM identity.oauth_clients WHERE name = 'X'`)).toEqual([]);
    const tenant = await schola(['clients', 'list', '--tenant', 'nowhere']);
    expect([tenant.exitCode, tenant.err]).toEqual([
      2,
      'schola: The request has invalid fields.\n  tenant: no tenant with slug "nowhere"',
    ]);
  });
});

describe('schola accounts create', () => {
  it('generates and prints a password when none is piped in; it signs in', async () => {
    const res = await schola([
      'accounts',
      'create',
      '--tenant',
      TENANT,
      '--email',
      'Nurse@CLI.example',
      '--role',
      'nurse',
      '--school',
      '255901001',
    ]);
    expect(res.exitCode).toBe(0);
    expect(res.out).toMatch(
      /Created account .* \(nurse@cli\.example\) in "cli-isd" with roles nurse, schools 255901001\./,
    );
    const password = /password: (\S+)/.exec(res.out)![1]!;
    expect((await signIn(database, { tenant: TENANT, email: 'nurse@cli.example', password })).account.roles).toEqual([
      'nurse',
    ]);
  });

  it('takes the password from stdin (not printed), and refuses a repeated e-mail with exit code 2', async () => {
    const res = await schola(
      [
        'accounts',
        'create',
        '--tenant',
        TENANT,
        '--email',
        'boss@cli.example',
        '--role',
        'district_admin,auditor',
        '--password-stdin',
      ],
      'my chosen passphrase 1\n',
    );
    expect(res.out).not.toMatch(/password:/);
    expect(
      (await signIn(database, { tenant: TENANT, email: 'boss@cli.example', password: 'my chosen passphrase 1' }))
        .account.roles,
    ).toEqual(['district_admin', 'auditor']);
    const dup = await schola([
      'accounts',
      'create',
      '--tenant',
      TENANT,
      '--email',
      'boss@cli.example',
      '--role',
      'teacher',
    ]);
    expect(dup.exitCode).toBe(2);
    expect(dup.err).toMatch(/^schola: /);
    const weak = await schola(
      [
        'accounts',
        'create',
        '--tenant',
        TENANT,
        '--email',
        'weak@cli.example',
        '--role',
        'teacher',
        '--password-stdin',
      ],
      'Short1\n',
    );
    expect([weak.exitCode, weak.err]).toEqual([
      2,
      'schola: The request has invalid fields.\n  password: must be at least 12 characters',
    ]);
  });
});
