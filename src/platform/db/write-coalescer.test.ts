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

  describe('gatherMs', () => {
    const gated = () => {
      const batches: number[][] = [];
      const gates: (() => void)[] = [];
      const run = (items: number[]) => {
        batches.push(items);
        return new Promise<number[]>((resolve) => gates.push(() => resolve(items.map((n) => -n))));
      };
      return { batches, gates, run };
    };

    it('after a batch of several, the next one waits for as many writes as the last two batches held', async () => {
      const { batches, gates, run } = gated();
      const coalescer = new WriteCoalescer<number, number>({ gatherMs: 60_000 });
      const first = [1, 2, 3].map((n) => coalescer.submit('k', n, run));
      await tick();
      const fourth = coalescer.submit('k', 4, run); // arrives while [1, 2, 3] runs
      gates.shift()!();
      expect(await Promise.all(first)).toEqual([-1, -2, -3]);
      await tick();
      expect(batches).toEqual([[1, 2, 3]]); // 4 waits for the writers [1, 2, 3] answered
      const fifth = coalescer.submit('k', 5, run);
      await tick();
      expect(batches).toHaveLength(1);
      const sixth = coalescer.submit('k', 6, run); // three waiting: as many as the last two batches held
      expect(batches[1]).toEqual([4, 5, 6]);
      gates.shift()!();
      expect(await Promise.all([fourth, fifth, sixth])).toEqual([-4, -5, -6]);
    });

    it('the wait ends after gatherMs', async () => {
      const { batches, gates, run } = gated();
      const coalescer = new WriteCoalescer<number, number>({ gatherMs: 5 });
      const first = [1, 2].map((n) => coalescer.submit('k', n, run));
      await tick();
      const third = coalescer.submit('k', 3, run);
      gates.shift()!();
      await Promise.all(first);
      await tick();
      expect(batches).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(batches[1]).toEqual([3]);
      gates.shift()!();
      expect(await third).toBe(-3);
    });

    it('a write after a batch of one, or to an idle lane, does not wait', async () => {
      const { batches, gates, run } = gated();
      const coalescer = new WriteCoalescer<number, number>({ gatherMs: 60_000 });
      const first = coalescer.submit('k', 1, run);
      await tick();
      const second = coalescer.submit('k', 2, run);
      gates.shift()!();
      expect(await first).toBe(-1);
      await tick();
      expect(batches[1]).toEqual([2]); // [1] was a batch of one: nobody to wait for
      gates.shift()!();
      expect(await second).toBe(-2);
      const [a, b] = [3, 4].map((n) => coalescer.submit('k', n, run));
      await tick();
      gates.shift()!();
      await Promise.all([a, b]);
      // Nothing was waiting when [3, 4] was answered: the lane is idle and a new write starts on the next turn.
      const idle = coalescer.submit('k', 5, run);
      await tick();
      expect(batches[3]).toEqual([5]);
      gates.shift()!();
      expect(await idle).toBe(-5);
    });
  });
});
