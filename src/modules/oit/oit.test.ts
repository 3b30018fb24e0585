import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { draftDocument } from '../../../test/support/fixtures.ts';
import { loadCurrentUser } from '../../platform/auth/users.ts';

const CSV = `code,title_th,title_en,indicator,group,requirements,recency,note
X1,แผนการจัดซื้อจัดจ้างประจำปี,Annual procurement plan,9 การเปิดเผยข้อมูล,9.3 การจัดซื้อจัดจ้าง,แผนของปีงบประมาณ | ลงนามโดยหัวหน้าหน่วยงาน,current_fy,
X2,สรุปผลการจัดซื้อจัดจ้างรายเดือน,Monthly summaries,9 การเปิดเผยข้อมูล,9.3 การจัดซื้อจัดจ้าง,ครบทุกเดือน,monthly,
X3,ข้อมูลผู้บริหาร,Executives,9 การเปิดเผยข้อมูล,9.1 ข้อมูลพื้นฐาน,ชื่อ ตำแหน่ง รูป ช่องทางติดต่อ,current_holders,
`;

/** The picker's results on an item page: title and the text of the result (details and verdict). */
function picked(html: string): Array<{ title: string; text: string }> {
  return [...html.matchAll(/<li class="pick-result">([\s\S]*?)<\/li>\s*(?=<li class="pick-result">|<\/ul>)/g)].map((m) => ({ title: textOf(/<h4[^>]*>([\s\S]*?)<\/h4>/.exec(m[1]!)![1]!).trim(), text: textOf(m[1]!) }));
}

async function itemStatus(a: Agent, year: number, code: string): Promise<string> {
  const page = await a.get(`/staff/oit/${year}/${code}`);
  return /class="tag status-(\w+)"/.exec(page.body)![1]!;
}

