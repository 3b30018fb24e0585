import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { Platform } from '../platform.ts';
import { registerJob, runJob, startJobs } from './index.ts';

test('the server runs registered jobs on their timer and logs failures without stopping', async () => {
  const runs: string[] = [];
  const logged: Array<[string, unknown]> = [];
  const p = { log: { info: (o: unknown) => logged.push(['info', o]), error: (o: unknown) => logged.push(['error', o]) } } as unknown as Platform;
  registerJob({ name: 'test-ok', everyMinutes: 60, run: async () => (runs.push('ok'), 'did it') });
  registerJob({ name: 'test-bad', everyMinutes: 60, run: async () => { runs.push('bad'); throw new Error('boom'); } });
  // the clock is the test's: no waiting on real timers
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  try {
    const stop = startJobs(p, 60_000);
    mock.timers.tick(59_999);
    assert.deepEqual(runs, [], 'nothing runs before the first delay');
    mock.timers.tick(1);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual([...runs].sort(), ['bad', 'ok'], 'each job ran once after the first delay');
    mock.timers.tick(60 * 60_000);
    await new Promise((r) => setImmediate(r));
    assert.equal(runs.length, 4, 'and again at its interval');
    stop();
    mock.timers.tick(120 * 60_000);
    await new Promise((r) => setImmediate(r));
    assert.equal(runs.length, 4, 'stopped jobs do not run');
  } finally {
    mock.timers.reset();
  }
  assert.deepEqual([...new Set(logged.map(([level, o]) => `${level}:${(o as { job: string }).job}`))].filter((x) => x.includes('test-')).sort(), ['error:test-bad', 'info:test-ok'], 'a failure is logged as an error, a success as info');
  assert.equal(await runJob(p, 'test-ok'), 'did it');
  await assert.rejects(runJob(p, 'missing'), /no job named missing/);
});
