import fs from 'node:fs';
import path from 'node:path';

/** Files and directories (searched recursively) → the .xml files, sorted for a stable order. */
export function interchangeFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else if (p.toLowerCase().endsWith('.xml')) files.push(path.resolve(p));
  };
  for (const p of paths) visit(p);
  return [...new Set(files)].sort();
}
