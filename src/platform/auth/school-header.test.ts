/**
 * The school switcher's header narrows a multi-school principal to one of their schools, and nothing
 * else: a school not theirs, a malformed value, a one-school or tenant-wide principal are left as they are.
 */
import { describe, expect, it } from 'vitest';
import { narrowedToSchool } from './authenticate.js';
import type { Principal } from './roles.js';

const person = (schoolIds?: number[]): Principal => ({
  kind: 'user',
  tenantId: '00000000-0000-4000-8000-000000000001',
  actorId: 'a',
  roles: ['school_admin'],
  scopes: [],
  ...(schoolIds ? { schoolIds } : {}),
});

describe('the school header', () => {
  it('narrows a principal of several schools to the one named', () => {
    expect(narrowedToSchool(person([1, 2]), '2').schoolIds).toEqual([2]);
  });

  it('never widens or changes anything else', () => {
    const two = person([1, 2]);
    for (const header of [undefined, '', '3', '1.5', '-1', 'x', ['1'], '99999999999'])
      expect(narrowedToSchool(two, header)).toBe(two);
    const tenantWide = person();
    expect(narrowedToSchool(tenantWide, '1')).toBe(tenantWide);
    expect(narrowedToSchool(tenantWide, '1').schoolIds).toBeUndefined();
    const one = person([1]);
    expect(narrowedToSchool(one, '1')).toBe(one);
    const none = person([]);
    expect(narrowedToSchool(none, '1').schoolIds).toEqual([]);
  });
});
