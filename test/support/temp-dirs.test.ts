/**
 * Test files leave nothing in the system's temporary directory: each runs with TMPDIR pointing at its
 * own directory inside the run's root (temp-dirs.ts), removed when the file ends; the global teardown
 * fails the run if any is left (global-setup.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { engine, migratedDatabase } from './db.js';

describe('test temporary directories', () => {
  it("os.tmpdir() is this file's own directory inside the run's root", () => {
    const mine = os.tmpdir();
    expect(path.dirname(mine)).toBe(inject('tmpRoot'));
    expect(path.basename(mine)).toMatch(new RegExp(`^${engine()}-`));
    expect(fs.statSync(mine).isDirectory()).toBe(true);
  });

  it('processes the tests spawn inherit it', () => {
    const childTmp = execFileSync(process.execPath, ['-e', 'console.log(require("os").tmpdir())'], {
      encoding: 'utf8',
    });
    expect(childTmp.trim()).toBe(os.tmpdir());
  });

  it.runIf(engine() === 'pglite')('a PGlite test database lives in it, and dispose removes it', async () => {
    const before = new Set(fs.readdirSync(os.tmpdir()));
    const database = await migratedDatabase();
    const created = fs.readdirSync(os.tmpdir()).filter((name) => !before.has(name));
    expect(created).toHaveLength(1);
    await database.dispose();
    expect(fs.existsSync(path.join(os.tmpdir(), created[0]!))).toBe(false);
  });
});
