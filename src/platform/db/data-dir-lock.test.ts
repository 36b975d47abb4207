import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from './data-dir-lock.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'schola-lock-'));
}

/** Runs a node one-liner that tries to take the lock; resolves with its exit code and stderr. */
function tryLockInChild(dir: string): Promise<{ code: number | null; stderr: string }> {
  const script = `
    import { acquireDataDirLock } from ${JSON.stringify(path.resolve('src/platform/db/data-dir-lock.ts'))};
    try { acquireDataDirLock(${JSON.stringify(dir)}); process.exit(0); }
    catch (e) { console.error(e.message); process.exit(3); }`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('data directory lock', () => {
  it('refuses a second process while the first holds the lock, with a clear message', async () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    const { code, stderr } = await tryLockInChild(dir);
    expect(code).toBe(3);
    expect(stderr).toMatch(/in use by another Schola process \(pid \d+\)/);
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect((await tryLockInChild(dir)).code).toBe(0);
  });

  it('takes over a stale lock left by a process that no longer exists', () => {
    const dir = tempDir();
    // A pid far above the kernel's pid_max cannot be alive.
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 30, host: os.hostname(), startedAt: '' }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('treats an unreadable (half-written) lock as stale', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), '{"pi');
    const lock = acquireDataDirLock(dir);
    lock.release();
  });

  it('refuses within the same process too (a second open of the same directory)', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    fs.writeFileSync(lock.file, JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: '' }));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    fs.rmSync(lock.file);
  });
});
