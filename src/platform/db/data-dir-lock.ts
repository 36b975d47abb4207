/**
 * PGlite has no inter-process locking: two processes opening one data directory would corrupt it.
 * The lock is a file holding the owner's pid and host, created atomically (O_EXCL). A lock whose
 * owner process no longer exists (killed with -9, crashed) is stale and is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'schola.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Schola process (pid ${ownerPid}): ` +
        'stop that process, or set SCHOLA_DATA_DIR to another directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeFileSync(fd, JSON.stringify(mine));
      fs.closeSync(fd);
      return {
        file,
        release() {
          const current = readLock(file);
          if (current?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLock(file);
      const sameHost = !owner || owner.host === os.hostname();
      if (owner && owner.pid !== process.pid && (!sameHost || processIsAlive(owner.pid))) {
        // A lock from another host cannot be checked; refusing is the safe answer.
        throw new DataDirLockedError(dataDir, owner.pid);
      }
      // Stale: its owner is gone. Move it aside atomically so only one contender removes it.
      const aside = `${file}.stale-${process.pid}-${attempt}`;
      try {
        fs.renameSync(file, aside);
        fs.rmSync(aside, { force: true });
      } catch {
        /* another process got there first; retry */
      }
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}
