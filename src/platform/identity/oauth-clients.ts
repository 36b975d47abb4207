/**
 * OAuth 2.0 clients (learning tools, SIS integrations) for the client-credentials grant. The secret
 * is shown once, at creation, and stored as argon2id. Scopes are the 13 OneRoster 1.2 scopes and
 * Schola's Ed-Fi scopes; `schoolIds` are Ed-Fi education-organization claims (a client bound to a
 * school reaches only that school's data — the policy engine enforces it from the token).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { KNOWN_SCOPES, normalizeScope } from '../auth/access-tokens.js';
import { hashSecret, randomToken } from '../auth/passwords.js';
import { forgetTokenVerdicts } from '../auth/token-verdicts.js';
import { recordAudit, type AuditEntry } from '../audit/audit.js';
import type { RequestMeta } from '../auth/roles.js';
import { AppError } from '../http/errors.js';
import { oauthClients } from './tables.js';
import { nowOf, parseInput, type ServiceOptions } from './shared.js';

/** Scope names (full URIs or short names such as `roster.readonly`, `edfi`) → full URIs, or 400. */
export function resolveScopes(requested: readonly string[] | 'all', field = 'scopes'): string[] {
  if (requested === 'all') return [...KNOWN_SCOPES];
  const unknown = requested.filter((s) => !normalizeScope(s));
  if (unknown.length > 0) throw AppError.validation({ [field]: unknown.map((s) => `unknown scope "${s}"`) });
  return [...new Set(requested.map((s) => normalizeScope(s)!))];
}

const createClientSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200, 'is too long'),
  scopes: z.union([z.literal('all'), z.array(z.string()).min(1, 'at least one scope is required')]),
  /** Omit for a district-wide client; given, at least one school. */
  schoolIds: z
    .array(z.number().int().positive('must be a positive school id'))
    .min(1, 'omit it for the whole tenant, or name at least one school')
    .optional(),
});

export interface ClientView {
  clientId: string;
  tenantId: string;
  name: string;
  scopes: string[];
  schoolIds: number[] | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function clientView(row: typeof oauthClients.$inferSelect): ClientView {
  return {
    clientId: row.clientId,
    tenantId: row.tenantId,
    name: row.name,
    scopes: row.scopes,
    schoolIds: row.schoolIds ?? null,
    createdAt: row.createdAt!.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Who creates or revokes a client, for the audit trail (a district administrator, or the CLI). */
export interface ClientActor {
  principal: AuditEntry['principal'];
  meta?: RequestMeta;
}
type ClientOptions = ServiceOptions & { actor?: ClientActor };

const CLIENTS_TABLE = 'identity.oauth_clients';
const operator = (tenantId: string): ClientActor => ({
  principal: { tenantId, actorId: 'system:operator', roles: ['district_admin'] },
});
/** What the audit trail keeps of a client: never its secret (nor the secret's hash). */
const audited = (row: typeof oauthClients.$inferSelect) => ({
  clientId: row.clientId,
  name: row.name,
  scopes: row.scopes,
  schoolIds: row.schoolIds,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/**
 * Creates a client (with its row in the audit trail); the returned `clientSecret` exists nowhere else — it cannot be
 * shown again.
 * The client id is 128 random bits (globally unique: the token endpoint learns the tenant from it).
 */
export async function createClient(
  database: Database,
  tenantId: string,
  input: z.input<typeof createClientSchema>,
  options: ClientOptions = {},
): Promise<ClientView & { clientSecret: string }> {
  const data = parseInput(createClientSchema, input);
  const scopes = resolveScopes(data.scopes);
  // A fixed prefix: an id never starts with '-', which a command line would take for an option
  // (`schola clients revoke <client_id>`), and it tells a client id from other tokens at a glance.
  const clientId = `sc_${randomToken(16)}`;
  const clientSecret = randomToken();
  const secretHash = await hashSecret(clientSecret);
  const row = await tenantTransaction(database, tenantId, async ({ tx }) => {
    const [inserted] = await tx
      .insert(oauthClients)
      .values({
        tenantId,
        clientId,
        name: data.name,
        secretHash,
        scopes,
        schoolIds: data.schoolIds ?? null,
        createdAt: nowOf(options),
      })
      .returning();
    const { principal, meta } = options.actor ?? operator(tenantId);
    await recordAudit(tx, {
      principal,
      meta,
      table: CLIENTS_TABLE,
      recordId: clientId,
      operation: 'INSERT',
      newValues: audited(inserted!),
      dataCategories: ['security'],
    });
    return inserted!;
  });
  return { ...clientView(row), clientSecret };
}

export async function listClients(database: Database, tenantId: string): Promise<ClientView[]> {
  return tenantTransaction(database, tenantId, async ({ tx }) =>
    (
      await tx
        .select()
        .from(oauthClients)
        .where(eq(oauthClients.tenantId, tenantId))
        .orderBy(asc(oauthClients.createdAt), asc(oauthClients.clientId))
    ).map(clientView),
  );
}

/**
 * The tenant and stored credentials of a client id. The token endpoint (and `schola clients
 * revoke <client_id>`) know only the client id, so this one lookup runs as the connection owner.
 */
export async function findClient(
  database: Database,
  clientId: string,
): Promise<
  | {
      tenantId: string;
      clientId: string;
      secretHash: string;
      scopes: string[];
      schoolIds: number[] | null;
      revokedAt: Date | null;
    }
  | undefined
> {
  const rows = await database.query<{
    tenant_id: string;
    client_id: string;
    secret_hash: string;
    scopes: string[];
    school_ids: number[] | null;
    revoked_at: string | Date | null;
  }>(
    `SELECT tenant_id, client_id, secret_hash, scopes, school_ids, revoked_at
       FROM identity.oauth_clients WHERE client_id = $1`,
    [clientId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    tenantId: row.tenant_id,
    clientId: row.client_id,
    secretHash: row.secret_hash,
    scopes: row.scopes,
    schoolIds: row.school_ids,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  };
}

/**
 * Revokes a client: it can no longer obtain tokens, and the tokens it holds stop working at once
 * (authentication checks the client is active); the audit trail records who did. Returns false for an
 * unknown or revoked client.
 */
export async function revokeClient(
  database: Database,
  clientId: string,
  options: ClientOptions = {},
): Promise<boolean> {
  const client = await findClient(database, clientId);
  if (!client) return false;
  const revoked = await tenantTransaction(database, client.tenantId, async ({ tx }) => {
    const rows = await tx
      .update(oauthClients)
      .set({ revokedAt: nowOf(options) })
      .where(
        and(
          eq(oauthClients.tenantId, client.tenantId),
          eq(oauthClients.clientId, clientId),
          isNull(oauthClients.revokedAt),
        ),
      )
      .returning();
    const [row] = rows;
    if (!row) return false;
    const { principal, meta } = options.actor ?? operator(client.tenantId);
    await recordAudit(tx, {
      principal,
      meta,
      table: CLIENTS_TABLE,
      recordId: clientId,
      operation: 'UPDATE',
      oldValues: { ...audited(row), revokedAt: null },
      newValues: audited(row),
      dataCategories: ['security'],
    });
    return true;
  });
  forgetTokenVerdicts({ clientId });
  return revoked;
}
