/**
 * Every package that `npm ci` installs runs on the Node versions package.json promises: no locked
 * package's `engines.node` may exclude the lowest supported version (npm would print EBADENGINE, and
 * the package may use what that Node lacks). Overrides in package.json pin versions that fit.
 */
import fs from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockedPackage> };

describe('engines', () => {
  const lowest = semver.minVersion(manifest.engines.node)!.version;

  it('package.json promises Node >= 20.19', () => {
    expect(lowest).toBe('20.19.0');
  });

  it(`no package in package-lock.json requires a Node newer than ${lowest}`, () => {
    const excluding = Object.entries(lock.packages)
      .filter(([location]) => location !== '')
      .flatMap(([location, pkg]) => {
        const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
        if (!range || !semver.validRange(range)) return [];
        return semver.satisfies(lowest, range) ? [] : [`${location}@${pkg.version}: node ${range}`];
      });
    expect(excluding).toEqual([]);
  });
});
