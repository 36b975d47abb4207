/**
 * One suite, both event-store backends: PostgreSQL (the migrated test database) and DynamoDB
 * (dynalite, started here in-process on a free port). Keys and range conditions, the §13 GSIs, TTL,
 * last-write-wins per key, and subscriptions that see every append exactly once and in order, also
 * under concurrent appends. PostgreSQL alone: TTL by dropping whole day partitions. DynamoDB alone: where
 * subscriptions read from — dynalite has no Streams, so the counter feed; the Streams reader's pure parts
 * (source choice, shard order, records to items, cursors) without a server (none installs from npm).
 */
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { dynamoEventStore, type DynamoEventStore } from './dynamodb.js';
import {
  decodeStreamCursor,
  encodeStreamCursor,
  itemOf,
  shardsInOrder,
  subscriptionSourceOf,
} from './dynamodb-streams.js';
import { EVENT_TABLE_NAMES } from './definitions.js';
import { postgresEventStore } from './postgres.js';
import type { EventStore } from './types.js';

let database: TestDatabase;
let server: ReturnType<typeof dynalite>;
let endpoint: string;
const stores: EventStore[] = [];

beforeAll(async () => {
  database = await migratedDatabase();
  server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of stores) await s.close();
  await new Promise((resolve) => server.close(resolve));
  await database.dispose();
});

