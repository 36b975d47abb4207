import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenants } from '../tenancy/tables.js';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { transaction } from './transaction.js';

describe('transaction helper', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await migratedDatabase();
  });
  afterAll(() => database.dispose());

  it('passes the transaction down and runs after-commit hooks only after the commit', async () => {
    const id = randomUUID();
    const seenByHook: number[] = [];
    await transaction(database, async ({ tx, afterCommit }) => {
      await tx.insert(tenants).values({ id, slug: 'tx-ok', name: 'T', kind: 'school' });
      afterCommit(async () => {
        // Visible outside the transaction: the hook runs after COMMIT.
        seenByHook.push((await database.db.select().from(tenants).where(eq(tenants.id, id))).length);
      });
      expect(seenByHook).toEqual([]);
    });
    expect(seenByHook).toEqual([1]);
  });

  it('rolls back everything and never runs the hooks when the work fails', async () => {
    const id = randomUUID();
    let hookRan = false;
    await expect(
      transaction(database, async ({ tx, afterCommit }) => {
        await tx.insert(tenants).values({ id, slug: 'tx-fail', name: 'T', kind: 'school' });
        afterCommit(() => {
          hookRan = true;
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(hookRan).toBe(false);
    expect(await database.db.select().from(tenants).where(eq(tenants.id, id))).toEqual([]);
  });

  it('reports a failing hook without undoing the committed work', async () => {
    const id = randomUUID();
    const reported: unknown[] = [];
    await transaction(
      database,
      async ({ tx, afterCommit }) => {
        await tx.insert(tenants).values({ id, slug: 'tx-hook', name: 'T', kind: 'school' });
        afterCommit(() => {
          throw new Error('mail server down');
        });
      },
      { onHookError: (e) => reported.push(e) },
    );
    expect(reported).toHaveLength(1);
    expect(await database.db.select().from(tenants).where(eq(tenants.id, id))).toHaveLength(1);
  });
});
