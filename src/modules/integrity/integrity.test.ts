import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { bodyText, startSmtp } from '../../../test/support/smtp.ts';
import { readSeed } from '../agency/index.ts';
import { sendReminders } from './reminders.ts';
import { onPublicChange } from '../../platform/changes.ts';

interface Seed {
  ita_result: { score: number; level_th: string; level_meaning_th: string };
  issues: Array<{ no: number; title_th: string; recommendations_th: string[]; measures_th: string[]; outcomes_th: string[]; evidence_th: string[] }>;
}
const seed = readSeed<Seed>('sample-integrity-report-2567.json');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-integrity-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

/** Text as a reader meets it, without page furniture (repeated header row, page numbers) and without spaces,
 * so a sentence split over lines, cells or pages still matches. */
function flat(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/หน้า[๐-๙]+\/[๐-๙]+/g, '')
    .replace(/ประเด็นตัวชี้วัด|มาตรการ\/กิจกรรม\/โครงการ|สรุปผลการดำเนินการตามมาตรการ|ผลลัพธ์\/ความสำเร็จของการดำเนินการ|หมายเหตุ/g, '');
}

/** The PDF's text as someone reads the report table: each column down through the pages, so a cell that
 * continues on the next page reads on (pdftotext alone would interleave it with the neighbouring cells). */
function readByColumns(pdfFile: string): string {
  // -raw keeps the order in which the page was written: cell by cell, line by line
  const xml = execFileSync('pdftotext', ['-raw', '-bbox', pdfFile, '-'], { encoding: 'utf8' });
  // left edges of the five columns: margins 71/57 pt on A4, widths 3.3 : 3.3 : 3 : 3 : 1.8
  const edges = [3.3, 6.6, 9.6, 12.6].map((w) => 71 + (w / 14.4) * (595.28 - 71 - 57));
  const columns: string[][] = [[], [], [], [], []];
  for (const m of xml.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)) {
    const word = m[2]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    columns[edges.filter((e) => Number(m[1]) >= e - 1).length]!.push(word);
  }
  return columns.map((c) => c.join('\n')).join('\n');
}

/** A report at its stable address: 200 with the file itself (assessors paste this URL), the Thai name in Content-Disposition. */
async function download(a: Agent, url: string): Promise<Buffer> {
  const r = await a.get(url);
  assert.equal(r.status, 200, `${url} answers with the file itself, not a redirect`);
  if (/^\/integrity\/.*\.pdf$/.test(url)) assert.match(String(r.headers['content-disposition']), /filename\*=UTF-8''%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99/, 'a Thai file name (รายงาน…)');
  return r.raw;
}

