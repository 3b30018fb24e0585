import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { unmarkedThai } from '../../../test/support/html.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const base = {
  title_th: 'รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต รอบ 6 เดือน ปี 2570',
  title_en: 'Anti-corruption six-month report 2570',
  summary_th: 'ความก้าวหน้าการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต',
  summary_en: '',
  category: 'report_6m',
  fiscal_year: '2570',
  period: '',
  body_format: 'markdown',
  body_th: '## ผลการดำเนินงาน\n\nดำเนินการครบทุกโครงการ ใช้งบประมาณร้อยละ 48',
  body_en: '',
  slug: '',
  signoff_name: '',
  signoff_position: '',
  signoff_date: '',
};

/** Posts the approval form with the revision on the page (or, when the page offers no form, the current one). */
async function approve(t: TestApp, a: Agent, id: number, fields: Record<string, string> = { publish_at: '' }) {
  const page = await a.get(`/staff/content/${id}/approve`);
  const shown = /name="revision" value="(\d+)"/.exec(page.body)?.[1];
  const draftRow = await t.p.db.k.selectFrom('content_draft').select('revision').where('content_id', '=', id).executeTakeFirst();
  const current = draftRow ?? (await t.p.db.k.selectFrom('content').select('revision').where('id', '=', id).executeTakeFirstOrThrow());
  return a.post(`/staff/content/${id}/approve`, { revision: shown ?? String(current.revision), ...fields });
}

async function draft(a: Agent, fields: Partial<typeof base> = {}): Promise<number> {
  await a.get('/staff/content/new?kind=document');
  const r = await a.postMultipart('/staff/content/new?kind=document', { ...base, ...fields }, {});
  assert.equal(r.status, 303, textOf(r.body).slice(0, 400));
  return Number(/\/staff\/content\/(\d+)/.exec(r.location!)![1]);
}

