// The statistics as published and as the head of the agency gets them, from fixture cases received in chosen
// months of the last fiscal year: the page, the CSV, the PDF and the memo (DOCX and PDF), public and staff.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { bareAgency, FIXTURE_PASSWORD, staff } from '../../../test/support/fixtures.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import { createRecoveryKey } from '../../platform/vault/index.ts';
import { fiscalMonths, fiscalYear, formatMonth, toThaiDigits } from '../../platform/thai/index.ts';
import { setStatus } from './handling.ts';
import { submitCase } from './intake.ts';
import type { Channel, Lane } from './kinds.ts';

const YEAR = fiscalYear() - 1;
const MONTHS = fiscalMonths(YEAR);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-stats-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

/** Without spaces or line breaks: a sentence split over lines or cells still matches (PDF text is read in the order written, -raw). */
const flat = (s: string) => s.replace(/\s+/g, '');
function pdfText(bytes: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
function docxText(bytes: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.docx`);
  fs.writeFileSync(file, bytes);
  return execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' }).replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}
/** A CSV as rows of cells (no cell of these files holds a comma or a quote). */
const csvRows = (raw: Buffer) => raw.subarray(3).toString('utf8').trim().split('\r\n').map((l) => l.split(','));
const th = (n: number) => toThaiDigits(String(n));

// month index (0 = October), lane, topic, channel, how many, how many of them finished
const FIXTURE: Array<[number, Lane, string, Channel, number, number]> = [
  [0, 'general', 'service', 'web', 5, 4], [0, 'corruption', 'bribery', 'web', 3, 3], [0, 'general', 'other', 'web', 1, 0],
  [4, 'general', 'service', 'letter', 2, 0], [4, 'corruption', 'procurement', 'web', 2, 1],
  [7, 'general', 'service', 'phone', 3, 3], [7, 'corruption', 'bribery', 'web', 2, 0],
];

for (const target of await dbTargets()) {
  describe(`complaint statistics of fixture cases on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let officer: CurrentUser;
    let signedIn: Agent;
    before(async () => {
      t = await startApp(target, { demo: false });
      const agencyId = await bareAgency(t.p);
      await createRecoveryKey(t.p.db, agencyId);
      officer = await staff(t.p, ['complaint_officer'], 'stats-officer');
      for (const [month, lane, category, channel, n, finished] of FIXTURE) {
        for (let i = 0; i < n; i++) {
          const at = new Date(`${MONTHS[month]}-1${i}T03:00:00Z`);
          const r = await submitCase(t.p, agencyId, { lane, category, channel, identity: null, report: { subject: 'เรื่องทดสอบสถิติ', who: '', when: null, where: '', description: 'รายละเอียด' } }, [], null, at);
          if (i < finished) await setStatus(t.p, officer, r.id, 'dismissed', '', new Date(at.getTime() + 86_400_000));
        }
      }
      signedIn = t.agent();
      assert.equal((await signedIn.login('stats-officer', FIXTURE_PASSWORD)).status, 303);
    });
    after(() => t.close());

    test('the public page: the audit’s example hides all four topics, keeps the lane totals; months show received, finished and in progress', async () => {
      const page = textOf((await t.agent().get(`/complaints/statistics/${YEAR}`)).body);
      assert.match(page, /เรื่องที่รับทั้งหมด 18 ดำเนินการแล้วเสร็จ 11 อยู่ระหว่างดำเนินการ 7/);
      assert.match(page, /ร้องเรียน\/ร้องทุกข์ทั่วไป 11 ร้องเรียนการทุจริตและประพฤติมิชอบ 7/, 'lane totals');
      for (const topic of ['การให้บริการ', 'เรื่องอื่น ๆ', 'การเรียกรับสินบนหรือผลประโยชน์', 'การจัดซื้อจัดจ้าง']) assert.match(page, new RegExp(`${topic} ไม่เปิดเผย`), `${topic}: 11 − 10 and 7 − 5 would give the small ones back`);
      assert.match(page, /เดือน รับเรื่อง ดำเนินการแล้วเสร็จ อยู่ระหว่างดำเนินการ/, 'the month table has the three columns');
      assert.match(page, new RegExp(`${formatMonth(MONTHS[0]!)} 9 ไม่เปิดเผย ไม่เปิดเผย`));
      assert.match(page, new RegExp(`${formatMonth(MONTHS[1]!)} 0 0 0`));
      const h1 = textOf((await t.agent().get(`/complaints/statistics/${YEAR}?period=h1`)).body);
      assert.match(h1, /ครึ่งปีแรก/);
      assert.match(h1, /เรื่องที่รับทั้งหมด 13/);
      const q2 = textOf((await t.agent().get(`/complaints/statistics/${YEAR}?period=q2`)).body);
      assert.match(q2, /เรื่องที่รับทั้งหมด 4/);
      assert.match(q2, new RegExp(`${formatMonth(MONTHS[4]!)} 4 ไม่เปิดเผย ไม่เปิดเผย`), 'February: 1 finished and 3 in progress, hidden together');
    });

    test('the staff page and CSV: every count of the year, the first half, a quarter and a month', async () => {
      const page = textOf((await signedIn.get(`/staff/complaints/statistics/${YEAR}`)).body);
      assert.match(page, /เรื่องที่รับทั้งหมด 18 ดำเนินการแล้วเสร็จ 11 อยู่ระหว่างดำเนินการ 7/);
      assert.match(page, /การให้บริการ 10 เรื่องอื่น ๆ 1 การเรียกรับสินบนหรือผลประโยชน์ 5 การจัดซื้อจัดจ้าง 2/);
      assert.match(page, /เว็บไซต์ 13 โทรศัพท์ 3 หนังสือ 2/);
      assert.match(page, new RegExp(`${formatMonth(MONTHS[4]!)} 4 1 3`));
      assert.match(page, new RegExp(`${formatMonth(MONTHS[7]!)} 5 3 2`));
      assert.match(textOf((await signedIn.get(`/staff/complaints/statistics/${YEAR}?period=h1`)).body), /เรื่องที่รับทั้งหมด 13 ดำเนินการแล้วเสร็จ 8 อยู่ระหว่างดำเนินการ 5/);
      assert.match(textOf((await signedIn.get(`/staff/complaints/statistics/${YEAR}?period=q3`)).body), /เรื่องที่รับทั้งหมด 5 ดำเนินการแล้วเสร็จ 3 อยู่ระหว่างดำเนินการ 2/);

      const rows = csvRows((await signedIn.get(`/staff/complaints/statistics/${YEAR}.csv?period=q2`)).raw);
      const cell = (section: string, item = '') => rows.find((r) => r[2] === section && r[3] === item)?.[4];
      assert.deepEqual(rows[0], ['ปีงบประมาณ', 'ช่วงเวลา', 'หัวข้อ', 'รายการ', 'จำนวน']);
      assert.equal(rows[1]![0], String(YEAR));
      assert.equal(rows[1]![1], 'ไตรมาส 2 (ม.ค.–มี.ค.)');
      assert.equal(cell('เรื่องที่รับทั้งหมด'), '4');
      assert.equal(cell('ดำเนินการแล้วเสร็จ'), '1');
      assert.equal(cell('แยกตามลักษณะเรื่อง', 'การจัดซื้อจัดจ้าง'), '2');
      const feb = formatMonth(MONTHS[4]!);
      assert.deepEqual(['รับเรื่อง', 'ดำเนินการแล้วเสร็จ', 'อยู่ระหว่างดำเนินการ'].map((c) => cell(`แยกตามเดือนที่รับเรื่อง: ${c}`, feb)), ['4', '1', '3']);
    });

    test('the public CSV and PDF: the same numbers and the same hidden counts; an empty year says so', async () => {
      const a = t.agent();
      const csv = await a.get(`/complaints/statistics/${YEAR}.csv`);
      assert.ok(csv.raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 with a BOM');
      const rows = csvRows(csv.raw);
      const cell = (section: string, item = '') => rows.find((r) => r[2] === section && r[3] === item)?.[4];
      assert.equal(cell('เรื่องที่รับทั้งหมด'), '18');
      assert.equal(cell('แยกตามประเภทเรื่อง', 'ร้องเรียนการทุจริตและประพฤติมิชอบ'), '7');
      assert.deepEqual(['การให้บริการ', 'เรื่องอื่น ๆ', 'การเรียกรับสินบนหรือผลประโยชน์', 'การจัดซื้อจัดจ้าง'].map((c) => cell('แยกตามลักษณะเรื่อง', c)), Array(4).fill('ไม่เปิดเผย'));
      assert.equal(cell('แยกตามเดือนที่รับเรื่อง: รับเรื่อง', formatMonth(MONTHS[0]!)), '9');
      assert.equal(cell('แยกตามเดือนที่รับเรื่อง: ดำเนินการแล้วเสร็จ', formatMonth(MONTHS[0]!)), 'ไม่เปิดเผย');
      assert.ok(!rows.some((r) => r[4] === '1' || r[4] === '2'), 'no count under 3 anywhere');

      const pdf = flat(pdfText((await a.get(`/complaints/statistics/${YEAR}.pdf`)).raw, `public-${target.name}`));
      assert.ok(pdf.includes(flat(`รายงานสรุปผลสถิติเรื่องร้องเรียน ทั้งปีงบประมาณ ปีงบประมาณ พ.ศ. ${th(YEAR)}`)), 'the title');
      assert.ok(pdf.includes(flat(`เรื่องที่รับทั้งหมด ${th(18)} ดำเนินการแล้วเสร็จ ${th(11)} อยู่ระหว่างดำเนินการ ${th(7)}`)), 'the totals');
      assert.ok(pdf.includes(flat(`ร้องเรียน/ร้องทุกข์ทั่วไป ${th(11)} ร้องเรียนการทุจริตและประพฤติมิชอบ ${th(7)}`)), 'the lanes');
      assert.ok(pdf.includes(flat('การจัดซื้อจัดจ้าง ไม่เปิดเผย')), 'a hidden topic');
      assert.ok(pdf.includes(flat(`${formatMonth(MONTHS[0]!)} ${th(9)} ไม่เปิดเผย ไม่เปิดเผย`)), 'a month');
      assert.ok(pdf.includes(flat('แสดงเป็น “ไม่เปิดเผย”')), 'the note on hidden counts');

      const empty = YEAR - 3;
      const none = flat(pdfText((await a.get(`/complaints/statistics/${empty}.pdf`)).raw, `empty-${target.name}`));
      assert.ok(none.includes(flat('ไม่มีเรื่องร้องเรียนในช่วงเวลานี้')));
      const noneCsv = csvRows((await a.get(`/complaints/statistics/${empty}.csv`)).raw);
      assert.deepEqual(noneCsv[1], [String(empty), 'ทั้งปีงบประมาณ', 'ไม่มีเรื่องร้องเรียนในช่วงเวลานี้', '', '0']);
      assert.match(textOf((await a.get(`/complaints/statistics/${empty}`)).body), /ไม่มีเรื่องร้องเรียนในช่วงเวลานี้/);
    });

    test('the memo to the head of the agency (DOCX and PDF): every number, for holders of complaints.stats only', async () => {
      const docx = await signedIn.get(`/staff/complaints/statistics/${YEAR}/memo.docx`);
      assert.equal(docx.status, 200);
      assert.match(String(docx.headers['content-type']), /wordprocessingml/);
      const pdf = await signedIn.get(`/staff/complaints/statistics/${YEAR}/memo.pdf?period=h1`);
      assert.equal(pdf.status, 200);
      const word = flat(docxText(docx.raw, `memo-${target.name}`));
      assert.ok(word.includes('บันทึกข้อความ'));
      assert.ok(word.includes(flat(`ได้รับเรื่องร้องเรียนทั้งสิ้น ${th(18)} เรื่อง ดำเนินการแล้วเสร็จ ${th(11)} เรื่อง อยู่ระหว่างดำเนินการ ${th(7)} เรื่อง เป็นเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ${th(7)} เรื่อง`)), 'the lead paragraph');
      assert.ok(word.includes(flat(`การจัดซื้อจัดจ้าง${th(2)}`)) && word.includes(flat(`เรื่องอื่น ๆ${th(1)}`)), 'the table keeps the small counts: the head of the agency sees every one');
      assert.ok(!word.includes('ไม่เปิดเผย'));
      const half = flat(pdfText(pdf.raw, `memo-h1-${target.name}`));
      assert.ok(half.includes(flat(`ในช่วงครึ่งปีแรก (ต.ค.–มี.ค.) ปีงบประมาณ พ.ศ. ${th(YEAR)}`)));
      assert.ok(half.includes(flat(`ทั้งสิ้น ${th(13)} เรื่อง ดำเนินการแล้วเสร็จ ${th(8)} เรื่อง อยู่ระหว่างดำเนินการ ${th(5)} เรื่อง`)));
      assert.ok(half.includes(flat(`${formatMonth(MONTHS[4]!)} ${th(4)} ${th(1)} ${th(3)}`)), 'February in the table');

      const publisher = await staff(t.p, ['publisher'], 'stats-publisher');
      const other = t.agent();
      await other.login(publisher.username, FIXTURE_PASSWORD);
      assert.equal((await other.get(`/staff/complaints/statistics/${YEAR}/memo.docx`)).status, 403);
      assert.equal((await other.get(`/staff/complaints/statistics/${YEAR}/memo.pdf`)).status, 403);
      assert.equal((await t.agent().get(`/staff/complaints/statistics/${YEAR}/memo.pdf`)).status, 303, 'anonymous: to the sign-in page');
    });
  });
}
