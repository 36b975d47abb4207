/**
 * `schola` — the command line. `npm start` is `schola start`: migrate, load the demo district
 * when the database is empty, serve.
 */
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, config as loadConfig, CONFIG_VARIABLES } from '../platform/config/config.js';
import { DataDirLockedError } from '../platform/db/data-dir-lock.js';
import { MigrationError, migrationStatus } from '../platform/db/migrator.js';
import { createLogger } from '../platform/log/logger.js';
import { openConfiguredDatabase, prepareDatabase, startServer } from '../platform/server.js';
import { DEFAULT_DEMO_SIZE, DemoTenantExistsError, hasAnyTenant, seedDemo, type DemoSize } from '../demo/seed.js';
import { writeSchemaDocs } from '../platform/db/schema-docs.js';
import { applicationAccessControl, applicationPlugins, tableOwners } from '../app.js';
import { AppError } from '../platform/http/errors.js';
import { StartupError } from '../platform/startup-error.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerRetentionCommands } from './commands/retention.js';
import { registerIdentityCommands } from './commands/identity.js';
import { registerTenantCommands } from './commands/tenants.js';
import { registerOneRosterCommands } from './commands/oneroster.js';
import { registerEdfiCommands } from './commands/edfi.js';
import { registerEdfiOneRosterCommands } from './commands/edfi-oneroster.js';
import { demoClassroomHint, demoSignInHint } from '../demo/accounts.js';
import { ensureWebBuilt } from './web-build.js';

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000_000) {
    throw new InvalidArgumentError('expected a whole number from 1 to 10000000');
  }
  return Number(value);
}

/** Maps the errors a person can fix to a message and an exit code, instead of a stack trace. */
async function run(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof StartupError) {
      console.error(`schola: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof DemoTenantExistsError) {
      console.error(`schola: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof AppError && error.status < 500) {
      const fields = Object.entries(error.extras.validationErrors ?? {})
        .map(([f, reasons]) => `\n  ${f}: ${reasons.join('; ')}`)
        .join('');
      console.error(`schola: ${error.detail}${fields}`);
      process.exit(2);
    }
    if (error instanceof DataDirLockedError) {
      console.error(`schola: ${error.message}`);
      process.exit(3);
    }
    if (error instanceof MigrationError) {
      console.error(`schola: ${error.message}`);
      process.exit(4);
    }
    console.error(error);
    process.exit(1);
  }
}

