/** The named statements a resource may hold are bounded, whatever field sets clients send. */
import { describe, expect, it } from 'vitest';
import { preparable } from './store-batch-statement.js';

describe('prepared batch statements per resource', () => {
  it('prepares the first 16 field sets of a resource, then runs new ones unnamed', () => {
    const shapes = Array.from({ length: 20 }, (_, i) => `bounded-test-resource:f${i}`);
    expect(shapes.map(preparable)).toEqual([...Array(16).fill(true), ...Array(4).fill(false)]);
    expect(preparable(shapes[3]!)).toBe(true); // a known shape stays prepared
    expect(preparable('other-test-resource:f0')).toBe(true); // the bound is per resource
  });
});
