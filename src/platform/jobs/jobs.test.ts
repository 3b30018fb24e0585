import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Platform } from '../platform.ts';
import { registerJob, runJob, startJobs } from './index.ts';

test('the server runs registered jobs on their timer and logs failures without stopping', async () => {
  const runs: string[] = [];
  const logged: Array<[string, unknown]> = [];
  const p = { log: { info: (o: unknown) => logged.push(['info', o]), error: (o: unknown) => logged.push(['error', o]) } } as unknown as Platform;
  registerJob({ name: 'test-ok', everyMinutes: 60, run: async () => (runs.push('ok'), 'did it') });
  registerJob({ name: 'test-bad', everyMinutes: 60, run: async () => { runs.push('bad'); throw new Error('boom'); } });
  const stop = startJobs(p, 5);
  await new Promise((r) => setTimeout(r, 50));
  stop();
  assert.deepEqual(runs.sort(), ['bad', 'ok']);
  assert.deepEqual(logged.map(([level, o]) => `${level}:${(o as { job: string }).job}`).sort(), ['error:test-bad', 'info:test-ok']);
  assert.equal(await runJob(p, 'test-ok'), 'did it');
  await assert.rejects(runJob(p, 'missing'), /no job named missing/);
});
