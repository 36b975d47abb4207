/**
 * The Ed-Fi 5.2 XSDs (samples/edfi-grand-bend/xsd) read as element trees: for each record type of an interchange,
 * every element reachable from its type (extensions, sequences, choices, nested complex types, reference identities
 * and lookups), down to the simple-typed leaves. The XSD files are read with the loader's own XML reader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GRAND_BEND_SAMPLE } from '../../src/standards/edfi/interchange/sample.js';
import { readRecords, type XmlNode } from '../../src/standards/edfi/interchange/xml-records.js';

export const XSD_DIR = path.join(GRAND_BEND_SAMPLE, 'xsd');

/** One element of a record type: a leaf has a simple type (`xs:date`, `SchoolYearType`, a restriction's base). */
export interface XsdElement {
  name: string;
  children: XsdElement[];
  /** Leaves only: the built-in type the value has (`xs:string`, `xs:date`…), after following restrictions. */
  base?: string;
  /** Leaves only: the simple type's name as the XSD gives it (`GradeLevelDescriptorReferenceType`). */
  type?: string;
  /** Leaves only: the first enumerated value, if the type enumerates them. */
  enumeration?: string;
}

export interface Xsd {
  /** Record element name → its XSD type name, per interchange root (`InterchangeStudent` → Student → Student). */
  interchanges: Map<string, Map<string, string>>;
  /** The element tree of a record type (its children; the record element itself is the root). */
  tree(element: string, type: string): XsdElement;
}

async function declarations(file: string): Promise<XmlNode[]> {
  const nodes: XmlNode[] = [];
  for await (const record of readRecords(file)) if (record.node) nodes.push(record.node);
  return nodes;
}

const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);

/** Reads Ed-Fi-Core.xsd and every Interchange-*.xsd of `dir`. */
export async function readXsd(dir = XSD_DIR, files?: readonly string[]): Promise<Xsd> {
  const complex = new Map<string, XmlNode>();
  const simple = new Map<string, XmlNode>();
  for (const node of await declarations(path.join(dir, 'Ed-Fi-Core.xsd'))) {
    if (node.name === 'complexType') complex.set(node.attrs.name!, node);
    if (node.name === 'simpleType') simple.set(node.attrs.name!, node);
  }
  const interchanges = new Map<string, Map<string, string>>();
  const names = files ?? fs.readdirSync(dir).filter((f) => f.startsWith('Interchange-') && f.endsWith('.xsd'));
  for (const file of names)
    for (const node of await declarations(path.join(dir, file))) {
      if (node.name !== 'element') continue;
      const records = new Map<string, string>();
      const visit = (n: XmlNode) => {
        if (n.name === 'element' && n !== node) records.set(n.attrs.name!, n.attrs.type!);
        else n.children.forEach(visit);
      };
      visit(node);
      interchanges.set(node.attrs.name!, records);
    }

  const simpleOf = (type: string): Pick<XsdElement, 'base' | 'type' | 'enumeration'> => {
    let base = type;
    let enumeration: string | undefined;
    for (let decl = simple.get(base); decl; decl = simple.get(base)) {
      const restriction = child(decl, 'restriction')!;
      enumeration ??= restriction.children.find((c) => c.name === 'enumeration')?.attrs.value;
      base = restriction.attrs.base!;
    }
    return { base, type, ...(enumeration !== undefined && { enumeration }) };
  };

  /** The elements a content model (sequence, choice, extension…) declares, in order. */
  const contentOf = (node: XmlNode, stack: readonly string[]): XsdElement[] =>
    node.children.flatMap((c) => {
      switch (c.name) {
        case 'element':
          return [elementOf(c, stack)];
        case 'sequence':
        case 'choice':
        case 'complexContent':
          return contentOf(c, stack);
        case 'extension':
          return [...typeContent(c.attrs.base!, stack), ...contentOf(c, stack)];
        default:
          return [];
      }
    });

  const typeContent = (type: string, stack: readonly string[]): XsdElement[] => {
    const decl = complex.get(type);
    if (!decl) throw new Error(`XSD: no complex type ${type}`);
    // A type inside itself (none in 5.2's records, but a schema may recurse): not expanded again.
    return stack.includes(type) ? [] : contentOf(decl, [...stack, type]);
  };

  const elementOf = (decl: XmlNode, stack: readonly string[]): XsdElement => {
    const name = decl.attrs.name!;
    const type = decl.attrs.type!;
    if (complex.has(type)) return { name, children: typeContent(type, stack) };
    return { name, children: [], ...simpleOf(type) };
  };

  return {
    interchanges,
    tree: (element, type) => ({ name: element, children: typeContent(type, []) }),
  };
}

interface Tree {
  name: string;
  children: readonly Tree[];
}

/** Every leaf path of a tree (an XSD element or a record), from its root (`Assessment/ContentStandard/Title`). */
export function leafPaths(tree: Tree, prefix = tree.name): string[] {
  if (tree.children.length === 0) return [prefix];
  return tree.children.flatMap((c) => leafPaths(c, `${prefix}/${c.name}`));
}

const SAMPLE_VALUES: Record<string, string> = {
  'xs:date': '2021-09-01',
  'xs:dateTime': '2021-09-01T08:00:00Z',
  'xs:time': '08:00:00',
  'xs:boolean': 'true',
  'xs:gYear': '2021',
  'xs:duration': 'PT1H',
};

/** A value of the leaf's type that the loader accepts (a descriptor URI for a descriptor reference). */
function sampleValue(leaf: XsdElement): string {
  if (leaf.type?.endsWith('DescriptorReferenceType')) return 'uri://ed-fi.org/SampleDescriptor#Sample';
  if (leaf.enumeration !== undefined) return leaf.enumeration;
  const base = leaf.base ?? 'xs:string';
  if (SAMPLE_VALUES[base]) return SAMPLE_VALUES[base];
  if (/int|long|short|decimal|Integer|double|float/.test(base)) return '1';
  return 'x';
}

/** Whether an element is a reference's lookup (the XSD's alternative to its identity). */
export const isLookup = (name: string, parent: string | undefined) =>
  parent !== undefined && parent.endsWith('Reference') && name.endsWith('Lookup');

/**
 * A record carrying every element of its type once, each leaf with a valid value. References carry their
 * identity, not their lookup: where both are present the identity's keys are the ones read.
 */
export function sampleRecord(tree: XsdElement): XmlNode {
  const build = (e: XsdElement, parent?: string): XmlNode[] => {
    if (isLookup(e.name, parent)) return [];
    if (e.children.length === 0)
      return [{ name: e.name, attrs: {}, text: e.base === undefined ? '' : sampleValue(e), children: [] }];
    return [{ name: e.name, attrs: {}, text: '', children: e.children.flatMap((c) => build(c, e.name)) }];
  };
  return build(tree)[0]!;
}
