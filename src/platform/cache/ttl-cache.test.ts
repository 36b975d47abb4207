import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

/** A clock the test moves by hand. */
function manualClock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TtlCache', () => {
  it('serves an entry until its TTL passes, then forgets it', () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number>(1000, 10, clock.now);
    cache.set('a', 1);
    clock.advance(1000);
    expect(cache.get('a')).toBe(1);
    clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets on demand: one key, matching keys, everything', () => {
    const cache = new TtlCache<string, number>(1000);
    cache.set('t1:a', 1);
    cache.set('t1:b', 2);
    cache.set('t2:a', 3);
    cache.delete('t1:a');
    expect(cache.get('t1:a')).toBeUndefined();
    cache.deleteWhere((k) => k.startsWith('t1:'));
    expect(cache.get('t1:b')).toBeUndefined();
    expect(cache.get('t2:a')).toBe(3);
    cache.clear();
    expect(cache.get('t2:a')).toBeUndefined();
  });

  it('stays bounded: the least recently used entry makes room', () => {
    const cache = new TtlCache<number, number>(1000, 2);
    cache.set(1, 1);
    cache.set(2, 2);
    cache.get(1); // 1 is now more recently used than 2
    cache.set(3, 3);
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBe(1);
    expect(cache.get(3)).toBe(3);
  });

  it('caches false (a revoked token verdict) as a value, not as a miss', () => {
    const cache = new TtlCache<string, boolean>(1000);
    cache.set('revoked', false);
    expect(cache.get('revoked')).toBe(false);
  });

  it('getOrLoad: concurrent misses share one load (no pile-up when a busy entry expires)', async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number>(1000, 10, clock.now);
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = async () => {
      loads++;
      await gate;
      return 7;
    };
    const waiting = Array.from({ length: 50 }, () => cache.getOrLoad('k', load));
    release();
    expect(await Promise.all(waiting)).toEqual(Array(50).fill(7));
    expect(loads).toBe(1);
    expect(cache.get('k')).toBe(7);
  });

  it('getOrLoad with refreshAhead: renews a busy entry in its last quarter, never serves one past its TTL', async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number>(1000, 10, clock.now);
    let value = 1;
    let loads = 0;
    const load = async () => (loads++, value);
    expect(await cache.getOrLoad('k', load, { refreshAhead: true })).toBe(1);
    value = 2;
    clock.advance(700); // not yet in the last quarter: served, no load
    expect(await cache.getOrLoad('k', load, { refreshAhead: true })).toBe(1);
    expect(loads).toBe(1);
    clock.advance(100); // in the last quarter: still served, one renewal in the background
    const served = await Promise.all(
      Array.from({ length: 20 }, () => cache.getOrLoad('k', load, { refreshAhead: true })),
    );
    expect(served).toEqual(Array(20).fill(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(loads).toBe(2);
    expect(cache.get('k')).toBe(2);
    clock.advance(1001); // the renewed entry too has expired: nothing stale is served
    value = 3;
    expect(await cache.getOrLoad('k', load)).toBe(3);
  });

  it('getOrLoad with renew: a warm entry is renewed by `renew` in the background, readers never wait', async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number>(1000, 10, clock.now);
    const calls = { load: 0, renew: 0 };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = async () => (calls.load++, 1);
    const renew = async () => {
      calls.renew++;
      await gate; // a slow renewal: readers must not wait for it
      return 2;
    };
    expect(await cache.getOrLoad('k', load, { renew })).toBe(1);
    clock.advance(800);
    // 50 concurrent readers in the last quarter: all served the warm value at once, one renewal started.
    const served = await Promise.all(Array.from({ length: 50 }, () => cache.getOrLoad('k', load, { renew })));
    expect(served).toEqual(Array(50).fill(1));
    expect(calls).toEqual({ load: 1, renew: 1 });
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.get('k')).toBe(2);
    expect(calls).toEqual({ load: 1, renew: 1 });
  });

  it('getOrLoad: a caller that finds nothing never waits for a renewal (it may need the connection the caller holds)', async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number>(1000, 10, clock.now);
    const stuck = new Promise<number>(() => undefined); // e.g. queued for a pooled connection forever
    expect(await cache.getOrLoad('k', async () => 1, { renew: () => stuck })).toBe(1);
    clock.advance(800);
    expect(await cache.getOrLoad('k', async () => 1, { renew: () => stuck })).toBe(1); // renewal started
    clock.advance(201); // expired while the renewal hangs
    const loads = { n: 0 };
    const concurrent = Array.from({ length: 10 }, () => cache.getOrLoad('k', async () => (loads.n++, 3)));
    expect(await Promise.all(concurrent)).toEqual(Array(10).fill(3));
    expect(loads.n).toBe(1); // still one load for concurrent misses
  });

  it('getOrLoad: a renewal under way when its key is deleted is not stored (a policy change is not undone)', async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number>(1000, 10, clock.now);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await cache.getOrLoad('k', async () => 1);
    clock.advance(800);
    cache.getOrLoad('k', async () => 1, { renew: () => gate.then(() => 2) });
    cache.delete('k');
    expect(await cache.getOrLoad('k', async () => 3)).toBe(3);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.get('k')).toBe(3);
  });

  it('getOrLoad: a load under way when its key is deleted is not stored (a revocation is not undone)', async () => {
    const cache = new TtlCache<string, boolean>(1000);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stale = cache.getOrLoad('token', async () => {
      await gate;
      return true;
    });
    cache.deleteWhere((k) => k === 'token');
    const fresh = cache.getOrLoad('token', async () => false);
    release();
    expect(await stale).toBe(true);
    expect(await fresh).toBe(false);
    expect(cache.get('token')).toBe(false);
  });

  it('getOrLoad: a failed load is not cached and the next caller loads again', async () => {
    const cache = new TtlCache<string, number>(1000);
    await expect(cache.getOrLoad('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.getOrLoad('k', async () => 5)).toBe(5);
  });
});
