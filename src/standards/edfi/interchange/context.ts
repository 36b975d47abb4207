/**
 * What one load remembers between records: the descriptor index (URI → descriptorid), the
 * StudentUniqueId/StaffUniqueId → USI lookups (fetched per batch, cached) and the records declared
 * with an XML `id` (targets of `ref="…"` references; only those are kept in memory).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import type { Tx } from '../../../platform/db/transaction.js';
import { RowError } from './row-error.js';
import type { XmlNode } from './xml-records.js';

interface KnownDescriptor {
  id: number;
  type: string;
}

/** Descriptor URIs compare case-insensitively (Ed-Fi API rule); the key is the lower-cased URI. */
export function descriptorKey(namespace: string, codeValue: string): string {
  return `${namespace}#${codeValue}`.toLowerCase();
}

export class LoadContext {
  private readonly descriptors = new Map<string, KnownDescriptor>();
  readonly studentUsi = new Map<string, number>();
  readonly staffUsi = new Map<string, number>();
  readonly byXmlId = new Map<string, XmlNode>();

  /** Reads the whole descriptor table (global reference data; a few thousand rows). */
  async loadDescriptors(tx: Tx): Promise<void> {
    const rows = rowsOf<{ descriptorid: number; namespace: string; codevalue: string; descriptortype: string }>(
      await tx.execute(sql`SELECT descriptorid, namespace, codevalue, descriptortype FROM edfi.descriptor`),
    );
    this.descriptors.clear();
    for (const r of rows)
      this.descriptors.set(descriptorKey(r.namespace, r.codevalue), {
        id: Number(r.descriptorid),
        type: r.descriptortype,
      });
  }

  descriptorId(uri: string, type: string, path: string): number {
    const hash = uri.lastIndexOf('#');
    if (hash <= 0 || hash === uri.length - 1)
      throw new RowError(`${path} is not a descriptor URI (namespace#codeValue)`);
    const found = this.descriptors.get(descriptorKey(uri.slice(0, hash), uri.slice(hash + 1)));
    if (!found) throw new RowError(`${path}: unknown descriptor ${uri}`);
    if (found.type.toLowerCase() !== type.toLowerCase())
      throw new RowError(`${path}: ${uri} is a ${found.type}, expected a ${type}`);
    return found.id;
  }

  /** Looks up, in one query per kind, the USIs of every student/staff the batch's records name. */
  async prefetch(tx: Tx, nodes: readonly XmlNode[]): Promise<void> {
    const students = new Set<string>();
    const staff = new Set<string>();
    const collect = (node: XmlNode) => {
      if (node.name === 'StudentUniqueId' && node.text && !this.studentUsi.has(node.text)) students.add(node.text);
      if (node.name === 'StaffUniqueId' && node.text && !this.staffUsi.has(node.text)) staff.add(node.text);
      for (const c of node.children) collect(c);
    };
    for (const node of nodes) collect(node);
    if (students.size > 0) {
      const rows = rowsOf<{ k: string; usi: number }>(
        await tx.execute(
          sql`SELECT studentuniqueid AS k, studentusi AS usi FROM edfi.student
            WHERE studentuniqueid IN ${[...students]}`,
        ),
      );
      for (const r of rows) this.studentUsi.set(r.k, Number(r.usi));
    }
    if (staff.size > 0) {
      const rows = rowsOf<{ k: string; usi: number }>(
        await tx.execute(
          sql`SELECT staffuniqueid AS k, staffusi AS usi FROM edfi.staff WHERE staffuniqueid IN ${[...staff]}`,
        ),
      );
      for (const r of rows) this.staffUsi.set(r.k, Number(r.usi));
    }
  }

  /** Remembers a record that declares `id="…"` so later `ref="…"` references can reach its key. */
  remember(node: XmlNode): void {
    const id = node.attrs.id;
    if (id) this.byXmlId.set(id, node);
  }
}
