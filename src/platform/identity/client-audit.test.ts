/**
 * OAuth clients leave their trace in the audit trail (issue 14): creating one through the
 * administrator's endpoint writes an INSERT row and revoking it an UPDATE row, naming the administrator,
 * the request's address and agent, the client's name and scopes — never its secret nor the secret's
 * hash; a refused revoke (another tenant's client, an unknown one) writes nothing; and the chain still
 * verifies. A client created outside a request (the CLI) is audited as the operator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { verifyAuditChain } from '../audit/verify.js';
import { createClient, revokeClient } from './oauth-clients.js';

let h: DomainHarness;
beforeAll(async () => {
  h = await domainHarness();
});
afterAll(() => h.dispose());

interface Row {
  operation: string;
  user_id: string;
  actor_role: string | null;
  user_agent: string | null;
  new_values: Record<string, unknown> | null;
  old_values: Record<string, unknown> | null;
  data_categories: string[] | null;
}
const rowsOf = (clientId: string) =>
  h.database.query<Row>(
    `SELECT operation, user_id, actor_role, user_agent, new_values, old_values, data_categories
       FROM compliance.audit_logs
      WHERE table_name = 'identity.oauth_clients' AND record_id = $1 ORDER BY timestamp, id`,
    [clientId],
  );

describe('OAuth clients in the audit trail', () => {
  it('records who created and who revoked a client, without its secret', async () => {
    const admin = h.principal(['district_admin']);
    const created = await h.inject(admin, {
      method: 'POST',
      url: '/admin/oauth-clients',
      headers: { 'content-type': 'application/json', 'user-agent': 'audit-test' },
      payload: JSON.stringify({ name: 'Gradebook sync', scopes: ['roster.readonly'] }),
    });
    expect(created.statusCode).toBe(201);
    const { clientId, clientSecret } = created.json() as { clientId: string; clientSecret: string };
    const revoked = await h.inject(admin, {
      method: 'POST',
      url: `/admin/oauth-clients/${clientId}/revoke`,
      headers: { 'user-agent': 'audit-test' },
    });
    expect(revoked.statusCode).toBe(204);
    // Revoking again is refused and writes nothing.
    expect((await h.inject(admin, { method: 'POST', url: `/admin/oauth-clients/${clientId}/revoke` })).statusCode).toBe(
      404,
    );

    const rows = await rowsOf(clientId);
    expect(rows.map((r) => r.operation)).toEqual(['INSERT', 'UPDATE']);
    for (const row of rows) {
      expect(row.user_id).toBe(admin.actorId);
      expect(row.actor_role).toBe('district_admin');
      expect(row.user_agent).toBe('audit-test');
      expect(row.data_categories).toEqual(['security']);
      const text = JSON.stringify(row);
      expect(text).not.toContain(clientSecret);
      expect(text).not.toMatch(/secret/i);
    }
    expect(rows[0]!.new_values).toMatchObject({ clientId, name: 'Gradebook sync', revokedAt: null });
    expect(rows[1]!.old_values).toMatchObject({ revokedAt: null });
    expect(rows[1]!.new_values).toMatchObject({ clientId, revokedAt: expect.any(String) });
    const verdict = await verifyAuditChain(h.database, { tenantId: h.demo.districtTenantId });
    expect(verdict.tenants.map((t) => t.ok)).toEqual([true]);
  });

  it('audits a client created and revoked outside a request as the operator', async () => {
    const client = await createClient(h.database, h.demo.districtTenantId, { name: 'CLI client', scopes: 'all' });
    expect(await revokeClient(h.database, client.clientId)).toBe(true);
    const rows = await rowsOf(client.clientId);
    expect(rows.map((r) => [r.operation, r.user_id])).toEqual([
      ['INSERT', 'system:operator'],
      ['UPDATE', 'system:operator'],
    ]);
  });
});
