/**
 * `schola start` serves the built web app; this builds it first when `web/dist` is missing or older
 * than the app's sources (a checkout where `npm install`'s postinstall build did not run, or sources
 * changed since). Vite's build runs in this process, in a few seconds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../../web', import.meta.url));

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** Whether the built app is missing or older than its sources. */
export function webBuildStale(web = WEB): boolean {
  const built = path.join(web, 'dist', 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => newestMtime(path.join(web, p)));
  return Math.max(...sources) > fs.statSync(built).mtimeMs;
}

export async function ensureWebBuilt(log: (message: string) => void = console.log): Promise<void> {
  if (!fs.existsSync(path.join(WEB, 'index.html')) || !webBuildStale()) return;
  log('Building the web app (web/dist)…');
  const { build } = await import('vite');
  // Always a production build: Vite keeps a NODE_ENV already set (vitest sets `test`), and React then ships its
  // development build (three times larger). This process's own NODE_ENV is restored afterwards.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
