/**
 * `schola clients …` (OAuth client-credentials clients) and `schola accounts create`. Secrets are
 * printed once, on creation, and exist afterwards only as argon2id hashes. Nothing prompts: a
 * password comes from stdin (--password-stdin) or is generated and printed.
 * Exit code 2 for input a person can fix (unknown tenant, bad scope, duplicate e-mail).
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { Database } from '../../platform/db/database.js';
import { generatePassword } from '../../platform/auth/passwords.js';
import { AppError } from '../../platform/http/errors.js';
import { toAppError } from '../../platform/http/app.js';
import {
  createAccount,
  createClient,
  listClients,
  requireTenantId,
  revokeClient,
} from '../../platform/identity/service.js';

export interface IdentityCliHelpers {
  /** main.ts `run`: maps known errors to a message and an exit code. */
  run(fn: () => Promise<void>): Promise<void>;
  /** Opens the configured database (main.ts: openConfiguredDatabase(config())). */
  openDatabase(): Promise<Database>;
  /** Reads the password for --password-stdin (tests pass their own). */
  readStdin?(): Promise<string>;
}

function positiveId(value: string, what: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647)
    throw new InvalidArgumentError(`expected ${what} (a positive whole number)`);
  return Number(value);
}

const schoolId = (value: string, previous: number[] = []): number[] => [
  ...previous,
  positiveId(value, 'an Ed-Fi school id'),
];
const usi = (value: string): number => positiveId(value, 'an Ed-Fi USI');

function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/**
 * 2 with a sentence naming them unless every id is an Ed-Fi school of the tenant (a binding to no school reaches
 * nothing).
 */
async function requireSchools(database: Database, tenantId: string, slug: string, ids: number[] | undefined) {
  if (!ids?.length) return;
  const found = await database.query<{ schoolid: number }>(
    'SELECT schoolid FROM edfi.school WHERE tenant_id = $1 AND schoolid = ANY($2::int[])',
    [tenantId, ids],
  );
  const missing = ids.filter((id) => !found.some((r) => Number(r.schoolid) === id));
  if (missing.length === 0) return;
  const known = await database.query<{ schoolid: number }>(
    'SELECT schoolid FROM edfi.school WHERE tenant_id = $1 ORDER BY schoolid LIMIT 6',
    [tenantId],
  );
  const some = known.length
    ? ` (its schools include ${known.map((r) => r.schoolid).join(', ')})`
    : ' (it has no schools)';
  throw new AppError(
    'validation_failed',
    `${missing.length === 1 ? 'School' : 'Schools'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} ` +
      `not ` +
      `an Ed-Fi school of tenant "${slug}"${some}; leave --school out for a district-wide binding.`,
  );
}

/** Opens the database, runs `fn`, closes; an error a person can fix becomes a message and exit code 2. */
async function withDatabase(helpers: IdentityCliHelpers, fn: (database: Database) => Promise<void>): Promise<void> {
  const database = await helpers.openDatabase();
  try {
    await fn(database);
  } catch (error) {
    const appError = error instanceof AppError ? error : toAppError(error);
    if (appError.status >= 500) throw error;
    console.error(`schola: ${appError.detail}`);
    for (const [field, reasons] of Object.entries(appError.extras.validationErrors ?? {}))
      console.error(`  ${field}: ${reasons.join('; ')}`);
    process.exitCode = 2;
  } finally {
    await database.close();
  }
}

