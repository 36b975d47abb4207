import { describe, expect, it } from 'vitest';
import { WriteCoalescer } from './write-coalescer.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteCoalescer', () => {
  it('a lone write runs at once, in a batch of one', async () => {
    const batches: number[][] = [];
    const coalescer = new WriteCoalescer<number, number>();
    expect(await coalescer.submit('k', 7, async (items) => (batches.push(items), items.map((n) => n * 2)))).toBe(14);
    expect(batches).toEqual([[7]]);
  });

  it('writes arriving together share a batch; later ones gather while batches are in flight', async () => {
    const batches: number[][] = [];
    const gates: (() => void)[] = [];
    const run = (items: number[]) => {
      batches.push(items);
      return new Promise<number[]>((resolve) => gates.push(() => resolve(items.map((n) => -n))));
    };
    const coalescer = new WriteCoalescer<number, number>({ maxBatch: 3, maxInFlight: 2 });
    const first = [1, 2, 3, 4, 5].map((n) => coalescer.submit('k', n, run));
    await tick();
    // Two batches in flight (3 + 2); what arrives now waits for one of them.
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    const later = [6, 7, 8, 9].map((n) => coalescer.submit('k', n, run));
    await tick();
    expect(batches).toHaveLength(2);
    expect(coalescer.waiting).toBe(4);
    gates.shift()!();
    expect(await Promise.all(first.slice(0, 3))).toEqual([-1, -2, -3]);
    await tick();
    expect(batches[2]).toEqual([6, 7, 8]);
    while (gates.length > 0) {
      gates.shift()!();
      await tick();
    }
    expect(await Promise.all([...first, ...later])).toEqual([-1, -2, -3, -4, -5, -6, -7, -8, -9]);
    expect(batches.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(coalescer.waiting).toBe(0);
  });

  it('lanes are independent, and a failing batch rejects only its own items', async () => {
    const coalescer = new WriteCoalescer<string, string>();
    const ok = coalescer.submit('a', 'x', async (items) => items.map((s) => s.toUpperCase()));
    const bad = coalescer.submit('b', 'y', async () => {
      throw new Error('boom');
    });
    expect(await ok).toBe('X');
    await expect(bad).rejects.toThrow('boom');
    // The lane is usable again afterwards.
    expect(await coalescer.submit('b', 'z', async (items) => items)).toBe('z');
  });

  it('a batch answering the wrong number of outcomes is an error, not a silent mismatch', async () => {
    const coalescer = new WriteCoalescer<number, number>();
    await expect(coalescer.submit('k', 1, async () => [])).rejects.toThrow(/returned 0 outcomes/);
  });
});
