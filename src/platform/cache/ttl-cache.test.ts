import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('serves an entry until its TTL passes, then forgets it', () => {
    const cache = new TtlCache<string, number>(1000);
    cache.set('a', 1, 0);
    expect(cache.get('a', 999)).toBe(1);
    expect(cache.get('a', 1000)).toBeUndefined();
  });

  it('forgets on demand: one key, matching keys, everything', () => {
    const cache = new TtlCache<string, number>(1000);
    cache.set('t1:a', 1, 0);
    cache.set('t1:b', 2, 0);
    cache.set('t2:a', 3, 0);
    cache.delete('t1:a');
    expect(cache.get('t1:a', 1)).toBeUndefined();
    cache.deleteWhere((k) => k.startsWith('t1:'));
    expect(cache.get('t1:b', 1)).toBeUndefined();
    expect(cache.get('t2:a', 1)).toBe(3);
    cache.clear();
    expect(cache.get('t2:a', 1)).toBeUndefined();
  });

  it('stays bounded: the oldest entry makes room', () => {
    const cache = new TtlCache<number, number>(1000, 2);
    cache.set(1, 1, 0);
    cache.set(2, 2, 0);
    cache.set(3, 3, 0);
    expect(cache.get(1, 1)).toBeUndefined();
    expect(cache.get(3, 1)).toBe(3);
  });
});
