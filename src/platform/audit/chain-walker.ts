/**
 * Names the first break in one tenant's audit hash chain, walking its rows in tenant_seq order
 * (verify.ts reads them). How a break is classified:
 * - edited:    a row sits in its place (seq and prev_hash fit) but its row_hash does not match its
 *              content;
 * - deleted:   a row whose own hash is intact does not follow the previous row (a seq gap, or its
 *              prev_hash is not the previous row's hash): what it was chained to is gone;
 * - inserted:  a row that is not in the chain: a second row with a seq already taken, a seq the head
 *              never issued, a seq below 1, or a row that does not fit and whose hash is wrong too;
 * - truncated: the head (last_seq, last_hash) does not match the last row: rows at the end are gone
 *              or the last one was replaced.
 */
import { auditRowHash, type AuditHashInput } from './audit.js';

export type AuditProblemKind = 'edited' | 'deleted' | 'inserted' | 'truncated';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The chain position concerned (for 'deleted': the first missing seq). */
  seq: number;
  /** compliance.audit_logs.id of the row where the break shows; null when that row is gone. */
  rowId: number | null;
  detail: string;
}

/** A stored row of the chain: its position, its own hash and the values that hash covers. */
export interface StoredChainRow {
  id: number;
  seq: number;
  rowHash: string;
  /** Exact timestamp text, used as the page cursor. */
  cursorTs: string;
  input: AuditHashInput;
}

/** Walks one tenant's rows, grouped by seq, and names the first break. */
export class ChainWalker {
  private expectedSeq = 1;
  private prevHash: string | null = null;
  private last: StoredChainRow | undefined;

  /** `pruned`: retention dropped the chain up to this position (its rows' partitions): it starts after it. */
  constructor(
    private readonly head: { seq: number; hash: string | null } | null,
    pruned?: { seq: number; hash: string | null },
  ) {
    if (pruned && pruned.seq > 0) {
      this.expectedSeq = pruned.seq + 1;
      this.prevHash = pruned.hash;
    }
  }

  private fits(row: StoredChainRow): boolean {
    return (
      row.seq === this.expectedSeq && row.input.prev_hash === this.prevHash && auditRowHash(row.input) === row.rowHash
    );
  }

  take(group: StoredChainRow[]): AuditProblem | undefined {
    const row = group[0]!;
    if (group.length > 1) {
      // One position, several rows: the one chained to the previous row is genuine.
      const fitting = group.filter((r) => this.fits(r));
      const forged = fitting.length === 1 ? group.find((r) => r !== fitting[0])! : group[1]!;
      return {
        kind: 'inserted',
        seq: row.seq,
        rowId: forged.id,
        detail:
          `${group.length} rows have seq ${row.seq}; ` +
          `row id ${forged.id} is not the one chained to seq ${row.seq - 1}`,
      };
    }
    if (row.seq < this.expectedSeq) {
      return {
        kind: 'inserted',
        seq: row.seq,
        rowId: row.id,
        detail: `row id ${row.id} has seq ${row.seq}, before the start of the chain`,
      };
    }
    if (this.head && row.seq > this.head.seq) {
      return {
        kind: 'inserted',
        seq: row.seq,
        rowId: row.id,
        detail: `row id ${row.id} has seq ${row.seq}, which the chain head never issued (last seq ${this.head.seq})`,
      };
    }
    const hashOk = auditRowHash(row.input) === row.rowHash;
    const linked = row.input.prev_hash === this.prevHash;
    const inPlace = row.seq === this.expectedSeq;
    if (hashOk && linked && inPlace) {
      this.last = row;
      this.expectedSeq = row.seq + 1;
      this.prevHash = row.rowHash;
      return undefined;
    }
    if (!hashOk && linked && inPlace) {
      return {
        kind: 'edited',
        seq: row.seq,
        rowId: row.id,
        detail: `row id ${row.id} (seq ${row.seq}) does not match its row_hash: its content was changed`,
      };
    }
    if (!hashOk || linked) {
      return {
        kind: 'inserted',
        seq: row.seq,
        rowId: row.id,
        detail:
          `row id ${row.id} (seq ${row.seq}) does not follow seq ${this.expectedSeq - 1}` +
          (hashOk ? '' : ' and its row_hash does not match its content'),
      };
    }
    if (!inPlace) {
      const missing = row.seq - 1 > this.expectedSeq ? `${this.expectedSeq}–${row.seq - 1}` : `${this.expectedSeq}`;
      return {
        kind: 'deleted',
        seq: this.expectedSeq,
        rowId: row.id,
        detail: `seq ${missing} missing: the chain resumes at row id ${row.id} (seq ${row.seq})`,
      };
    }
    return {
      kind: 'deleted',
      seq: row.seq,
      rowId: row.id,
      detail:
        `row id ${row.id} (seq ${row.seq}) is chained to a row that is not seq ${row.seq - 1} as stored: ` +
        'a row was removed or replaced',
    };
  }

  /** After the last row: the head must point at it. */
  finish(): AuditProblem | undefined {
    const lastSeq = this.last?.seq ?? this.expectedSeq - 1;
    if (!this.head) {
      return this.last
        ? { kind: 'truncated', seq: lastSeq, rowId: this.last.id, detail: 'the chain head of this tenant is missing' }
        : undefined;
    }
    if (lastSeq < this.head.seq) {
      const missing = this.head.seq > lastSeq + 1 ? `${lastSeq + 1}–${this.head.seq}` : `${this.head.seq}`;
      return {
        kind: 'truncated',
        seq: lastSeq + 1,
        rowId: null,
        detail: `seq ${missing} missing at the end of the chain (head last seq ${this.head.seq})`,
      };
    }
    if (this.last && this.head.hash !== this.last.rowHash) {
      return {
        kind: 'truncated',
        seq: lastSeq,
        rowId: this.last.id,
        detail:
          `the chain head's hash is not that of the last row (id ${this.last.id}, seq ${lastSeq}): ` +
          'the end of the chain was replaced',
      };
    }
    return undefined;
  }
}
