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

  /** Loads in flight for callers that found nothing, by key (created on first use: the base constructor
   * may call `clear`). */
  private loading?: Map<K, Promise<V>>;
  /** Background renewals in flight, by key: kept apart from `loading` (see getOrLoad). */
  private renewing?: Map<K, Promise<V>>;

  /**
   * The entry of `key`, loaded once however many callers ask for it at the same time: when a busy
   * entry expires, one load runs and the others wait for it, instead of one load per caller.
   *
   * Refresh-ahead: an entry in the last quarter of its life is still served while one load renews it
   * in the background, so a busy key does not expire under its readers and none of them waits for a
   * reload. The renewal outlives the call, so it must need nothing of the caller's: `refreshAhead:
   * true` renews with `load` itself (a load that opens its own connection); `renew` gives a separate
   * load for it (when `load` uses the caller's connection or transaction). A caller that finds nothing
   * never waits for a renewal, only for another caller's load: a renewal may be queued for a pooled
   * connection that the waiting callers themselves hold.
   *
   * Nothing older than the TTL is ever served, and a load that was under way when its key was deleted
   * or the cache cleared is not stored.
   */
  async getOrLoad(
    key: K,
    load: () => Promise<V>,
    options: { refreshAhead?: boolean; renew?: () => Promise<V> } = {},
  ): Promise<V> {
    const cached = this.get(key);
    if (cached === undefined) return this.loadOnce(key, load, (this.loading ??= new Map()));
    const renew = options.renew ?? (options.refreshAhead ? load : undefined);
    if (renew && this.getRemainingTTL(key) <= this.ttl / 4) {
      // A failed renewal is dropped: the next caller after expiry loads again.
      this.loadOnce(key, renew, (this.renewing ??= new Map())).catch(() => undefined);
    }
    return cached;
  }

  private loadOnce(key: K, load: () => Promise<V>, inFlight: Map<K, Promise<V>>): Promise<V> {
    const pending = inFlight.get(key);
    if (pending) return pending;
    const promise: Promise<V> = Promise.resolve()
      .then(load)
      .then((value) => {
        if (inFlight.get(key) === promise) this.set(key, value);
        return value;
      })
      .finally(() => {
        if (inFlight.get(key) === promise) inFlight.delete(key);
      });
    inFlight.set(key, promise);
    return promise;
  }

  override delete(key: K): boolean {
    this.loading?.delete(key);
    this.renewing?.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.loading?.clear();
    this.renewing?.clear();
    super.clear();
  }

  /** Drops every entry whose key matches (all of a tenant's, all of a client's tokens). */
  deleteWhere(match: (key: K) => boolean): void {
    for (const key of [...this.keys(), ...(this.loading?.keys() ?? []), ...(this.renewing?.keys() ?? [])])
      if (match(key)) this.delete(key);
  }
}
