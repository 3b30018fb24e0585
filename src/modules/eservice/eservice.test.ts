// E-Service through its real pages, on both databases: the catalogue and a manual (page, PDF, DOCX), a request with
// every kind of bad input kept on the form in Thai, the confirmation and tracking (an unknown code gets a helpful
// page), the officer's workflow through every step with the requester answering a question, a rejection with its
// reason, the mails over a real SMTP server, the rating, the statistics counting it (page and CSV), role checks,
// the throttle, the check-then-write paths run concurrently, the national ID masked on tracking, a phone request
// counted, and what the user guide (PDF, DOCX) says.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dbTargets } from '../../../test/support/db.ts';
import { pdfInfo, pdfText, unmarkedThai } from '../../../test/support/html.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { bodyText, startSmtp } from '../../../test/support/smtp.ts';
import { evidenceProvider } from '../../platform/evidence.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import type { Block } from '../../platform/documents/index.ts';
import type { SiteInfo } from '../../platform/views/ctx.ts';
import { demoNationalId } from './demo.ts';
import { posterDoc } from './docs.ts';
import { sendOverdueAlerts } from './jobs.ts';
import { SUBMIT_PER_48_HOUR } from './routes-public.tsx';

const flat = (s: string) => s.replace(/[\s\u200b]+/g, '');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The message on a form's field (its error element, id="f-{name}-error"), as text. */
const fieldError = (html: string, name: string) => {
  const m = new RegExp(`id="f-${name}-error"[^>]*>([\\s\\S]*?)</p>`).exec(html);
  return m ? textOf(m[1]!).trim() : undefined;
};

/** A valid road-repair request from the web form. */
const roadRepair = (over: Record<string, string> = {}) => ({
  f_road: 'ถนนสาย กส.ถ 1-0099 ทดสอบ', f_place: 'หน้าศาลาประชาคม', f_problem: '1', f_detail: 'หลุมลึกประมาณ 20 เซนติเมตร',
  name: 'นางสาวผู้ยื่น ทดสอบลับ', phone: '081 234 5678', email: 'citizen@example.test', consent: 'on', ...over,
});

/** The cells of the equal-service table's row of a service, as text (service, total, then one per channel …). */
function equalityRow(html: string, name: string): string[] {
  const row = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).find((r) => r.includes(name));
  assert.ok(row, `a row for ${name}`);
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!).trim());
}

