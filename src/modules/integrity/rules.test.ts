import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULES, levelOf, parseScore, toolFromIndicators, totalOf } from './rules.ts';

test('2567 rules: 95.31 with one tool between 85 and 95 is ผ่านดี', () => {
  const s = { iit: 9703, eit: 9200, oit: 9650 };
  const total = totalOf(DEFAULT_RULES, s);
  assert.equal(total, 9531);
  assert.equal(levelOf(DEFAULT_RULES, total, s).level_th, 'ผ่านดี');
});

test('levels at their boundaries', () => {
  const lv = (iit: number, eit: number, oit: number) => {
    const s = { iit, eit, oit };
    return levelOf(DEFAULT_RULES, totalOf(DEFAULT_RULES, s), s).level_th;
  };
  assert.equal(lv(9500, 9500, 9500), 'ผ่านดีเยี่ยม');
  assert.equal(lv(9900, 9499, 9900), 'ผ่านดี');
  assert.equal(lv(8500, 8500, 8500), 'ผ่านดี');
  assert.equal(lv(9900, 8499, 9900), 'ผ่าน'); // total ≥ 85, one tool under
  assert.equal(lv(8000, 8000, 8000), 'ต้องปรับปรุง');
  assert.equal(lv(7000, 7000, 7000), 'ต้องปรับปรุง');
  assert.equal(lv(6999, 6999, 6999), 'ต้องปรับปรุงโดยด่วน');
  assert.equal(lv(0, 0, 0), 'ต้องปรับปรุงโดยด่วน');
});

test('scores parse exactly, tools average their indicators', () => {
  assert.equal(parseScore('95.31'), 9531);
  assert.equal(parseScore('100'), 10000);
  assert.equal(parseScore('0.5'), 50);
  assert.equal(parseScore('๙๕.๓๑'), 9531);
  for (const bad of ['100.01', '-1', '95.315', 'abc', '', '1e2']) assert.equal(parseScore(bad), null, bad);
  assert.equal(toolFromIndicators(DEFAULT_RULES, 'eit', { 6: 9750, 7: 8425, 8: 9425 }), 9200);
  assert.equal(toolFromIndicators(DEFAULT_RULES, 'eit', { 6: 9750 }), null);
});
