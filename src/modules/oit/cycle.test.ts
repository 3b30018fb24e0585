// The assessment cycle's catalogues on a fresh demo: 2567–2569 from the shared data (clean public text), 2570 a
// provisional copy of 2569 until an admin confirms it, re-import by code, a broken file refused whole, and 2569 readiness.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';

interface SeedItem {
  year: number;
  code: string;
  title_th: string;
  title_en: string;
  group: string;
  requirements: string[];
  requirements_en: string[];
  note: string;
  confidence?: string;
  sources?: string[];
  recency: string;
}

const SEED_PATH = new URL('../../../seed/oit-items.json', import.meta.url);
const seed = JSON.parse(fs.readFileSync(SEED_PATH, 'utf8')) as SeedItem[];
const of = (year: number) => seed.filter((i) => i.year === year);

/** What research notes look like: English remarks, confidence words, sources. Never on a public page. */
const REMARK = /\((?:inferred|title not confirmed|unconfirmed)\)|inferred|not confirmed|RTRDA|ความเชื่อมั่น|สันนิษฐาน/i;

/** The rows of a staff year page: code, status and the reasons' text. */
function rows(html: string): Array<{ code: string; status: string; reasons: string }> {
  return [...html.matchAll(/<tr><td[^>]*><a href="\/staff\/oit\/\d{4}\/[^"]+">([^<]+)<\/a><\/td>[\s\S]*?class="tag status-([a-z_]+)"[\s\S]*?<\/td><td[^>]*>([\s\S]*?)<\/td><\/tr>/g)].map((m) => ({ code: m[1]!, status: m[2]!, reasons: textOf(m[3]!).trim() }));
}

describe('the shared catalogue data', () => {
  test('2567–2569 are all there; what the public sees carries no research remark, the English is complete', () => {
    assert.deepEqual([of(2567).length, of(2568).length, of(2569).length], [43, 28, 26]);
    for (const i of seed) {
      for (const text of [i.title_th, i.group, ...i.requirements]) assert.doesNotMatch(text, REMARK, `${i.year} ${i.code}: ${text}`);
      assert.equal(i.requirements_en.length, i.requirements.length, `${i.year} ${i.code}`);
    }
  });
});

for (const target of await dbTargets()) {
  describe(`OIT catalogues 2567–2570 on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('/oit/2569 lists the 26 items in Thai; each item page shows its Thai requirements and no note, source or English', async () => {
      const a = t.agent();
      const index = await a.get('/oit/2569');
      assert.equal(index.status, 200);
      const codes = new Set([...index.body.matchAll(/href="\/oit\/2569\/([^"]+)"/g)].map((m) => m[1]));
      assert.equal(codes.size, 26);
      const text = textOf(index.body);
      assert.doesNotMatch(text, REMARK);
      for (const i of of(2569)) {
        assert.ok(text.includes(i.title_th), i.code);
        const page = await a.get(`/oit/2569/${i.code}`);
        assert.equal(page.status, 200, i.code);
        const body = textOf(page.body);
        for (const r of i.requirements) assert.ok(body.includes(r), `${i.code}: ${r}`);
        for (const r of i.requirements_en) assert.ok(!body.includes(r), `${i.code} shows English: ${r}`);
        assert.ok(!body.includes(i.note.slice(0, 40)), `${i.code} shows its note`);
        for (const s of i.sources ?? []) assert.ok(!page.body.includes(s), `${i.code} shows a source`);
        assert.doesNotMatch(body, REMARK, i.code);
        assert.doesNotMatch(body, /low-medium|medium-high|confidence/i, i.code);
      }
      // the corrected 2568 titles and groups, on the public pages too
      const y2568 = textOf((await a.get('/oit/2568')).body);
      assert.doesNotMatch(y2568, REMARK);
      assert.match(y2568, /O6 แผนและความก้าวหน้าในการดำเนินงานและการใช้งบประมาณประจำปี/);
      assert.match(y2568, /การดำเนินการเพื่อป้องกันการทุจริตในประเด็นสินบน นโยบาย No Gift Policy/);
    });

    test('in English the English requirements show (and the Thai ones do not)', async () => {
      const en = t.agent();
      en.cookies.set('lang', 'en');
      for (const code of ['O4', 'O20']) {
        const i = of(2569).find((x) => x.code === code)!;
        const page = await en.get(`/oit/2569/${code}`);
        assert.match(page.body, /<html lang="en">/);
        const body = textOf(page.body);
        for (const r of i.requirements_en) assert.ok(body.includes(r), `${code}: ${r}`);
        for (const r of i.requirements) assert.ok(!body.includes(r), `${code} shows Thai: ${r}`);
        assert.ok(body.includes(i.title_en), code);
      }
      assert.match(textOf((await en.get('/oit/2569')).body), /Preventing bribery: the No Gift Policy/);
    });

    test('the 2569 readiness on the demo: 26 of 26 ready, each with its evidence', async () => {
      const a = t.agent();
      await a.login('integrity');
      const page = await a.get('/staff/oit/2569');
      assert.equal(page.status, 200);
      assert.match(textOf(page.body), /พร้อม 26 จาก 26 ข้อ \(100%\)/);
      const rs = rows(page.body);
      assert.equal(rs.length, 26);
      // people management (O13, O14) served by publishing's HR categories, participation (O19) by its module
      assert.deepEqual(rs.filter((r) => r.status !== 'ready').map((r) => r.code), []);
      for (const r of rs.filter((x) => x.status === 'ready')) assert.equal(r.reasons, '—', r.code);
      // 2570, the year under way, is not all ready yet: each item that is not says why, in Thai
      const notReady = rows((await a.get('/staff/oit/2570')).body).filter((r) => r.status !== 'ready');
      assert.ok(notReady.length > 0, 'some 2570 items wait for evidence');
      for (const r of notReady) {
        assert.match(r.reasons, /\S/, r.code);
        assert.match(r.reasons, /^[\u0E00-\u0E7F]/, `${r.code} starts in Thai: ${r.reasons}`);
        assert.doesNotMatch(r.reasons, /\b(?:missing|undefined|null|oit\.reason)\b/, r.code);
      }
      // what serves the items: documents of the right fiscal year, the modules' own pages
      const o7 = textOf((await a.get('/staff/oit/2569/O7')).body);
      assert.match(o7, /รายงานผลการดำเนินงานประจำปี พ\.ศ\. 2568/);
      assert.match(textOf((await t.agent().get('/oit/2569/O20')).body), /ประกาศเจตนารมณ์ No Gift Policy/);
      assert.match((await t.agent().get('/oit/2569/O17')).body, /href="\/complaints"/);
      assert.match((await t.agent().get('/oit/2569/O19')).body, /href="\/participation\/report\/2569"/, 'the yearly participation report');
      const o11 = (await t.agent().get('/oit/2569/O11')).body;
      assert.match(o11, /skr1-2026-09\.pdf/, 'September 2569, the last month of FY 2569');
      const xlsx = /href="([^"]+\/skr1-2026-09\.xlsx)"/.exec(o11);
      assert.ok(xlsx, 'in PDF and in Excel, as the item asks');
      const file = await t.agent().get(xlsx[1]!);
      assert.equal(file.status, 200);
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.raw as unknown as ArrayBuffer);
      assert.equal(wb.worksheets[0]!.getRow(2).getCell(2).value, 'งานที่จัดซื้อหรือจัดจ้าง');
    });

    test("NACC's list imported over the provisional 2570: items update by code with their evidence, dropped codes are named, the year stays provisional", async () => {
      const officer = t.agent();
      await officer.login('integrity');
      await officer.get('/staff/oit/years');
      const bindings = async () => (await t.p.db.k.selectFrom('oit_binding').innerJoin('oit_item', 'oit_item.id', 'oit_binding.item_id').select(['oit_item.code', 'oit_binding.provider', 'oit_binding.ref']).where('oit_item.year', '=', 2570).orderBy('oit_binding.id').execute());
      const before = await bindings();
      assert.ok(before.length > 0);
      const list = of(2569).filter((i) => i.code !== 'O26').map((i) => ({ ...i, year: 2570, title_th: i.code === 'O5' ? 'แผนพัฒนาหน่วยงาน' : i.title_th }));
      const r = await officer.postMultipart('/staff/oit/import', { year: '2570' }, { file: { name: 'nacc-2570.json', data: Buffer.from(JSON.stringify(list)) } });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
      assert.match(textOf((await officer.get(r.location!)).body), /นำเข้าแล้ว: เพิ่ม 0 ข้อ ปรับปรุง 25 ข้อ ข้อที่ไม่อยู่ในไฟล์ยังคงอยู่พร้อมหลักฐาน \(ลบได้ที่หน้าของข้อ\): O26/);
      assert.deepEqual(await bindings(), before);
      assert.match(textOf((await t.agent().get('/oit/2570/O5')).body), /O5 แผนพัฒนาหน่วยงาน/);
      assert.match(textOf((await officer.get('/staff/oit/2570')).body), /ฉบับชั่วคราว/, 'importing does not confirm: an admin does');
    });

    test('2570 exists, copied from 2569; staff see it provisional until an admin confirms it (audited; others get 403)', async () => {
      const pub = await t.agent().get('/oit/2570');
      assert.equal(pub.status, 200);
      assert.equal(new Set([...pub.body.matchAll(/href="\/oit\/2570\/([^"]+)"/g)].map((m) => m[1])).size, 26);
      assert.doesNotMatch(textOf(pub.body), /ฉบับชั่วคราว/, 'provisional is for staff');

      const officer = t.agent();
      await officer.login('integrity');
      const year = textOf((await officer.get('/staff/oit/2570')).body);
      assert.match(year, /ฉบับชั่วคราว/);
      assert.match(year, /ผู้ดูแลระบบเป็นผู้ยืนยันรายการข้อ/);
      assert.match(year, /พร้อม \d+ จาก 26 ข้อ/);
      assert.match(textOf((await officer.get('/staff/oit/years')).body), /ความพร้อม OIT ปี 2570 ฉบับชั่วคราว/);
      assert.doesNotMatch(textOf((await officer.get('/staff/oit/2569')).body), /ฉบับชั่วคราว/);
      let r = await officer.post('/staff/oit/2570/confirm', {});
      assert.equal(r.status, 403);
      r = await t.agent().post('/staff/oit/2570/confirm', {});
      assert.ok([401, 403].includes(r.status), `no session: ${r.status}`);

      const admin = t.agent();
      await admin.login('admin');
      const page = await admin.get('/staff/oit/2570');
      assert.match(page.body, /action="\/staff\/oit\/2570\/confirm"/);
      r = await admin.post('/staff/oit/2570/confirm', {});
      assert.equal(r.status, 303);
      assert.match(textOf((await admin.get(r.location!)).body), /ยืนยันรายการข้อของปี 2570 แล้ว/);
      assert.doesNotMatch(textOf((await officer.get('/staff/oit/2570')).body), /ฉบับชั่วคราว/);
      const row = await t.p.db.k.selectFrom('oit_year').select(['is_provisional', 'confirmed_by', 'confirmed_at']).where('year', '=', 2570).executeTakeFirstOrThrow();
      assert.equal(Boolean(row.is_provisional), false);
      const adminId = (await t.p.db.k.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
      assert.equal(row.confirmed_by, adminId);
      assert.ok(row.confirmed_at);
      const events = await t.p.db.k.selectFrom('audit_event').selectAll().where('action', '=', 'oit.catalogue.confirm').execute();
      assert.equal(events.length, 1);
      assert.equal(String(events[0]!.target_id), '2570');
      // once is enough: a second confirm says so
      await admin.get('/staff/oit/2570');
      r = await admin.post('/staff/oit/2570/confirm', {});
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ไม่ได้เป็นฉบับชั่วคราว หรือยืนยันไปแล้ว/);
      assert.equal((await admin.post('/staff/oit/2599/confirm', {})).status, 404);
    });

    test('importing the catalogue again over a year updates items by code and keeps their evidence', async () => {
      const admin = t.agent();
      await admin.login('admin');
      await admin.get('/staff/oit/years');
      const bindings = async () => (await t.p.db.k.selectFrom('oit_binding').innerJoin('oit_item', 'oit_item.id', 'oit_binding.item_id').select(['oit_item.code', 'oit_binding.provider', 'oit_binding.ref']).where('oit_item.year', '=', 2569).orderBy('oit_binding.id').execute());
      const before = await bindings();
      assert.ok(before.length >= 23);
      const file = seed.map((i) => (i.year === 2569 && i.code === 'O4' ? { ...i, title_th: 'ข่าวประชาสัมพันธ์ของหน่วยงาน' } : i));
      const r = await admin.postMultipart('/staff/oit/import', { year: '2569' }, { file: { name: 'oit-items.json', data: Buffer.from(JSON.stringify(file)) } });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
      assert.match(textOf((await admin.get(r.location!)).body), /นำเข้าแล้ว: เพิ่ม 0 ข้อ ปรับปรุง 26 ข้อ/);
      assert.deepEqual(await bindings(), before, 'every binding stays on its item');
      assert.match(textOf((await t.agent().get('/oit/2569/O4')).body), /O4 ข่าวประชาสัมพันธ์ของหน่วยงาน/);
      assert.match(textOf((await admin.get('/staff/oit/2569')).body), /พร้อม 26 จาก 26 ข้อ/, 'unchanged requirements keep their checks');
    });

    test('a catalogue file with one broken item is refused whole, naming the item and the field', async () => {
      const officer: Agent = t.agent();
      await officer.login('integrity');
      await officer.get('/staff/oit/years');
      const titles = async () => (await t.p.db.k.selectFrom('oit_item').select(['code', 'title_th']).where('year', '=', 2568).orderBy('id').execute());
      const before = await titles();
      const imports = async () => (await t.p.db.k.selectFrom('audit_event').select('id').where('action', '=', 'oit.catalogue.import').execute()).length;
      const count = await imports();
      const cases: Array<[(i: SeedItem) => SeedItem, RegExp]> = [
        [(i) => ({ ...i, requirements_en: i.requirements_en.slice(1) }), /item \d+ \(2568 O5\), field requirements_en: as many as requirements/],
        [(i) => ({ ...i, recency: 'yearly' }), /item \d+ \(2568 O5\), field recency: recency must be one of/],
        [(i) => ({ ...i, title_th: '' }), /item \d+ \(2568 O5\), field title_th: title_th is required/],
        [(i) => ({ ...i, sources: 'http://example.org' as unknown as string[] }), /item \d+ \(2568 O5\), field sources/],
      ];
      for (const [broken, msg] of cases) {
        const file = seed.map((i) => (i.year === 2568 && i.code === 'O5' ? broken(i) : i.year === 2568 ? { ...i, title_th: `${i.title_th} (แก้)` } : i));
        const r = await officer.postMultipart('/staff/oit/import', { year: '2568' }, { file: { name: 'oit-items.json', data: Buffer.from(JSON.stringify(file)) } });
        assert.equal(r.status, 422);
        assert.match(textOf(r.body), /อ่านไฟล์ไม่ได้/);
        assert.match(textOf(r.body), msg);
      }
      assert.deepEqual(await titles(), before, 'no item of the file was imported');
      assert.equal(await imports(), count);
    });
  });
}