for (const target of await dbTargets()) {
  describe(`OIT map on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('public index groups items by indicator and group; each item page shows what is required and its evidence', async () => {
      const a = t.agent();
      const index = await a.get('/oit/2567');
      assert.equal(index.status, 200);
      const text = textOf(index.body);
      assert.match(text, /9 การเปิดเผยข้อมูล/);
      assert.match(text, /9\.3 การจัดซื้อจัดจ้าง/);
      assert.match(text, /10 การป้องกันการทุจริต/);
      assert.match(index.body, /href="\/oit\/2567\/O21"/);
      const item = await a.get('/oit/2567/O11');
      const it = textOf(item.body);
      assert.match(it, /O11 แผนดำเนินงานและการใช้งบประมาณประจำปี/);
      assert.match(it, /องค์ประกอบที่ต้องมี/);
      assert.match(it, /ประกาศใช้ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567/);
      assert.match(item.body, /<a href="\/files\/[\w-]+\/budget-ordinance-2567\.pdf">ดาวน์โหลด:/);
      const social = textOf((await a.get('/oit/2567/O9')).body);
      assert.match(social, /ลิงก์ภายนอก/);
      assert.equal((await a.get('/oit')).status, 200);
    });

    test('an item page shows only what is public now: archiving its evidence takes it off at once, reopening and approving brings it back', async () => {
      const a = t.agent();
      assert.match(textOf((await a.get('/oit/2567/O11')).body), /ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567/, 'shown (and now cached)');
      const doc = await t.p.db.k.selectFrom('content').select('id').where('slug', '=', 'budget-ordinance-2567').executeTakeFirstOrThrow();
      const boss = t.agent();
      await boss.login('executive');
      await boss.get(`/staff/content/${doc.id}`);
      assert.equal((await boss.post(`/staff/content/${doc.id}/archive`, {})).status, 303);
      assert.doesNotMatch(textOf((await a.get('/oit/2567/O11')).body), /ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567/, 'gone at once, not after the cache expires');
      await boss.post(`/staff/content/${doc.id}/reopen`, {});
      const pub = t.agent();
      await pub.login('publisher');
      await pub.get(`/staff/content/${doc.id}`);
      await pub.post(`/staff/content/${doc.id}/submit`, {});
      const rev = /name="revision" value="(\d+)"/.exec((await boss.get(`/staff/content/${doc.id}/approve`)).body)![1]!;
      assert.equal((await boss.post(`/staff/content/${doc.id}/approve`, { publish_at: '', revision: rev })).status, 303);
      assert.match(textOf((await a.get('/oit/2567/O11')).body), /ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567/, 'back once published again');
    });

    test('unknown years and codes give a Thai 404 that links to the years that exist; codes are case-insensitive', async () => {
      const a = t.agent();
      for (const u of ['/oit/2599', '/oit/2567/O99', '/oit/abc', '/oit/2567/%3Cscript%3E']) {
        const r = await a.get(u);
        assert.equal(r.status, 404, u);
        assert.match(textOf(r.body), /ไม่พบข้อมูล OIT ที่ต้องการ/);
        assert.match(r.body, /href="\/oit\/2568"/);
        assert.match(r.body, /href="\/oit\/2567"/);
      }
      const r = await a.get('/oit/2567/o21');
      assert.equal(r.status, 301);
      assert.equal(r.location, '/oit/2567/O21');
    });

    test('readiness of the demo: ready items, monthly series complete, missing items say why', async () => {
      const a = t.agent();
      await a.login('integrity');
      const year = await a.get('/staff/oit/2567');
      assert.equal(year.status, 200);
      const text = textOf(year.body);
      assert.match(text, /พร้อม \d+ จาก 43 ข้อ \(\d+%\)/);
      assert.equal(await itemStatus(a, 2567, 'O21'), 'ready', 'twelve monthly reports of FY 2567');
      assert.equal(await itemStatus(a, 2567, 'O11'), 'ready');
      // an item no module offers evidence for (the E-Service module binds O18 since it exists)
      assert.equal(await itemStatus(a, 2567, 'O23'), 'missing');
      const o23 = textOf((await a.get('/staff/oit/2567/O23')).body);
      assert.match(o23, /ยังไม่มีหลักฐาน/);
      assert.equal(await itemStatus(a, 2567, 'O9'), 'incomplete', 'only an external link');
      assert.match(textOf((await a.get('/staff/oit/2567/O9')).body), /ระบบตรวจสอบเนื้อหาไม่ได้/);
    });

    test('import a catalogue from CSV; readiness goes from missing to ready as evidence is bound and checked', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/oit');
      let r = await a.postMultipart('/staff/oit/import', { year: '2570' }, { file: { name: 'oit-2570.csv', data: Buffer.from(`\uFEFF${CSV}`), type: 'text/csv' } });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
      assert.match(textOf((await a.get(r.location!)).body), /นำเข้าแล้ว: เพิ่ม 3 ข้อ ปรับปรุง 0 ข้อ/);
      assert.equal(await itemStatus(a, 2570, 'X1'), 'missing');

      // evidence of the wrong fiscal year is named as such
      const old = await t.p.db.k.selectFrom('content').select('id').where('slug', '=', 'spending-plan-2567').executeTakeFirstOrThrow();
      await a.get('/staff/oit/2570/X1');
      r = await a.post('/staff/oit/2570/X1/bindings', { provider: 'content', ref: String(old.id) });
      assert.equal(r.status, 303);
      let page = textOf((await a.get('/staff/oit/2570/X1')).body);
      assert.match(page, /เป็นข้อมูลปีงบประมาณ 2567 แต่ข้อนี้ต้องการปี 2570/);
      assert.equal(await itemStatus(a, 2570, 'X1'), 'wrong_year', 'its own status and badge, not just incomplete');
      assert.match(page, /หลักฐานผิดปี/);

      const plan = await t.p.db.k.selectFrom('content').select('id').where('slug', '=', 'spending-plan-2570').executeTakeFirstOrThrow();
      await a.post('/staff/oit/2570/X1/bindings', { provider: 'content', ref: String(plan.id) });
      const oldBinding = await t.p.db.k.selectFrom('oit_binding').innerJoin('oit_item', 'oit_item.id', 'oit_binding.item_id').select('oit_binding.id').where('oit_item.code', '=', 'X1').where('oit_binding.ref', '=', String(old.id)).executeTakeFirstOrThrow();
      await a.post(`/staff/oit/2570/X1/bindings/${oldBinding.id}/remove`, {});
      page = textOf((await a.get('/staff/oit/2570/X1')).body);
      assert.match(page, /ยังไม่ได้ตรวจองค์ประกอบ 2 ข้อ/);
      assert.equal(await itemStatus(a, 2570, 'X1'), 'incomplete');
      r = await a.post('/staff/oit/2570/X1/ticks', { requirements: ['แผนของปีงบประมาณ', 'ลงนามโดยหัวหน้าหน่วยงาน'] });
      assert.equal(r.status, 303);
      assert.equal(await itemStatus(a, 2570, 'X1'), 'ready');
      const pub = textOf((await t.agent().get('/oit/2570/X1')).body);
      assert.match(pub, /แผนการใช้จ่ายงบประมาณประจำปีงบประมาณ พ.ศ. 2570/);
      assert.doesNotMatch(pub, /พ.ศ. 2567/);

      // a monthly series with gaps: only October of FY 2570 has its report so far
      const oct = await t.p.db.k.selectFrom('content').select('id').where('slug', '=', 'skr1-2026-10').executeTakeFirstOrThrow();
      await a.post('/staff/oit/2570/X2/bindings', { provider: 'content', ref: String(oct.id) });
      await a.post('/staff/oit/2570/X2/ticks', { requirements: 'ครบทุกเดือน' });
      const today = new Date().toISOString().slice(0, 7);
      assert.equal(await itemStatus(a, 2570, 'X2'), today > '2026-11' ? 'incomplete' : 'ready');

      // executives without a photo make the current-office-holders item incomplete
      await a.post('/staff/oit/2570/X3/bindings', { provider: 'agency', ref: 'executives' });
      await a.post('/staff/oit/2570/X3/ticks', { requirements: 'ชื่อ ตำแหน่ง รูป ช่องทางติดต่อ' });
      assert.equal(await itemStatus(a, 2570, 'X3'), 'ready');
      await t.p.db.k.updateTable('executive').set({ portrait_file_id: null }).where('name_th', '=', 'นางมาลี ใจงาม').execute();
      assert.equal(await itemStatus(a, 2570, 'X3'), 'incomplete');
      assert.match(textOf((await a.get('/staff/oit/2570/X3')).body), /นางมาลี ใจงาม ยังไม่มีรูปภาพ/);

      // unpublishing evidence is caught too
      const boss = t.agent();
      await boss.login('admin');
      await boss.get(`/staff/content/${plan.id}`);
      await boss.post(`/staff/content/${plan.id}/archive`, {});
      assert.equal(await itemStatus(a, 2570, 'X1'), 'missing');
      assert.match(textOf((await a.get('/staff/oit/2570/X1')).body), /ยังไม่เผยแพร่/);
    });

    test('bad catalogue files and bindings are refused with a message', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/oit');
      const cases: Array<[string, string, RegExp]> = [
        ['bad.json', '{"items": [', /อ่านไฟล์ไม่ได้: JSON/],
        ['bad.json', '[{"code": "O 1", "title_th": "x"}]', /อ่านไฟล์ไม่ได้: item 1 \(O 1\), field code/],
        ['bad.json', '[{"code": "O1", "title_th": "x", "recency": "sometimes"}]', /recency must be one of current_fy/],
        ['empty.json', '[]', /ไฟล์ไม่มีรายการ/],
        ['dup.csv', 'code,title_th\nA,หนึ่ง\nA,สอง\n', /appears twice/],
        ['nocode.csv', 'title,th\nx,y\n', /must name a code column/],
      ];
      for (const [name, body, msg] of cases) {
        const r = await a.postMultipart('/staff/oit/import', { year: '2571' }, { file: { name, data: Buffer.from(body) } });
        assert.equal(r.status, 422, name);
        assert.match(textOf(r.body), msg);
      }
      const y = await a.postMultipart('/staff/oit/import', { year: '67' }, { file: { name: 'x.json', data: Buffer.from('[]') } });
      assert.match(textOf(y.body), /ปีการประเมินต้องเป็น พ.ศ. 4 หลัก/);
      assert.equal((await t.p.db.k.selectFrom('oit_year').select('year').where('year', '=', 2571).execute()).length, 0, 'nothing half-imported');
      await a.get('/staff/oit/2568/O1');
      let r = await a.post('/staff/oit/2568/O1/bindings', { provider: 'content', ref: '999999' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /เลือกรายการที่จะผูก/);
      r = await a.post('/staff/oit/2568/O1/bindings', { provider: 'url', url: 'javascript:alert(1)', label: 'x' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /รูปแบบที่อยู่เว็บไม่ถูกต้อง/);
    });

    test('import the shared JSON format again: items update by code, the rest stay; copy a year with its evidence', async () => {
      const a = t.agent();
      await a.login('admin');
      await a.get('/staff/oit');
      const json = JSON.stringify([{ year: 2568, code: 'O1', title_th: 'โครงสร้างและอำนาจหน้าที่ (ปรับปรุง)', requirements: ['แผนผังโครงสร้าง'], recency: 'any' }, { year: 2567, code: 'O1', title_th: 'ไม่ใช่ปีนี้' }]);
      let r = await a.postMultipart('/staff/oit/import', { year: '2568' }, { file: { name: 'fix.json', data: Buffer.from(json) } });
      assert.equal(r.status, 303);
      const flash = textOf((await a.get(r.location!)).body);
      assert.match(flash, /เพิ่ม 0 ข้อ ปรับปรุง 1 ข้อ/);
      assert.match(textOf((await t.agent().get('/oit/2568/O1')).body), /โครงสร้างและอำนาจหน้าที่ \(ปรับปรุง\)/);
      assert.equal((await t.agent().get('/oit/2568/O26')).status, 200, 'items not in the file stay');

      r = await a.post('/staff/oit/copy', { from: '2568', to: '2572', with_bindings: 'on' });
      assert.equal(r.status, 303);
      assert.match(textOf((await a.get(r.location!)).body), /สร้างแผนผังปี 2572 จากปี 2568 แล้ว \(28 ข้อ\)/);
      assert.match(textOf((await a.get('/staff/oit/2572/O7')).body), /เป็นข้อมูลปีงบประมาณ 2567 แต่ข้อนี้ต้องการปี 2571/, 'copied evidence keeps its own year and is flagged');
      assert.match(textOf((await a.get('/staff/oit/2572')).body), /ฉบับชั่วคราว/, 'a copied year is provisional');
      r = await a.post('/staff/oit/copy', { from: '2568', to: '2572' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ปี 2572 มีแผนผังอยู่แล้ว/);
      r = await a.post('/staff/oit/copy', { from: '2550', to: '2551' });
      assert.match(textOf(r.body), /ไม่มีแผนผังของปี 2550/);
    });

    test('the answer sheet: CSV and XLSX with มี/ไม่มี and the item URL', async () => {
      const a = t.agent();
      await a.login('executive');
      const csv = await a.get('/staff/oit/2567/export.csv');
      assert.equal(csv.status, 200);
      assert.match(String(csv.headers['content-disposition']), /oit-2567\.csv/);
      const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines[0], 'ข้อ,หัวข้อ,มี/ไม่มี,URL,คำอธิบาย');
      assert.equal(lines.filter((l) => /^O\d+,/.test(l)).length, 43);
      assert.match(lines.find((l) => l.startsWith('O21,'))!, /^O21,สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน,มี,http:\/\/localhost:3000\/oit\/2567\/O21,/);
      assert.match(lines.find((l) => l.startsWith('O23,'))!, /,ไม่มี,.*ยังไม่มีหลักฐาน/);
      const xlsx = await a.get('/staff/oit/2567/export.xlsx');
      assert.equal(xlsx.raw.subarray(0, 2).toString('latin1'), 'PK');
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.raw as never);
      const ws = wb.getWorksheet('OIT 2567')!;
      assert.equal(ws.getCell('A1').value, 'ข้อ');
      const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
      const o21 = rows.find((r) => r[1] === 'O21')!;
      assert.equal(o21[3], 'มี');
      assert.equal((o21[4] as { text: string }).text, 'http://localhost:3000/oit/2567/O21');
    });

    test('item editing and deletion, with a confirmation page; roles are checked', async () => {
      const pub = t.agent();
      await pub.login('publisher');
      assert.equal((await pub.get('/staff/oit/2567')).status, 200, 'publishers may read readiness');
      await pub.get('/staff/oit/2567/O8');
      assert.equal((await pub.post('/staff/oit/2567/O8/edit', { title_th: 'x' })).status, 403);
      assert.equal((await t.agent().get('/staff/oit/2567')).status, 303);
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/oit/2567/O8');
      let r = await a.post('/staff/oit/2567/O8/edit', { title_th: '', title_en: '', indicator: '', group_name: '', requirements: '', recency: 'weekly', sort_order: 'x', note: '' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /จำเป็นต้องกรอกช่องนี้/);
      assert.match(textOf(r.body), /ค่าที่เลือกไม่อยู่ในรายการ/);
      r = await a.post('/staff/oit/2567/O8/edit', { title_th: 'ถาม–ตอบ (Q&A)', title_en: 'Q&A', indicator: '9 การเปิดเผยข้อมูล', group_name: '9.1 ข้อมูลพื้นฐาน', requirements: 'ช่องทางถามตอบที่ใช้งานได้\nตอบภายใน 3 วันทำการ', recency: 'any', sort_order: '7', note: '' });
      assert.equal(r.status, 303);
      const pubItem = textOf((await t.agent().get('/oit/2567/O8')).body);
      assert.match(pubItem, /ถาม–ตอบ \(Q&A\)/);
      assert.match(pubItem, /ตอบภายใน 3 วันทำการ/);
      const confirm = await a.get('/staff/oit/2567/O8/delete');
      assert.match(textOf(confirm.body), /ยืนยันการลบข้อ O8/);
      r = await a.post('/staff/oit/2567/O8/delete', {});
      assert.equal(r.status, 303);
      assert.equal((await t.agent().get('/oit/2567/O8')).status, 404);
      const events = await t.p.db.k.selectFrom('audit_event').select('action').where('target_id', '=', '2567/O8').orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.action), ['oit.item.update', 'oit.item.delete'], 'the audit trail lists the edit, then the deletion');
    });

    test('the evidence picker lists published items of the year the item asks for; Thai words find them; a wrong-year one says why', async () => {
      const a = t.agent();
      await a.login('integrity');
      // a draft of the right year is not offered
      const pubUser = await t.p.db.k.selectFrom('app_user').select(['id', 'agency_id']).where('username', '=', 'publisher').executeTakeFirstOrThrow();
      await draftDocument(t.p, (await loadCurrentUser(t.p.db, pubUser.agency_id, pubUser.id, true))!, { title_th: 'รายงานผลการบริหารทรัพยากรบุคคล (ร่าง)', fiscal_year: 2567 });

      // O15 of 2568 asks for the previous fiscal year: only published items of 2567 by default
      let page = await a.get('/staff/oit/2568/O15');
      assert.equal(page.status, 200);
      let results = picked(page.body);
      assert.ok(results.length > 0, 'the picker lists something');
      assert.ok(results.every((r) => /ปีงบประมาณ 2567/.test(r.text)), results.map((r) => r.text).join('\n'));
      assert.ok(results.some((r) => r.title === 'รายงานผลการดำเนินงานประจำปี พ.ศ. 2567'));
      assert.ok(!results.some((r) => /\(ร่าง\)/.test(r.title)), 'no drafts');
      assert.match(textOf(page.body), /ปีที่ข้อนี้ต้องการ \(2567\)/);
      assert.match(results[0]!.text, /เผยแพร่เมื่อ \d{1,2} \S+ 25\d\d/, 'published date in B.E.');

      // Thai words, in any order of the title, typed with a space
      page = await a.get(`/staff/oit/2568/O15?q=${encodeURIComponent('ทรัพย์สิน การยืม')}`);
      results = picked(page.body);
      assert.deepEqual(results.map((r) => r.title), ['สถิติการยืมทรัพย์สินของทางราชการประจำปี พ.ศ. 2567']);
      assert.match(results[0]!.text, /เอกสาร · ปีงบประมาณ 2567/);
      assert.match(results[0]!.text, /ผูกแล้วข้อนี้จะพร้อม เมื่อทำเครื่องหมายองค์ประกอบครบทุกข้อ/);

      // in English, the details follow the language
      const en = t.agent();
      await en.login('integrity');
      await en.get('/lang/en');
      const enPage = picked((await en.get(`/staff/oit/2568/O15?q=${encodeURIComponent('ทรัพย์สิน')}`)).body);
      assert.match(enPage[0]!.text, /Document · Fiscal year 2567/);
      assert.match(enPage[0]!.text, /Binding this makes the item ready once every required element is ticked/);

      // a monthly report shows its month in Thai
      page = await a.get(`/staff/oit/2567/O21?q=${encodeURIComponent('จัดซื้อจัดจ้าง สขร.1')}&fy=2570`);
      assert.match(picked(page.body).map((r) => r.text).join(' '), /เอกสาร · ปีงบประมาณ 2570 · ตุลาคม 2569/);

      // O6 of 2568 asks for 2568: nothing of that year; with any year, the 2567 plan says why it will not do
      page = await a.get(`/staff/oit/2568/O6?q=${encodeURIComponent('แผนการใช้จ่าย')}`);
      assert.equal(picked(page.body).length, 0);
      assert.match(textOf(page.body), /ไม่พบรายการที่เผยแพร่แล้วตรงกับคำค้นและปีที่เลือก/);
      page = await a.get(`/staff/oit/2568/O6?q=${encodeURIComponent('แผนการใช้จ่าย')}&fy=any`);
      const old = picked(page.body).find((r) => r.title === 'แผนการใช้จ่ายงบประมาณประจำปีงบประมาณ พ.ศ. 2567')!;
      assert.ok(old, 'found with any year');
      assert.match(old.text, /ใช้เป็นหลักฐานของข้อนี้ไม่ได้/);
      assert.match(old.text, /เป็นข้อมูลปีงบประมาณ 2567 แต่ข้อนี้ต้องการปี 2568/);

      // many results are capped with a word to narrow the search; odd parameters are ignored, never an error
      page = await a.get('/staff/oit/2568/O1?fy=any');
      assert.equal(picked(page.body).length, 20);
      assert.match(textOf(page.body), /แสดงเพียง 20 รายการแรก ระบุคำค้นหรือปีให้แคบลง/);
      page = await a.get(`/staff/oit/2568/O1?fy=abc&q=${encodeURIComponent('<script>x</script>')}&q=2`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.body, /<script>x/);
    });

    test('binding from the picker ticks the required elements in the same step: the item becomes ready and its badge changes', async () => {
      const a = t.agent();
      await a.login('integrity');
      const doc = await t.p.db.k.selectFrom('content').select('id').where('slug', '=', 'annual-report-2567').executeTakeFirstOrThrow();
      const before = await a.get('/staff/oit/2568/O15');
      assert.notEqual(await itemStatus(a, 2568, 'O15'), 'ready');
      // every required element of the item, as its first pick form offers them
      const form = /<form [^>]*class="pick-form"[\s\S]*?<\/form>/.exec(before.body)![0];
      const requirement = [...form.matchAll(/name="requirements" value="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(requirement.length >= 1);
      let r = await a.post('/staff/oit/2568/O15/pick', { ref: String(doc.id), requirements: requirement, q: '', fy: '' });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));
      assert.equal(r.location, '/staff/oit/2568/O15');
      const after = await a.get(r.location!);
      assert.match(textOf(after.body), /ผูกหลักฐานกับข้อ O15 และบันทึกการตรวจองค์ประกอบแล้ว สถานะตอนนี้: พร้อม/);
      assert.match(after.body, /<span class="tag status-ready"><span class="status-icon" aria-hidden="true">✓<\/span> <span>พร้อม<\/span><\/span>/);
      assert.match(picked(after.body).find((x) => x.title === 'รายงานผลการดำเนินงานประจำปี พ.ศ. 2567')!.text, /ผูกกับข้อนี้แล้ว/);

      // sent twice (a double click): still one binding
      r = await a.post('/staff/oit/2568/O15/pick', { ref: String(doc.id), requirements: requirement });
      assert.equal(r.status, 303);
      const item = await t.p.db.k.selectFrom('oit_item').select('id').where('year', '=', 2568).where('code', '=', 'O15').executeTakeFirstOrThrow();
      assert.equal((await t.p.db.k.selectFrom('oit_binding').select('id').where('item_id', '=', item.id).execute()).length, 1);
      const events = await t.p.db.k.selectFrom('audit_event').select('action').where('target_id', '=', '2568/O15').orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.action), ['oit.binding.add', 'oit.item.check', 'oit.item.check']);
      assert.equal(await itemStatus(a, 2568, 'O15'), 'ready');
      assert.match((await a.get('/staff/oit/2568')).body, /status-ready"><span class="status-icon" aria-hidden="true">✓/, 'the year page shows the badges too');
    });

    test('two picks of the same item at once bind it once', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/oit/2568/O13');
      const doc = await t.p.db.k.selectFrom('content').select('id').where('slug', '=', 'annual-report-2567').executeTakeFirstOrThrow();
      const item = await t.p.db.k.selectFrom('oit_item').select('id').where('year', '=', 2568).where('code', '=', 'O13').executeTakeFirstOrThrow();
      const count = async () => (await t.p.db.k.selectFrom('oit_binding').select('id').where('item_id', '=', item.id).execute()).length;
      const n = await count();
      const rs = await Promise.all([1, 2, 3].map(() => a.post('/staff/oit/2568/O13/pick', { ref: String(doc.id) })));
      assert.deepEqual(rs.map((r) => r.status), [303, 303, 303]);
      assert.equal(await count(), n + 1);
    });

    test('bad picks (unknown, a draft, ticks that are not required, another role) are refused with a message and change nothing', async () => {
      const a = t.agent();
      await a.login('integrity');
      await a.get('/staff/oit/2567/O12');
      const item = await t.p.db.k.selectFrom('oit_item').select('id').where('year', '=', 2567).where('code', '=', 'O12').executeTakeFirstOrThrow();
      const state = async () => [
        (await t.p.db.k.selectFrom('oit_binding').select('id').where('item_id', '=', item.id).execute()).length,
        (await t.p.db.k.selectFrom('oit_tick').select('requirement_key').where('item_id', '=', item.id).execute()).length,
        await itemStatus(a, 2567, 'O12'),
      ];
      const before = await state();
      const good = await t.p.db.k.selectFrom('content').select('id').where('slug', '=', 'anti-corruption-6-month-2567').executeTakeFirstOrThrow();
      const draft = await t.p.db.k.selectFrom('content').select('id').where('slug', '=', 'six-month-monitoring-2570').executeTakeFirstOrThrow();
      const cases: Array<[Record<string, string | string[]>, RegExp]> = [
        [{ ref: '999999' }, /เลือกรายการที่จะผูก/],
        [{ ref: 'abc', requirements: 'แสดงความก้าวหน้าการดำเนินงานของแต่ละโครงการหรือกิจกรรม' }, /เลือกรายการที่จะผูก/],
        [{ ref: '' }, /เลือกรายการที่จะผูก/],
        [{ ref: String(draft.id) }, /เลือกได้เฉพาะรายการที่เผยแพร่แล้ว: “รายงานการกำกับติดตาม/],
        [{ ref: String(good.id), requirements: ['แสดงความก้าวหน้าการดำเนินงานของแต่ละโครงการหรือกิจกรรม', 'ทุกอย่าง'] }, /ค่าที่เลือกไม่อยู่ในรายการ/],
      ];
      for (const [fields, msg] of cases) {
        const r = await a.post('/staff/oit/2567/O12/pick', fields);
        assert.equal(r.status, 422, JSON.stringify(fields));
        assert.match(textOf(r.body), msg);
        assert.match(r.body, /class="error-summary"/);
      }
      assert.deepEqual(await state(), before, 'nothing bound, nothing ticked');
      const pub = t.agent();
      await pub.login('publisher');
      await pub.get('/staff/oit/2567/O12');
      assert.equal((await pub.post('/staff/oit/2567/O12/pick', { ref: String(good.id) })).status, 403);
      assert.equal((await a.post('/staff/oit/2567/O99/pick', { ref: String(good.id) })).status, 404);
      assert.deepEqual(await state(), before);
    });
  });
}
