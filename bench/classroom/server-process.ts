/**
 * The classroom bench's servers, each in a process of its own (server.ts: Schola, or the bare `ws`
 * fan-out baseline with BENCH_BARE): started, asked for their resident memory, stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Server {
  url: string;
  child: ChildProcess;
  /** Resident memory after a garbage collection. */
  rssMiB(): Promise<number>;
  stop(): Promise<void>;
}

export function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'server.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = /READY (\S+)/.exec(out);
      if (!match) return;
      resolve({
        url: match[1]!,
        child,
        rssMiB: async () => {
          child.kill('SIGUSR2');
          await new Promise((done) => setTimeout(done, 500));
          const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
          return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
        },
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
