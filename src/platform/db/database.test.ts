import { describe, expect, it } from 'vitest';
import { openDatabase, PGLITE_BUFFERS_MB } from './database.js';

describe('openDatabase (PGlite)', () => {
  it("gives the embedded engine small shared buffers, configurable, and keeps PGlite's own start parameters", async () => {
    for (const [given, expected] of [
      [undefined, `${PGLITE_BUFFERS_MB}MB`],
      [8, '8MB'],
    ] as const) {
      const database = await openDatabase({ pgliteBuffersMb: given });
      try {
        const [row] = await database.query<{ buffers: string; workers: string }>(
          `SELECT current_setting('shared_buffers') AS buffers, current_setting('max_worker_processes') AS workers`,
        );
        expect(row).toEqual({ buffers: expected, workers: '0' });
      } finally {
        await database.close();
      }
    }
  });
});
