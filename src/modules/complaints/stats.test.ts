// Finding 10 of the complaints pentest: with the total shown, one hidden count was the total less the others.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shownStats, suppressGroup, type YearStats } from './stats.ts';

describe('small counts in public statistics', () => {
  test('a lone hidden count takes the next smallest with it; zeros and large counts stay', () => {
    assert.deepEqual(suppressGroup([10, 1, 0], 3), [null, null, 0], 'corruption 1 would be 11 − 10');
    assert.deepEqual(suppressGroup([10, 1, 4, 0], 3), [10, null, null, 0]);
    assert.deepEqual(suppressGroup([10, 1, 2], 3), [10, null, null], 'two hidden already: their sum is all one learns');
    assert.deepEqual(suppressGroup([10, 7], 3), [10, 7]);
    assert.deepEqual(suppressGroup([0, 0], 3), [0, 0]);
  });

  test('every group that adds up to the total is suppressed so; staff (no minimum) see every count', () => {
    const s: YearStats = {
      year: 2570, period: 'year', total: 12, finished: 11, inProgress: 1,
      byLane: { general: 11, corruption: 1 }, byCategory: { service: 8, bribery: 1, other: 3 }, byChannel: { web: 12 },
      months: [{ month: '2026-10', received: 11, finished: 11 }, { month: '2026-11', received: 1, finished: 0 }],
    };
    const v = shownStats(s, 3);
    assert.equal(v.total, 12);
    assert.deepEqual([v.finished, v.inProgress], [null, null]);
    assert.deepEqual(v.byLane, { general: null, corruption: null });
    assert.deepEqual(v.byCategory, { service: 8, bribery: null, other: null });
    assert.deepEqual(v.byChannel, { web: 12 });
    assert.deepEqual(v.months, [null, null]);
    const all = shownStats(s, null);
    assert.deepEqual([all.finished, all.inProgress, all.byLane.corruption, all.months[1]], [11, 1, 1, 1]);
  });
});
