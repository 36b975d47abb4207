/**
 * `schola tenants create --slug … --name … --kind district|school|language_school [--admin-email …]`
 * creates a tenant with the default access policies and, optionally, its first administrator
 * (a generated password is printed once). `schola tenants list`.
 */
import type { Command } from 'commander';
import type { Database } from '../../platform/db/database.js';
import { createTenant, listTenants } from '../../platform/tenancy/service.js';
import { createAccount } from '../../platform/identity/service.js';
import { randomToken } from '../../platform/auth/passwords.js';

export interface TenantCliHelpers {
  run(fn: () => Promise<void>): Promise<void>;
  openDatabase(): Promise<Database>;
}

export function registerTenantCommands(program: Command, helpers: TenantCliHelpers): void {
  const tenants = program.command('tenants').description('districts, schools and language schools using this Schola');
  tenants
    .command('create')
    .description('create a tenant (with the default access policies) and optionally its first administrator')
    .requiredOption('--slug <slug>', 'short name used to sign in, e.g. springfield-isd')
    .requiredOption('--name <name>', 'display name')
    .option('--kind <kind>', 'district, school or language_school', 'district')
    .option('--admin-email <email>', 'create a district administrator account with a generated password')
    .action((opts: { slug: string; name: string; kind: string; adminEmail?: string }) =>
      helpers.run(async () => {
        const database = await helpers.openDatabase();
        try {
          const tenant = await createTenant(database, {
            slug: opts.slug,
            name: opts.name,
            kind: opts.kind as 'district',
          });
          console.log(`tenant ${tenant.slug} (${tenant.kind}) created: ${tenant.id}`);
          if (opts.adminEmail) {
            const password = randomToken().slice(0, 24);
            await createAccount(database, tenant.id, { email: opts.adminEmail, roles: ['district_admin'], password });
            console.log(`administrator ${opts.adminEmail.toLowerCase()} — password (shown once): ${password}`);
          }
        } finally {
          await database.close();
        }
      }),
    );
  tenants
    .command('list')
    .description('list the tenants')
    .action(() =>
      helpers.run(async () => {
        const database = await helpers.openDatabase();
        try {
          for (const t of await listTenants(database))
            console.log(`${t.slug.padEnd(32)} ${t.kind.padEnd(16)} ${t.id}  ${t.name}`);
        } finally {
          await database.close();
        }
      }),
    );
}
