/**
 * A small in-process cache whose entries expire once a fixed time has passed, bounded in size (least recently
 * used entries go first): lru-cache with a TTL. For facts that are read on every request and change
 * rarely (a token's revocation state, a tenant's access policies): this process forgets an entry the
 * moment it changes the fact itself (`delete`/`clear`); another process sees the change within the
 * TTL, which is the documented bound on staleness.
 */
import { LRUCache } from 'lru-cache';

export class TtlCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> extends LRUCache<K, V> {
  /** `clock` (milliseconds) is for tests; by default lru-cache's monotonic clock. */
  constructor(ttlMs: number, maxEntries = 10_000, clock?: () => number) {
    super({
      max: maxEntries,
      ttl: ttlMs,
      // An expired entry is dropped when read; no timers per entry.
      ttlAutopurge: false,
      ...(clock && { perf: { now: clock }, ttlResolution: 0 }),
    });
  }

  /** Drops every entry whose key matches (all of a tenant's, all of a client's tokens). */
  deleteWhere(match: (key: K) => boolean): void {
    for (const key of [...this.keys()]) if (match(key)) this.delete(key);
  }
}
