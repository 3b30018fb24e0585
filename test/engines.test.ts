// package.json `engines` promises only Node versions that every locked package (production and dev) accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './support/server.ts';

// semver is in node_modules (a dev dependency's dependency) without its types
const semver = createRequire(import.meta.url)('semver') as {
  Range: new (r: string) => { set: ReadonlyArray<ReadonlyArray<{ value: string }>> };
  minVersion(r: string): { version: string } | null;
  satisfies(v: string, r: string): boolean;
};

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

// the lowest version of each part of the range: ^20.19.0 || ^22.13.0 || >=24 gives 20.19.0, 22.13.0, 24.0.0
function lowerBounds(range: string): string[] {
  return new semver.Range(range).set.map((parts) => {
    const v = semver.minVersion(parts.map((c) => c.value).join(' ') || '*');
    assert.ok(v, `no version satisfies "${range}"`);
    return v.version;
  });
}

type Lock = { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }> };

function unmet(declared: string, lock: Lock): string[] {
  const bounds = lowerBounds(declared);
  const out: string[] = [];
  for (const [where, pkg] of Object.entries(lock.packages)) {
    if (where === '') continue; // the project itself
    const needs = pkg.engines && !Array.isArray(pkg.engines) ? pkg.engines.node : undefined;
    if (!needs) continue;
    for (const b of bounds) {
      if (!semver.satisfies(b, needs)) out.push(`${where.replace(/^.*node_modules\//, '')} needs node ${needs}, engines admits ${b}`);
    }
  }
  return out;
}

test('every locked package accepts the lowest Node version of each part of package.json engines', () => {
  const declared = read('package.json').engines.node as string;
  assert.deepEqual(lowerBounds(declared), ['20.19.0', '22.13.0', '24.0.0'], '.ci/run and the README name these bounds: change them together');
  assert.deepEqual(unmet(declared, read('package-lock.json')), [], 'raise engines in package.json (and .ci/run, README) or pick other versions');
});

test('the check finds a package that needs a newer Node than engines admits', () => {
  const lock: Lock = { packages: { '': {}, 'node_modules/a': { engines: { node: '>=20' } }, 'node_modules/x/node_modules/b': { engines: { node: '^20.20.0 || >=22' } } } };
  assert.deepEqual(unmet('^20.19.0 || ^22.13.0 || >=24', lock), ['b needs node ^20.20.0 || >=22, engines admits 20.19.0']);
  assert.deepEqual(unmet('>=20 <21 || >=22', { packages: { 'node_modules/@noble/hashes': { engines: { node: '>= 20.19.0' } } } }), ['@noble/hashes needs node >= 20.19.0, engines admits 20.0.0']);
});
