// Runs every *.test.ts / *.test.tsx under src/ and test/ with node --test (Node 20 has no --test globbing).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropTemplates } from '../test/support/template.ts';

function find(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : find(full);
    return /\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const only = process.argv.slice(2);
const files = (only.length ? only : [...find('src'), ...find('test')]).sort();
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
// a test that hangs fails by name after 5 minutes (the longest takes under a minute) instead of running into CI's limit
const timeout = process.env.TEST_TIMEOUT_MS ?? '300000';
// the seeded demo is made once per run and copied by each test file (test/support/template.ts)
const templates = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-tpl-'));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, `--test-timeout=${timeout}`, ...files], {
  stdio: 'inherit',
  env: { ...process.env, PRONGSAI_TEST_TEMPLATES: templates },
});
await dropTemplates(templates).catch((err: Error) => console.error(`test templates not removed: ${err.message}`));
process.exit(r.status ?? 1);
