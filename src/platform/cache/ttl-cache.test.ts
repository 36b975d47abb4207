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
});
