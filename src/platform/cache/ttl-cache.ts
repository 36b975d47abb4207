/**
 * A small in-process cache whose entries expire after a fixed time. For facts that are read on
 * every request and change rarely (a token's revocation state, a tenant's access policies): this
 * process forgets an entry the moment it changes the fact itself (`delete`/`clear`); another process
 * sees the change within the TTL, which is the documented bound on staleness.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: K, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V, now = Date.now()): void {
    // Bounded: when full, the oldest entry goes (Map keeps insertion order).
    if (this.entries.size >= this.maxEntries && !this.entries.has(key))
      this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, expires: now + this.ttlMs });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose key matches (all of a tenant's, all of a client's tokens). */
  deleteWhere(match: (key: K) => boolean): void {
    for (const key of this.entries.keys()) if (match(key)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
