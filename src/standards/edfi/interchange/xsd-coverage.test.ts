/**
 * Every Ed-Fi-Core.xsd element of the loaded interchanges is accounted for: read by its record's mapping (the
 * loader's own, run over a record carrying every element of its XSD type) or declared in not-stored.ts with the
 * reason. A new or renamed element in the XSD, or a mapping that stops reading one, fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { leafPaths, readXsd, sampleRecord, type Xsd } from '../../../../test/support/edfi-xsd.js';
import { LoadContext } from './context.js';
import { Fields, unreadPaths } from './fields.js';
import { mappingFor } from './load.js';
import { covers, NOT_LOADED_RECORDS, NOT_STORED_ELEMENTS } from './not-stored.js';

/** Resolves every descriptor and person: the sample record's values are valid, its references made up. */
class SampleContext extends LoadContext {
  override descriptorId(): number {
    return 1;
  }
}
const anyone = new (class extends Map<string, number> {
  override get(): number {
    return 1;
  }
})();

let xsd: Xsd;
/** Interchange → its records, for the interchanges the loader loads records of. */
let loaded: [string, Map<string, string>][];
beforeAll(async () => {
  xsd = await readXsd();
  loaded = [...xsd.interchanges].filter(([, records]) => [...records.keys()].some((e) => mappingFor(e)));
});

/** Every leaf path of each loaded record type, and those its mapping reads. */
function leaves(): { all: Set<string>; read: Set<string> } {
  const context = Object.assign(new SampleContext(), { studentUsi: anyone, staffUsi: anyone });
  const all = new Set<string>();
  const read = new Set<string>();
  for (const [, records] of loaded)
    for (const [element, type] of records) {
      const mapping = mappingFor(element);
      if (!mapping) continue;
      const tree = xsd.tree(element, type);
      const record = sampleRecord(tree);
      // A record the mapping cannot read whole would leave the rest of it unread: the failure names it.
      expect(() => mapping.map(new Fields(record, context)), element).not.toThrow();
      const unread = new Set(unreadPaths(record));
      // Lookups are left out of the sample record: their leaves are not present, so not read.
      const present = new Set(leafPaths(record));
      for (const path of leafPaths(tree)) {
        all.add(path);
        if (present.has(path) && !unread.has(path)) read.add(path);
      }
    }
  return { all, read };
}

describe('Ed-Fi-Core.xsd elements of the loaded interchanges', () => {
  it('loads interchanges with records', () => {
    expect(loaded.map(([name]) => name)).toEqual(
      expect.arrayContaining(['InterchangeStudent', 'InterchangeDescriptors', 'InterchangeStudentGradebook']),
    );
  });

  it('every record of a loaded interchange is loaded or listed as not loaded, with the reason', () => {
    const records = new Set(loaded.flatMap(([, r]) => [...r.keys()]));
    const undecided = [...records].filter((e) => !mappingFor(e) && !(e in NOT_LOADED_RECORDS));
    expect(undecided, 'records neither loaded nor in NOT_LOADED_RECORDS').toEqual([]);
    const stale = Object.keys(NOT_LOADED_RECORDS).filter((e) => !records.has(e) || mappingFor(e));
    expect(stale, 'NOT_LOADED_RECORDS entries that are no record of a loaded interchange, or are loaded').toEqual([]);
  });

  it('every element of a loaded record is read by its mapping or declared not stored, and no entry is stale', () => {
    const { all, read } = leaves();
    const patterns = Object.keys(NOT_STORED_ELEMENTS);
    const unread = [...all].filter((p) => !read.has(p));
    expect(
      unread.filter((p) => !patterns.some((pattern) => covers(pattern, p))),
      'XSD elements no mapping reads and NOT_STORED_ELEMENTS does not list',
    ).toEqual([]);
    expect(
      patterns.filter((pattern) => !unread.some((p) => covers(pattern, p))),
      'NOT_STORED_ELEMENTS entries that name no unread XSD element',
    ).toEqual([]);
    expect(
      [...read].filter((p) => patterns.some((pattern) => covers(pattern, p))),
      'elements a mapping reads that NOT_STORED_ELEMENTS says are not stored',
    ).toEqual([]);
    for (const reason of Object.values(NOT_STORED_ELEMENTS)) expect(reason.length).toBeGreaterThan(20);
  });

  it('patterns match whole element names, a star within one, a double star across several', () => {
    expect(covers('Assessment/ContentStandard', 'Assessment/ContentStandard/Title')).toBe(true);
    expect(covers('Assessment/ContentStandard', 'Assessment/ContentStandardX/Title')).toBe(false);
    expect(covers('*Descriptor/PriorDescriptor', 'GradeLevelDescriptor/PriorDescriptor')).toBe(true);
    expect(covers('*Descriptor/PriorDescriptor', 'GradeLevelDescriptor/CodeValue')).toBe(false);
    expect(covers('**/SessionIdentity/SchoolReference', 'A/B/SessionIdentity/SchoolReference/SchoolId')).toBe(true);
    expect(covers('**/SessionIdentity/SchoolReference', 'SessionIdentity/SchoolReference')).toBe(true);
    expect(covers('**/SessionIdentity/SchoolReference', 'A/SessionIdentity/SessionName')).toBe(false);
  });
});
