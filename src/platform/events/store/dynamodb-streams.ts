/**
 * Subscriptions from DynamoDB Streams, for a §13 table that has a stream on a server that implements
 * them (Amazon DynamoDB; also DynamoDB Local and LocalStack). Which source a table's subscription uses
 * is decided from DescribeTable (`subscriptionSourceOf`): a stream that is enabled and has an ARN →
 * Streams; anything else → the counter feed of dynamodb.ts. dynalite accepts the StreamSpecification
 * but implements no Streams and reports no stream ARN, so on it (the tests, the bench) every table uses
 * the feed; this reader is not exercised against a server here (none installs from npm: see
 * ARCHITECTURE.md), only its pure parts (store.test.ts).
 *
 * Reading: the stream's shards (DescribeStream, paged), each parent before its children (a child's
 * records follow its parent's); in each shard the records after the cursor's sequence number, INSERT and
 * MODIFY records' new image as the item (REMOVE records — TTL expiry, deletes — are not appends). The
 * cursor holds, per shard still in the stream, the last sequence number read or DONE for a closed shard
 * read to its end. Order: Streams order every change of one item (within a shard lineage), not changes
 * of different items across shards — weaker than the feed and PostgreSQL, whose sequence is global.
 */
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { EventItem, Subscription } from './types.js';

export type SubscriptionSource = { kind: 'stream'; streamArn: string } | { kind: 'feed' };

const PREFIX = 'stream:';
const DONE = 'done';

/** Streams when DescribeTable reports an enabled stream with its ARN; the counter feed otherwise. */
export function subscriptionSourceOf(table: TableDescription | undefined): SubscriptionSource {
  const arn = table?.LatestStreamArn;
  return arn && table?.StreamSpecification?.StreamEnabled === true
    ? { kind: 'stream', streamArn: arn }
    : { kind: 'feed' };
}

export function encodeStreamCursor(positions: Record<string, string>): string {
  return PREFIX + Buffer.from(JSON.stringify(positions)).toString('base64url');
}

export function decodeStreamCursor(cursor: string | null): Record<string, string> {
  if (cursor === null) return {};
  const bad = () => new TypeError('not a cursor of this store');
  if (!cursor.startsWith(PREFIX)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad();
  if (!Object.values(value).every((v) => typeof v === 'string')) throw bad();
  return value as Record<string, string>;
}

/** Each parent shard before its children (a parent already trimmed from the stream counts as read). */
export function shardsInOrder(shards: readonly Shard[]): Shard[] {
  const byId = new Map(shards.map((s) => [s.ShardId!, s]));
  const seen = new Set<string>();
  const out: Shard[] = [];
  const visit = (shard: Shard) => {
    if (seen.has(shard.ShardId!)) return;
    seen.add(shard.ShardId!);
    const parent = shard.ParentShardId ? byId.get(shard.ParentShardId) : undefined;
    if (parent) visit(parent);
    out.push(shard);
  };
  shards.forEach(visit);
  return out;
}

/** The appended item a stream record carries (its new image), or null for a removal. */
export function itemOf(record: _Record): EventItem | null {
  if (record.eventName === 'REMOVE' || !record.dynamodb?.NewImage) return null;
  return unmarshall(record.dynamodb.NewImage as Parameters<typeof unmarshall>[0]) as EventItem;
}

async function allShards(client: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let start: string | undefined;
  do {
    const out = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
    shards.push(...(out.StreamDescription?.Shards ?? []));
    start = out.StreamDescription?.LastEvaluatedShardId;
  } while (start);
  return shards;
}

/** Items appended after `cursor`, at most `limit`, and the cursor to read on from. */
export async function readStream(
  client: DynamoDBStreamsClient,
  streamArn: string,
  cursor: string | null,
  limit: number,
): Promise<Subscription> {
  const before = decodeStreamCursor(cursor);
  const shards = shardsInOrder(await allShards(client, streamArn));
  // Only shards still in the stream are kept in the cursor (shards roll over every few hours).
  const positions: Record<string, string> = {};
  for (const shard of shards) if (before[shard.ShardId!]) positions[shard.ShardId!] = before[shard.ShardId!]!;
  const present = new Set(shards.map((s) => s.ShardId!));
  const items: EventItem[] = [];
  for (const shard of shards) {
    if (items.length >= limit) break;
    const id = shard.ShardId!;
    const parent = shard.ParentShardId;
    if (positions[id] === DONE || (parent && present.has(parent) && positions[parent] !== DONE)) continue;
    const after = positions[id];
    let iterator = (
      await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: id,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      )
    ).ShardIterator;
    while (iterator && items.length < limit) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit - items.length }));
      const records = page.Records ?? [];
      for (const record of records) {
        const item = itemOf(record);
        if (item) items.push(item);
        positions[id] = record.dynamodb!.SequenceNumber!;
      }
      iterator = page.NextShardIterator;
      if (records.length === 0) break; // an open shard caught up with
    }
    // A closed shard read to its end: no iterator follows.
    if (!iterator) positions[id] = DONE;
  }
  return { items, cursor: encodeStreamCursor(positions) };
}