async function serve(options: { migrate: boolean; seedIfEmpty: boolean }): Promise<void> {
  const config = loadConfig();
  await ensureWebBuilt();
  const logger = createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config);
  try {
    if (options.migrate) await prepareDatabase(database, logger);
    const pending = (await migrationStatus(database)).filter((m) => m.state !== 'applied');
    if (pending.length > 0) {
      throw new MigrationError(
        `The database is not up to date (${pending.map((m) => `${m.name}: ${m.state}`).join(', ')}). Run \`schola ` +
          `migrate\` first.`,
      );
    }
    if (options.seedIfEmpty && config.demoSeed && !(await hasAnyTenant(database))) {
      console.log('Empty database: loading the demo district (set SCHOLA_DEMO_SEED=false to skip)…');
      const summary = await seedDemo(database, DEFAULT_DEMO_SIZE);
      console.log(`Demo data loaded: ${summary.describe()}`);
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const server = await startServer({
    config,
    logger,
    database,
    handleSignals: true,
    plugins: applicationPlugins({ notifications: { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom } }),
  }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  console.log(`Schola is serving at ${server.url}  (web app: ${server.url}/)`);
  const signIn = await demoSignInHint(database, server.url).catch(() => undefined);
  if (signIn) console.log(`  ${signIn}`);
  const classroom = await demoClassroomHint(database, server.url).catch(() => undefined);
  if (classroom) console.log(`  ${classroom}`);
  console.log(`  API docs: ${server.url}/docs  (OpenAPI: ${server.url}/openapi.json)`);
  console.log(`  health:   ${server.url}/health/ready`);
  console.log(
    `  database: ${database.engine === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  );
}

const program = new Command('schola')
  .description('Schola — open school data platform (Ed-Fi 5.2, OneRoster 1.2)')
  // Invalid arguments (unknown command or option, a missing or malformed value) exit with 2, as
  // configuration mistakes do; --help and --version exit 0. Subcommands inherit both settings.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'schola: ')) })
  .addHelpText('after', `\nConfiguration (environment variables): ${CONFIG_VARIABLES.join(', ')}`);

program
  .command('start')
  .description('migrate, load the demo district if the database is empty, and serve (what `npm start` runs)')
  .action(() => run(() => serve({ migrate: true, seedIfEmpty: true })));

program
  .command('serve')
  .description('serve the API (the database must be migrated)')
  .option('--migrate', 'apply pending migrations first', false)
  .action((opts: { migrate: boolean }) => run(() => serve({ migrate: opts.migrate, seedIfEmpty: false })));

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    run(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const database = await openConfiguredDatabase(config);
      try {
        const before = (await migrationStatus(database)).filter((m) => m.state === 'pending').length;
        await prepareDatabase(database, logger);
        console.log(before === 0 ? 'Database schema is up to date.' : `Applied ${before} migration(s).`);
      } finally {
        await database.close();
      }
    }),
  );

const db = program.command('db').description('database inspection');
db.command('status')
  .description('list migrations and whether each is applied, pending or changed')
  .action(() =>
    run(async () => {
      const config = loadConfig();
      const database = await openConfiguredDatabase(config);
      try {
        const status = await migrationStatus(database);
        console.log(`engine: ${database.engine}${database.engine === 'pglite' ? ` (${config.dataDir})` : ''}`);
        for (const m of status) {
          console.log(
            `${m.state.padEnd(8)} ${m.name}${m.executedAt ? `  ${m.executedAt} (${m.executionTimeMs} ms)` : ''}`,
          );
        }
        const counts = { applied: 0, pending: 0, changed: 0 };
        for (const m of status) counts[m.state]++;
        console.log(`${counts.applied} applied, ${counts.pending} pending, ${counts.changed} changed`);
        if (counts.changed > 0) process.exitCode = 4;
      } finally {
        await database.close();
      }
    }),
  );

const seed = program.command('seed').description('load generated data');
seed
  .command('demo')
  .description('load a deterministic demo district, classroom sessions and a language school')
  .option('--students <n>', 'students in the district', positiveInt, DEFAULT_DEMO_SIZE.students)
  .option('--schools <n>', 'schools in the district', positiveInt, DEFAULT_DEMO_SIZE.schools)
  .option('--sections-per-school <n>', 'sections per school', positiveInt, DEFAULT_DEMO_SIZE.sectionsPerSchool)
  .option('--seed <n>', 'random seed (same seed, same data)', positiveInt, DEFAULT_DEMO_SIZE.seed)
  .option('--tenant <slug>', 'tenant slug for the district', DEFAULT_DEMO_SIZE.tenantSlug)
  .action((opts: { students: number; schools: number; sectionsPerSchool: number; seed: number; tenant: string }) =>
    run(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const database = await openConfiguredDatabase(config);
      try {
        await prepareDatabase(database, logger);
        const size: DemoSize = { ...DEFAULT_DEMO_SIZE, ...opts, tenantSlug: opts.tenant };
        const summary = await seedDemo(database, size);
        console.log(`Demo data loaded: ${summary.describe()}`);
      } finally {
        await database.close();
      }
    }),
  );

const docs = program.command('docs').description('generated documentation');
docs
  .command('schema')
  .description('write docs/data-model.md (tables, columns, keys, ER diagrams) from the Drizzle tables')
  .action(() =>
    run(async () => {
      const written = await writeSchemaDocs(tableOwners());
      console.log(`Wrote ${written.join(', ')}`);
    }),
  );

registerAuditCommands(program, { run, openDatabase: () => openConfiguredDatabase(loadConfig()) });
registerRetentionCommands(program, {
  run,
  openDatabase: () => openConfiguredDatabase(loadConfig()),
  environment: (database) => ({ database, access: applicationAccessControl() }),
});
registerIdentityCommands(program, { run, openDatabase: () => openConfiguredDatabase(loadConfig()) });
registerTenantCommands(program, { run, openDatabase: () => openConfiguredDatabase(loadConfig()) });
registerOneRosterCommands(program, { run, openDatabase: () => openConfiguredDatabase(loadConfig()) });
registerEdfiCommands(program, { run, openDatabase: () => openConfiguredDatabase(loadConfig()) });
registerEdfiOneRosterCommands(program, { run, openDatabase: () => openConfiguredDatabase(loadConfig()) });

await program.parseAsync(process.argv);
