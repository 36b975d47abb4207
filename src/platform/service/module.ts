/**
 * What a domain hands the composition root (src/app.ts) through its entry (`index.ts`): its routes,
 * its background jobs, and the tables it owns. An owned table is written only through the domain's
 * service: the generic /api/v1 keeps its reads (with the policy engine) and answers every write with
 * 405 and a problem naming the endpoints to use instead (`writeVia`).
 */
import type { FastifyInstance } from 'fastify';
import type { PgTable } from 'drizzle-orm/pg-core';
import { qualifiedName } from './work.js';

export interface OwnedTable {
  table: PgTable;
  /** The service endpoints that write it, e.g. 'POST /api/v1/library/checkouts (check out)'. */
  writeVia: readonly string[];
}

export interface DomainModule {
  /** The folder under src/domains. */
  readonly name: string;
  readonly owns?: readonly OwnedTable[];
  /** Registers the domain's routes (and job types on `app.jobs`). */
  register?(app: FastifyInstance): void | Promise<void>;
}

/** schema.table → the endpoints that write it, for every table the given domains own. */
export function ownedTables(domains: readonly DomainModule[]): Map<string, { domain: string; writeVia: string[] }> {
  const owners = new Map<string, { domain: string; writeVia: string[] }>();
  for (const domain of domains) {
    for (const owned of domain.owns ?? []) {
      const name = qualifiedName(owned.table);
      const known = owners.get(name);
      if (known) throw new Error(`${name} is owned by both ${known.domain} and ${domain.name}`);
      owners.set(name, { domain: domain.name, writeVia: [...owned.writeVia] });
    }
  }
  return owners;
}