/** The text of a DOCX's body (word/document.xml), tags removed. */
function docxText(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eservice-docx-'));
  try {
    fs.writeFileSync(path.join(dir, 'g.docx'), bytes);
    return execFileSync('unzip', ['-p', path.join(dir, 'g.docx'), 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const codeOf = (html: string) => /<strong class="receipt code">([0-9A-Z-]{14})<\/strong>/.exec(html)?.[1];
const idOf = async (t: TestApp, number: string) => {
  const [fy, seq] = number.split('-').map(Number);
  return (await t.p.db.k.selectFrom('eservice_request').select('id').where('fiscal_year', '=', fy!).where('seq', '=', seq!).executeTakeFirstOrThrow()).id;
};

async function submit(a: Agent, slug: string, fields: Record<string, string>) {
  await a.get(`/e-service/${slug}/request`);
  return a.post(`/e-service/${slug}/request`, fields);
}

for (const target of await dbTargets()) {
  describe(`E-Service on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      smtp = await startSmtp();
      t = await startApp(target, { env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } });
      await t.p.db.k.updateTable('app_user').set({ email: 'officer@kalasin-pao.example' }).where('username', '=', 'service').execute();
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('the catalogue lists the eight demo services; a manual has every heading, says "none" and "no fee", and prints as PDF and DOCX', async () => {
      const a = t.agent();
      const cat = await a.get('/e-service');
      assert.equal(cat.status, 200);
      for (const slug of ['water-truck', 'venue-booking', 'borrow-equipment', 'official-information', 'road-repair', 'elderly-allowance', 'building-permit-advice', 'service-complaint']) {
        assert.match(cat.body, new RegExp(`href="/e-service/${slug}"`), slug);
      }
      const home = await a.get('/');
      assert.match(home.body, /id="home-eservice"/, 'a section on the home page');
      assert.match(home.body, /href="\/e-service\/water-truck"/);
      const page = await a.get('/e-service/water-truck');
      assert.equal(page.status, 200);
      const text = textOf(page.body);
      for (const h of ['หน่วยงานที่รับผิดชอบ', 'หลักเกณฑ์และกฎหมายที่เกี่ยวข้อง', 'ช่องทางการให้บริการและเวลาเปิดให้บริการ', 'หลักเกณฑ์ วิธีการ และเงื่อนไขในการยื่นคำขอ', 'ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ', 'รายการเอกสารหลักฐานประกอบ', 'ค่าธรรมเนียม', 'ช่องทางการร้องเรียน', 'ตัวอย่างแบบฟอร์ม']) assert.ok(text.includes(h), h);
      assert.match(text, /ไม่ต้องใช้เอกสารประกอบ/, 'no documents, said so');
      assert.match(text, /ไม่มีค่าธรรมเนียม/, 'no fee, said so');
      assert.match(text, /ขั้นตอนการให้บริการ รวมระยะเวลา 4 วัน/, 'the total time of its steps (1 + 1 + 2 days)');
      assert.match(text, /สำนักปลัดองค์การบริหารส่วนจังหวัด/, 'the responsible unit');
      const venue = textOf((await a.get('/e-service/venue-booking')).body);
      assert.match(venue, /หอประชุม วันละ 3,000 บาท/);
      assert.doesNotMatch(venue, /ไม่มีค่าธรรมเนียม/);

      const pdf = await a.get('/e-service/water-truck/manual.pdf');
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const pt = flat(pdfText(pdf.raw));
      for (const w of ['คู่มือสำหรับประชาชน', 'ขอรับการสนับสนุนน้ำอุปโภคบริโภค', 'ไม่ต้องใช้เอกสารประกอบ', 'ไม่มีค่าธรรมเนียม', 'ตรวจสอบคำขอและสภาพพื้นที่']) assert.ok(pt.includes(flat(w)), `the PDF says ${w}`);
      const docx = await a.get('/e-service/water-truck/manual.docx');
      assert.equal(docx.status, 200);
      assert.equal(docx.raw.subarray(0, 2).toString(), 'PK');
      for (const u of ['/e-service/water-truck/summary.pdf', '/e-service/water-truck/form.pdf', '/e-service/guide.pdf', '/e-service/poster.pdf']) {
        const r = await a.get(u);
        assert.equal(r.status, 200, u);
        assert.equal(r.raw.subarray(0, 5).toString(), '%PDF-', u);
      }
      assert.ok(flat(pdfText((await a.get('/e-service/poster.pdf')).raw)).includes(flat('ช่องทางการให้บริการ')));
      assert.equal((await a.get('/e-service/guide.docx')).raw.subarray(0, 2).toString(), 'PK');
      // the leaflet summary is one page for every service; the poster one A4 page with its three QR codes
      for (const slug of ['water-truck', 'venue-booking', 'borrow-equipment', 'official-information', 'road-repair', 'elderly-allowance', 'building-permit-advice', 'service-complaint']) {
        assert.match(pdfInfo((await a.get(`/e-service/${slug}/summary.pdf`)).raw), /^Pages:\s+1$/m, `${slug}: one page`);
      }
      const posterInfo = pdfInfo((await a.get('/e-service/poster.pdf')).raw);
      assert.match(posterInfo, /^Pages:\s+1$/m);
      assert.match(posterInfo, /^Page size:\s+595\.\d* x 841\.\d*|^Page size:\s+595\.\d* x 842/m, 'A4');
      const qrs = (function walk(blocks: Block[]): string[] {
        return blocks.flatMap((b) => (b.kind === 'qr' ? [b.value] : b.kind === 'table' ? b.rows.flat().flatMap((c) => (typeof c === 'object' && 'blocks' in c ? walk(c.blocks) : [])) : b.kind === 'keep' ? walk(b.blocks) : []));
      })(posterDoc({ name: 'อบจ.ทดสอบ', address: '', hours: '', phone: '', email: '', channels: [] } as unknown as SiteInfo, 'https://pao.example', []).blocks);
      assert.deepEqual(qrs, ['https://pao.example/e-service', 'https://pao.example/e-service/track', 'https://pao.example/complaints']);

      for (const bad of ['/e-service/Water-Truck', '/e-service/no-such-service', '/e-service/%E0%B8%81', '/e-service/no-such-service/request', '/e-service/x/manual.pdf']) assert.equal((await a.get(bad)).status, 404, bad);
    });

    test('bad input: every field gets its message in Thai on the form, with what was typed kept; files are checked by content', async () => {
      const a = t.agent();
      const empty = await submit(a, 'borrow-equipment', { name: '', f_items: '9', f_quantity: 'สิบ', f_national_id: '1234567890123', phone: '12345', email: 'not-an-email', f_use_from_day: '', f_use_place: '' });
      assert.equal(empty.status, 422);
      // each message sits on its own field (its error element), in Thai
      const onField: Record<string, RegExp> = {
        name: /^จำเป็นต้องกรอกช่องนี้$/, f_quantity: /^กรุณากรอกเป็นตัวเลข$/, email: /^รูปแบบอีเมลไม่ถูกต้อง เช่น name@example\.go\.th$/, f_use_place: /^จำเป็นต้องกรอกช่องนี้$/,
        f_items: /ค่าที่เลือกไม่อยู่ในรายการ/, f_national_id: /^เลขประจำตัวประชาชนไม่ถูกต้อง/, phone: /^หมายเลขโทรศัพท์ไม่ถูกต้อง/, consent: /^โปรดยืนยันความยินยอม$/,
      };
      for (const [field, message] of Object.entries(onField)) assert.match(fieldError(empty.body, field) ?? '(no message on the field)', message, field);
      assert.match(empty.body, /value="1234567890123"/, 'what was typed is kept');
      assert.match(empty.body, /value="สิบ"/);
      assert.equal(await t.p.db.k.selectFrom('eservice_request').select((eb) => eb.fn.countAll().as('n')).where('requester_name', '=', '').executeTakeFirst().then((r) => Number(r?.n)), 0);

      // a "picture" that is not one: refused by its content, on the field
      await a.get('/e-service/road-repair/request');
      const fake = await a.postMultipart('/e-service/road-repair/request', roadRepair(), { f_photo: { name: 'photo.png', data: Buffer.from('MZ this is not an image'), type: 'image/png' } });
      assert.equal(fake.status, 422);
      assert.match(fake.body, /id="f-f_photo-error"/, 'the message sits on the file field');

      // a date typed in the Thai date input: Thai month name, B.E. year, Thai digits; an impossible day is refused on its field
      const dates = t.agent();
      dates.ip = '10.1.0.9';
      const base = { f_national_id: demoNationalId(901), f_home: 'บ้านโนนสูง หมู่ 3', f_pay_by: '1', name: 'นางทดสอบ วันเกิด', consent: 'on' };
      const impossible = await submit(dates, 'elderly-allowance', { ...base, 'f_born_on-day': '31', 'f_born_on-month': 'ก.พ.', 'f_born_on-year': '2508' });
      assert.equal(impossible.status, 422);
      assert.match(impossible.body, /id="f-f_born_on-error"/);
      const ok = await submit(dates, 'elderly-allowance', { ...base, 'f_born_on-day': '๑๔', 'f_born_on-month': 'มีนาคม', 'f_born_on-year': '2508' });
      assert.equal(ok.status, 200, textOf(ok.body).slice(0, 300));
      const stored = await t.p.db.k.selectFrom('eservice_request').select('answers').where('requester_name', '=', 'นางทดสอบ วันเกิด').executeTakeFirstOrThrow();
      assert.ok((JSON.parse(stored.answers) as Array<{ key: string; value: string }>).some((x) => x.key === 'born_on' && x.value === '1965-03-14'), 'stored as the C.E. day');
      assert.match(textOf((await dates.get(`/e-service/track?code=${codeOf(ok.body)}`)).body), /14 มี\.ค\. 2508|14 มีนาคม 2508/, 'shown in B.E.');

      // the English page gives the same messages in English
      const en = t.agent();
      en.ip = '10.1.0.8';
      en.cookies.set('lang', 'en');
      const english = await submit(en, 'borrow-equipment', { name: '', f_national_id: '1234567890123', phone: '12345' });
      assert.equal(english.status, 422);
      assert.match(textOf(english.body), /This national ID number is not valid/);
      assert.match(textOf(english.body), /Not a phone number/);
      assert.match(textOf(english.body), /Please give your consent/);
    });

    test('a citizen requests, gets a code, tracks; an officer moves it through every step; mails tell the requester; they rate; the statistics count it', async () => {
      const citizen = t.agent();
      citizen.ip = '10.1.0.1';
      smtp.messages.length = 0;
      const before = await t.p.db.k.selectFrom('eservice_request').innerJoin('eservice_service', 'eservice_service.id', 'eservice_request.service_id').select((eb) => eb.fn.countAll().as('n')).where('eservice_service.slug', '=', 'road-repair').where('fiscal_year', '=', fiscalYear()).executeTakeFirst();
      await citizen.get('/e-service/road-repair/request');
      const sent = await citizen.postMultipart('/e-service/road-repair/request', roadRepair(), { f_photo: { name: 'หลุม.png', data: PNG, type: 'image/png' } });
      assert.equal(sent.status, 200, textOf(sent.body).slice(0, 400));
      const code = codeOf(sent.body)!;
      assert.ok(code, 'the confirmation shows the tracking code');
      assert.match(sent.body, new RegExp(`href="/e-service/track\\?code=${code}"`));
      const number = /เลขที่คำขอ (\d{4}-\d{4})/.exec(textOf(sent.body))![1]!;
      const id = await idOf(t, number);

      const track = await citizen.get(`/e-service/track?code=${code.toLowerCase().replace(/-/g, ' ')}`);
      assert.equal(track.status, 200);
      let tt = textOf(track.body);
      assert.match(tt, /ได้รับคำขอแล้ว/);
      assert.match(tt, /ขั้นตอนปัจจุบัน ตรวจสอบพื้นที่/);
      assert.match(tt, /ตามคู่มือ/);

      const officer = t.agent();
      await officer.login('service');
      const queue = await officer.get('/staff/e-service');
      assert.equal(queue.status, 200);
      assert.match(queue.body, new RegExp(`/staff/e-service/requests/${id}`));
      const act = async (what: string, fields: Record<string, string> = {}) => {
        const page = await officer.get(`/staff/e-service/requests/${id}`);
        const step = /name="step" value="(\d+)"/.exec(page.body)![1]!;
        const r = await officer.post(`/staff/e-service/requests/${id}/${what}`, { step, ...fields });
        assert.equal(r.status, 303, `${what}: ${textOf(r.body).slice(0, 300)}`);
      };
      await act('accept');
      await act('info', { question: 'โปรดส่งภาพถ่ายมุมกว้างของจุดที่ชำรุด' });
      tt = textOf((await citizen.get(`/e-service/track?code=${code}`)).body);
      assert.match(tt, /โปรดส่งภาพถ่ายมุมกว้างของจุดที่ชำรุด/, 'the question on the tracking page');
      // an officer cannot move it while it waits for the requester
      const waiting = await officer.get(`/staff/e-service/requests/${id}`);
      assert.doesNotMatch(waiting.body, /\/next"/);
      await citizen.get(`/e-service/track?code=${code}`);
      const answered = await citizen.postMultipart('/e-service/track/answer', { code, answer: 'แนบภาพมุมกว้างแล้ว' }, { file: { name: 'wide.png', data: PNG, type: 'image/png' } });
      assert.equal(answered.status, 303, textOf(answered.body).slice(0, 300));
      await act('next');
      await act('next');
      await act('complete', { note: 'ซ่อมแซมผิวจราจรเรียบร้อย' });
      // the photo: the officers may open it, nobody else
      const fileHref = /href="(\/files\/[^"]+)"/.exec((await officer.get(`/staff/e-service/requests/${id}`)).body)![1]!.replace(/&amp;/g, '&');
      const file = await officer.get(fileHref);
      assert.equal(file.status, 200);
      assert.equal(file.raw.subarray(1, 4).toString(), 'PNG');
      assert.equal((await t.agent().get(fileHref)).status, 404, 'not for the public');
      const done = await officer.get(`/staff/e-service/requests/${id}`);
      assert.match(textOf(done.body), /ดำเนินการแล้วเสร็จ/);
      assert.match(textOf(done.body), /แนบภาพมุมกว้างแล้ว/, 'the answer in the history');

      tt = textOf((await citizen.get(`/e-service/track?code=${code}`)).body);
      assert.match(tt, /ดำเนินการแล้วเสร็จ/);
      assert.match(tt, /ดำเนินการซ่อมแซม/, 'every step is listed');
      assert.equal((tt.match(/เสร็จแล้ว/g) ?? []).length, 3, 'three steps done');

      // the mails: one per change, naming the code and the step, never the requester's name or answers
      const deadline = Date.now() + 5000;
      while (smtp.messages.filter((m) => m.to.includes('citizen@example.test')).length < 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const mails = smtp.messages.filter((m) => m.to.includes('citizen@example.test')).map((m) => bodyText(m.raw));
      assert.equal(mails.length, 7, 'submitted, accepted, asked, answered, two steps, completed');
      for (const m of mails) {
        assert.ok(m.includes(code), 'the tracking code');
        assert.ok(!m.includes('ผู้ยื่น ทดสอบลับ') && !m.includes('หน้าศาลาประชาคม'), 'no personal data');
      }
      assert.ok(mails.some((m) => m.includes('โปรดส่งภาพถ่ายมุมกว้าง')), 'the question');
      assert.ok(mails.some((m) => m.includes('ประเมินความเสียหายและวางแผนซ่อม')), 'the step');
      const last = mails.at(-1)!;
      assert.match(last, /ดำเนินการแล้วเสร็จ/);
      assert.ok(last.includes(`/e-service/track?code=${encodeURIComponent(code)}#rate`), 'the rating link');

      await citizen.get(`/e-service/track?code=${code}`);
      const bad = await citizen.post('/e-service/track/rate', { code, rating: '7', comment: '' });
      assert.equal(bad.status, 422);
      // two ratings at once (a double click): one is kept
      const rated = await Promise.all([citizen.post('/e-service/track/rate', { code, rating: '4', comment: 'ซ่อมเร็วดี' }), citizen.post('/e-service/track/rate', { code, rating: '4', comment: 'ซ่อมเร็วดี' })]);
      assert.deepEqual(rated.map((x) => x.status).sort(), [303, 422]);
      assert.equal((await t.p.db.k.selectFrom('eservice_event').select('id').where('request_id', '=', id).where('kind', '=', 'rated').execute()).length, 1);
      assert.match(textOf((await citizen.get(`/e-service/track?code=${code}`)).body), /ท่านให้คะแนน 4 จาก 5/);
      const twice = await citizen.post('/e-service/track/rate', { code, rating: '1', comment: '' });
      assert.equal(twice.status, 422, 'rated once');
      assert.equal((await t.p.db.k.selectFrom('eservice_request').select('rating').where('id', '=', id).executeTakeFirstOrThrow()).rating, 4);

      // the statistics count it: the page and the CSV
      const year = fiscalYear();
      const stats = await t.agent().get(`/e-service/statistics/${year}`);
      assert.equal(stats.status, 200);
      const csv = (await t.agent().get(`/e-service/statistics/${year}.csv`)).body;
      const total = csv.split('\n').find((l) => l.includes('road-repair') && l.includes('คำขอทั้งหมด'))!;
      assert.equal(Number(total.split(',').at(-1)), Number(before?.n) + 1, 'one more request of the service this year');
      const completedRow = csv.split('\n').find((l) => l.includes('road-repair') && l.includes(',แล้วเสร็จ,'))!;
      const stored = await t.p.db.k.selectFrom('eservice_request').innerJoin('eservice_service', 'eservice_service.id', 'eservice_request.service_id').select((eb) => eb.fn.countAll().as('n')).where('eservice_service.slug', '=', 'road-repair').where('fiscal_year', '=', year).where('status', '=', 'completed').executeTakeFirst();
      assert.equal(Number(completedRow.split(',').at(-1)), Number(stored?.n));
      assert.ok(!csv.includes('ผู้ยื่น ทดสอบลับ'), 'no names in the statistics');
      const pdf = await t.agent().get(`/e-service/statistics/${year}.pdf`);
      assert.equal(pdf.raw.subarray(0, 5).toString(), '%PDF-');
      assert.equal((await t.agent().get('/e-service/statistics/2455.pdf')).status, 404, 'no PDF is made for a year without requests');
    });

    test('a request not granted: the reason reaches the requester on the tracking page and by mail', async () => {
      const citizen = t.agent();
      citizen.ip = '10.1.0.2';
      smtp.messages.length = 0;
      const sent = await submit(citizen, 'official-information', { f_information: 'บันทึกการประชุมลับ', f_format: '2', name: 'นายขอข้อมูล ทดสอบ', email: 'info@example.test', consent: 'on' });
      assert.equal(sent.status, 200);
      const code = codeOf(sent.body)!;
      const id = await idOf(t, /เลขที่คำขอ (\d{4}-\d{4})/.exec(textOf(sent.body))![1]!);
      const officer = t.agent();
      await officer.login('service');
      await officer.get(`/staff/e-service/requests/${id}`);
      const short = await officer.post(`/staff/e-service/requests/${id}/reject`, { step: '0', reason: '' });
      assert.equal(short.status, 422, 'a reason is required');
      const r = await officer.post(`/staff/e-service/requests/${id}/reject`, { step: '0', reason: 'เป็นข้อมูลที่ห้ามเปิดเผยตามมาตรา 15' });
      assert.equal(r.status, 303);
      const tt = textOf((await citizen.get(`/e-service/track?code=${code}`)).body);
      assert.match(tt, /ไม่สามารถให้บริการได้/);
      assert.match(tt, /เป็นข้อมูลที่ห้ามเปิดเผยตามมาตรา 15/);
      const deadline = Date.now() + 5000;
      while (smtp.messages.filter((m) => m.to.includes('info@example.test')).length < 2 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
      assert.ok(smtp.messages.some((m) => m.to.includes('info@example.test') && bodyText(m.raw).includes('มาตรา 15')));
      // a closed request takes no more actions
      assert.equal((await officer.post(`/staff/e-service/requests/${id}/accept`, { step: '0' })).status, 422);
    });

    test('tracking: an unknown code gets a helpful Thai page (404), a malformed one 422, never a 500', async () => {
      const a = t.agent();
      a.ip = '10.1.0.3';
      const unknown = await a.get('/e-service/track?code=AAAA-BBBB-CCCC');
      assert.equal(unknown.status, 404);
      const text = textOf(unknown.body);
      assert.match(text, /ไม่พบคำขอที่ตรงกับรหัสติดตามนี้/);
      assert.match(text, /โปรดตรวจสอบรหัสจากหน้ายืนยันหรืออีเมลที่ได้รับ/);
      assert.match(unknown.body, /name="code"/, 'the lookup form again');
      assert.equal((await a.get('/e-service/track?code=%3Cscript%3E')).status, 422);
      assert.equal((await a.get('/e-service/track?code=' + 'x'.repeat(500))).status, 422);
      assert.equal((await a.get('/e-service/track')).status, 200);
      await a.get('/e-service/water-truck/request');
      const r = await a.post('/e-service/track/rate', { code: 'ZZZZ-ZZZZ-ZZZZ', rating: '5', comment: '' });
      assert.equal(r.status, 404);
      // whatever is typed into an address or a form: never a 500
      const officer = t.agent();
      await officer.login('service');
      const urls = [
        '/e-service/statistics/abc', '/e-service/statistics/99999', '/e-service/statistics/1', '/e-service/statistics/2569.csv?period=%00', '/e-service/statistics/2569?period[]=x',
        '/e-service/track?code[]=x', '/e-service/track?code=%E0%B8', '/e-service/water-truck/manual.pdf?x=%FF', '/open311/v2/requests.json?start_date[]=1', '/open311/v2/requests.json?service_request_id=' + '1-1,'.repeat(200),
        '/staff/e-service?page=-1&unit=99999999999999&service=abc&state=%3Cx%3E&status=nope', '/staff/e-service/requests/abc', '/staff/e-service/requests/99999999', '/staff/e-service/new?service=NOPE', '/staff/e-service/equality/abc',
      ];
      for (const u of urls) assert.ok((await officer.get(u)).status < 500, u);
      await officer.get('/staff/e-service/new?service=water-truck');
      const bodies: Array<Record<string, string>> = [{ step: 'x' }, { step: '-1' }, { step: '99999999999999999999' }, { step: '0', question: 'x'.repeat(5000) }];
      for (const body of bodies) {
        const id = (await t.p.db.k.selectFrom('eservice_request').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
        for (const act of ['accept', 'next', 'info', 'complete', 'reject']) assert.ok((await officer.post(`/staff/e-service/requests/${id}/${act}`, body)).status < 500, `${act} ${JSON.stringify(body).slice(0, 40)}`);
      }
      assert.ok((await officer.post('/staff/e-service/new?service=water-truck', { channel: 'fax', name: 'x'.repeat(300), f_households: '1e9', f_need: '[object Object]' })).status < 500);
      await a.get('/e-service/water-truck/request');
      const answers: Array<Record<string, string>> = [{ code: '' }, { code: 'AAAA-BBBB-CCCC', answer: '' }, { answer: 'x' }];
      for (const body of answers) assert.ok((await a.post('/e-service/track/answer', body)).status < 500);
    });

    test('roles: the queue, the actions, the catalogue editor and the keys are for their roles only', async () => {
      const anon = t.agent();
      const r = await anon.get('/staff/e-service');
      assert.ok([302, 303].includes(r.status));
      const publisher = t.agent();
      await publisher.login('publisher');
      const id = (await t.p.db.k.selectFrom('eservice_request').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      for (const u of ['/staff/e-service', `/staff/e-service/requests/${id}`, '/staff/e-service/new', '/staff/e-service/services', '/staff/e-service/api-keys', `/staff/e-service/equality/${fiscalYear()}`]) assert.equal((await publisher.get(u)).status, 403, u);
      await publisher.get('/staff');
      assert.equal((await publisher.post(`/staff/e-service/requests/${id}/accept`, { step: '0' })).status, 403);
      const executive = t.agent();
      await executive.login('executive');
      assert.equal((await executive.get(`/staff/e-service/equality/${fiscalYear()}`)).status, 200, 'executives see the equal-service view');
      const hub = await executive.get('/staff/e-service');
      assert.equal(hub.status, 200, 'the menu entry leads executives to what they may open');
      assert.match(hub.body, /href="\/staff\/e-service\/equality\/\d{4}"/);
      assert.doesNotMatch(hub.body, /\/staff\/e-service\/requests\//, 'not the queue');
      assert.equal((await executive.get(`/staff/e-service/requests/${id}`)).status, 403);
      const admin = t.agent();
      await admin.login('admin');
      const adminHub = await admin.get('/staff/e-service');
      assert.match(adminHub.body, /href="\/staff\/e-service\/api-keys"/);
      assert.match(adminHub.body, /href="\/staff\/e-service\/services"/);
      assert.match((await admin.get('/staff')).body, /href="\/staff\/e-service"/, 'in the staff menu');
      assert.doesNotMatch((await publisher.get('/staff')).body, /href="\/staff\/e-service"/, 'not in the publisher’s menu');
      const officer = t.agent();
      await officer.login('service');
      assert.equal((await officer.get('/staff/e-service/api-keys')).status, 403, 'keys are the admin’s');
    });

    test('an officer records a walk-in request; the equal-service view counts channels; overdue alerts name no one', async () => {
      const officer = t.agent();
      await officer.login('service');
      const form = await officer.get('/staff/e-service/new?service=water-truck');
      assert.equal(form.status, 200);
      const r = await officer.post('/staff/e-service/new?service=water-truck', { channel: 'walk_in', name: 'นายมาเอง ที่เคาน์เตอร์', phone: '', email: '', f_place: 'บ้านโนนสูง', f_households: '35', f_need: '2' });
      assert.equal(r.status, 200, textOf(r.body).slice(0, 300));
      assert.ok(codeOf(r.body), 'the code to give them');
      const row = await t.p.db.k.selectFrom('eservice_request').select(['channel', 'created_by']).where('requester_name', '=', 'นายมาเอง ที่เคาน์เตอร์').executeTakeFirstOrThrow();
      assert.equal(row.channel, 'walk_in');
      const eq = await officer.get(`/staff/e-service/equality/${fiscalYear()}`);
      assert.equal(eq.status, 200);
      const walkIns = await t.p.db.k.selectFrom('eservice_request').innerJoin('eservice_service', 'eservice_service.id', 'eservice_request.service_id').select('eservice_request.id')
        .where('eservice_service.slug', '=', 'water-truck').where('fiscal_year', '=', fiscalYear()).where('channel', '=', 'walk_in').execute();
      assert.match(equalityRow(eq.body, 'ขอรับการสนับสนุนน้ำอุปโภคบริโภค')[3]!, new RegExp(`^${walkIns.length} \\(`), 'the counter column of the service counts it');

      smtp.messages.length = 0;
      const sent = await sendOverdueAlerts(t.p, new Date(Date.now() + 400 * 86_400_000));
      assert.ok(sent >= 1);
      const alert = bodyText(smtp.messages.find((m) => m.to.includes('officer@kalasin-pao.example'))!.raw);
      assert.match(alert, /เกินเวลาของขั้นตอน/);
      assert.ok(!alert.includes('นายมาเอง'), 'no names');
      assert.equal(await sendOverdueAlerts(t.p, new Date(Date.now() + 400 * 86_400_000)), 0, 'once per step');
    });

    test('tracking shows a national ID masked, never whole; the officer sees it whole', async () => {
      const a = t.agent();
      a.ip = '10.1.0.20';
      const nid = demoNationalId(4242);
      const typed = `${nid[0]}-${nid.slice(1, 5)}-${nid.slice(5, 10)}-${nid.slice(10, 12)}-${nid[12]}`;
      const year = String(new Date().getFullYear() + 543);
      const sent = await submit(a, 'borrow-equipment', { name: 'นายยืม ทดสอบบัตร', f_items: '2', f_quantity: '10', 'f_use_from-day': '15', 'f_use_from-month': 'มีนาคม', 'f_use_from-year': year, f_use_place: 'บ้านดอนยาง หมู่ 5', f_national_id: typed, consent: 'on' });
      assert.equal(sent.status, 200, textOf(sent.body).slice(0, 300));
      const masked = `x-xxxx-xxxxx-${nid.slice(10, 12)}-${nid[12]}`;
      const track = (await a.get(`/e-service/track?code=${codeOf(sent.body)}`)).body;
      assert.ok(track.includes(masked), 'the masked form');
      for (const whole of [nid, typed, nid.slice(0, 10)]) assert.ok(!track.includes(whole) && !flat(textOf(track)).includes(whole), `never ${whole}`);
      assert.ok(!sent.body.includes(nid) && !sent.body.includes(typed), 'nor on the confirmation');
      const officer = t.agent();
      await officer.login('service');
      const id = await idOf(t, /เลขที่คำขอ (\d{4}-\d{4})/.exec(textOf(sent.body))![1]!);
      assert.ok((await officer.get(`/staff/e-service/requests/${id}`)).body.includes(nid), 'the officer reads it whole');
    });

    test('a request taken by phone over the staff form is counted as a phone request in the statistics', async () => {
      const year = fiscalYear();
      const phoneRow = async () => {
        const csv = (await t.agent().get(`/e-service/statistics/${year}.csv`)).body;
        return Number(csv.split('\n').find((l) => l.includes(',water-truck,') && l.includes(',ทางโทรศัพท์,'))!.split(',').at(-1));
      };
      const before = await phoneRow();
      const officer = t.agent();
      await officer.login('service');
      await officer.get('/staff/e-service/new?service=water-truck');
      const r = await officer.post('/staff/e-service/new?service=water-truck', { channel: 'phone', name: 'นางโทรมา แจ้งน้ำ', phone: '081 234 0000', email: '', f_place: 'บ้านคำไฮ หมู่ 2', f_households: '14', f_need: '1' });
      assert.equal(r.status, 200, textOf(r.body).slice(0, 300));
      assert.ok(codeOf(r.body), 'the code to read out to the caller');
      const row = await t.p.db.k.selectFrom('eservice_request').select(['channel', 'created_by']).where('requester_name', '=', 'นางโทรมา แจ้งน้ำ').executeTakeFirstOrThrow();
      assert.equal(row.channel, 'phone');
      assert.ok(row.created_by !== null, 'recorded by the officer');
      assert.equal(await phoneRow(), before + 1, 'one more phone request of the service this year');
      const phones = await t.p.db.k.selectFrom('eservice_request').innerJoin('eservice_service', 'eservice_service.id', 'eservice_request.service_id').select('eservice_request.id')
        .where('eservice_service.slug', '=', 'water-truck').where('fiscal_year', '=', year).where('channel', '=', 'phone').execute();
      const eq = await officer.get(`/staff/e-service/equality/${year}`);
      assert.match(equalityRow(eq.body, 'ขอรับการสนับสนุนน้ำอุปโภคบริโภค')[4]!, new RegExp(`^${phones.length} \\(`), 'and in the phone column of the equal-service view');
    });

    test('the user guide (PDF and DOCX) names the steps of using the system and its addresses', async () => {
      const a = t.agent();
      const base = t.config.baseUrl.replace(/\/$/, '');
      // the page footer ('หน้า ๑ / ๒') may fall inside a long line: left out
      const pdf = flat(pdfText((await a.get('/e-service/guide.pdf')).raw).replace(/หน้า [๐-๙]+ \/ [๐-๙]+\s*\f/g, ''));
      const docx = flat(docxText((await a.get('/e-service/guide.docx')).raw));
      const slugs = (await t.p.db.k.selectFrom('eservice_service').select('slug').where('is_published', '=', true).execute()).map((s) => s.slug);
      assert.ok(slugs.length >= 8);
      for (const [kind, text] of [['PDF', pdf], ['DOCX', docx]] as const) {
        for (const w of ['คู่มือการใช้งานระบบบริการออนไลน์', 'การยื่นคำขอ', 'ยื่นคำขอออนไลน์', 'รหัสติดตาม', 'การติดตามคำขอ', 'ตอบในหน้าติดตาม', 'การประเมินความพึงพอใจ', 'ให้คะแนน1–5', 'ที่เคาน์เตอร์หรือทางโทรศัพท์']) {
          assert.ok(text.includes(flat(w)), `${kind}: ${w}`);
        }
        for (const u of ['/e-service', '/e-service/track', '/complaints', '/open311/v2/services.json', ...slugs.map((s) => `/e-service/${s}`)]) assert.ok(text.includes(`${base}${u}`), `${kind}: ${base}${u}`);
      }
    });

    test('the catalogue editor: a new service with its steps and form, every fault named by its box, then public; edits keep the URL', async () => {
      const officer = t.agent();
      await officer.login('service');
      assert.equal((await officer.get('/staff/e-service/services/new')).status, 200);
      const base = {
        name_th: 'ขอรับการตัดแต่งกิ่งไม้ริมถนน', name_en: 'Tree trimming', slug: 'tree-trimming', summary_th: 'ตัดกิ่งไม้ที่บังป้ายหรือสายไฟ', summary_en: '', group_th: 'สาธารณภัยและสาธารณูปโภค', group_en: '',
        keywords: 'ต้นไม้ กิ่งไม้', division_id: '', position: '90', is_published: 'on', legal_basis: 'พระราชบัญญัติองค์การบริหารส่วนจังหวัด พ.ศ. 2540', channels: 'กองช่าง',
        conditions: '', documents: '', fees: '', complaint_channel: '', sample_forms: '',
        'step-1-name': 'สำรวจจุด', 'step-1-duration': '๒', 'step-1-unit': 'day', 'step-2-name': 'ตัดแต่งกิ่ง', 'step-2-duration': '3', 'step-2-unit': 'hour',
        'field-1-key': 'place', 'field-1-label': 'ตำแหน่งต้นไม้', 'field-1-kind': 'address', 'field-1-required': 'on',
        'field-2-key': 'kind', 'field-2-label': 'ปัญหา', 'field-2-kind': 'choice', 'field-2-options': 'บังป้าย; พาดสายไฟ; เสี่ยงหักโค่น',
      };
      const bad = await officer.post('/staff/e-service/services/new', { ...base, slug: 'Tree Trimming!', 'step-2-duration': '0', 'field-2-key': 'place', 'field-3-label': 'ไม่มีรหัส', 'field-3-kind': 'text' });
      assert.equal(bad.status, 422);
      for (const box of ['step-2-duration', 'field-2-key', 'field-3-key']) assert.match(bad.body, new RegExp(`id="f-${box}-error"`), box);
      assert.match(bad.body, /value="ตัดแต่งกิ่ง"/, 'the rows typed are kept');
      const reserved = await officer.post('/staff/e-service/services/new', { ...base, slug: 'track' });
      assert.equal(reserved.status, 422);
      assert.match(textOf(reserved.body), /ชื่อนี้สงวนไว้สำหรับหน้าอื่นของระบบ/);
      const taken = await officer.post('/staff/e-service/services/new', { ...base, slug: 'water-truck' });
      assert.equal(taken.status, 422);
      assert.match(textOf(taken.body), /มีบริการอื่นใช้ชื่อนี้แล้ว/);
      const noSteps = await officer.post('/staff/e-service/services/new', { ...base, 'step-1-name': '', 'step-1-duration': '', 'step-2-name': '', 'step-2-duration': '' });
      assert.equal(noSteps.status, 422);
      assert.match(textOf(noSteps.body), /บริการต้องมีอย่างน้อยหนึ่งขั้นตอน/);
      const saved = await officer.post('/staff/e-service/services/new', base);
      assert.equal(saved.status, 303, textOf(saved.body).slice(0, 400));
      const page = textOf((await t.agent().get('/e-service/tree-trimming')).body);
      assert.match(page, /ขั้นตอนการให้บริการ รวมระยะเวลา 2 วัน 3 ชั่วโมง/);
      assert.match(page, /ไม่ต้องใช้เอกสารประกอบ/);
      assert.match(page, /ไม่มีค่าธรรมเนียม/);
      const found = await t.agent().get(`/search?q=${encodeURIComponent('กิ่งไม้')}`);
      assert.match(found.body, /href="\/e-service\/tree-trimming"/, 'the site search finds it');
      const form = await t.agent().get('/e-service/tree-trimming/request');
      assert.match(form.body, /<option value="2">พาดสายไฟ<\/option>/);
      // a published service keeps its address
      const renamed = await officer.post(saved.location!, { ...base, slug: 'tree-cutting' });
      assert.equal(renamed.status, 422);
      assert.match(renamed.body, /id="f-slug-error"/);
      // edit: hidden from the public, the address kept
      const edit = await officer.post(saved.location!, { ...base, is_published: '' });
      assert.equal(edit.status, 303);
      assert.equal((await t.agent().get('/e-service/tree-trimming')).status, 404);
      assert.ok(!(await t.agent().get('/e-service')).body.includes('tree-trimming'));
      assert.doesNotMatch((await t.agent().get(`/search?q=${encodeURIComponent('กิ่งไม้')}`)).body, /href="\/e-service\/tree-trimming"/, 'nor in the search');
      const audit = await t.p.db.k.selectFrom('audit_event').select(['action', 'summary']).where('action', 'like', 'eservice.service.%').where('summary', 'like', 'service tree-trimming:%').orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['eservice.service.create', 'eservice.service.update']);
      assert.match(audit[1]!.summary, /2 step\(s\), 2 form field\(s\), hidden/);
    });

    test('request floods from one address are throttled; a typo does not use up the quota', async () => {
      const a = t.agent();
      a.ip = '10.9.9.9';
      for (let i = 0; i < 3; i++) assert.equal((await submit(a, 'service-complaint', { f_service: '', f_detail: '', name: '', consent: 'on' })).status, 422);
      for (let i = 0; i < 5; i++) assert.equal((await submit(a, 'service-complaint', { f_service: 'ยืมเต็นท์', f_detail: `ทดสอบ ${i}`, name: 'นายทดสอบ ถี่', consent: 'on' })).status, 200, `request ${i + 1}`);
      const sixth = await submit(a, 'service-complaint', { f_service: 'ยืมเต็นท์', f_detail: 'ครั้งที่หก', name: 'นายทดสอบ ถี่', consent: 'on' });
      assert.equal(sixth.status, 429);
      assert.match(textOf(sixth.body), /มีการส่งคำขอจากเครือข่ายนี้มากเกินไป/);
      const other = t.agent();
      other.ip = '10.9.9.10';
      assert.equal((await submit(other, 'service-complaint', { f_service: 'ยืมเต็นท์', f_detail: 'อีกเครื่อง', name: 'นายอื่น', consent: 'on' })).status, 200, 'another address is not held up');
    });

    test(`requests from many /64s of one IPv6 /48: ${SUBMIT_PER_48_HOUR} an hour, so one site cannot use up the hour for everyone`, async () => {
      const from = (ip: string) => Object.assign(t.agent(), { ip });
      const ask = (ip: string, i: number) => submit(from(ip), 'service-complaint', { f_service: 'ยืมเต็นท์', f_detail: `จากเครือข่ายใหญ่ ${i}`, name: 'นายทดสอบ เครือข่าย', consent: 'on' });
      for (let i = 1; i <= SUBMIT_PER_48_HOUR; i++) assert.equal((await ask(`2001:db8:4e:${i.toString(16)}::1`, i)).status, 200, `request ${i}`);
      assert.equal((await ask('2001:db8:4e:ffff::1', 0)).status, 429);
      assert.equal((await ask('2001:db8:4f::1', 0)).status, 200, 'another /48');
    });

    test('guessing tracking codes from one address is throttled; the rightful holder elsewhere is not held up', async () => {
      const guesser = t.agent();
      guesser.ip = '10.7.7.7';
      for (let i = 0; i < 20; i++) assert.equal((await guesser.get(`/e-service/track?code=GGGG-HHHH-${String(1000 + i).replace(/0/g, 'J')}`)).status, 404, `guess ${i + 1}`);
      const held = await guesser.get('/e-service/track?code=GGGG-HHHH-KKKK');
      assert.equal(held.status, 429);
      assert.match(textOf(held.body), /กรอกรหัสไม่ถูกต้องหลายครั้งเกินไป โปรดลองใหม่ในอีก \d+ นาที/);
      const holder = t.agent();
      holder.ip = '10.7.7.8';
      await holder.get('/e-service/water-truck/request');
      const sent = await holder.post('/e-service/water-truck/request', { f_place: 'บ้านคำไฮ', f_households: '12', f_need: '3', name: 'นายผู้ถือรหัส', consent: 'on' });
      assert.equal((await holder.get(`/e-service/track?code=${codeOf(sent.body)}`)).status, 200);
    });

    test('a code is no licence to fill the disk: an answer the request is not waiting for stores nothing', async () => {
      const a = t.agent();
      a.ip = '10.7.8.1';
      await a.get('/e-service/water-truck/request');
      const sent = await a.post('/e-service/water-truck/request', { f_place: 'บ้านหนองแวง', f_households: '8', f_need: '2', name: 'นายทดสอบดิสก์', consent: 'on' });
      const code = codeOf(sent.body)!;
      const count = async () => (await fs.promises.readdir(path.join(t.config.dataDir, 'files'), { recursive: true })).length;
      const before = await count();
      await a.get(`/e-service/track?code=${code}`);
      for (let i = 0; i < 3; i++) {
        const r = await a.postMultipart('/e-service/track/answer', { code, answer: 'ส่งไฟล์ซ้ำ' }, { file: { name: 'big.pdf', data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200_000, 0x61), Buffer.from('\n%%EOF\n')]), type: 'application/pdf' } });
        assert.equal(r.status, 422);
      }
      assert.equal(await count(), before, 'no bytes left behind');
    });

    test('tracking guesses from one IPv6 network (/64) count together', async () => {
      for (let i = 0; i < 20; i++) {
        const g = t.agent();
        g.ip = `2001:db8:44:1::${(i + 1).toString(16)}`;
        assert.equal((await g.get(`/e-service/track?code=GGGG-HHHH-${String(2000 + i).replace(/0/g, 'J')}`)).status, 404);
      }
      const next = t.agent();
      next.ip = '2001:db8:44:1::ffff';
      assert.equal((await next.get('/e-service/track?code=GGGG-HHHH-KKKK')).status, 429);
      const other = t.agent();
      other.ip = '2001:db8:44:2::1';
      assert.equal((await other.get('/e-service/track?code=GGGG-HHHH-KKKK')).status, 404, 'the next /64 is not held');
    });

    test('concurrent: requests at once get distinct numbers and codes; two officers moving the same step move it once', async () => {
      const agents = Array.from({ length: 6 }, (_, i) => {
        const a = t.agent();
        a.ip = `10.2.0.${i + 1}`;
        return a;
      });
      for (const a of agents) await a.get('/e-service/water-truck/request');
      const res = await Promise.all(agents.map((a, i) => a.post('/e-service/water-truck/request', { f_place: `จุดที่ ${i}`, f_households: '10', f_need: '1', name: `นายพร้อมกัน ${i}`, consent: 'on' })));
      assert.deepEqual(res.map((r) => r.status), res.map(() => 200));
      const codes = res.map((r) => codeOf(r.body));
      assert.equal(new Set(codes).size, 6);
      const numbers = res.map((r) => /เลขที่คำขอ (\d{4}-\d{4})/.exec(textOf(r.body))![1]);
      assert.equal(new Set(numbers).size, 6);

      const id = await idOf(t, numbers[0]!);
      const o1 = t.agent();
      const o2 = t.agent();
      await o1.login('service');
      await o2.login('service');
      await o1.get(`/staff/e-service/requests/${id}`);
      await o2.get(`/staff/e-service/requests/${id}`);
      assert.equal((await o1.post(`/staff/e-service/requests/${id}/accept`, { step: '0' })).status, 303);
      await o1.get(`/staff/e-service/requests/${id}`);
      const both = await Promise.all([o1.post(`/staff/e-service/requests/${id}/next`, { step: '0' }), o2.post(`/staff/e-service/requests/${id}/next`, { step: '0' })]);
      assert.deepEqual(both.map((r) => r.status).sort(), [303, 422]);
      const r = await t.p.db.k.selectFrom('eservice_request').select('current_step').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(r.current_step, 1, 'moved once');
      const events = await t.p.db.k.selectFrom('eservice_event').select('kind').where('request_id', '=', id).where('kind', '=', 'step').execute();
      assert.equal(events.length, 1);
    });

    test('English pages mark every Thai text they show (names and answers typed in Thai) as Thai', async () => {
      const a = t.agent();
      await a.login('service');
      a.cookies.set('lang', 'en');
      const year = fiscalYear();
      const id = (await t.p.db.k.selectFrom('eservice_request').select('id').where('fiscal_year', '=', year - 1).orderBy('id').executeTakeFirstOrThrow()).id;
      const problems: string[] = [];
      for (const url of ['/e-service', '/e-service/water-truck', '/e-service/venue-booking/request', '/e-service/track', '/e-service/guide', `/e-service/statistics/${year - 1}`, '/staff/e-service', `/staff/e-service/requests/${id}`, `/staff/e-service/equality/${year - 1}`, '/staff/e-service/new?service=road-repair']) {
        const r = await a.get(url);
        assert.equal(r.status, 200, url);
        assert.match(r.body, /<html lang="en">/, url);
        for (const x of unmarkedThai(r.body)) problems.push(`${url} ${x}`);
      }
      assert.deepEqual(problems, []);
    });

    test('the demo fills two fiscal years and the OIT evidence resolves', async () => {
      const year = fiscalYear();
      const rows = await t.p.db.k.selectFrom('eservice_request').select(['fiscal_year', 'status', 'rating', 'channel']).execute();
      for (const y of [year - 1, year]) assert.ok(rows.filter((r) => r.fiscal_year === y).length >= 8, `requests in ${y}`);
      assert.ok(rows.some((r) => r.status === 'completed') && rows.some((r) => r.status === 'rejected') && rows.some((r) => r.rating !== null));
      assert.ok(rows.some((r) => r.channel === 'walk_in') && rows.some((r) => r.channel === 'phone'));
      const text = textOf((await t.agent().get(`/e-service/statistics/${year - 1}`)).body);
      assert.match(text, /ร้อยละแล้วเสร็จตามกำหนด/);
      const steps = await t.p.db.k.selectFrom('eservice_request_step').select(['started_at', 'finished_at', 'paused_ms', 'declared_minutes']).where('finished_at', 'is not', null).execute();
      const actual = (s: (typeof steps)[number]) => (Date.parse(s.finished_at!) - Date.parse(s.started_at!) - Number(s.paused_ms)) / 60_000;
      assert.ok(steps.some((s) => actual(s) > s.declared_minutes) && steps.some((s) => actual(s) <= s.declared_minutes), 'some steps late, some on time');
      const ev = evidenceProvider('eservice')!;
      const agencyId = (await t.p.db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;
      const sys = await ev.resolve(t.p.db, agencyId, 'system');
      assert.equal(sys?.url, '/e-service');
      assert.ok(sys?.attachments.some((x) => x.url === '/e-service/guide.pdf'));
      assert.equal((await ev.resolve(t.p.db, agencyId, `statistics/${year - 1}`))?.url, `/e-service/statistics/${year - 1}`);
      assert.equal(await ev.resolve(t.p.db, agencyId, 'nonsense'), null);
      assert.deepEqual((await ev.resolve(t.p.db, agencyId, `statistics/${year - 1}`))?.issues, [], 'a year with requests');
      assert.deepEqual((await ev.resolve(t.p.db, agencyId, 'statistics/2560'))?.issues, [{ key: 'eservice.evidence.noRequests', vars: { year: 2560 } }], 'a year without is flagged');
      const bound = await t.p.db.k.selectFrom('oit_binding').select('ref').where('provider', '=', 'eservice').execute();
      assert.ok(bound.some((b) => b.ref === 'system') && bound.some((b) => b.ref === 'guide') && bound.some((b) => b.ref === 'manuals'));
      // statistics only of years with requests (the demo's catalogues are of 2567 and 2568, its requests of the last two years)
      const withData = new Set(rows.map((r) => r.fiscal_year));
      assert.ok(bound.filter((b) => /^(statistics|satisfaction)\//.test(b.ref)).every((b) => withData.has(Number(b.ref.split('/')[1]))));
      assert.equal(demoNationalId(3).length, 13);
      // open data and the sitemap
      const data = (await t.agent().get('/open-data/eservice-statistics.json'));
      assert.equal(data.status, 200);
      const dataRows = (JSON.parse(data.body) as { rows: Array<Record<string, unknown>> }).rows;
      const dbCount = dataRows.filter((r) => r.fiscal_year === year - 1).reduce((n, r) => n + Number(r.requests), 0);
      assert.equal(dbCount, (await t.p.db.k.selectFrom('eservice_request').select('id').where('fiscal_year', '=', year - 1).execute()).length);
      assert.ok(!data.body.includes('requester'), 'no requester columns');
      assert.match((await t.agent().get('/open-data/eservice-statistics.csv')).body, /road-repair/);
      const sitemap = (await t.agent().get('/sitemap.xml')).body;
      for (const u of ['/e-service', '/e-service/water-truck', `/e-service/statistics/${year}`]) assert.ok(sitemap.includes(`${u}</loc>`), u);
    });
  });
}
