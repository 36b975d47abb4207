/**
 * Recorded results: every run of a benchmark on an engine writes bench/results/<bench>.<engine>.json
 * (<bench>.<engine>.<variant>.json for runs kept side by side, such as OneRoster's scales)
 * (committed), with when, on which commit and which machine (cores, RAM, Node, load average) it was
 * measured, the settings that sized it, and its figures. docs/PERFORMANCE.md is generated from all of
 * them (report.ts), so re-running one benchmark replaces its own file and leaves the others alone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measurement } from './harness.js';

export interface Machine {
  cores: number;
  cpu: string;
  ramGiB: number;
  node: string;
  os: string;
}

export interface ResultFile {
  benchmark: string;
  engine: 'pglite' | 'postgres';
  /** Runs kept side by side (e.g. 'scale-2.5'): a file and a table each. */
  variant?: string;
  description: string;
  about?: string;
  /** ISO date-time of the end of the run. */
  date: string;
  /** `git rev-parse HEAD` of the code measured; `dirty` when the worktree had uncommitted changes. */
  commit: string;
  dirty: boolean;
  machine: Machine;
  /** 1-, 5- and 15-minute load averages before and after the run (`uptime`): the machine is shared. */
  loadAverage: { before: number[]; after: number[] };
  settings: Record<string, string>;
  measurements: Measurement[];
  notes: string[];
}

export function machine(): Machine {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'cpu',
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};

export function commit(): { commit: string; dirty: boolean } {
  return {
    commit: git('rev-parse', 'HEAD') || 'unknown',
    dirty: git('status', '--porcelain', '--', 'src', 'bench', ':!bench/results') !== '',
  };
}

export const loadAverage = (): number[] => os.loadavg().map((n) => Math.round(n * 100) / 100);

export const resultPath = (dir: string, benchmark: string, engine: string, variant?: string) =>
  path.join(dir, `${benchmark}.${engine}${variant ? `.${variant}` : ''}.json`);

export function writeResult(dir: string, result: ResultFile): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = resultPath(dir, result.benchmark, result.engine, result.variant);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export function readResults(dir: string): ResultFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as ResultFile);
}