for (const target of await dbTargets()) {
  describe(`integrity management on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      smtp = await startSmtp();
      t = await startApp(target, { env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('golden: the published 2567 report, PDF and DOCX, carries every heading, recommendation, measure and outcome of the seed', async () => {
      const a = t.agent();
      const pdf = await download(a, '/integrity/2567/report.pdf');
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const pdfFile = path.join(tmp, `report-${target.name}.pdf`);
      fs.writeFileSync(pdfFile, pdf);
      const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
      const docx = await download(a, '/integrity/2567/report.docx');
      const docxFile = path.join(tmp, `report-${target.name}.docx`);
      fs.writeFileSync(docxFile, docx);
      const xml = execFileSync('unzip', ['-p', docxFile, 'word/document.xml'], { encoding: 'utf8' });
      const docText = xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      for (const [name, text] of [['PDF', flat(readByColumns(pdfFile))], ['DOCX', flat(docText)]] as const) {
        assert.ok(text.includes(flat('รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567')), `${name}: title`);
        assert.ok(text.includes('95.31'), `${name}: score`);
        assert.ok(text.includes(flat(`“${seed.ita_result.level_th}”`)), `${name}: level`);
        assert.ok(text.includes(flat(seed.ita_result.level_meaning_th)), `${name}: meaning`);
        assert.ok(text.includes(flat('องค์การบริหารส่วนจังหวัดกาฬสินธุ์')), `${name}: agency`);
        for (const issue of seed.issues) {
          assert.ok(text.includes(flat(`${issue.no}. ${issue.title_th}`)), `${name}: heading ${issue.no}`);
          for (const s of [...issue.recommendations_th, ...issue.measures_th, ...issue.outcomes_th, ...issue.evidence_th]) assert.ok(text.includes(flat(s)), `${name}: ${s.slice(0, 50)}`);
        }
      }
      assert.ok(!raw.includes('\u200B') && !raw.includes('ดำาเนิน'), 'clean text layer');
      assert.ok(raw.includes('http://localhost:3000/documents/budget-ordinance-2567'), 'evidence URLs are written out');
      // the PDF opens, and has the pages its footer says it has
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))![1]);
      const footer = /หน้า [๐-๙]+ \/ ([๐-๙]+)/.exec(raw)![1]!.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
      assert.equal(pages, Number(footer));
      assert.ok(pages >= 5, `${pages} pages`);
      const last = raw.split('\f').map((p) => p.replace(/หน้า [๐-๙]+ \/ [๐-๙]+/, '').trim()).filter(Boolean).pop()!;
      assert.match(last, /ลงชื่อ/, 'the signature block is whole on the last page');
      assert.match(last, /วันที่ \d+/, 'with its date');
      assert.match(xml, /<w:keepNext\/>(?:(?!<\/w:p>).)*<\/w:pPr><w:r><w:t[^>]*>ลงชื่อ/s, 'Word keeps the signature lines together');
      execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '2', '-l', '2', pdfFile, path.join(tmp, `page-${target.name}`)]);
      const png = fs.readdirSync(tmp).find((f) => f.startsWith(`page-${target.name}`) && f.endsWith('.png'))!;
      assert.equal(fs.readFileSync(path.join(tmp, png)).subarray(1, 4).toString('latin1'), 'PNG');
      assert.match(xml, /<w:tblHeader\/>/);
      assert.match(execFileSync('unzip', ['-p', docxFile, 'word/styles.xml'], { encoding: 'utf8' }), /w:cs="TH Sarabun New"/);
    });

    test('public pages: the year with its result, headings and progress; a year without data says what is missing', async () => {
      const a = t.agent();
      const page = textOf((await a.get('/integrity/2567')).body);
      assert.match(page, /95\.31/);
      assert.match(page, /ผ่านดี/);
      assert.match(page, /7\. กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน/);
      assert.match(page, /รายงานประจำปี: รายงานฉบับเต็ม \(PDF\)/);
      const idx = await a.get('/integrity');
      assert.match(idx.body, /<svg viewBox="0 0 560 240" role="img"/);
      assert.match(textOf(idx.body), /2566 90\.56, 2567 95\.31/);
      const none = await a.get('/integrity/2570/report.pdf');
      assert.equal(none.status, 404);
      assert.match(textOf(none.body), /ยังขาดข้อมูลต่อไปนี้/);
      assert.match(textOf(none.body), /ผลการประเมิน ITA ของปี 2570/);
      assert.equal((await a.get('/integrity/2599')).status, 404);
      const item = textOf((await a.get('/oit/2567/O43')).body);
      assert.match(item, /รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567/);
      const csv = (await a.get('/open-data/ita-results.csv')).body;
      assert.match(csv, /2567,97\.03,92\.00,96\.50,95\.31,ผ่านดี/);
    });

    test('results: scores outside 0–100 and missing tools are refused on their fields; the total and level are computed', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/integrity/2570');
      let r = await a.post('/staff/integrity/2570/result', { iit: '101', eit: '-5', oit: '95.123' });
      assert.equal(r.status, 422);
      assert.equal(textOf(r.body).match(/คะแนนต้องอยู่ระหว่าง 0 ถึง 100/g)?.length, 6, 'three fields, each in the summary and at the field');
      r = await a.post('/staff/integrity/2570/result', { iit: '90', eit: '', oit: '80', i6: '70', i7: '80' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /กรอกคะแนนเครื่องมือนี้ หรือกรอกคะแนนตัวชี้วัดของเครื่องมือนี้ให้ครบ/);
      r = await a.post('/staff/integrity/2570/result', { iit: '90', eit: '', oit: '80', i6: '70', i7: '80', i8: '90' });
      assert.equal(r.status, 303);
      // 0.3·90 + 0.3·80 + 0.4·80 = 83.00 → needs improvement
      assert.match(textOf((await a.get(r.location!)).body), /บันทึกผลการประเมินแล้ว: 83\.00 คะแนน ระดับ ต้องปรับปรุง/);
      await a.get('/staff/integrity/2570');
      const bad = await a.postMultipart('/staff/integrity/results/import', {}, { file: { name: 'r.csv', data: Buffer.from('year,iit,eit,oit\n2565,99,abc,90\n') } });
      assert.equal(bad.status, 422);
      assert.match(textOf(bad.body), /บรรทัดที่ 2 ช่อง eit: ต้องเป็นคะแนน 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง \(พบ "abc"\)/);
      assert.equal(await t.p.db.k.selectFrom('ita_result').select('id').where('year', '=', 2565).executeTakeFirst(), undefined);
      // a good line before a bad one is not saved either: the file is checked whole, then saved in one transaction
      const later = await a.postMultipart('/staff/integrity/results/import', {}, { file: { name: 'r.csv', data: Buffer.from('year,iit,eit,oit,i1\n2563,96,95,97,\n2564,96,,97,\n') } });
      assert.equal(later.status, 422);
      assert.match(textOf(later.body), /บรรทัดที่ 3 ช่อง eit: ไม่มีคะแนนเครื่องมือ/);
      assert.equal(await t.p.db.k.selectFrom('ita_result').select('id').where('year', 'in', [2563, 2564]).executeTakeFirst(), undefined, 'the good line 2 was not saved');
      const ok = await a.postMultipart('/staff/integrity/results/import', {}, { file: { name: 'r.csv', data: Buffer.from('\uFEFFyear,iit,eit,oit\n2565,96,95.5,97\n') } });
      assert.equal(ok.status, 303);
      const row = await t.p.db.k.selectFrom('ita_result').selectAll().where('year', '=', 2565).executeTakeFirstOrThrow();
      assert.equal(row.total, 9625);
      assert.equal(row.level_th, 'ผ่านดีเยี่ยม');
    });

    test('a heading, a recommendation, a measure with its rules, progress, evidence; the report shows it', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/integrity/2570');
      let r = await a.post('/staff/integrity/2570/headings', { no: '1', title_th: 'ซ้ำ', title_en: '', indicators: '', oit_codes: '', remarks: '' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ลำดับประเด็นนี้มีอยู่แล้วในปีนี้/);
      r = await a.post('/staff/integrity/2570/headings', { no: '8', title_th: 'การเปิดเผยข้อมูลผ่านแพลตฟอร์มดิจิทัล', title_en: '', indicators: '7, 9, 11', oit_codes: 'O1', remarks: '' });
      assert.equal(r.status, 422, 'indicator 11 does not exist');
      r = await a.post('/staff/integrity/2570/headings', { no: '8', title_th: 'การเปิดเผยข้อมูลผ่านแพลตฟอร์มดิจิทัล', title_en: '', indicators: '7, 9', oit_codes: 'O1 O4', remarks: '' });
      assert.equal(r.status, 303);
      const hid = Number(/headings\/(\d+)/.exec(r.location!)![1]);
      await a.get(r.location!);
      await a.post(`/staff/integrity/headings/${hid}/recommendations`, { text_th: 'หน่วยงานควรเผยแพร่ข้อมูลในรูปแบบข้อมูลเปิด' });
      await a.get(`/staff/integrity/headings/${hid}/measures/new`);
      const m = { kind: 'project', title_th: 'โครงการเปิดเผยข้อมูลจัดซื้อจัดจ้างเป็นข้อมูลเปิด', recommendation_id: '', owner_division_id: '', owner_name: '', owner_email: '', start_date: '2026-12-01', due_date: '2026-11-01', steps: '', budget: '1,250.50', status: 'planned', percent: '0', summary: '', remarks: '' };
      r = await a.post(`/staff/integrity/headings/${hid}/measures/new`, m);
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ระบุผู้รับผิดชอบหรือหน่วยงานรับผิดชอบ/);
      assert.match(textOf(r.body), /วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น/);
      r = await a.post(`/staff/integrity/headings/${hid}/measures/new`, { ...m, owner_name: 'นางสาวจัดซื้อ โปร่งใส', due_date: '2027-03-31', budget: '1,2,3' });
      assert.match(textOf(r.body), /จำนวนเงินไม่ถูกต้อง/);
      r = await a.post(`/staff/integrity/headings/${hid}/measures/new`, { ...m, owner_name: 'นางสาวจัดซื้อ โปร่งใส', due_date: '2027-03-31' });
      assert.equal(r.status, 303);
      const mid = Number(/measures\/(\d+)/.exec(r.location!)![1]);
      const saved = await t.p.db.k.selectFrom('integrity_measure').selectAll().where('id', '=', mid).executeTakeFirstOrThrow();
      assert.equal(Number(saved.budget_satang), 125050);
      await a.get(`/staff/integrity/measures/${mid}`);
      r = await a.post(`/staff/integrity/measures/${mid}/milestones`, { day: '2026-12-10', note: 'ประชุมคณะทำงานครั้งที่ 1', percent: '30' });
      assert.equal(r.status, 303);
      let page = textOf((await a.get(`/staff/integrity/measures/${mid}`)).body);
      assert.match(page, /10 ธันวาคม 2569 — ประชุมคณะทำงานครั้งที่ 1 \(30%\)/);
      assert.equal((await t.p.db.k.selectFrom('integrity_measure').select('status').where('id', '=', mid).executeTakeFirstOrThrow()).status, 'in_progress');
      r = await a.post(`/staff/integrity/measures/${mid}`, { ...m, owner_name: 'นางสาวจัดซื้อ โปร่งใส', due_date: '2027-03-31', status: 'done', percent: '30', summary: 'เผยแพร่ชุดข้อมูลจัดซื้อจัดจ้างรายเดือนเป็น CSV แล้ว' });
      assert.equal(r.status, 303);
      assert.equal((await t.p.db.k.selectFrom('integrity_measure').select('percent').where('id', '=', mid).executeTakeFirstOrThrow()).percent, 100);
      await a.get(`/staff/integrity/headings/${hid}`);
      r = await a.post(`/staff/integrity/headings/${hid}/evidence`, { title: 'ชุดข้อมูล', content_id: '', oit_ref: '2567-O1', url: '' });
      assert.match(textOf(r.body), /รูปแบบไม่ถูกต้อง ใช้ ปี\/ข้อ/);
      r = await a.post(`/staff/integrity/headings/${hid}/evidence`, { title: 'ชุดข้อมูล', content_id: '', oit_ref: '', url: '' });
      assert.match(textOf(r.body), /เลือกเอกสาร ระบุข้อ OIT หรือกรอกที่อยู่เว็บ/);
      r = await a.post(`/staff/integrity/headings/${hid}/evidence`, { title: 'หน้าข้อมูลเปิดของหน่วยงาน', content_id: '', oit_ref: '2568/O4', url: '' });
      assert.equal(r.status, 303);
      await a.post(`/staff/integrity/headings/${hid}/outcomes`, { outcome: 'ประชาชนดาวน์โหลดข้อมูลจัดซื้อจัดจ้างได้ทุกเดือน' });
      // FY 2570 has a result now (recorded above), so its report can be made
      const pdf = await download(a, '/staff/integrity/2570/report/annual.pdf');
      const file = path.join(tmp, `mine-${target.name}.pdf`);
      fs.writeFileSync(file, pdf);
      const text = flat(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
      for (const s of ['8. การเปิดเผยข้อมูลผ่านแพลตฟอร์มดิจิทัล', 'โครงการเปิดเผยข้อมูลจัดซื้อจัดจ้างเป็นข้อมูลเปิด', 'เผยแพร่ชุดข้อมูลจัดซื้อจัดจ้างรายเดือนเป็น CSV แล้ว', 'ประชาชนดาวน์โหลดข้อมูลจัดซื้อจัดจ้างได้ทุกเดือน', 'http://localhost:3000/oit/2568/O4', '83.00', 'ต้องปรับปรุง']) assert.ok(text.includes(flat(s)), s);
      page = textOf((await a.get('/staff/integrity/2570')).body);
      assert.match(page, /โครงการเปิดเผยข้อมูลจัดซื้อจัดจ้างเป็นข้อมูลเปิด ดำเนินการแล้ว/);
    });

    test('a report for a year with no data is a Thai page listing what is missing; only the head may publish', async () => {
      const a = t.agent();
      await a.login('integrity');
      const r = await a.get('/staff/integrity/2575/report/annual.pdf');
      assert.equal(r.status, 422);
      assert.match(String(r.headers['content-type']), /text\/html/);
      const text = textOf(r.body);
      assert.match(text, /ผลการประเมิน ITA ของปี 2575/);
      assert.match(text, /ประเด็นข้อเสนอแนะของผู้ประเมินปี 2575/);
      assert.equal((await a.post('/staff/integrity/2567/report/annual/publish', {})).status, 403);
      const boss = t.agent();
      await boss.login('executive');
      await boss.get('/staff/integrity/2567');
      const told: number[] = [];
      const stop = onPublicChange((id) => told.push(id));
      const pub = await boss.post('/staff/integrity/2567/report/six_month/publish', {});
      stop();
      assert.equal(pub.status, 303);
      assert.ok(told.length >= 1, 'a published report is OIT evidence: public pages and the page cache are told');
      const events = await t.p.db.k.selectFrom('audit_event').select('actor_label').where('action', '=', 'integrity.report.publish').where('target_id', '=', '2567/six_month').orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.actor_label), ['demo', 'executive']);
      const six = await download(t.agent(), '/integrity/2567/report-6-months.pdf');
      const file = path.join(tmp, `six-${target.name}.pdf`);
      fs.writeFileSync(file, six);
      assert.match(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), /รอบ 6 เดือน/);
    });

    test('the analysis of last year is drafted from the scores: indicators under 85 and the recommendations', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/integrity/2568');
      const r = await a.post('/staff/integrity/2568/analysis', {});
      assert.equal(r.status, 303);
      const id = Number(/content\/(\d+)/.exec(r.location!)![1]);
      const c = await t.p.db.k.selectFrom('content').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(c.status, 'draft');
      assert.equal(c.fiscal_year, 2568);
      assert.equal(c.is_signoff_required, true);
      assert.match(c.body_th, /ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร ได้ 84\.25 คะแนน/);
      assert.doesNotMatch(c.body_th, /ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน ได้/);
      assert.match(c.body_th, /ข้อเสนอแนะ: หน่วยงานควรเผยแพร่ช่องทางการบริการของหน่วยงาน ผ่านช่องทางออนไลน์/);
      assert.match(c.body_th, /กำหนดเสร็จ 30 กันยายน 2567\)/, 'Thai dates in the draft');
      const none = await a.post('/staff/integrity/2560/analysis', {});
      assert.equal(none.status, 422);
      assert.match(textOf(none.body), /ยังไม่มีผลการประเมิน ITA ปี 2559 สำหรับใช้วิเคราะห์/);
    });

    test('risk register with its matrix, the action plan and ethics; their reports become draft documents with a PDF', async () => {
      const a = t.agent();
      await a.login('integrity');
      const page = await a.get('/staff/integrity/2570/risks');
      assert.match(page.body, /<caption id="matrix-title">แผนภูมิความเสี่ยง/);
      let r = await a.post('/staff/integrity/2570/risks', { process: 'bribery', title_th: '', likelihood: '6', impact: '0', controls: '', mitigation: '', owner_name: '', due_date: '', follow_up: '', status: 'open' });
      assert.equal(r.status, 422);
      assert.equal(textOf(r.body).match(/ค่าที่เลือกไม่อยู่ในรายการ/g)!.length >= 3, true);
      r = await a.post('/staff/integrity/2570/risks', { process: 'personnel', title_th: 'การเรียกรับเงินเพื่อการแต่งตั้งโยกย้าย', likelihood: '4', impact: '5', controls: 'คณะกรรมการพิจารณา', mitigation: 'ประกาศหลักเกณฑ์ล่วงหน้า', owner_name: 'ผู้อำนวยการกองการเจ้าหน้าที่', due_date: '2027-06-30', follow_up: '', status: 'open' });
      assert.equal(r.status, 303);
      const list = textOf((await a.get('/staff/integrity/2570/risks')).body);
      assert.match(list, /การเรียกรับเงินเพื่อการแต่งตั้งโยกย้าย สูงมาก \(4×5\)/);
      r = await a.post('/staff/integrity/2570/risks/report', { period: 'six_month' });
      assert.equal(r.status, 303);
      const doc = await t.p.db.k.selectFrom('content').selectAll().where('id', '=', Number(/content\/(\d+)/.exec(r.location!)![1])).executeTakeFirstOrThrow();
      assert.equal(doc.title_th, 'รายงานผลการบริหารจัดการความเสี่ยงการทุจริต รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570');
      assert.equal(doc.category, 'risk');
      const att = await t.p.db.k.selectFrom('content_attachment').innerJoin('file', 'file.id', 'content_attachment.file_id').select(['file.ext']).where('content_attachment.content_id', '=', doc.id).execute();
      assert.deepEqual(att.map((x) => x.ext), ['pdf']);
      r = await a.post('/staff/integrity/2570/projects', { title_th: 'โครงการสุจริตทั้งองค์กร', objective: '', target: '', budget: '50,000', spent: '', owner_name: '', percent: '150', result: '' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ต้องไม่เกิน 100/);
      r = await a.post('/staff/integrity/2570/projects', { title_th: 'โครงการสุจริตทั้งองค์กร', objective: '', target: '', budget: '50,000', spent: '12,500.25', owner_name: '', percent: '25', result: '' });
      assert.equal(r.status, 303);
      assert.match(textOf((await a.get('/staff/integrity/2570/projects')).body), /โครงการสุจริตทั้งองค์กร 50,000\.00 12,500\.25 25%/);
      r = await a.post('/staff/integrity/2570/projects/report', { period: 'yearly' });
      assert.equal(r.status, 422, 'an unknown period is refused, not guessed');
      r = await a.post('/staff/integrity/2570/projects/report', { period: 'annual' });
      assert.equal(r.status, 303);
      r = await a.post('/staff/integrity/2570/ethics', { kind: 'assessment', title_th: 'ประเมินจริยธรรม ปี 2570', day: '2027-02-30', participants: '', result: '' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ไม่มีวันที่ 30 ในเดือนกุมภาพันธ์ พ.ศ. 2570/);
      r = await a.post('/staff/integrity/2570/ethics/report', {});
      assert.equal(r.status, 303);
    });

    test('the executive overview lists overdue measures; reminders go out once, by real SMTP', async () => {
      const boss = t.agent();
      await boss.login('executive');
      const dash = textOf((await boss.get('/staff/integrity')).body);
      assert.match(dash, /ประชุมชี้แจงแผนการใช้จ่ายงบประมาณประจำปี 2570 แก่บุคลากรทุกกอง กำลังดำเนินการ เลยกำหนด/);
      const m = await t.p.db.k.selectFrom('integrity_measure').select('id').where('title_th', 'like', 'ตรวจสอบวัสดุและครุภัณฑ์%').executeTakeFirstOrThrow();
      await t.p.db.k.updateTable('integrity_measure').set({ owner_email: 'asset-owner@kalasin-pao.example', due_date: '2026-12-01' }).where('id', '=', m.id).execute();
      const o = await t.p.db.k.selectFrom('integrity_measure').select('id').where('title_th', 'like', 'ประชุมชี้แจงแผน%2570%').executeTakeFirstOrThrow();
      await t.p.db.k.updateTable('integrity_measure').set({ owner_email: 'plan-owner@kalasin-pao.example' }).where('id', '=', o.id).execute();
      const before = smtp.messages.length;
      assert.deepEqual(await sendReminders(t.p, '2026-11-26'), { sent: 2 });
      assert.deepEqual(await sendReminders(t.p, '2026-11-26'), { sent: 0 }, 'not twice');
      const mails = smtp.messages.slice(before);
      const soon = mails.find((x) => x.to.includes('asset-owner@kalasin-pao.example'))!;
      assert.match(bodyText(soon.raw), /ครบกำหนดวันที่ 1 ธันวาคม 2569/);
      const late = mails.find((x) => x.to.includes('plan-owner@kalasin-pao.example'))!;
      assert.match(bodyText(late.raw), /เลยกำหนดวันที่ 15 พฤศจิกายน 2569 แล้ว/);
    });

    test('rules are data per year: weights and thresholds are validated, and results that use them are recomputed', async () => {
      const a = t.agent();
      await a.login('integrity');
      const page = await a.get('/staff/integrity/2569');
      assert.match(page.body, /id="f-rules-w_iit"[^>]*value="30"/);
      const rules = { w_iit: '40', w_eit: '30', w_oit: '30', l0_total: '95', l0_each: '95', l1_total: '85', l1_each: '85', l2_total: '85', l2_each: '', l3_total: '70', l3_each: '', l4_total: '0', l4_each: '' };
      let r = await a.post('/staff/integrity/2569/rules', { ...rules, w_oit: '40' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /น้ำหนักของสามเครื่องมือต้องรวมกันได้ 100/);
      assert.match(r.body, /href="#f-rules-w_iit"/);
      r = await a.post('/staff/integrity/2569/rules', { ...rules, l1_total: '96' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ผ่านดี: คะแนนรวมขั้นต่ำ: เกณฑ์ของระดับนี้ต้องไม่สูงกว่าระดับที่อยู่เหนือขึ้นไป/);
      r = await a.post('/staff/integrity/2569/rules', { ...rules, l3_total: '' });
      assert.equal(r.status, 422);
      r = await a.post('/staff/integrity/2569/rules', rules);
      assert.equal(r.status, 303);
      // 2569 and 2570 (which has no rules of its own) are recomputed; 2568 keeps its rules
      assert.match(textOf((await a.get(r.location!)).body), /บันทึกเกณฑ์ปี 2569 แล้ว คำนวณผลการประเมินใหม่ 2 ปี/);
      const rows = await t.p.db.k.selectFrom('ita_result').select(['year', 'total', 'level_th']).where('year', 'in', [2568, 2569, 2570]).orderBy('year').execute();
      // 2569: 0.4·96.80 + 0.3·93.60 + 0.3·95.00 = 95.30; 2570: 0.4·90 + 0.3·80 + 0.3·80 = 84.00
      assert.deepEqual(rows.map((x) => [x.year, x.total, x.level_th]), [[2568, 9645, 'ผ่านดี'], [2569, 9530, 'ผ่านดี'], [2570, 8400, 'ต้องปรับปรุง']]);
      assert.match(textOf((await a.get('/staff/integrity/2570')).body), /น้ำหนัก IIT 40% · EIT 30% · OIT 30%/);
      const exec = t.agent();
      await exec.login('executive');
      await exec.get('/staff/integrity/2569');
      assert.equal((await exec.post('/staff/integrity/2569/rules', rules)).status, 403);
    });
  });
}

// The ITA overview (issue "Daily use", item 8): a card per assessment year, and a chart that is honest and readable.
for (const target of await dbTargets()) {
  describe(`the ITA overview on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    /** Each card of /integrity as its year and the text and HTML inside it. */
    const cardsOf = (html: string) =>
      new Map(html.split('<li class="card">').slice(1).map((c) => {
        const body = c.split('</li>')[0]!;
        return [Number(/\/integrity\/(\d{4})"/.exec(body)![1]), { text: textOf(body).trim(), html: body }] as const;
      }));

    test('one card per assessment year: score, level and whether the yearly report is published; a year without a result says so', async () => {
      const r = await t.agent().get('/integrity');
      assert.equal(r.status, 200);
      const cards = cardsOf(r.body);
      assert.deepEqual([...cards.keys()], [2570, 2569, 2568, 2567, 2566], 'newest first, every year with data');
      const y2567 = cards.get(2567)!;
      assert.match(y2567.text, /ปีงบประมาณ พ\.ศ\. 2567/);
      assert.match(y2567.text, /คะแนนรวม 95\.31 จาก 100 คะแนน/);
      assert.match(y2567.text, /ระดับผลการประเมิน ผ่านดี/);
      assert.match(y2567.text, /รายงานประจำปี เผยแพร่แล้ว เมื่อ/);
      assert.match(y2567.html, /<a href="\/integrity\/2567\/report\.pdf">รายงานประจำปี 2567 \(PDF\)<\/a>/);
      assert.match(y2567.html, /<a href="\/integrity\/2567\/report\.docx">/);
      assert.match(y2567.html, /<a href="\/integrity\/2567\/report-6-months\.pdf">/);
      assert.equal((await t.agent().get('/integrity/2567/report.pdf')).status, 200, 'the link answers with the report');
      const y2569 = cards.get(2569)!;
      assert.match(y2569.text, /คะแนนรวม 95\.12 จาก 100 คะแนน/);
      assert.match(y2569.html, /<a href="\/integrity\/2569\/report\.pdf">/, 'the demo publishes the 2569 report too');
      const y2566 = cards.get(2566)!;
      assert.match(y2566.text, /คะแนนรวม 90\.56 จาก 100 คะแนน/);
      assert.match(y2566.text, /รายงานประจำปี ยังไม่เผยแพร่/);
      assert.doesNotMatch(y2566.html, /report\.pdf/, 'no link to a report that is not published');
      const y2570 = cards.get(2570)!;
      assert.match(y2570.text, /ยังไม่มีผลการประเมินของปีนี้/);
      assert.doesNotMatch(y2570.text, /คะแนนรวม/);
      assert.match(y2570.html, /<a href="\/integrity\/2570">/);
      const a = t.agent();
      await a.get('/lang/en');
      const en = cardsOf((await a.get('/integrity')).body);
      assert.match(en.get(2567)!.text, /Total score 95\.31 out of 100 Level Pass, good Annual report published on/);
      assert.match(en.get(2570)!.text, /There is no assessment result for this year yet/);
    });

    test('the score chart starts its axis at 0, labels the pass mark, and has a text alternative', async () => {
      const html = (await t.agent().get('/integrity')).body;
      const svg = /<svg [^>]*role="img"[\s\S]*?<\/svg>/.exec(html)![0];
      // a text alternative: the image is named by its title and described by every year's score
      assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="chart-title chart-desc"/);
      assert.match(svg, /<title id="chart-title">ผลการประเมิน ITA รายปี<\/title>/);
      const desc = /<desc id="chart-desc">([^<]*)<\/desc>/.exec(svg)![1]!;
      assert.match(desc, /2566 90\.56, 2567 95\.31, 2568 96\.45, 2569 95\.12/);
      assert.match(desc, /เกณฑ์ผ่าน 85 คะแนน/);
      assert.match(desc, /แกนคะแนนเริ่มที่ 0/);
      // the pass mark is labelled on the chart itself
      assert.match(svg, /<text [^>]*>เกณฑ์ผ่าน 85 คะแนน<\/text>/);
      // the axis starts at 0: its lowest tick is 0, and bar heights are proportional to the scores
      const ticks = [...svg.matchAll(/<text [^>]*text-anchor="end"[^>]*>(\d+)<\/text>/g)].map((m) => Number(m[1]));
      assert.equal(Math.min(...ticks), 0);
      const bars = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map((m) => ({ y: Number(m[1]), h: Number(m[2]) }));
      assert.equal(bars.length, 4);
      const base = bars[0]!.y + bars[0]!.h;
      const full = bars[0]!.h / 0.9056; // the height of a score of 100
      for (const [i, score] of [90.56, 95.31, 96.45, 95.12].entries()) {
        assert.ok(Math.abs(bars[i]!.y + bars[i]!.h - base) < 0.01, 'bars stand on one base line');
        assert.ok(Math.abs(bars[i]!.h - (full * score) / 100) < 0.5, `bar ${i} is ${score}% of the full height`);
      }
      // the same figures as a table, and a visible caption that says what the line is
      assert.match(textOf(html), /ดูตัวเลขของแผนภูมิเป็นตาราง ปีการประเมิน คะแนนรวม ระดับผลการประเมิน 2566 90\.56 ผ่านดี 2567 95\.31 ผ่านดี/);
      assert.match(textOf(html), /เส้นประสีแดงคือเกณฑ์ผ่าน 85 คะแนน แกนคะแนนเริ่มที่ 0/);
      const a = t.agent();
      await a.get('/lang/en');
      const en = (await a.get('/integrity')).body;
      assert.match(en, /<text [^>]*>Pass mark 85<\/text>/);
      assert.match(textOf(en), /the score axis starts at 0/);
    });
  });
}
