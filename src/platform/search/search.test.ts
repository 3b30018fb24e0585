import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { openDb, type Db } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { migrations } from '../../server.ts';
import { COUNT_CAP, indexDocument, removeDocument, search, snippet } from './index.ts';

const DOCS = [
  { refId: 1, title: 'ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567', body: 'องค์การบริหารส่วนจังหวัดกาฬสินธุ์ประกาศใช้ข้อบัญญัติงบประมาณรายจ่าย', fy: 2567 },
  { refId: 2, title: 'รายงานผลการจัดซื้อจัดจ้าง', body: 'สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี ตามแผนการใช้จ่ายงบประมาณ', fy: 2567 },
  { refId: 3, title: 'แผนปฏิบัติการป้องกันการทุจริต', body: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปี ๒๕๗๐', fy: 2570 },
  { refId: 4, title: 'ข่าวประชาสัมพันธ์', body: 'เจ้าหน้าที่ลงพื้นที่ให้บริการประชาชนในอำเภอเมือง', fy: 2570 },
  { refId: 5, title: 'Annual report', body: 'Integrity and Transparency Assessment results', fy: 2567 },
  // SARA AE typed as two SARA E, as pasted from office documents
  { refId: 6, title: '\u0E40\u0E40บบรายงานผลการดำเนินงานตามมาตรการ', body: 'กรอกตาม\u0E40\u0E40นวทาง', fy: 2570 },
];

for (const target of await dbTargets()) {
  describe(`search on ${target.name}`, { skip: target.skip }, () => {
    let db: Db;
    let drop: () => Promise<void>;
    let agencyId: number;
    before(async () => {
      const c = await target.create();
      drop = c.drop;
      db = await openDb({ databaseUrl: c.databaseUrl, dataDir: c.dataDir });
      await migrateToLatest(db, migrations);
      const now = new Date().toISOString();
      agencyId = (await db.k.insertInto('agency').values({ slug: 's', hostname: null, name_th: 'ทดสอบ', name_en: '', type_th: '', type_en: '', district_th: '', province_th: '', province_en: '', address_th: '', address_en: '', postcode: '', phone: '', fax: '', email: '', office_hours_th: '', office_hours_en: '', map_url: '', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
      for (const d of DOCS) {
        await indexDocument(db, { agencyId, kind: 'document', refId: d.refId, lang: 'th', title: d.title, body: d.body, url: `/d/${d.refId}`, fiscalYear: d.fy, publishedAt: `2026-0${d.refId}-01T00:00:00.000Z` });
      }
    });
    after(async () => {
      await db.close();
      await drop();
    });

    const ids = async (q: string, extra: Partial<Parameters<typeof search>[1]> = {}) =>
      (await search(db, { agencyId, q, limit: 50, offset: 0, ...extra })).hits.map((h) => Number(h.refId)).sort();

    test('full substring recall on Thai: every document containing งบประมาณ, even inside longer words', async () => {
      assert.deepEqual(await ids('งบประมาณ'), [1, 2]);
      assert.deepEqual(await ids('คุณธรรม'), [3]);
      assert.deepEqual(await ids('จัดซื้อจัดจ้าง'), [2]);
      assert.deepEqual(await ids('คอมพิวเตอร์'), []);
    });

    test('1- and 2-character queries work', async () => {
      assert.deepEqual(await ids('ปี'), [1, 2, 3]);
      assert.deepEqual(await ids('ใน'), [3, 4]);
      assert.deepEqual(await ids('ก'), [1, 2, 3, 4, 6]);
    });

    test('queries are normalised like stored text: tone mark typed before the vowel, zero-width, Thai digits, case', async () => {
      assert.deepEqual(await ids('เจ้าหน\u0E49\u0E32ท\u0E48\u0E35'), [4]); // ที่ typed as ท + ่ + ี
      assert.deepEqual(await ids('งบ\u200Bประมาณ'), [1, 2]);
      assert.deepEqual(await ids('2570'), [3]); // stored as Thai digits ๒๕๗๐
      assert.deepEqual(await ids('๒๕๖๗'), [1]);
      assert.deepEqual(await ids('INTEGRITY'), [5]);
    });

    test('SARA AE typed as two SARA E finds and is found both ways', async () => {
      assert.deepEqual(await ids('แบบรายงาน'), [6], 'stored เเ, typed แ');
      assert.deepEqual(await ids('\u0E40\u0E40นวทาง'), [6], 'typed เเ');
      assert.deepEqual(await ids('\u0E40\u0E40ผนปฏิบัติการ'), [3], 'stored แ, typed เเ');
    });

    test('several terms must all match; filters by kind and fiscal year', async () => {
      assert.deepEqual(await ids('งบประมาณ จัดหาพัสดุ'), [2]);
      assert.deepEqual(await ids('งบประมาณ', { fiscalYear: 2570 }), []);
      assert.deepEqual(await ids('งบประมาณ', { kinds: ['news'] }), []);
      assert.deepEqual(await ids('% _'), []);
    });

    test('updates and deletes keep the index in sync', async () => {
      await indexDocument(db, { agencyId, kind: 'document', refId: 4, lang: 'th', title: 'ข่าวประชาสัมพันธ์ (แก้ไข)', body: 'ประชุมชี้แจงแผนการใช้จ่ายงบประมาณประจำปี', url: '/d/4', fiscalYear: 2570, publishedAt: null });
      assert.deepEqual(await ids('งบประมาณ'), [1, 2, 4]);
      assert.deepEqual(await ids('ลงพื้นที่'), []);
      await removeDocument(db, agencyId, 'document', 4);
      assert.deepEqual(await ids('งบประมาณ'), [1, 2]);
      const r = await search(db, { agencyId, q: 'ประชุมชี้แจง', limit: 10, offset: 0 });
      assert.equal(r.total, 0);
    });

    test('results are paged, newest first, with highlighted snippets', async () => {
      const r = await search(db, { agencyId, q: 'งบประมาณ', limit: 1, offset: 0 });
      assert.equal(r.total, 2);
      assert.equal(r.hits.length, 1);
      assert.equal(r.hits[0]!.refId, '2');
      assert.match(r.hits[0]!.snippet, /<mark>งบประมาณ<\/mark>/);
    });
  });
}

test('snippets escape HTML and never start on a combining mark', () => {
  const s = snippet('<b>ประกาศ</b> '.repeat(30) + 'ผลการประเมินคุณธรรม', ['คุณธรรม'], 60);
  assert.ok(!s.includes('<b>'), 'markup in the stored text is escaped in the snippet, never passed through');
  assert.match(s, /<mark>คุณธรรม<\/mark>/);
  const s2 = snippet('ก'.repeat(100) + 'ที่ตั้ง', ['ตั้ง'], 10);
  assert.ok(!/^…[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(s2), s2);
});

for (const target of await dbTargets()) {
  test(`counts stop at ${COUNT_CAP} and say so (${target.name})`, { skip: target.skip }, async () => {
    const c = await target.create();
    const db = await openDb({ databaseUrl: c.databaseUrl, dataDir: c.dataDir });
    try {
      await migrateToLatest(db, migrations);
      const now = new Date().toISOString();
      const agencyId = (await db.k.insertInto('agency').values({ slug: 'c', hostname: null, name_th: 'ทดสอบ', name_en: '', type_th: '', type_en: '', district_th: '', province_th: '', province_en: '', address_th: '', address_en: '', postcode: '', phone: '', fax: '', email: '', office_hours_th: '', office_hours_en: '', map_url: '', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
      const rows = Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({ agency_id: agencyId, kind: 'document', ref_id: String(i), lang: 'th', title: `ประกาศ ${i}`, body: 'รายงานงบประมาณ', url: `/d/${i}`, fiscal_year: 2570, published_at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), search_text: `ประกาศ ${i}\nรายงานงบประมาณ`, updated_at: now }));
      for (let i = 0; i < rows.length; i += 500) await db.k.insertInto('search_doc').values(rows.slice(i, i + 500)).execute();
      const many = await search(db, { agencyId, q: 'งบประมาณ', limit: 20, offset: 0 });
      assert.equal(many.total, COUNT_CAP);
      assert.equal(many.totalCapped, true);
      assert.equal(many.hits[0]!.refId, String(COUNT_CAP + 4), 'newest first');
      const few = await search(db, { agencyId, q: 'ประกาศ 100', limit: 20, offset: 0 });
      assert.equal(few.totalCapped, false);
      assert.equal(few.total, 6); // 100 and 1000–1004
      assert.equal((await search(db, { agencyId, q: 'ใน', limit: 20, offset: 0 })).total, 0);
    } finally {
      await db.close();
      await c.drop();
    }
  });
}