for (const target of await dbTargets()) {
  describe(`publishing on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('draft → review → published by another person; public only once published; audited with revisions', async () => {
      const pub = t.agent();
      await pub.login('publisher');
      const id = await draft(pub, { slug: 'anti-corruption-6-month-2570' });
      let page = await pub.get(`/staff/content/${id}`);
      assert.match(textOf(page.body), /ฉบับร่าง/);
      assert.equal((await t.agent().get('/documents/anti-corruption-6-month-2570')).status, 404, 'a draft is not public');
      const preview = await pub.get(`/staff/content/${id}/preview`);
      assert.match(textOf(preview.body), /ตัวอย่างสำหรับเจ้าหน้าที่/);
      assert.equal((await t.agent().get(`/staff/content/${id}/preview`)).status, 303, 'previews are for staff only');
      await pub.post(`/staff/content/${id}/submit`, {});
      page = await pub.get(`/staff/content/${id}`);
      assert.match(textOf(page.body), /รออนุมัติ/);
      assert.match(textOf(page.body), /รอผู้มีสิทธิ์อนุมัติ/);
      assert.equal((await approve(t, pub, id, { publish_at: '' })).status, 403, 'a publisher cannot approve');

      const boss = t.agent();
      await boss.login('executive');
      await boss.get(`/staff/content/${id}`);
      const ok = await approve(t, boss, id, { publish_at: '' });
      assert.equal(ok.status, 303);
      const pubPage = await t.agent().get('/documents/anti-corruption-6-month-2570');
      assert.equal(pubPage.status, 200);
      assert.match(textOf(pubPage.body), /ดำเนินการครบทุกโครงการ ใช้งบประมาณร้อยละ 48/);
      assert.match(pubPage.body, /<h2>ผลการดำเนินงาน<\/h2>/);
      const events = await t.p.db.k.selectFrom('audit_event').select(['action', 'actor_label']).where('target_id', '=', String(id)).orderBy('id').execute();
      assert.deepEqual(events.map((e) => `${e.actor_label}:${e.action}`), ['publisher:content.create', 'publisher:content.submit', 'executive:content.approve']);
      const history = textOf((await boss.get(`/staff/content/${id}`)).body);
      assert.match(history, /ประวัติการแก้ไข/);
      // in words, with people's names: no codes or usernames
      assert.match(history, /3 \d{1,2} \S+ 25\d\d \d\d:\d\d นายผู้บริหาร ตัดสินใจ \(ตัวอย่าง\) เผยแพร่แล้ว อนุมัติฉบับที่ 2/);
      assert.match(history, /นางสาวเผยแพร่ ข่าวดี \(ตัวอย่าง\) รออนุมัติ ส่งขออนุมัติ/);
      assert.match(history, /ฉบับร่าง สร้างร่าง/);
      assert.doesNotMatch(history, /\b(submit|approve|created)\b/);
    });

    test('the one who submitted may not approve it', async () => {
      const admin = t.agent();
      await admin.login('admin');
      const id = await draft(admin);
      await admin.post(`/staff/content/${id}/submit`, {});
      await admin.get(`/staff/content/${id}`);
      const r = await approve(t, admin, id, { publish_at: '' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ผู้ส่งขออนุมัติไม่สามารถอนุมัติเอกสารของตนเองได้/);
      const back = t.agent();
      await back.login('executive');
      await back.get(`/staff/content/${id}`);
      const ret = await back.post(`/staff/content/${id}/return`, { note: 'กรุณาแนบไฟล์ PDF ฉบับลงนาม' });
      assert.equal(ret.status, 303);
      assert.match(textOf((await admin.get(`/staff/content/${id}`)).body), /หมายเหตุจากผู้อนุมัติ: กรุณาแนบไฟล์ PDF ฉบับลงนาม/);
    });

    test('scheduled publishing: hidden from pages and search until its time', async () => {
      const pub = t.agent();
      await pub.login('publisher');
      const id = await draft(pub, { slug: 'scheduled-notice-2570', title_th: 'ประกาศตั้งเวลาเผยแพร่วันต่อต้านคอร์รัปชัน' });
      await pub.post(`/staff/content/${id}/submit`, {});
      const boss = t.agent();
      await boss.login('executive');
      await boss.get(`/staff/content/${id}`);
      let r = await approve(t, boss, id, { publish_at: '2026-13-45T99:00' });
      assert.equal(r.status, 422);
      r = await approve(t, boss, id, { 'publish_at-day': '๙', 'publish_at-month': 'ธันวาคม', 'publish_at-year': '2642', 'publish_at-time': '' });
      assert.equal(r.status, 422, 'a date without its time is refused');
      assert.match(textOf(r.body), /เวลาต้องเป็นชั่วโมง:นาที เช่น 08:30/);
      assert.match(r.body, /name="publish_at-month"[^>]*value="ธันวาคม"|value="ธันวาคม"[^>]*name="publish_at-month"/, 'what was typed is kept');
      r = await approve(t, boss, id, { 'publish_at-day': '๙', 'publish_at-month': 'ธันวาคม', 'publish_at-year': '2642', 'publish_at-time': '8.30' });
      assert.equal(r.status, 303);
      assert.match(textOf((await boss.get(r.location!)).body), /จะเผยแพร่เมื่อ 9 ธันวาคม 2642 (เวลา )?08:30/);
      assert.equal((await t.agent().get('/documents/scheduled-notice-2570')).status, 404);
      const api = JSON.parse((await t.agent().get(`/api/v1/search?q=${encodeURIComponent('ตั้งเวลาเผยแพร่วันต่อต้าน')}`)).body);
      assert.equal(api.total, 0);
      const row = await t.p.db.k.selectFrom('content').select('published_at').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.published_at, '2099-12-09T01:30:00.000Z');
      // the time comes: nothing runs, the pages compare with the clock
      await t.p.db.k.updateTable('content').set({ published_at: '2026-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
      await t.p.db.k.updateTable('search_doc').set({ published_at: '2026-01-01T00:00:00.000Z' }).where('kind', '=', 'document').where('ref_id', '=', String(id)).execute();
      assert.equal((await t.agent().get('/documents/scheduled-notice-2570')).status, 200);
    });

    test('unsafe HTML is sanitised before storage; Markdown shows HTML as text', async () => {
      const pub = t.agent();
      await pub.login('publisher');
      const id = await draft(pub, { body_format: 'html', body_th: '<h1>หัวข้อ</h1><p onclick="steal()">ย่อหน้า <a href="javascript:alert(1)">ลิงก์</a> <a href="https://www.nacc.go.th">ป.ป.ช.</a></p><script>alert(1)</script><img src="https://evil.example/x.png" style="x"><table><tr><td>ช่อง</td></tr></table>' });
      const row = await t.p.db.k.selectFrom('content').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      for (const bad of ['<script', 'onclick', 'javascript:', 'evil.example', 'style=']) assert.ok(!row.body_th.includes(bad) && !row.body_html_th.includes(bad), bad);
      assert.match(row.body_html_th, /<h2>หัวข้อ<\/h2>/);
      assert.match(row.body_html_th, /<a href="https:\/\/www.nacc.go.th" rel="noopener">ป.ป.ช.<\/a>/);
      assert.ok(!row.body_html_th.includes('<img'), 'an image from another site is dropped');
      assert.match(row.body_html_th, /<td>ช่อง<\/td>/);
      const md = await draft(pub, { body_th: 'ข้อความ <script>alert(1)</script> **ตัวหนา**' });
      const mrow = await t.p.db.k.selectFrom('content').select('body_html_th').where('id', '=', md).executeTakeFirstOrThrow();
      assert.ok(!mrow.body_html_th.includes('<script'), 'script tags are removed before storage');
      assert.match(mrow.body_html_th, /&lt;script&gt;/);
      assert.match(mrow.body_html_th, /<strong>ตัวหนา<\/strong>/);
    });

    test('bad input: slug rules, duplicates, fiscal year, period, sign-off — messages on the fields, typed values kept', async () => {
      const pub = t.agent();
      await pub.login('publisher');
      await pub.get('/staff/content/new?kind=document');
      let r = await pub.postMultipart('/staff/content/new?kind=document', { ...base, slug: 'งบ ประมาณ', fiscal_year: '67', period: '2026-13', category: 'secret' }, {});
      assert.equal(r.status, 422);
      const text = textOf(r.body);
      assert.match(text, /ใช้ได้เฉพาะ a–z, 0–9 และขีด/);
      assert.match(text, /ต้องไม่น้อยกว่า 2400/);
      assert.match(text, /เดือนต้องเป็นตัวเลข 1–12 หรือชื่อเดือน/);
      assert.match(text, /ค่าที่เลือกไม่อยู่ในรายการ/);
      assert.match(r.body, new RegExp(`value="${base.title_th}"`));
      r = await pub.postMultipart('/staff/content/new?kind=document', { ...base, slug: 'budget-ordinance-2567' }, {});
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ที่อยู่นี้ถูกใช้แล้ว/);
      r = await pub.postMultipart('/staff/content/new?kind=document', { ...base, is_signoff_required: 'on' }, {});
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ต้องระบุผู้ให้ความเห็นชอบและวันที่/);
      // a draft may wait for the date of its sign-off, but cannot go to review without it
      const waiting = await draft(pub, { is_signoff_required: 'on', signoff_name: 'นายกองค์การบริหารส่วนจังหวัด' } as Partial<typeof base>);
      await pub.get(`/staff/content/${waiting}`);
      r = await pub.post(`/staff/content/${waiting}/submit`, {});
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ต้องระบุผู้ให้ความเห็นชอบและวันที่/);
      r = await pub.postMultipart('/staff/content/new?kind=document', { ...base, title_th: '' }, {});
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /จำเป็นต้องกรอกช่องนี้/);
    });

    test('attachments: type by content, size limit, Thai names, removal', async () => {
      const pub = t.agent();
      await pub.login('publisher');
      const id = await draft(pub);
      await pub.get(`/staff/content/${id}`);
      let r = await pub.postMultipart(`/staff/content/${id}/attachments`, { label: '' }, { file: { name: 'virus.pdf', data: Buffer.from('MZ this is not a pdf'), type: 'application/pdf' } });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ไม่รองรับไฟล์ชนิดนี้ รองรับเฉพาะ PDF, PNG, JPG, WEBP, DOCX, XLSX/);
      r = await pub.postMultipart(`/staff/content/${id}/attachments`, { label: '' }, {});
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /กรุณาเลือกไฟล์/);
      r = await pub.postMultipart(`/staff/content/${id}/attachments`, { label: 'รายงานฉบับลงนาม' }, { file: { name: 'รายงาน 6 เดือน.pdf', data: PDF } });
      assert.equal(r.status, 303);
      const page = await pub.get(`/staff/content/${id}`);
      assert.match(textOf(page.body), /รายงานฉบับลงนาม \(PDF/);
      const href = /<a href="(\/files\/[^"]+)">รายงานฉบับลงนาม<\/a>/.exec(page.body)![1]!;
      assert.equal((await t.agent().get(href)).status, 404, "a draft's file is not public");
      const file = await pub.get(href);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.equal(file.headers['cache-control'], 'private, no-store');
      assert.ok(String(file.headers['content-disposition']).endsWith(`filename*=UTF-8''${encodeURIComponent('รายงาน 6 เดือน.pdf')}`), 'String(file.headers[\'content-disposition\']).endsWith(`filename*=UTF-8\'\'${encodeURIComponent(\'รายงาน 6 เดือน.pdf\')}');
      const att = /href="\/staff\/content\/\d+\/attachments\/(\d+)\/remove"/.exec(page.body)![1];
      // removing asks first, naming the file; nothing is removed by opening the question
      const ask = await pub.get(`/staff/content/${id}/attachments/${att}/remove`);
      assert.equal(ask.status, 200);
      assert.match(textOf(ask.body), /ต้องการลบไฟล์ “รายงานฉบับลงนาม” ออกจาก/);
      assert.match(textOf((await pub.get(`/staff/content/${id}`)).body), /รายงานฉบับลงนาม/);
      assert.equal((await pub.get(`/staff/content/${id}/attachments/99999/remove`)).status, 404);
      r = await pub.post(`/staff/content/${id}/attachments/${att}/remove`, {});
      assert.equal(r.status, 303);
      assert.match(textOf((await pub.get(`/staff/content/${id}`)).body), /ยังไม่มีไฟล์แนบ/);
    });

    test('a published address never breaks: a rename by an approver leaves a permanent redirect', async () => {
      const admin = t.agent();
      await admin.login('admin');
      const c = await t.p.db.k.selectFrom('content').select('id').where('slug', '=', 'annual-report-2567').executeTakeFirstOrThrow();
      const form = await admin.get(`/staff/content/${c.id}/edit`);
      const values = Object.fromEntries([...form.body.matchAll(/name="(\w+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      const r = await admin.postMultipart(`/staff/content/${c.id}/edit`, { ...base, title_th: values.title_th!, category: 'report_annual', fiscal_year: '2567', slug: 'annual-report-fy2567' }, {});
      assert.equal(r.status, 303);
      assert.equal((await t.agent().get('/documents/annual-report-2567')).status, 200, 'the published address stays until the change is approved');
      await admin.post(`/staff/content/${c.id}/submit`, {});
      const boss = t.agent();
      await boss.login('executive');
      assert.equal((await approve(t, boss, c.id)).status, 303);
      const old = await t.agent().get('/documents/annual-report-2567');
      assert.equal(old.status, 301);
      assert.equal(old.location, '/documents/annual-report-fy2567');
      assert.equal((await t.agent().get('/documents/annual-report-2567/print')).location, '/documents/annual-report-fy2567/print');
      assert.equal((await t.agent().get('/documents/annual-report-fy2567')).status, 200);
      const pub = t.agent();
      await pub.login('publisher');
      assert.equal((await pub.get(`/staff/content/${c.id}/edit`)).status, 200);
      const denied = await pub.postMultipart(`/staff/content/${c.id}/edit`, { ...base, title_th: values.title_th!, category: 'report_annual', fiscal_year: '2567', slug: 'annual-report-by-publisher' }, {});
      assert.equal(denied.status, 422, 'only approvers change the address of what was published');
      assert.match(textOf(denied.body), /เปลี่ยนได้เฉพาะผู้มีสิทธิ์อนุมัติ/);
    });

    test('archive takes a page and its search entry down; reopen brings a draft back', async () => {
      const boss = t.agent();
      await boss.login('admin');
      const c = await t.p.db.k.selectFrom('content').select('id').where('slug', '=', 'vision').executeTakeFirstOrThrow();
      assert.equal((await t.agent().get('/pages/vision')).status, 200);
      await boss.get(`/staff/content/${c.id}`);
      assert.equal((await boss.post(`/staff/content/${c.id}/archive`, {})).status, 303);
      assert.equal((await t.agent().get('/pages/vision')).status, 404);
      const api = JSON.parse((await t.agent().get(`/api/v1/search?q=${encodeURIComponent('เศรษฐกิจมั่นคง')}`)).body);
      assert.equal(api.total, 0);
      assert.equal((await boss.post(`/staff/content/${c.id}/reopen`, {})).status, 303);
      assert.match(textOf((await boss.get(`/staff/content/${c.id}`)).body), /ฉบับร่าง/);
    });

    test('public lists, print view, Atom feed, sharing meta, sitemap and robots', async () => {
      const a = t.agent();
      const docs = await a.get('/documents?category=procurement&fy=2567');
      assert.equal(docs.status, 200);
      const text = textOf(docs.body);
      assert.match(text, /สรุปผลการดำเนินการจัดซื้อจัดจ้างประจำเดือนตุลาคม 2566/);
      assert.doesNotMatch(text, /แผนการใช้จ่ายงบประมาณ/);
      assert.match(text, /แสดง 1–13 จาก 13 รายการ/);
      const news = await a.get('/news');
      assert.match(textOf(news.body), /ประชุมชี้แจงแผนการใช้จ่ายงบประมาณประจำปี 2570/);
      const doc = await a.get('/documents/budget-ordinance-2567');
      assert.match(doc.body, /<meta property="og:title" content="ประกาศใช้ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567"/);
      assert.match(doc.body, /<meta property="og:url" content="http:\/\/localhost:3000\/documents\/budget-ordinance-2567"/);
      assert.match(doc.body, /<meta property="og:image" content="http:\/\/localhost:3000\/assets\/og-default.png\?v=/);
      assert.match(doc.body, /<meta name="twitter:card" content="summary_large_image"/);
      assert.match(doc.body, /https:\/\/social-plugins.line.me\/lineit\/share\?url=http%3A%2F%2Flocalhost%3A3000%2Fdocuments%2Fbudget-ordinance-2567/);
      assert.match(textOf(doc.body), /ให้ความเห็นชอบโดย นายสมศักดิ์ ศรีสุข/);
      assert.match(textOf(doc.body), /28 กันยายน 2566/);
      const print = await a.get('/documents/budget-ordinance-2567/print');
      assert.doesNotMatch(print.body, /class="main-nav"/);
      assert.match(print.body, /http:\/\/localhost:3000\/files\//);
      const feed = await a.get('/feed.xml');
      assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
      assert.match(feed.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      assert.match(feed.body, /<title type="text">ประชุมชี้แจงแผนการใช้จ่ายงบประมาณประจำปี 2570 ให้แก่บุคลากร<\/title>/);
      assert.doesNotMatch(feed.body, /anti-corruption-day-2570/, 'scheduled news stays out of the feed');
      const sitemap = await a.get('/sitemap.xml');
      assert.match(sitemap.body, /<loc>http:\/\/localhost:3000\/documents\/budget-ordinance-2567<\/loc>/);
      assert.match(sitemap.body, /<loc>http:\/\/localhost:3000\/oit\/2567\/O21<\/loc>/);
      const robots = await a.get('/robots.txt');
      assert.match(robots.body, /Disallow: \/staff/);
      assert.match(robots.body, /Sitemap: http:\/\/localhost:3000\/sitemap.xml/);
      assert.equal((await a.get('/documents/No-Such_Slug!')).status, 404);
    });

    test('open data: datasets with CSV (UTF-8 BOM), JSON and DCAT JSON-LD', async () => {
      const a = t.agent();
      const list = textOf((await a.get('/open-data')).body);
      assert.match(list, /ทะเบียนเอกสารเผยแพร่/);
      assert.match(list, /รายการเปิดเผยข้อมูลสาธารณะ \(OIT\)/);
      const csv = await a.get('/open-data/documents.csv');
      assert.equal(csv.raw.subarray(0, 3).toString('hex'), 'efbbbf');
      assert.match(csv.body, /^\uFEFFtitle_th,title_en,category,fiscal_year,period,published_at,attachments,url\r\n/);
      assert.match(csv.body, /ประกาศใช้ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567/);
      const json = JSON.parse((await a.get('/open-data/oit-items.json')).body);
      assert.equal(json.dataset, 'oit-items');
      assert.ok(json.rows.some((r: { code: string; year: number; url: string }) => r.code === 'O21' && r.year === 2567 && r.url === '/oit/2567/O21'), 'json.rows.some((r: { code: string; year: number; url: string }) => r.code === \'O21\' && r.year === 2567 && r.url === \'');
      const ld = await a.get('/open-data/documents.jsonld');
      assert.match(String(ld.headers['content-type']), /application\/ld\+json/);
      const d = JSON.parse(ld.body);
      assert.equal(d['@type'], 'dcat:Dataset');
      assert.equal(d['dcat:distribution'][0]['dcat:downloadURL'], 'http://localhost:3000/open-data/documents.csv');
      assert.equal(d['dct:publisher']['foaf:name'][0]['@value'], 'องค์การบริหารส่วนจังหวัดกาฬสินธุ์');
      assert.equal((await a.get('/open-data/nothing.csv')).status, 404);
    });

    test('search: page and JSON API, substring recall, short queries, normalised input, filters', async () => {
      const a = t.agent();
      const q = (s: string, extra = '') => a.get(`/api/v1/search?q=${encodeURIComponent(s)}${extra}`).then((r) => JSON.parse(r.body));
      const r = await q('งบประมาณ');
      assert.ok(r.total >= 4, 'the API finds at least the four demo items on งบประมาณ');
      for (const hit of r.results) {
        assert.deepEqual(Object.keys(hit).sort(), ['fiscalYear', 'snippet', 'title', 'type', 'url']);
        assert.ok(!hit.snippet.includes('<mark>'), 'API snippets are plain text, without <mark>');
      }
      const ordinance = await q('ข้อบัญญัติงบประมาณรายจ่าย', '&fy=2567');
      assert.ok(ordinance.results.some((h: { url: string }) => h.url === 'http://localhost:3000/documents/budget-ordinance-2567'), 'the budget ordinance is found');
      assert.ok((await q('สขร')).total >= 13, 'a two-part abbreviation inside longer words');
      assert.equal((await q('งบประมาณ', '&type=news&fy=2567')).total, 1);
      assert.ok((await q('ปี')).total > 0, 'two-character query');
      const right = await q('เจ้าหน้าที่');
      const typed = await q('เจ้าหน\u0E49\u0E32ท\u0E48\u0E35');
      assert.equal(typed.total, right.total);
      assert.ok(right.total > 0, 'a query typed with a misplaced tone mark still finds the item');
      assert.equal((await a.get('/api/v1/search')).status, 400);
      assert.equal((await a.get('/api/v1/search?q=%E0%B8')).status, 400);
      const page = await a.get(`/search?q=${encodeURIComponent('คุณธรรม')}`);
      assert.match(page.body, /<mark>คุณธรรม<\/mark>/);
      assert.match(textOf(page.body), /พบ \d+ รายการสำหรับ “คุณธรรม”/);
      assert.match(textOf((await a.get(`/search?q=${encodeURIComponent('คอมพิวเตอร์ควอนตัม')}`)).body), /ไม่พบผลลัพธ์/);
      assert.equal((await a.get('/search?q=%E0%B8')).status, 400);
    });

    test('staff notices: everyone acknowledges; the report shows who has and who has not', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/notices/new');
      const bad = await a.post('/staff/notices/new', { title: '', body: '', content_id: 'abc', fiscal_year: '' });
      assert.equal(bad.status, 422);
      const r = await a.post('/staff/notices/new', { title: 'แนวทางการใช้ทรัพย์สินของราชการ', body: 'ขอให้บุคลากรถือปฏิบัติตามคู่มือการยืมทรัพย์สิน', content_id: '', fiscal_year: '2570' });
      assert.equal(r.status, 303);
      const nid = Number(/\/staff\/notices\/(\d+)/.exec(r.location!)![1]);
      for (const u of ['service', 'asset']) {
        const b = t.agent();
        await b.login(u);
        const list = await b.get('/staff/notices');
        assert.match(textOf(list.body), /แนวทางการใช้ทรัพย์สินของราชการ/);
        assert.equal((await b.post(`/staff/notices/${nid}/ack`, {})).status, 303);
        assert.equal((await b.post(`/staff/notices/${nid}/ack`, {})).status, 303, 'twice is harmless');
        assert.equal((await b.get(`/staff/notices/${nid}`)).status, 403, 'only report readers see the report');
      }
      const report = await a.get(`/staff/notices/${nid}`);
      const text = textOf(report.body);
      const total = (await t.p.db.k.selectFrom('app_user').select('id').where('is_disabled', '=', false).execute()).length;
      assert.match(text, new RegExp(`รับทราบแล้ว 2 จาก ${total} คน`));
      assert.match(text, /ยังไม่รับทราบ/);
      const csv = await a.get(`/staff/notices/${nid}/report.csv`);
      assert.match(csv.body, /^\uFEFFdisplay_name,username,acknowledged_at/);
      assert.match(csv.body, /นายพัสดุ ครบถ้วน \(ตัวอย่าง\),asset,20\d\d-/);
      const demo = await a.get('/staff/notices');
      assert.match(textOf(demo.body), /แผนการใช้จ่ายงบประมาณประจำปีงบประมาณ พ.ศ. 2570/);
    });

    test('search: title matches first and marked (escaped), snippets in the visitor’s language, a spelling suggestion, only years with content', async () => {
      const { indexDocument } = await import('../../platform/search/index.ts');
      const { publicChanged } = await import('../../platform/changes.ts');
      const agencyId = (await t.p.db.k.selectFrom('agency').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      const entry = { agencyId, kind: 'document', lang: 'th' as const };
      // an old entry with the term in its title (and markup), a newer one with it only in its mixed Thai/English body
      await indexDocument(t.p.db, { ...entry, refId: 'rank-a', url: '/documents/rank-a', fiscalYear: 2501, publishedAt: '2020-01-01T00:00:00.000Z', title: '<img src=x onerror=alert(1)>ประกาศทดสอบจัดอันดับ', body: 'รายละเอียดประกาศ' });
      await indexDocument(t.p.db, { ...entry, refId: 'rank-b', url: '/documents/rank-b', fiscalYear: 2569, publishedAt: '2025-01-01T00:00:00.000Z', title: 'ข่าวทั่วไป',
        body: 'เนื้อหาทดสอบจัดอันดับสำหรับผู้อ่านภาษาไทย ฉบับย่อ Ranking test content (ทดสอบจัดอันดับ) for English readers, the "short version" & more' });
      // scheduled: its year is not listed yet
      await indexDocument(t.p.db, { ...entry, refId: 'rank-c', url: '/documents/rank-c', fiscalYear: 2599, publishedAt: '2999-01-01T00:00:00.000Z', title: 'ทดสอบจัดอันดับ', body: '' });
      publicChanged(t.p.db, agencyId);

      const th = t.agent();
      const api = async (a: Agent, q: string) => JSON.parse((await a.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).body);
      const r = await api(th, 'ทดสอบจัดอันดับ');
      assert.deepEqual(r.results.map((h: { url: string }) => h.url), ['http://localhost:3000/documents/rank-a', 'http://localhost:3000/documents/rank-b'], 'the title match first, though older');
      assert.equal(r.results[0].title, '<img src=x onerror=alert(1)>ประกาศทดสอบจัดอันดับ', 'API titles stay plain text');
      assert.match(r.results[1].snippet, /^เนื้อหาทดสอบจัดอันดับสำหรับผู้อ่านภาษาไทย ฉบับย่อ/);
      assert.doesNotMatch(r.results[1].snippet, /Ranking/, 'a Thai visitor gets the Thai part');
      const en = t.agent();
      await en.get('/lang/en');
      const rEn = await api(en, 'ทดสอบจัดอันดับ');
      assert.equal(rEn.results[1].snippet, '…Ranking test content (ทดสอบจัดอันดับ) for English readers, the "short version" & more', 'an English visitor gets the English part, as plain text');

      const page = await th.get(`/search?q=${encodeURIComponent('ทดสอบจัดอันดับ')}`);
      assert.ok(page.body.includes('<a href="/documents/rank-a">&lt;img src=x onerror=alert(1)>ประกาศ<mark>ทดสอบจัดอันดับ</mark></a>'), 'the title is escaped, its match marked');
      assert.ok(!page.body.includes('<img src=x'), 'no unescaped text from the index');
      assert.doesNotMatch(textOf(page.body), /ค้นหาได้ทั้งคำเต็มและบางส่วนของคำ/, 'no hint above the results');
      assert.match(textOf((await th.get('/search')).body), /ค้นหาได้ทั้งคำเต็มและบางส่วนของคำ/, 'the hint on the empty search page');

      const typo = await th.get(`/search?q=${encodeURIComponent('งบประมาน')}&type=news&fy=2567`);
      assert.match(textOf(typo.body), /ไม่พบผลลัพธ์สำหรับ “งบประมาน”/);
      assert.ok(typo.body.includes(`<a href="/search?q=${encodeURIComponent('งบประมาณ')}&type=news&fy=2567">ค้นหา “งบประมาณ” แทนหรือไม่</a>`), 'a link to the suggested spelling, with the same filters');
      const typoEn = await en.get(`/search?q=${encodeURIComponent('ข้อบัญญัด')}`);
      assert.match(typoEn.body, /Did you mean “<span lang="th">ข้อบัญญัติ<\/span>”\?/, 'the Thai suggestion marked Thai');
      assert.deepEqual(unmarkedThai(typoEn.body), []);
      assert.doesNotMatch(textOf((await th.get(`/search?q=${encodeURIComponent('คอมพิวเตอร์ควอนตัม')}`)).body), /แทนหรือไม่/);

      const years = [...page.body.matchAll(/<option value="(\d{4})"[^>]*>([^<]*)<\/option>/g)].map((m) => [Number(m[1]), m[2]]);
      const now = new Date().toISOString();
      const withContent = (await t.p.db.k.selectFrom('search_doc').select('fiscal_year').distinct().where('agency_id', '=', agencyId).where('fiscal_year', 'is not', null)
        .where((eb) => eb.or([eb('published_at', 'is', null), eb('published_at', '<=', now)])).execute()).map((x) => Number(x.fiscal_year)).sort((x, y) => y - x);
      assert.deepEqual(years, withContent.map((y) => [y, `พ.ศ. ${y}`]), 'the years with public content, newest first, in B.E.');
      assert.ok(withContent.includes(2501) && !withContent.includes(2599));
    });

    test('search: each item once, in the visitor’s language; a Thai title on an English page is marked Thai', async () => {
      const pub = t.agent();
      await pub.login('publisher');
      const boss = t.agent();
      await boss.login('executive');
      const publish = async (fields: Partial<typeof base>) => {
        const id = await draft(pub, fields);
        await pub.post(`/staff/content/${id}/submit`, {});
        assert.equal((await approve(t, boss, id)).status, 303);
      };
      await publish({ slug: 'search-lang-both', title_th: 'ประกาศโครงการเซตาเพื่อการทดสอบ', title_en: 'Zeta project notice', body_th: 'รายละเอียดโครงการเซตา', body_en: 'Details of the zeta project' });
      await publish({ slug: 'search-lang-thai', title_th: 'ประกาศเซตาฉบับภาษาไทยเท่านั้น', title_en: '', body_th: 'เนื้อหาเซตา' });
      const th = t.agent();
      const en = t.agent();
      await en.get('/lang/en');
      const results = async (a: Agent, q: string, type = '') => (JSON.parse((await a.get(`/api/v1/search?q=${encodeURIComponent(q)}${type ? `&type=${type}` : ''}`)).body).results as Array<{ title: string; url: string }>)
        .map((h) => [h.url.replace('http://localhost:3000', ''), h.title]);

      // the demo's forum has a Thai and an English entry, both holding 1/2569
      assert.deepEqual(await results(th, '1/2569', 'participation'), [['/participation/local-development-plan-forum-2569', 'ประชาคมท้องถิ่นระดับจังหวัด เพื่อทบทวนแผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) ครั้งที่ 1/2569']], 'a Thai search lists it once, in Thai');
      assert.deepEqual(await results(en, '1/2569', 'participation'), [['/participation/local-development-plan-forum-2569', 'Provincial community forum reviewing the local development plan (B.E. 2566–2570), 1/2569']], 'an English search lists it once, in English');
      assert.deepEqual(await results(en, 'ประชาคมท้องถิ่นระดับจังหวัด', 'participation'), [['/participation/local-development-plan-forum-2569', 'Provincial community forum reviewing the local development plan (B.E. 2566–2570), 1/2569']], 'Thai words find its English entry');
      assert.deepEqual(await results(th, 'Drinking and household water', 'eservice'), [['/e-service/water-truck', 'ขอรับการสนับสนุนน้ำอุปโภคบริโภค (รถบรรทุกน้ำ)']], 'English words find its Thai entry');

      // documents: both titles count as titles; the English one shown in English, the Thai-only one marked Thai
      assert.deepEqual((await results(th, 'เซตา')).map(([u]) => u), ['/documents/search-lang-thai', '/documents/search-lang-both']);
      assert.deepEqual(await results(en, 'เซตา'), [['/documents/search-lang-thai', 'ประกาศเซตาฉบับภาษาไทยเท่านั้น'], ['/documents/search-lang-both', 'Zeta project notice']]);
      assert.deepEqual(await results(th, 'zeta'), [['/documents/search-lang-both', 'ประกาศโครงการเซตาเพื่อการทดสอบ']]);
      const page = await en.get(`/search?q=${encodeURIComponent('เซตา')}`);
      assert.ok(page.body.includes('<a href="/documents/search-lang-both">Zeta project notice</a>'), 'the English title, no lang');
      assert.ok(page.body.includes('<a href="/documents/search-lang-thai" lang="th">ประกาศ<mark>เซตา</mark>ฉบับภาษาไทยเท่านั้น</a>'), 'the Thai fallback marked Thai');
      assert.deepEqual(unmarkedThai(page.body), []);
      assert.equal((await results(th, 'เซตา')).length, new Set((await results(th, 'เซตา')).map(([u]) => u)).size);
    });
  });
}
