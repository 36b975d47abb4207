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

  /** Loads in flight, by key (created on first use: the base constructor may call `clear`). */
  private loading?: Map<K, Promise<V>>;

  /**
   * The entry of `key`, loaded once however many callers ask for it at the same time: when a busy
   * entry expires, one load runs and the others wait for it, instead of one load per caller. With
   * `refreshAhead`, an entry in the last quarter of its life is still served while one load renews it
   * in the background, so a busy key does not expire under its readers (only for loads that need
   * nothing of the caller's: the load outlives the call). Nothing older than the TTL is ever served,
   * and a load that was under way when its key was deleted or the cache cleared is not stored.
   */
  async getOrLoad(key: K, load: () => Promise<V>, options: { refreshAhead?: boolean } = {}): Promise<V> {
    const cached = this.get(key);
    if (cached === undefined) return this.loadOnce(key, load);
    if (options.refreshAhead && this.getRemainingTTL(key) <= this.ttl / 4)
      this.loadOnce(key, load).catch(() => undefined); // the next caller after expiry loads again
    return cached;
  }

  private loadOnce(key: K, load: () => Promise<V>): Promise<V> {
    const loading = (this.loading ??= new Map());
    const pending = loading.get(key);
    if (pending) return pending;
    const promise: Promise<V> = Promise.resolve()
      .then(load)
      .then((value) => {
        if (loading.get(key) === promise) this.set(key, value);
        return value;
      })
      .finally(() => {
        if (loading.get(key) === promise) loading.delete(key);
      });
    loading.set(key, promise);
    return promise;
  }

  override delete(key: K): boolean {
    this.loading?.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.loading?.clear();
    super.clear();
  }

  /** Drops every entry whose key matches (all of a tenant's, all of a client's tokens). */
  deleteWhere(match: (key: K) => boolean): void {
    for (const key of [...this.keys(), ...(this.loading?.keys() ?? [])]) if (match(key)) this.delete(key);
  }
}
