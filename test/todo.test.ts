// The staff home's to-do list: what waits for each role, with counts that follow the work, each a link to its list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from './support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from './support/app.ts';
import { parse } from 'node-html-parser';

/** The to-do lines on /staff as text → link. */
async function todo(a: Agent, section = 'todo-title'): Promise<Map<string, string>> {
  const html = (await a.get('/staff')).body;
  const list = new RegExp(`<ul class="todo" aria-labelledby="${section}">([\\s\\S]*?)</ul>`).exec(html)?.[1] ?? '';
  return new Map([...list.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[2]!.replace(/&amp;/g, '&'), m[1]!.replace(/&amp;/g, '&')]));
}
const line = (lines: Map<string, string>, re: RegExp) => [...lines].find(([text]) => re.test(text));
/** The count in a task line: its last number ('ข้อ OIT ปี 2568 ที่ยังไม่มีหลักฐาน 3 ข้อ' → 3). */
const countOf = (lines: Map<string, string>, re: RegExp) => Number([...(line(lines, re)?.[0] ?? '0').matchAll(/\d+/g)].pop()?.[0] ?? 0);
const titles = async (a: Agent, href: string) => [...(await a.get(href)).body.matchAll(/<td[^>]*><a href="\/staff\/content\/\d+">([^<]+)<\/a><\/td>/g)].map((m) => m[1]!);

