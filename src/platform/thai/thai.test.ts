import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bahtText, fiscalYear, fiscalYearRange, formatDate, bangkokDay, toThaiDigits, isValidThaiNationalId,
  normalizeThai, normalizeLine, foldForSearch, hasInvalidText, segmentWords, sortThai,
} from './index.ts';

test('fiscal year starts on 1 October in Bangkok and is named by the B.E. year it ends', () => {
  assert.equal(fiscalYear('2023-09-30T17:30:00Z'), 2567); // 00:30 on 1 Oct 2023 in Bangkok
  assert.equal(fiscalYear('2023-09-30T16:59:59.999Z'), 2566); // 23:59 on 30 Sep 2023 in Bangkok
  assert.equal(fiscalYear('2023-09-30T17:00:00Z'), 2567);
  assert.equal(fiscalYear('2026-11-26T04:00:00Z'), 2570);
  assert.equal(fiscalYear('2026-09-30'), 2569);
  assert.equal(fiscalYear('2026-10-01'), 2570);
  assert.equal(fiscalYear('2024-02-29T12:00:00Z'), 2567);
});

test('fiscal year range covers 1 Oct – 30 Sep with an exclusive end instant', () => {
  const r = fiscalYearRange(2567);
  assert.equal(r.firstDay, '2023-10-01');
  assert.equal(r.lastDay, '2024-09-30');
  assert.equal(r.start, '2023-09-30T17:00:00.000Z');
  assert.equal(r.end, '2024-09-30T17:00:00.000Z');
  assert.equal(fiscalYear(r.start), 2567);
  assert.equal(fiscalYear(new Date(Date.parse(r.end) - 1)), 2567);
  assert.equal(fiscalYear(r.end), 2568);
  assert.throws(() => fiscalYearRange(2024), RangeError); // a C.E. year by mistake
});

test('dates are shown in the Buddhist era, Bangkok time', () => {
  assert.equal(formatDate('2026-11-26T04:00:00Z'), '26 พฤศจิกายน 2569');
  assert.equal(formatDate('2023-09-30T18:00:00Z'), '1 ตุลาคม 2566'); // already 1 Oct in Bangkok
  assert.equal(formatDate('2026-11-26T04:00:00Z', { style: 'short' }), '26/11/69');
  assert.equal(formatDate('2026-11-26T04:00:00Z', { thaiDigits: true }), '๒๖ พฤศจิกายน ๒๕๖๙');
  assert.equal(formatDate('2026-11-26T04:00:00Z', { style: 'full' }), 'วันพฤหัสบดีที่ 26 พฤศจิกายน พ.ศ. 2569');
  assert.equal(formatDate('2026-11-26', { lang: 'en' }), '26 November B.E. 2569'); // one calendar in English too
  assert.equal(formatDate('2026-11-26T04:00:00Z', { lang: 'en', style: 'medium', withTime: true }), '26 Nov B.E. 2569, 11:00');
  assert.equal(bangkokDay('2026-11-25T17:30:00Z'), '2026-11-26');
  assert.equal(toThaiDigits('2567'), '๒๕๖๗');
});

test('baht in words', () => {
  assert.equal(bahtText('1,250.50'), 'หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์');
  assert.equal(bahtText(1250.5), 'หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์');
  assert.equal(bahtText(100), 'หนึ่งร้อยบาทถ้วน');
  assert.equal(bahtText(0), 'ศูนย์บาทถ้วน');
  assert.equal(bahtText('0.25'), 'ยี่สิบห้าสตางค์');
  assert.equal(bahtText(1), 'หนึ่งบาทถ้วน');
  assert.equal(bahtText(11), 'สิบเอ็ดบาทถ้วน');
  assert.equal(bahtText(21), 'ยี่สิบเอ็ดบาทถ้วน');
  assert.equal(bahtText(101), 'หนึ่งร้อยเอ็ดบาทถ้วน');
  assert.equal(bahtText(1_000_000), 'หนึ่งล้านบาทถ้วน');
  assert.equal(bahtText(1_000_001), 'หนึ่งล้านเอ็ดบาทถ้วน');
  assert.equal(bahtText('21000000'), 'ยี่สิบเอ็ดล้านบาทถ้วน');
  assert.equal(bahtText('1234567890123.45'), 'หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดล้านแปดแสนเก้าหมื่นหนึ่งร้อยยี่สิบสามบาทสี่สิบห้าสตางค์');
  assert.equal(bahtText({ satang: 125050n }), 'หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์');
  assert.equal(bahtText('0.999'), 'หนึ่งบาทถ้วน');
  assert.equal(bahtText('-5'), 'ลบห้าบาทถ้วน');
  assert.throws(() => bahtText('abc'), RangeError);
});

