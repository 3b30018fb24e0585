// Dates typed the way Thai officers type them, read as the C.E. day the database keeps.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dateParts, parseMonth, parseThaiDate, parseThaiDateText, parseYearBE } from './dateinput.ts';
import { day, dateTime, month, parseForm, z } from '../http/forms.ts';

const iso = (r: ReturnType<typeof parseThaiDate>) => (r && r.ok ? r.iso : r ? r.error : null);

describe('Thai date input', () => {
  test('the year is B.E. by default; C.E. is recognised; two digits are this B.E. century', () => {
    assert.equal(parseYearBE('2569'), 2569);
    assert.equal(parseYearBE('๒๕๖๙'), 2569);
    assert.equal(parseYearBE('พ.ศ. 2569'), 2569);
    assert.equal(parseYearBE('2026'), 2569);
    assert.equal(parseYearBE('69'), 2569);
    assert.equal(parseYearBE('3000'), null, 'neither a B.E. nor a C.E. year an agency has');
    assert.equal(parseYearBE('256'), null);
  });

  test('months as numbers, Thai names, abbreviations with or without dots, English names', () => {
    for (const m of ['12', '๑๒', 'ธันวาคม', 'ธ.ค.', 'ธค', 'December', 'dec']) assert.equal(parseMonth(m), 12, m);
    assert.equal(parseMonth('13'), null);
    assert.equal(parseMonth('ธันวา'), null, 'a half-typed name is not guessed');
  });

  test('the bug this replaces: 01/12/2569 is 1 December 2026, not 12 January 2569 C.E.', () => {
    assert.equal(iso(parseThaiDateText('01/12/2569')), '2026-12-01');
    assert.equal(iso(parseThaiDateText('1 ธ.ค. 2569')), '2026-12-01');
    assert.equal(iso(parseThaiDateText('๑ ธันวาคม พ.ศ. ๒๕๖๙')), '2026-12-01');
    assert.equal(iso(parseThaiDateText('1-12-69')), '2026-12-01');
    assert.equal(iso(parseThaiDate('31', 'มี.ค.', '2570')), '2027-03-31');
  });

  test('days that do not exist and implausible years are refused with what is expected', () => {
    assert.equal(iso(parseThaiDate('29', '2', '2570')), 'date.err.noSuchDay', '2027 is not a leap year');
    assert.equal(iso(parseThaiDate('29', '2', '2571')), '2028-02-29');
    assert.equal(iso(parseThaiDate('31', '4', '2570')), 'date.err.noSuchDay');
    assert.equal(iso(parseThaiDate('1', '12', '3569')), 'date.err.year');
    assert.equal(iso(parseThaiDate('1', '', '2569')), 'date.err.incomplete');
    assert.equal(parseThaiDate('', '', ''), null, 'empty is no date');
  });

  test('a stored day is shown back in B.E. parts', () => {
    assert.deepEqual(dateParts('2026-12-01'), { day: '1', month: '12', year: '2569' });
    assert.deepEqual(dateParts(null), { day: '', month: '', year: '' });
  });

  test('the form parser reads the three boxes as one field, with messages that say which calendar', () => {
    const schema = z.object({ due: day({ optional: true }), period: month({ optional: true }), at: dateTime({ optional: true }) });
    const ok = parseForm('th', schema, { 'due-day': '๓๑', 'due-month': 'มีนาคม', 'due-year': '2570', 'period-month': 'ต.ค.', 'period-year': '2569', 'at-day': '9', 'at-month': '12', 'at-year': '2569', 'at-time': '08:30' });
    assert.deepEqual(ok, { ok: true, data: { due: '2027-03-31', period: '2026-10', at: '2026-12-09T01:30:00.000Z' } });
    const empty = parseForm('th', schema, { 'due-day': '', 'due-month': '', 'due-year': '', 'period-month': '', 'period-year': '', 'at-day': '', 'at-month': '', 'at-year': '', 'at-time': '' });
    assert.deepEqual(empty, { ok: true, data: { due: null, period: null, at: null } });
    const bad = parseForm('th', schema, { 'due-day': '1', 'due-month': '12', 'due-year': '3569' });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.equal(bad.errors.due, 'ปีต้องเป็นปีพุทธศักราช 4 หลัก (2450–2700) เช่น 2569 (หรือปีคริสต์ศักราช เช่น 2026)');
    const en = parseForm('en', schema, { 'due-day': '30', 'due-month': '2', 'due-year': '2570' });
    assert.equal(en.ok, false);
    if (!en.ok) assert.match(en.errors.due!, /February/);
  });
});