for (const target of await dbTargets()) {
  describe(`the to-do home on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let pub: Agent;
    let boss: Agent;
    before(async () => {
      t = await startApp(target);
      pub = t.agent();
      await pub.login('publisher');
      boss = t.agent();
      await boss.login('executive');
    });
    after(() => t.close());

    test('a submitted item waits for the executive; returned with a note, it waits for its writer', async () => {
      const approveRe = /^รอคุณตรวจและอนุมัติ/;
      const before = countOf(await todo(boss), approveRe);
      await pub.get('/staff/content/new?kind=document');
      const r = await pub.postMultipart('/staff/content/new?kind=document', {
        kind: 'document', title_th: 'ประกาศเจตนารมณ์การป้องกันการทุจริต ปี 2570', title_en: '', summary_th: '', summary_en: '', category: 'announcement', fiscal_year: '2570',
        body_format: 'markdown', body_th: 'ผู้บริหารและบุคลากรทุกคนจะปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริต', body_en: '', slug: '', signoff_name: '', signoff_position: '',
      }, {});
      assert.equal(r.status, 303);
      const id = Number(/\/staff\/content\/(\d+)/.exec(r.location!)![1]);
      assert.equal(line(await todo(pub), approveRe), undefined, 'a publisher cannot approve: no such line');
      await pub.get(`/staff/content/${id}`);
      await pub.post(`/staff/content/${id}/submit`, {});

      const lines = await todo(boss);
      assert.equal(countOf(lines, approveRe), before + 1);
      const [text, href] = line(lines, approveRe)!;
      assert.match(text, new RegExp(`รอคุณตรวจและอนุมัติ ${before + 1} รายการ`));
      assert.equal(href, '/staff/content?queue=approve');
      assert.ok((await titles(boss, href)).includes('ประกาศเจตนารมณ์การป้องกันการทุจริต ปี 2570'), 'the link lists it');

      await boss.get(`/staff/content/${id}`);
      assert.equal((await boss.post(`/staff/content/${id}/return`, { note: 'กรุณาระบุวันที่ลงนาม' })).status, 303);
      assert.equal(countOf(await todo(boss), approveRe), before, 'no longer waits for approval');
      const mine = await todo(pub);
      const returned = line(mine, /^ร่างของคุณที่ถูกส่งกลับให้แก้ไข 1 รายการ/);
      assert.ok(returned, [...mine.keys()].join('\n'));
      assert.deepEqual(await titles(pub, returned[1]), ['ประกาศเจตนารมณ์การป้องกันการทุจริต ปี 2570']);
      const other = t.agent();
      await other.login('admin');
      assert.equal(line(await todo(other), /^ร่างของคุณที่ถูกส่งกลับ/), undefined, 'returned drafts are their writers’ only');
    });

    test('a notice waits until acknowledged', async () => {
      const admin = t.agent();
      await admin.login('admin');
      await admin.get('/staff/notices/new');
      const before = countOf(await todo(pub), /^ประกาศที่คุณยังไม่ได้รับทราบ/);
      const r = await admin.post('/staff/notices/new', { title: 'แนวทางปฏิบัติตามนโยบายไม่รับของขวัญ (No Gift Policy)', body: 'ขอให้บุคลากรทุกคนถือปฏิบัติ', content_id: '', fiscal_year: '2570' });
      assert.equal(r.status, 303);
      const lines = await todo(pub);
      assert.equal(countOf(lines, /^ประกาศที่คุณยังไม่ได้รับทราบ/), before + 1);
      assert.equal(line(lines, /^ประกาศที่คุณยังไม่ได้รับทราบ/)![1], '/staff/notices');
      const id = Number(/\/staff\/notices\/(\d+)/.exec(r.location!)?.[1] ?? (await t.p.db.k.selectFrom('staff_notice').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id);
      await pub.get('/staff/notices');
      await pub.post(`/staff/notices/${id}/ack`, {});
      assert.equal(countOf(await todo(pub), /^ประกาศที่คุณยังไม่ได้รับทราบ/), before);
    });

    test('measures overdue and due soon wait for the integrity officer; the executive sees the ITA result, readiness and overdue', async () => {
      const officer = t.agent();
      await officer.login('integrity');
      const m = await t.p.db.k.selectFrom('integrity_measure').select(['id']).where('status', 'in', ['planned', 'in_progress']).orderBy('id').limit(2).execute();
      assert.equal(m.length, 2, 'the demo has open measures');
      const day = (offset: number) => new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
      // a known state: no open measure has a due date but one three days past and one in five days
      await t.p.db.k.updateTable('integrity_measure').set({ due_date: null }).execute();
      await t.p.db.k.updateTable('integrity_measure').set({ due_date: day(-3) }).where('id', '=', m[0]!.id).execute();
      await t.p.db.k.updateTable('integrity_measure').set({ due_date: day(5) }).where('id', '=', m[1]!.id).execute();
      const lines = await todo(officer);
      assert.match(line(lines, /^มาตรการที่เลยกำหนดแล้ว/)?.[0] ?? '', /^มาตรการที่เลยกำหนดแล้ว 1 รายการ$/);
      assert.match(line(lines, /^มาตรการที่ครบกำหนดภายใน 14 วัน/)?.[0] ?? '', /^มาตรการที่ครบกำหนดภายใน 14 วัน 1 รายการ$/);
      const overdue = line(lines, /^มาตรการที่เลยกำหนดแล้ว/)!;
      assert.equal(overdue[1], '/staff/integrity#overdue');
      const dash = await officer.get('/staff/integrity');
      assert.match(dash.body, /<section id="overdue"/, 'the link lands on the overdue list');
      assert.equal(line(await todo(pub), /^มาตรการ/), undefined, 'a publisher has no measures to follow');

      const status = await todo(boss, 'overview-title');
      assert.match(line(status, /^ผลการประเมิน ITA ปี/)![0], /^ผลการประเมิน ITA ปี 2569: 95\.12 คะแนน ระดับผ่านดี$/);
      const readiness = line(status, /^ความพร้อม OIT ปี/)!;
      assert.match(readiness[0], /^ความพร้อม OIT ปี 2570: พร้อม \d+ จาก \d+ ข้อ \(\d+%\)$/);
      assert.equal(readiness[1], '/staff/oit/2570?show=notready');
      assert.match(line(status, /^มาตรการที่เลยกำหนดทั้งหน่วยงาน/)![0], /: 1 รายการ$/);
      assert.equal(line(await todo(pub, 'overview-title'), /.*/), undefined, 'the overview is for executives');
    });

    test('OIT items without evidence wait for those who bind or publish it, and the link lists only them', async () => {
      const officer = t.agent();
      await officer.login('integrity');
      const r = await officer.get('/staff/oit');
      assert.equal(r.status, 303, 'the staff OIT page opens on the year being assessed');
      assert.equal(r.location, '/staff/oit/2570');
      // one item loses its evidence
      const item = await t.p.db.k.selectFrom('oit_item').select(['id', 'code']).where('year', '=', 2570).where('code', '=', 'O1').executeTakeFirstOrThrow();
      await t.p.db.k.deleteFrom('oit_binding').where('item_id', '=', item.id).execute();
      const lines = await todo(officer);
      const missing = line(lines, /^ข้อ OIT ปี 2570 ที่ยังไม่มีหลักฐาน/);
      assert.ok(missing, [...lines.keys()].join('\n'));
      const counted = /ไม่มีหลักฐาน (\d+)/.exec(textOf((await officer.get('/staff/oit/2570')).body))!;
      assert.equal(countOf(lines, /^ข้อ OIT ปี 2570 ที่ยังไม่มีหลักฐาน/), Number(counted[1]), 'the same count as the year page');
      const page = (await officer.get(missing[1])).body;
      const tags = [...page.matchAll(/class="tag status-([a-z_]+)"/g)].map((m) => m[1]);
      assert.equal(tags.length, Number(counted[1]));
      assert.ok(tags.every((s) => s === 'missing'), tags.join(','));
      assert.match(page, new RegExp(`>${item.code}</a>`));
      const notReady = (await officer.get('/staff/oit/2570?show=notready')).body;
      assert.ok(![...notReady.matchAll(/class="tag status-([a-z_]+)"/g)].some((m) => m[1] === 'ready'), 'not-ready shows no ready item');
      assert.equal(line(await todo(boss), /^ข้อ OIT/), undefined, 'executives see readiness, not the item list');
    });

    test('an OIT item whose only evidence is of another fiscal year waits as "wrong year", and the link lists only such items', async () => {
      const officer = t.agent();
      await officer.login('integrity');
      // the year being assessed, as the staff OIT page opens on it (derived from today, not written here)
      const year = Number(/^\/staff\/oit\/(\d{4})$/.exec((await officer.get('/staff/oit')).location ?? '')?.[1]);
      assert.ok(year > 2500, 'the staff OIT page opens on a year');
      const wrongRe = new RegExp(`^ข้อ OIT ปี ${year} ที่หลักฐานเป็นของปีอื่น`);
      const before = countOf(await todo(officer), wrongRe);
      // an item that asks for evidence of its own year, stripped of its evidence through the item page
      const item = await t.p.db.k.selectFrom('oit_item').select(['id', 'code', 'requirements']).where('year', '=', year).where('recency', '=', 'current_fy').orderBy('sort_order').orderBy('code').executeTakeFirstOrThrow();
      const bindings = await t.p.db.k.selectFrom('oit_binding').select('id').where('item_id', '=', item.id).orderBy('id').execute();
      for (const bnd of bindings) {
        await officer.get(`/staff/oit/${year}/${item.code}`);
        assert.equal((await officer.post(`/staff/oit/${year}/${item.code}/bindings/${bnd.id}/remove`, {})).status, 303);
      }
      // a published document of another fiscal year, bound with every required element ticked
      const doc = await t.p.db.k.selectFrom('content').select(['id', 'fiscal_year']).where('kind', '=', 'document').where('status', '=', 'published')
        .where('fiscal_year', 'is not', null).where('fiscal_year', '<>', year).orderBy('id').executeTakeFirstOrThrow();
      await officer.get(`/staff/oit/${year}/${item.code}`);
      const r = await officer.post(`/staff/oit/${year}/${item.code}/pick`, { ref: String(doc.id), requirements: JSON.parse(item.requirements) as string[] });
      assert.equal(r.status, 303, textOf(r.body).slice(0, 300));

      const lines = await todo(officer);
      const wrong = line(lines, wrongRe);
      assert.ok(wrong, [...lines.keys()].join('\n'));
      assert.equal(countOf(lines, wrongRe), before + 1);
      assert.equal(wrong[1], `/staff/oit/${year}?show=wrong_year`);
      const page = (await officer.get(wrong[1])).body;
      const tags = [...page.matchAll(/class="tag status-([a-z_]+)"/g)].map((m) => m[1]);
      assert.equal(tags.length, before + 1, 'as many items as the line counts');
      assert.ok(tags.every((x) => x === 'wrong_year'), tags.join(','));
      assert.match(page, new RegExp(`>${item.code}</a>`), 'the item bound to the other year is listed');
      const all = (await officer.get(`/staff/oit/${year}`)).body;
      assert.equal([...all.matchAll(/class="tag status-wrong_year"/g)].length, before + 1, 'the same count as the whole year page');
    });

    test('measures of someone other than the integrity officer: counted by their e-mail, and the link lists only those', async () => {
      const ownerEmail = 'boss-owner@kalasin-pao.example';
      await t.p.db.k.updateTable('app_user').set({ email: ownerEmail }).where('username', '=', 'executive').execute();
      const open = await t.p.db.k.selectFrom('integrity_measure').select(['id']).where('status', 'in', ['planned', 'in_progress']).orderBy('id').limit(3).execute();
      assert.equal(open.length, 3, 'the demo has open measures');
      const [mineLate, othersLate, mineSoon] = open.map((m) => m.id) as [number, number, number];
      const day = (offset: number) => new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
      // a known state: one overdue measure of the executive's, one of someone else's, one of the executive's due in 5 days
      await t.p.db.k.updateTable('integrity_measure').set({ due_date: null, owner_email: '' }).execute();
      await t.p.db.k.updateTable('integrity_measure').set({ due_date: day(-3), owner_email: ownerEmail.toUpperCase() }).where('id', '=', mineLate).execute();
      await t.p.db.k.updateTable('integrity_measure').set({ due_date: day(-2), owner_email: 'someone-else@kalasin-pao.example' }).where('id', '=', othersLate).execute();
      await t.p.db.k.updateTable('integrity_measure').set({ due_date: day(5), owner_email: ownerEmail }).where('id', '=', mineSoon).execute();
      const listed = async (href: string, section: string) => {
        const html = (await boss.get(href)).body;
        return parse(html).querySelectorAll(`section#${section} a`).map((a) => a.getAttribute('href')).filter((h) => /^\/staff\/integrity\/measures\/\d+$/.test(h ?? ''));
      };

      const lines = await todo(boss);
      const overdue = line(lines, /^มาตรการที่เลยกำหนดแล้ว/);
      assert.ok(overdue, [...lines.keys()].join('\n'));
      assert.equal(countOf(lines, /^มาตรการที่เลยกำหนดแล้ว/), 1, 'only the executive’s own');
      assert.equal(overdue[1], '/staff/integrity?owner=me#overdue');
      assert.deepEqual(await listed(overdue[1].split('#')[0]!, 'overdue'), [`/staff/integrity/measures/${mineLate}`], 'the list holds what was counted');
      const soon = line(lines, /^มาตรการที่ครบกำหนดภายใน 14 วัน/)!;
      assert.equal(countOf(lines, /^มาตรการที่ครบกำหนดภายใน 14 วัน/), 1);
      assert.equal(soon[1], '/staff/integrity?owner=me#due-soon');
      assert.deepEqual(await listed(soon[1].split('#')[0]!, 'due-soon'), [`/staff/integrity/measures/${mineSoon}`]);
      assert.match(textOf((await boss.get('/staff/integrity?owner=me')).body), /แสดงเฉพาะมาตรการที่คุณรับผิดชอบ/);

      // the agency-wide overview still counts and lists all of them
      const all = line(await todo(boss, 'overview-title'), /^มาตรการที่เลยกำหนดทั้งหน่วยงาน/)!;
      assert.match(all[0], /: 2 รายการ$/);
      assert.equal(all[1], '/staff/integrity#overdue');
      assert.deepEqual((await listed('/staff/integrity', 'overdue')).sort(), [`/staff/integrity/measures/${mineLate}`, `/staff/integrity/measures/${othersLate}`].sort());
      // the officer follows every measure: counts and list of all of them
      const officer = t.agent();
      await officer.login('integrity');
      const officerLines = await todo(officer);
      assert.equal(countOf(officerLines, /^มาตรการที่เลยกำหนดแล้ว/), 2);
      assert.equal(line(officerLines, /^มาตรการที่เลยกำหนดแล้ว/)![1], '/staff/integrity#overdue');
    });
  });
}
