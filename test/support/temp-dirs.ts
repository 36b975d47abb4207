/**
 * Every test file gets its own temporary directory, and TMPDIR points at it while the file runs, so
 * whatever the file creates with os.tmpdir() — PGlite data directories, upload folders, export
 * packages, and the temporary files of the processes it spawns — lives there and is removed with it
 * when the file ends. The per-file directories sit in the run's root (global-setup.ts), whose teardown
 * checks that none is left.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, inject } from 'vitest';

const previous = process.env.TMPDIR;
const mine = fs.mkdtempSync(path.join(inject('tmpRoot'), `${inject('engine')}-`));
process.env.TMPDIR = mine;

afterAll(() => {
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  fs.rmSync(mine, { recursive: true, force: true });
});