export function registerIdentityCommands(program: Command, helpers: IdentityCliHelpers): void {
  const clients = program
    .command('clients')
    .description('OAuth 2.0 client-credentials clients (learning tools, SIS integrations)');

  clients
    .command('create')
    .description('create a client; prints its client_id and secret (the secret is shown only this once)')
    .requiredOption('--tenant <slug>', 'tenant the client belongs to')
    .requiredOption('--name <name>', 'what the client is (e.g. "Reading app")')
    .requiredOption(
      '--scopes <scopes>',
      'comma-separated scopes (full URIs or short names like roster.readonly, edfi), or "all"',
      collect,
    )
    .option('--school <id>', 'bind the client to this Ed-Fi school (repeatable); default: the whole tenant', schoolId)
    .action((opts: { tenant: string; name: string; scopes: string[]; school?: number[] }) =>
      helpers.run(() =>
        withDatabase(helpers, async (database) => {
          const tenantId = await requireTenantId(database, opts.tenant);
          await requireSchools(database, tenantId, opts.tenant, opts.school);
          const scopes = opts.scopes.length === 1 && opts.scopes[0] === 'all' ? 'all' : opts.scopes;
          const client = await createClient(database, tenantId, { name: opts.name, scopes, schoolIds: opts.school });
          console.log(`client_id:     ${client.clientId}`);
          console.log(`client_secret: ${client.clientSecret}`);
          console.log(`tenant: ${opts.tenant}; schools: ${client.schoolIds?.join(', ') ?? 'all (district-wide)'}`);
          console.log(`scopes: ${client.scopes.join(' ')}`);
          console.log('Store the client secret now: it will not be shown again (only its hash is kept).');
        }),
      ),
    );

  clients
    .command('list')
    .description('list the clients of a tenant (never their secrets)')
    .requiredOption('--tenant <slug>', 'tenant')
    .action((opts: { tenant: string }) =>
      helpers.run(() =>
        withDatabase(helpers, async (database) => {
          const list = await listClients(database, await requireTenantId(database, opts.tenant));
          if (list.length === 0) console.log(`No clients in tenant "${opts.tenant}".`);
          for (const c of list) {
            const state = c.revokedAt ? `revoked ${c.revokedAt}` : 'active';
            console.log(
              `${c.clientId}  ${state}  "${c.name}"  schools: ${c.schoolIds?.join(',') ?? 'all'}  scopes: ` +
                `${c.scopes.length}  last used: ${c.lastUsedAt ?? 'never'}`,
            );
          }
        }),
      ),
    );

  clients
    .command('revoke <client_id>')
    .description('revoke a client: no new tokens, and its current tokens stop working')
    .action((clientId: string) =>
      helpers.run(() =>
        withDatabase(helpers, async (database) => {
          if (!(await revokeClient(database, clientId)))
            throw new AppError('not_found', `No active client with id "${clientId}".`);
          console.log(`Revoked client ${clientId}.`);
        }),
      ),
    );

  const accountsCmd = program.command('accounts').description('people’s sign-in accounts');
  accountsCmd
    .command('create')
    .description('create an account; prints a generated password unless one is given with --password-stdin')
    .requiredOption('--tenant <slug>', 'tenant')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption(
      '--role <role>',
      'role(s), comma-separated or repeated (district_admin, school_admin, teacher, nurse, parent, …)',
      collect,
    )
    .option('--school <id>', 'limit the account to this Ed-Fi school (repeatable)', schoolId)
    .option('--name <name>', 'display name (default: the e-mail’s local part)')
    .option('--staff-usi <usi>', 'link to this Ed-Fi staff (teachers, staff)', usi)
    .option('--student-usi <usi>', 'link to this Ed-Fi student (student accounts)', usi)
    .option('--password-stdin', 'read the password from standard input', false)
    .action(
      (opts: {
        tenant: string;
        email: string;
        role: string[];
        school?: number[];
        name?: string;
        staffUsi?: number;
        studentUsi?: number;
        passwordStdin: boolean;
      }) =>
        helpers.run(() =>
          withDatabase(helpers, async (database) => {
            const tenantId = await requireTenantId(database, opts.tenant);
            await requireSchools(database, tenantId, opts.tenant, opts.school);
            const given = opts.passwordStdin
              ? (await (helpers.readStdin ?? (() => readAll(process.stdin)))()).replace(/\r?\n$/, '')
              : undefined;
            const password = given ?? generatePassword();
            const account = await createAccount(database, tenantId, {
              email: opts.email,
              roles: opts.role,
              password,
              ...(opts.name ? { displayName: opts.name } : {}),
              ...(opts.school ? { schoolIds: opts.school } : {}),
              ...(opts.staffUsi ? { edfiStaffUsi: opts.staffUsi } : {}),
              ...(opts.studentUsi ? { edfiStudentUsi: opts.studentUsi } : {}),
            });
            console.log(
              `Created account ${account.id} (${account.email}) in "${opts.tenant}" with roles ` +
                `${account.roles.join(', ')}${account.schoolIds ? `, schools ${account.schoolIds.join(', ')}` : ''}.`,
            );
            if (given === undefined) console.log(`password: ${password}\nThis generated password is shown only now.`);
          }),
        ),
    );
}