test('Thai national ID checksum', () => {
  assert.equal(isValidThaiNationalId('1101700203450'), true);
  assert.equal(isValidThaiNationalId('1-1017-00203-45-0'), true);
  assert.equal(isValidThaiNationalId('1101700203451'), false);
  assert.equal(isValidThaiNationalId('110170020345'), false);
  assert.equal(isValidThaiNationalId('abcdefghijklm'), false);
});

test('normalisation fixes tone marks typed before vowels, SARA AM and zero-width characters', () => {
  assert.equal(normalizeThai('ท\u0E48\u0E35'), 'ที่'); // tone typed before SARA II
  assert.equal(normalizeThai('ก\u0E48\u0E38'), 'กุ่'); // tone before a lower vowel
  assert.equal(normalizeThai('น\u0E4D\u0E49\u0E32'), 'น้ำ'); // NIKHAHIT, tone, SARA AA
  assert.equal(normalizeThai('น\u0E49\u0E4D\u0E32'), 'น้ำ');
  assert.equal(normalizeThai('ดํา'), 'ดำ');
  assert.equal(normalizeThai('งบ\u200Bประ\u200Dมาณ\uFEFF'), 'งบประมาณ');
  assert.equal(normalizeThai('ที่\u0E48'), 'ที่');
  assert.equal(normalizeThai('ก ่'), 'ก่');
  // SARA AE typed as two SARA E, as in many office documents; LAKKHANGYAO typed for SARA AA
  assert.equal(normalizeThai('\u0E40\u0E40ผนปฏิบัติการป้องกันการทุจริต'), 'แผนปฏิบัติการป้องกันการทุจริต');
  assert.equal(normalizeThai('เเบบรายงานผลการดำเนินงาน เเละเเนวทาง'), 'แบบรายงานผลการดำเนินงาน และแนวทาง');
  assert.equal(normalizeThai('ก\u0E45รประชุมประช\u0E45คม'), 'การประชุมประชาคม');
  assert.equal(normalizeThai('ฤๅษี ฦๅสาย'), 'ฤๅษี ฦๅสาย', 'LAKKHANGYAO stays after RU and LU');
  assert.equal(foldForSearch('เเผน'), foldForSearch('แผน'), 'a query typed either way finds the same text');
  assert.equal(normalizeLine('  องค์การ   บริหาร\tส่วนจังหวัด  '), 'องค์การ บริหาร ส่วนจังหวัด');
  assert.equal(foldForSearch('ITA ๒๕๖๗ ท\u0E48\u0E35'), 'ita 2567 ที่');
  assert.equal(normalizeThai('ดำเนินการ'), 'ดำเนินการ');
  assert.equal(hasInvalidText('ok\uFFFD'), true);
  assert.equal(hasInvalidText('\uD800x'), true);
  assert.equal(hasInvalidText('ปกติ'), false);
});

test('word segmentation and Thai collation', () => {
  const words = segmentWords('การประเมินคุณธรรมและความโปร่งใส');
  assert.ok(words.includes('คุณธรรม'), words.join('|'));
  assert.equal(words.join(''), 'การประเมินคุณธรรมและความโปร่งใส');
  const sorted = sortThai(['โต๊ะ', 'คน', 'ไก่', 'ขนม', 'เกาะ', 'กา'], (s) => s);
  assert.deepEqual(sorted, ['กา', 'เกาะ', 'ไก่', 'ขนม', 'คน', 'โต๊ะ']);
});

test('months of a fiscal year, and month names', async () => {
  const { fiscalMonths, formatMonth } = await import('./index.ts');
  const m = fiscalMonths(2570);
  assert.equal(m.length, 12);
  assert.equal(m[0], '2026-10');
  assert.equal(m[2], '2026-12');
  assert.equal(m[3], '2027-01');
  assert.equal(m[11], '2027-09');
  assert.equal(formatMonth('2026-10'), 'ตุลาคม 2569');
  assert.equal(formatMonth('2026-10', 'en'), 'October B.E. 2569');
});