const backends: [string, (clock?: () => Date) => EventStore][] = [
  ['postgres', (clock) => postgresEventStore(database, { clock })],
  [
    'dynamodb',
    (clock) =>
      dynamoEventStore({
        client: { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
        tablePrefix: `t${Math.random().toString(36).slice(2, 8)}_`,
        clock,
      }),
  ],
];

const activity = (student: string, at: string, id: number) => ({
  PK: `STUDENT#${student}`,
  SK: `ACTIVITY#${at}#${id}`,
  GSI1PK: `DATE#${at.slice(0, 10)}`,
  GSI1SK: `STUDENT#${student}`,
  activityType: 'page_view',
  detail: { page: `/lesson/${id}`, seconds: id },
});

describe.each(backends)('event store on %s', (_backend, make) => {
  let store: EventStore;
  beforeAll(async () => {
    store = make();
    stores.push(store);
    await store.ensureTables();
    await store.ensureTables(); // idempotent
  });

  it('queries by partition key and range conditions, in range order, with limits', async () => {
    await store.append('StudentActivityLogs', [
      activity('s1', '2026-11-02T10:00:00Z', 3),
      activity('s1', '2026-11-01T10:00:00Z', 1),
      activity('s1', '2026-11-01T11:00:00Z', 2),
      activity('s2', '2026-11-01T10:30:00Z', 4),
    ]);
    const all = await store.query('StudentActivityLogs', { hash: 'STUDENT#s1' });
    expect(all.map((i) => i.SK)).toEqual([
      'ACTIVITY#2026-11-01T10:00:00Z#1',
      'ACTIVITY#2026-11-01T11:00:00Z#2',
      'ACTIVITY#2026-11-02T10:00:00Z#3',
    ]);
    expect(all[0]).toMatchObject({ activityType: 'page_view', detail: { page: '/lesson/1', seconds: 1 } });
    const day = await store.query('StudentActivityLogs', {
      hash: 'STUDENT#s1',
      rangeBeginsWith: 'ACTIVITY#2026-11-01',
    });
    expect(day).toHaveLength(2);
    const between = await store.query('StudentActivityLogs', {
      hash: 'STUDENT#s1',
      rangeBetween: ['ACTIVITY#2026-11-01T10:30', 'ACTIVITY#2026-11-03'],
    });
    expect(between.map((i) => i.SK)).toEqual(['ACTIVITY#2026-11-01T11:00:00Z#2', 'ACTIVITY#2026-11-02T10:00:00Z#3']);
    const newest = await store.query('StudentActivityLogs', { hash: 'STUDENT#s1', descending: true, limit: 1 });
    expect(newest.map((i) => i.SK)).toEqual(['ACTIVITY#2026-11-02T10:00:00Z#3']);
  });

  it('queries the §13 global secondary indexes', async () => {
    const byDay = await store.queryIndex('StudentActivityLogs', 'GSI1', { hash: 'DATE#2026-11-01' });
    expect(byDay.map((i) => i.GSI1SK).sort()).toEqual(['STUDENT#s1', 'STUDENT#s1', 'STUDENT#s2']);
    await store.append('SystemEvents', [
      {
        PK: 'STREAM#attendance',
        SK: 'EVENT#2026-11-01T08:00:00Z#a',
        EventType: 'scan',
        Timestamp: '2026-11-01T08:00:00Z',
      },
      {
        PK: 'STREAM#attendance',
        SK: 'EVENT#2026-11-01T08:01:00Z#b',
        EventType: 'scan',
        Timestamp: '2026-11-01T08:01:00Z',
      },
      {
        PK: 'STREAM#classroom',
        SK: 'EVENT#2026-11-01T09:00:00Z#c',
        EventType: 'transcript',
        Timestamp: '2026-11-01T09:00:00Z',
      },
    ]);
    const scans = await store.queryIndex('SystemEvents', 'EventTypeTimestampIndex', {
      hash: 'scan',
      rangeBetween: ['2026-11-01T08:00:30Z', '2026-11-01T23:59:59Z'],
    });
    expect(scans.map((i) => i.SK)).toEqual(['EVENT#2026-11-01T08:01:00Z#b']);
    await store.append('UserSessions', [
      { SessionId: 'sess-1', UserId: 'u1', ExpirationTime: Math.floor(Date.now() / 1000) + 3600 },
      { SessionId: 'sess-2', UserId: 'u1', ExpirationTime: Math.floor(Date.now() / 1000) + 3600 },
    ]);
    const sessions = await store.queryIndex('UserSessions', 'UserIdIndex', { hash: 'u1' });
    expect(sessions.map((i) => i.SessionId).sort()).toEqual(['sess-1', 'sess-2']);
    await expect(store.queryIndex('SystemEvents', 'NoSuchIndex', { hash: 'x' })).rejects.toThrow();
  });

  it('never returns an item past its TTL; a key appended again is replaced', async () => {
    const now = Math.floor(Date.now() / 1000);
    await store.append('AssessmentResults', [
      { PK: 'ASSESSMENT#a1', SK: 'STUDENT#s1#1', score: 7, TTL: now - 60 },
      { PK: 'ASSESSMENT#a1', SK: 'STUDENT#s2#1', score: 9, TTL: now + 90 * 86_400 },
    ]);
    expect((await store.query('AssessmentResults', { hash: 'ASSESSMENT#a1' })).map((i) => i.score)).toEqual([9]);
    await store.append('AssessmentResults', [{ PK: 'ASSESSMENT#a1', SK: 'STUDENT#s2#1', score: 10, TTL: now + 60 }]);
    expect((await store.query('AssessmentResults', { hash: 'ASSESSMENT#a1' })).map((i) => i.score)).toEqual([10]);
  });

  it('subscriptions read every append once, in order, also under concurrent appends', async () => {
    const first = await store.subscribe('SystemEvents', null, 2);
    expect(first.items.map((i) => i.SK)).toEqual(['EVENT#2026-11-01T08:00:00Z#a', 'EVENT#2026-11-01T08:01:00Z#b']);
    const second = await store.subscribe('SystemEvents', first.cursor, 10);
    expect(second.items.map((i) => i.SK)).toEqual(['EVENT#2026-11-01T09:00:00Z#c']);
    const idle = await store.subscribe('SystemEvents', second.cursor, 10);
    expect(idle).toEqual({ items: [], cursor: second.cursor });

    const writers = [0, 1, 2, 3, 4].map((w) =>
      store.append(
        'SystemEvents',
        Array.from({ length: 20 }, (_, i) => ({
          PK: `STREAM#w${w}`,
          SK: `EVENT#${String(i).padStart(3, '0')}`,
          EventType: 'load',
          Timestamp: `2026-11-02T00:00:${String(i).padStart(2, '0')}Z`,
          writer: w,
          n: i,
        })),
      ),
    );
    await Promise.all(writers);
    const seen: { writer: number; n: number }[] = [];
    let cursor = second.cursor;
    for (let page = 0; page < 20; page++) {
      const next = await store.subscribe('SystemEvents', cursor, 7);
      seen.push(...next.items.map((i) => ({ writer: i.writer as number, n: i.n as number })));
      cursor = next.cursor;
      if (next.items.length === 0) break;
    }
    expect(seen).toHaveLength(100);
    expect(new Set(seen.map((s) => `${s.writer}:${s.n}`)).size).toBe(100);
    // Each writer's batch comes in its own order.
    for (let w = 0; w < 5; w++)
      expect(seen.filter((s) => s.writer === w).map((s) => s.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

describe('event store on dynamodb: where subscriptions read from', () => {
  it('dynalite reports no stream (it implements none): every table, §13 stream or not, reads the counter feed', async () => {
    const store = backends[1]![1]() as DynamoEventStore;
    stores.push(store);
    await store.ensureTables();
    for (const table of EVENT_TABLE_NAMES) expect(await store.subscriptionSource(table)).toBe('feed');
  });

  it('reads Streams only when DescribeTable reports an enabled stream with its ARN', () => {
    const arn = 'arn:aws:dynamodb:us-east-1:1:table/SystemEvents/stream/2026-12-03T00:00:00.000';
    expect(subscriptionSourceOf({ LatestStreamArn: arn, StreamSpecification: { StreamEnabled: true } })).toEqual({
      kind: 'stream',
      streamArn: arn,
    });
    expect(subscriptionSourceOf({ LatestStreamArn: arn, StreamSpecification: { StreamEnabled: false } })).toEqual({
      kind: 'feed',
    });
    expect(subscriptionSourceOf({ StreamSpecification: { StreamEnabled: true } })).toEqual({ kind: 'feed' });
    expect(subscriptionSourceOf(undefined)).toEqual({ kind: 'feed' });
  });

  it('orders shards parents first, takes new images as items (not removals), and keeps a cursor it can read', () => {
    const order = shardsInOrder([
      { ShardId: 'c', ParentShardId: 'b' },
      { ShardId: 'b', ParentShardId: 'a' },
      { ShardId: 'x', ParentShardId: 'trimmed' },
      { ShardId: 'a' },
    ]).map((s) => s.ShardId);
    expect(order).toEqual(['a', 'b', 'c', 'x']);
    const image = { PK: { S: 'STREAM#s' }, SK: { S: 'EVENT#1' }, n: { N: '3' }, ok: { BOOL: true } };
    expect(itemOf({ eventName: 'INSERT', dynamodb: { NewImage: image, SequenceNumber: '1' } })).toEqual({
      PK: 'STREAM#s',
      SK: 'EVENT#1',
      n: 3,
      ok: true,
    });
    expect(itemOf({ eventName: 'REMOVE', dynamodb: { OldImage: image, SequenceNumber: '2' } })).toBeNull();
    const cursor = encodeStreamCursor({ a: 'done', b: '4100000000000000000001' });
    expect(decodeStreamCursor(cursor)).toEqual({ a: 'done', b: '4100000000000000000001' });
    expect(decodeStreamCursor(null)).toEqual({});
    for (const bad of ['12', 'stream:%%', `stream:${Buffer.from('[1]').toString('base64url')}`])
      expect(() => decodeStreamCursor(bad)).toThrow('not a cursor of this store');
  });
});

describe('event store on postgres: TTL by partition', () => {
  it('drops a day partition once every item in it is past its TTL, and keeps a day with a live item', async () => {
    const day = (d: number) => new Date(Date.UTC(2026, 0, d, 12));
    const past = Math.floor(day(3).getTime() / 1000);
    for (const d of [1, 2]) {
      const store = postgresEventStore(database, { clock: () => day(d), daysAhead: 0 });
      await store.ensureTables();
      await store.append('NotificationQueue', [
        { PK: 'USER#u1', SK: `NOTIFICATION#${d}#1`, TTL: past },
        { PK: 'USER#u1', SK: `NOTIFICATION#${d}#2`, TTL: d === 2 ? past + 10 * 365 * 86_400 : past },
      ]);
    }
    const later = postgresEventStore(database, { clock: () => day(10) });
    expect(await later.expire()).toBe(2);
    const parts = await database.query<{ d1: string | null; d2: string | null }>(
      `SELECT to_regclass('events.items_d20260101')::text AS d1, to_regclass('events.items_d20260102')::text AS d2`,
    );
    expect(parts[0]).toEqual({ d1: null, d2: 'events.items_d20260102' });
    expect((await later.query('NotificationQueue', { hash: 'USER#u1' })).map((i) => i.SK)).toEqual([
      'NOTIFICATION#2#2',
    ]);
  });

  it('a key appended again on another day, or by concurrent appends, is one item: the last written', async () => {
    const day = (d: number) => new Date(Date.UTC(2026, 1, d, 12));
    const item = (d: number, n: number) => ({ PK: 'USER#replace', SK: `NOTIFICATION#${n}`, written: `${d}-${n}` });
    for (const d of [1, 2]) {
      const store = postgresEventStore(database, { clock: () => day(d), daysAhead: 0 });
      await store.ensureTables();
      // Other items of the table around the keys replaced: the delete must find exactly the keys.
      await store.append(
        'NotificationQueue',
        Array.from({ length: 50 }, (_, n) => ({ PK: `USER#other${d}`, SK: `NOTIFICATION#${n}` })),
      );
      await store.append('NotificationQueue', [item(d, 1), item(d, 2)]);
    }
    const store = postgresEventStore(database, { clock: () => day(2) });
    await Promise.all(Array.from({ length: 5 }, (_, w) => store.append('NotificationQueue', [item(10 + w, 2)])));
    const items = await store.query('NotificationQueue', { hash: 'USER#replace' });
    expect(items.map((i) => i.SK)).toEqual(['NOTIFICATION#1', 'NOTIFICATION#2']);
    expect(items[0]!.written).toBe('2-1');
    expect(String(items[1]!.written)).toMatch(/^1[0-4]-2$/);
    expect(await store.query('NotificationQueue', { hash: 'USER#other1', limit: 100 })).toHaveLength(50);
  });
});
