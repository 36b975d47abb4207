/**
 * The event store on Amazon DynamoDB (AWS SDK v3): the §13 tables created from their definitions
 * (keys, GSIs with projection ALL, TTL attribute, streams), written with BatchWriteItem (25 per
 * request, unprocessed items retried), read with Query (TTL-expired items filtered out: DynamoDB
 * deletes them lazily, up to days later).
 *
 * Subscriptions: from DynamoDB Streams when DescribeTable reports the table's stream
 * (dynamodb-streams.ts: Amazon DynamoDB), otherwise from the counter feed — what dynalite gets, which
 * implements no Streams. With the feed, each append takes a range of sequence numbers from a counter
 * item (atomic ADD) and writes a copy of every item to the feed table `EventFeed` (PK
 * FEED#<table>#<bucket of 1,000>, SK = seq). A subscriber reads the feed in seq order from its cursor
 * and stops before a gap (a concurrent append still writing), so it never skips an item; a gap older
 * than `gapTimeoutMs` (an append that died) is skipped. The source is looked up once per table and
 * store; a table with a stream gets no feed copies.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { readStream, subscriptionSourceOf, type SubscriptionSource } from './dynamodb-streams.js';
import { EVENT_TABLES, EVENT_TABLE_NAMES, type EventTableDefinition, type EventTableName } from './definitions.js';
import { DEFAULT_QUERY_LIMIT, type EventItem, type EventStore, type KeyQuery, type Subscription } from './types.js';

export const FEED_TABLE = 'EventFeed';
const BUCKET = 1000;
const BATCH = 25;

export interface DynamoEventStoreOptions {
  client: DynamoDBClientConfig;
  /** Prefix of every table name (one account, several environments). */
  tablePrefix?: string;
  clock?: () => Date;
  gapTimeoutMs?: number;
}

function keySchema(key: { hash: string; range?: string }) {
  return [
    { AttributeName: key.hash, KeyType: 'HASH' as const },
    ...(key.range ? [{ AttributeName: key.range, KeyType: 'RANGE' as const }] : []),
  ];
}

export function createTableInput(def: EventTableDefinition, name: string): CreateTableCommandInput {
  const indexes = Object.entries(def.indexes);
  return {
    TableName: name,
    KeySchema: keySchema(def.key),
    AttributeDefinitions: Object.entries(def.attributeTypes).map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    BillingMode: 'PAY_PER_REQUEST',
    ...(indexes.length > 0
      ? {
          GlobalSecondaryIndexes: indexes.map(([IndexName, key]) => ({
            IndexName,
            KeySchema: keySchema(key),
            Projection: { ProjectionType: 'ALL' },
          })),
        }
      : {}),
    ...(def.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } } : {}),
  };
}

const FEED_DEFINITION: EventTableDefinition = {
  name: FEED_TABLE,
  key: { hash: 'PK', range: 'SK' },
  indexes: {},
  stream: false,
  attributeTypes: { PK: 'S', SK: 'N' },
};

export interface DynamoEventStore extends EventStore {
  /** Where `subscribe` reads this table from: its DynamoDB stream, or the counter feed. */
  subscriptionSource(table: EventTableName): Promise<SubscriptionSource['kind']>;
}

