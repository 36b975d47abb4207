/**
 * Coalesces concurrent writes of the same kind into batches, so that many clients posting one record
 * each cost the database what one client posting many would: one transaction, a few multi-row
 * statements, one commit and one audit-chain lock per batch instead of per record.
 *
 * Writes with the same key (for example: tenant, client and resource) queue in one lane. A lane runs
 * at most `maxInFlight` batches at a time, each of at most `maxBatch` items: when idle, a write starts
 * a batch on the next turn of the event loop (writes arriving in the same turn join it), so a lone
 * write waits for nothing; under load the queue fills while a batch is in flight and the next batch
 * takes what has gathered (or, with `gatherMs`, first waits briefly for the writers the last batch
 * answered). Each item gets its own outcome; a batch that throws rejects its items.
 */

export interface CoalescerOptions {
  /** Items per batch (default 50). */
  maxBatch?: number;
  /**
   * Batches of one lane running at once (default 1). More than one made Ed-Fi POSTs slower when
   * measured: the batches get smaller (more statements per item), and each waits for the one before
   * at the tenant's audit-chain lock anyway. Re-measured with the batch as one named statement
   * (25 connections, PostgreSQL, a loaded machine): no difference beyond the noise, and the same
   * batch sizes (about 12: with one batch in flight the connections already split into two groups
   * that alternate, one being answered and posting again while the other's batch runs).
   */
  maxInFlight?: number;
  /**
   * Milliseconds a lane may wait, once a batch of several items has been answered, for the writers it
   * answered to write again before it starts the next batch (default 0: at once). Clients that each
   * wait for their answer before writing again split into two groups that alternate (one answered while
   * the other's batch runs), so each batch holds about half of them; when every batch costs a fixed
   * price (a commit's flush, the tenant's audit-chain lock held until it), waiting briefly for the
   * other half halves how often it is paid. The wait ends as soon as as many writes wait as the last
   * two batches held.
   */
  gatherMs?: number;
}

/** Runs one batch: returns one outcome per item, in order. */
export type BatchRunner<I, O> = (items: I[]) => Promise<O[]>;

interface Waiting<I, O> {
  item: I;
  resolve: (outcome: O) => void;
  reject: (error: unknown) => void;
}

interface Lane<I, O> {
  run: BatchRunner<I, O>;
  queue: Waiting<I, O>[];
  inFlight: number;
  scheduled: boolean;
  /** Sizes of the last two batches started. */
  recent: [number, number];
  /** While gathering: the timer that ends the wait, and how many waiting writes end it sooner. */
  gathering?: { timer: NodeJS.Timeout; enough: number };
}

export class WriteCoalescer<I, O> {
  private readonly lanes = new Map<string, Lane<I, O>>();
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly gatherMs: number;

  constructor(options: CoalescerOptions = {}) {
    this.maxBatch = Math.max(1, options.maxBatch ?? 50);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 1);
    this.gatherMs = Math.max(0, options.gatherMs ?? 0);
  }

  /** Queues `item` in the lane `key` (whose batches `run` executes) and settles with its outcome. */
  submit(key: string, item: I, run: BatchRunner<I, O>): Promise<O> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { run, queue: [], inFlight: 0, scheduled: false, recent: [0, 0] }));
    const queued = lane;
    return new Promise<O>((resolve, reject) => {
      queued.queue.push({ item, resolve, reject });
      if (queued.gathering) {
        if (queued.queue.length >= queued.gathering.enough) this.endGathering(key, queued);
        return;
      }
      if (!queued.scheduled && queued.inFlight < this.maxInFlight) {
        queued.scheduled = true;
        setImmediate(() => {
          queued.scheduled = false;
          this.pump(key, queued);
        });
      }
    });
  }

  /** Items waiting in all lanes (for tests and metrics). */
  get waiting(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.queue.length;
    return n;
  }

  private pump(key: string, lane: Lane<I, O>): void {
    while (lane.inFlight < this.maxInFlight && lane.queue.length > 0) {
      const batch = lane.queue.splice(0, this.maxBatch);
      lane.inFlight++;
      lane.recent = [lane.recent[1], batch.length];
      void this.runBatch(lane, batch).finally(() => {
        lane.inFlight--;
        if (lane.queue.length > 0) {
          if (!this.startGathering(key, lane, batch.length)) this.pump(key, lane);
        } else if (lane.inFlight === 0 && !lane.scheduled) this.lanes.delete(key);
      });
    }
  }

  /** Waits for the writers a batch of `answered` items answered (see `gatherMs`); false: start at once. */
  private startGathering(key: string, lane: Lane<I, O>, answered: number): boolean {
    const enough = Math.min(this.maxBatch, lane.recent[0] + lane.recent[1]);
    if (this.gatherMs === 0 || answered < 2 || lane.inFlight > 0 || lane.queue.length >= enough) return false;
    lane.gathering = { timer: setTimeout(() => this.endGathering(key, lane), this.gatherMs), enough };
    return true;
  }

  private endGathering(key: string, lane: Lane<I, O>): void {
    clearTimeout(lane.gathering?.timer);
    lane.gathering = undefined;
    this.pump(key, lane);
  }

  private async runBatch(lane: Lane<I, O>, batch: Waiting<I, O>[]): Promise<void> {
    try {
      const outcomes = await lane.run(batch.map((w) => w.item));
      if (outcomes.length !== batch.length)
        throw new Error(`a batch of ${batch.length} items returned ${outcomes.length} outcomes`);
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
