// Small counts in public statistics (finding 10 of the complaints pentest, and the audit after it): a hidden count
// must not come back from a total less the others — not within a lane, not from a lane total, not from another
// period or the months.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fiscalMonths, fiscalYear } from '../../platform/thai/index.ts';
import { cellsOf, shownStats, tally, weightOf, type CaseFacts } from './stats.ts';
import { leaks, suppress } from './suppress.ts';

const YEAR = fiscalYear();
const MONTHS = fiscalMonths(YEAR);

/** n cases of a lane and topic received in the fiscal year's month i (0 = October), in progress unless said. */
const cases = (n: number, lane: string, category: string, month = 0, over: Partial<CaseFacts> = {}): CaseFacts[] =>
  Array.from({ length: n }, () => ({ lane, category, channel: 'web', status: 'received', received_at: `${MONTHS[month]}-15T03:00:00.000Z`, ...over }));

/** Every sum of the year with exactly one hidden count in it, a small one: the simplest way back to it. */
function loneHidden(rows: CaseFacts[], min: number): string[] {
  const { values, equations } = cellsOf(tally(YEAR, rows));
  const hidden = suppress(values, equations, min, weightOf);
  const lone = equations.map((eq) => eq.filter(([c]) => hidden.has(c))).filter((h) => h.length === 1);
  return lone.map((h) => h[0]![0]).filter((c) => values.get(c)! < min);
}

describe('small counts in public statistics', () => {
  test('the audit’s example: service 10 + other 1, bribery 5 + procurement 2, minimum 3 — no topic comes back from its lane total', () => {
    const rows = [...cases(10, 'general', 'service'), ...cases(1, 'general', 'other'), ...cases(5, 'corruption', 'bribery'), ...cases(2, 'corruption', 'procurement')];
    const f = tally(YEAR, rows);
    const v = shownStats(f, 'year', 3);
    assert.deepEqual(v.byLane, { general: 11, corruption: 7 }, 'the lane totals stay');
    assert.equal(v.total, 18);
    // before: other 1 and procurement 2 were hidden alone in their lanes, so 11 − 10 and 7 − 5 gave them back
    assert.deepEqual([v.byCategory.service, v.byCategory.other, v.byCategory.bribery, v.byCategory.procurement], [null, null, null, null]);
    assert.equal(v.byCategory.nuisance, 0, 'a zero is shown');
    for (const period of ['h1', 'q1'] as const) assert.deepEqual(shownStats(f, period, 3).byCategory.service, null, `${period}: the same pattern`);
    assert.deepEqual(loneHidden(rows, 3), []);
    const staff = shownStats(f, 'year', null);
    assert.deepEqual([staff.byCategory.other, staff.byCategory.procurement], [1, 2], 'staff see every count');
  });

  test('a lone hidden topic with no sibling: its lane is hidden, and so is what would give the lane back', () => {
    const rows = [...cases(1, 'general', 'other'), ...cases(10, 'corruption', 'bribery')];
    const v = shownStats(tally(YEAR, rows), 'year', 3);
    assert.equal(v.total, 11);
    assert.deepEqual(v.byLane, { general: null, corruption: null }, '11 − corruption would be general');
    assert.equal(v.byCategory.bribery, null, 'bribery 10 would be the corruption lane, and 11 − 10 the other');
    assert.deepEqual(loneHidden(rows, 3), []);
  });

  test('periods: a quarter or a half is not the year less the rest', () => {
    // bribery: 1 in October (q1), 4 in February (q2); service: 4 in the first half, 1 in the second
    const rows = [...cases(1, 'corruption', 'bribery', 0), ...cases(4, 'corruption', 'bribery', 4), ...cases(4, 'general', 'service', 1), ...cases(1, 'general', 'service', 7), ...cases(6, 'general', 'conduct', 2), ...cases(6, 'general', 'conduct', 8)];
    const f = tally(YEAR, rows);
    const at = (p: 'year' | 'h1' | 'h2' | 'q1' | 'q2', c: string) => shownStats(f, p, 3).byCategory[c];
    assert.equal(at('q1', 'bribery'), null);
    assert.ok(at('q2', 'bribery') === null || at('h1', 'bribery') === null, 'h1 − q2 would give q1');
    assert.equal(at('h2', 'service'), null);
    assert.ok(at('h1', 'service') === null || at('year', 'service') === null, 'the year − h1 would give h2');
    // a quarter whose cases are all of one topic has its total hidden with the topic; the year's and halves' stay
    for (const p of ['year', 'h1', 'h2'] as const) assert.equal(shownStats(f, p, 3).total, f.periods[p].total, `${p}: its total is shown`);
    assert.deepEqual(loneHidden(rows, 3), []);
  });

  test('months: received, finished and in progress, each hidden so that no month comes back from its quarter', () => {
    const rows = [...cases(3, 'general', 'service', 0, { status: 'closed' }), ...cases(2, 'general', 'service', 0), ...cases(1, 'general', 'service', 1), ...cases(4, 'general', 'conduct', 2, { status: 'resolved' })];
    const f = tally(YEAR, rows);
    assert.deepEqual(f.months.slice(0, 3).map((m) => [m.received, m.finished, m.inProgress]), [[5, 3, 2], [1, 0, 1], [4, 4, 0]]);
    const q1 = shownStats(f, 'q1', 3);
    assert.equal(q1.total, 10);
    assert.equal(q1.months[1]!.received, null);
    assert.ok(q1.months[0]!.received === null || q1.months[2]!.received === null, 'another month too: 10 − 5 − 4 would be 1');
    assert.equal(q1.months[1]!.inProgress, null);
    assert.equal(q1.months[1]!.finished, 0, 'a zero is shown');
    assert.deepEqual(loneHidden(rows, 3), []);
  });

  test('random years: the pattern always ends with no hidden count that the sums give back', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor(seed / 65536) % n);
    const topics = [['general', 'service'], ['general', 'other'], ['general', 'nuisance'], ['corruption', 'bribery'], ['corruption', 'procurement']] as const;
    const channels = ['web', 'phone', 'letter'];
    for (let run = 0; run < 12; run++) {
      const rows = Array.from({ length: 5 + rnd(40) }, () => {
        const [lane, category] = topics[rnd(topics.length)]!;
        return cases(1, lane, category, rnd(12), { channel: channels[rnd(3)]!, status: rnd(2) ? 'closed' : 'review' })[0]!;
      });
      const { values, equations } = cellsOf(tally(YEAR, rows));
      const min = 2 + rnd(4);
      const hidden = suppress(values, equations, min, weightOf);
      assert.deepEqual(leaks(values, equations, hidden, min), [], `run ${run}`);
      assert.deepEqual(loneHidden(rows, min), [], `run ${run}`);
      for (const [cell, n] of values) if (n > 0 && n < min) assert.ok(hidden.has(cell), `${cell} is small`);
    }
  });
});