export function dynamoEventStore(options: DynamoEventStoreOptions): DynamoEventStore {
  const raw = new DynamoDBClient(options.client);
  const streams = new DynamoDBStreamsClient(options.client);
  const sources = new Map<EventTableName, Promise<SubscriptionSource>>();
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const prefix = options.tablePrefix ?? '';
  const clock = options.clock ?? (() => new Date());
  const gapTimeoutMs = options.gapTimeoutMs ?? 30_000;
  const gapsSeen = new Map<string, number>();
  const nameOf = (table: string) => `${prefix}${table}`;

  async function writeAll(table: string, items: readonly EventItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH) {
      let requests: Record<string, { PutRequest: { Item: EventItem } }[]> = {
        [table]: items.slice(i, i + BATCH).map((Item) => ({ PutRequest: { Item } })),
      };
      for (let attempt = 0; Object.keys(requests).length > 0; attempt++) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: requests }));
        requests = (out.UnprocessedItems ?? {}) as typeof requests;
        if (Object.keys(requests).length > 0)
          await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      }
    }
  }

  function sourceOf(table: EventTableName): Promise<SubscriptionSource> {
    let source = sources.get(table);
    if (!source) {
      source = raw
        .send(new DescribeTableCommand({ TableName: nameOf(table) }))
        .then((out) => subscriptionSourceOf(out.Table));
      // A failed look-up (table not there yet) is asked again next time.
      source.catch(() => sources.delete(table));
      sources.set(table, source);
    }
    return source;
  }

  async function readFeed(table: EventTableName, cursor: string | null, limit: number): Promise<Subscription> {
    let at = cursor === null ? 0 : Number(cursor);
    if (!Number.isSafeInteger(at) || at < 0) throw new TypeError('not a cursor of this store');
    const items: EventItem[] = [];
    while (items.length < limit) {
      const bucket = Math.floor((at + 1) / BUCKET);
      const page = await doc.send(
        new QueryCommand({
          TableName: nameOf(FEED_TABLE),
          KeyConditionExpression: 'PK = :pk AND SK > :at',
          ExpressionAttributeValues: { ':pk': `FEED#${table}#${bucket}`, ':at': at },
          Limit: limit - items.length,
        }),
      );
      const rows = (page.Items ?? []) as { SK: number; item: EventItem }[];
      let progressed = false;
      for (const row of rows) {
        if (row.SK !== at + 1) {
          // A gap: an append still writing (wait for it), or one that died long ago (skip it).
          const key = `${table}:${at + 1}`;
          const since = gapsSeen.get(key) ?? Date.now();
          gapsSeen.set(key, since);
          if (Date.now() - since < gapTimeoutMs) return { items, cursor: String(at) };
          gapsSeen.delete(key);
        }
        items.push(row.item);
        at = row.SK;
        progressed = true;
      }
      if (!progressed) break;
    }
    return { items, cursor: String(at) };
  }

  async function read(table: EventTableName, index: string | undefined, q: KeyQuery): Promise<EventItem[]> {
    const def: EventTableDefinition = EVENT_TABLES[table];
    const key = index ? def.indexes[index] : def.key;
    if (!key) throw new TypeError(`${table} has no index ${index}`);
    const names: Record<string, string> = { '#h': key.hash };
    const values: Record<string, unknown> = { ':h': q.hash };
    let condition = '#h = :h';
    if (key.range && q.rangeBeginsWith !== undefined) {
      names['#r'] = key.range;
      values[':p'] = q.rangeBeginsWith;
      condition += ' AND begins_with(#r, :p)';
    } else if (key.range && q.rangeBetween) {
      names['#r'] = key.range;
      values[':a'] = q.rangeBetween[0];
      values[':b'] = q.rangeBetween[1];
      condition += ' AND #r BETWEEN :a AND :b';
    }
    const input: QueryCommandInput = {
      TableName: nameOf(table),
      ...(index ? { IndexName: index } : {}),
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: !q.descending,
    };
    if (def.ttlAttribute) {
      names['#ttl'] = def.ttlAttribute;
      values[':now'] = Math.floor(clock().getTime() / 1000);
      input.FilterExpression = 'attribute_not_exists(#ttl) OR #ttl > :now';
    }
    const limit = q.limit ?? DEFAULT_QUERY_LIMIT;
    const out: EventItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new QueryCommand({ ...input, Limit: limit, ExclusiveStartKey: start }));
      out.push(...((page.Items ?? []) as EventItem[]));
      start = page.LastEvaluatedKey;
    } while (start && out.length < limit);
    return out.slice(0, limit);
  }

  return {
    backend: 'dynamodb',
    async ensureTables() {
      for (const def of [...EVENT_TABLE_NAMES.map((n) => EVENT_TABLES[n] as EventTableDefinition), FEED_DEFINITION]) {
        try {
          await raw.send(new CreateTableCommand(createTableInput(def, nameOf(def.name))));
        } catch (error) {
          if (!(error instanceof ResourceInUseException)) throw error;
        }
        if (def.ttlAttribute)
          await raw
            .send(
              new UpdateTimeToLiveCommand({
                TableName: nameOf(def.name),
                TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
              }),
            )
            .catch(() => undefined); // already enabled, or a local server without TTL: queries filter anyway
      }
    },
    async append(table, items) {
      if (items.length === 0) return;
      if ((await sourceOf(table)).kind === 'stream') return writeAll(nameOf(table), items);
      const counter = await doc.send(
        new UpdateCommand({
          TableName: nameOf(FEED_TABLE),
          Key: { PK: `COUNTER#${table}`, SK: 0 },
          UpdateExpression: 'ADD #n :n',
          ExpressionAttributeNames: { '#n': 'seq' },
          ExpressionAttributeValues: { ':n': items.length },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      const last = Number((counter.Attributes as { seq: number }).seq);
      const first = last - items.length + 1;
      await writeAll(nameOf(table), items);
      await writeAll(
        nameOf(FEED_TABLE),
        items.map((item, i) => ({ PK: `FEED#${table}#${Math.floor((first + i) / BUCKET)}`, SK: first + i, item })),
      );
    },
    query: (table, q) => read(table, undefined, q),
    queryIndex: (table, index, q) => read(table, index, q),
    async subscribe(table, cursor, limit = DEFAULT_QUERY_LIMIT): Promise<Subscription> {
      const source = await sourceOf(table);
      return source.kind === 'stream'
        ? readStream(streams, source.streamArn, cursor, limit)
        : readFeed(table, cursor, limit);
    },
    async subscriptionSource(table) {
      return (await sourceOf(table)).kind;
    },
    async expire() {
      return 0; // DynamoDB's TTL deletes in the background; queries already leave expired items out.
    },
    async close() {
      raw.destroy();
      streams.destroy();
    },
  };
}
