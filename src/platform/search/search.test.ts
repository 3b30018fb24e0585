import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { openDb, sql, type Db } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { migrations } from '../../server.ts';
import { COUNT_CAP, countStrategy, highlight, indexBilingual, indexDocument, RANK_WINDOW, removeDocument, search, searchFiscalYears, snippet, suggestSpelling } from './index.ts';
import { MAX_CANDIDATES, spellingCandidates } from './spelling.ts';

const DOCS = [
  { refId: 1, title: 'ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567', body: 'องค์การบริหารส่วนจังหวัดกาฬสินธุ์ประกาศใช้ข้อบัญญัติงบประมาณรายจ่าย', fy: 2567 },
  { refId: 2, title: 'รายงานผลการจัดซื้อจัดจ้าง', body: 'สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี ตามแผนการใช้จ่ายงบประมาณ', fy: 2567 },
  { refId: 3, title: 'แผนปฏิบัติการป้องกันการทุจริต', body: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปี ๒๕๗๐', fy: 2570 },
  { refId: 4, title: 'ข่าวประชาสัมพันธ์', body: 'เจ้าหน้าที่ลงพื้นที่ให้บริการประชาชนในอำเภอเมือง', fy: 2570 },
  { refId: 5, title: 'Annual report', body: 'Integrity and Transparency Assessment results', fy: 2567 },
  // SARA AE typed as two SARA E, as pasted from office documents
  { refId: 6, title: '\u0E40\u0E40บบรายงานผลการดำเนินงานตามมาตรการ', body: 'กรอกตาม\u0E40\u0E40นวทาง', fy: 2570 },
];

async function newAgency(db: Db, slug: string): Promise<number> {
  const now = new Date().toISOString();
  return (await db.k.insertInto('agency').values({ slug, hostname: null, name_th: 'ทดสอบ', name_en: '', type_th: '', type_en: '', district_th: '', province_th: '', province_en: '', address_th: '', address_en: '', postcode: '', phone: '', fax: '', email: '', office_hours_th: '', office_hours_en: '', map_url: '', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
}

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
      agencyId = await newAgency(db, 's');
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

    test('terms with quotes, braces, commas and backslashes are found like any text', async () => {
      await indexDocument(db, { agencyId, kind: 'document', refId: 7, lang: 'th', title: 'คำสั่ง {ที่ 12/2570}, "ด่วนที่สุด"', body: 'แนบ C:\\งาน\\แผน.pdf', url: '/d/7', fiscalYear: 2570, publishedAt: '2026-07-01T00:00:00.000Z' });
      try {
        for (const q of ['{ที่', '12/2570},', '"ด่วนที่สุด"', ':\\งาน\\แผน', '{}', '"']) assert.deepEqual(await ids(q), q === '{}' ? [] : [7], q);
      } finally {
        await removeDocument(db, agencyId, 'document', 7);
      }
    });

    test('results are paged, title matches first, with highlighted titles and snippets', async () => {
      const r = await search(db, { agencyId, q: 'งบประมาณ', limit: 1, offset: 0 });
      assert.equal(r.total, 2);
      assert.equal(r.hits.length, 1);
      assert.equal(r.hits[0]!.refId, '1', 'the older entry has the term in its title: it comes before the newer one that has it only in its body');
      assert.match(r.hits[0]!.snippet, /<mark>งบประมาณ<\/mark>/);
      assert.equal(r.hits[0]!.titleHtml, 'ข้อบัญญัติ<mark>งบประมาณ</mark>รายจ่ายประจำปี<mark>งบประมาณ</mark> พ.ศ. 2567');
      const next = await search(db, { agencyId, q: 'งบประมาณ', limit: 1, offset: 1 });
      assert.equal(next.hits[0]!.refId, '2');
      assert.equal(next.hits[0]!.titleHtml, 'รายงานผลการจัดซื้อจัดจ้าง', 'no match in the title: nothing marked');
    });

    test('ranking: title matches (every term) first, then body-only matches, newest first within each', async () => {
      const b = await newAgency(db, 'rank');
      const add = (refId: number, title: string, body: string, publishedAt: string) =>
        indexDocument(db, { agencyId: b, kind: 'document', refId, lang: 'th', title, body, url: `/d/${refId}`, fiscalYear: 2570, publishedAt });
      await add(1, 'ประกาศผลการจัดซื้อจัดจ้าง', 'ประกาศ ณ วันที่ 1 มกราคม', '2026-01-01T00:00:00.000Z');
      await add(2, 'รายงานประจำเดือนมีนาคม', 'สรุปการจัดซื้อจัดจ้างและงบ', '2026-03-01T00:00:00.000Z');
      await add(3, 'สรุปผลจัดซื้อจัดจ้างงบ', 'ตามแผน', '2026-02-01T00:00:00.000Z');
      await add(4, 'ข่าวกิจกรรม', 'โครงการจัดซื้อจัดจ้างงบ', '2026-02-15T00:00:00.000Z');
      const order = async (q: string, limit = 10, offset = 0) => (await search(db, { agencyId: b, q, limit, offset })).hits.map((h) => Number(h.refId));
      assert.deepEqual(await order('จัดซื้อจัดจ้าง'), [3, 1, 2, 4], 'a title match ranks above a newer body-only match');
      assert.deepEqual(await order('จัดซื้อจัดจ้าง', 2, 2), [2, 4], 'pages follow the same order');
      assert.deepEqual(await order('งบ'), [3, 2, 4], 'a two-character term (LIKE on SQLite) ranks the same way');
      assert.deepEqual(await order('จัดจ้าง งบ'), [3, 2, 4], 'the title must hold every term: 1 has only one of them');
      const [hit] = (await search(db, { agencyId: b, q: 'จัดจ้าง งบ', limit: 1, offset: 0 })).hits;
      assert.equal(hit!.titleHtml, 'สรุปผลจัดซื้อ<mark>จัดจ้าง</mark><mark>งบ</mark>');
    });

    test('snippets come from the part of the body in the visitor\'s language, else from the Thai part', async () => {
      const b = await newAgency(db, 'lang');
      const body = 'สรุปผลการประเมิน ITA ของหน่วยงานประจำปี ผ่านเกณฑ์ทุกตัวชี้วัด และเผยแพร่ทางเว็บไซต์ ' +
        'Summary of the ITA assessment results for the fiscal year: every indicator passed, published on the website';
      await indexDocument(db, { agencyId: b, kind: 'document', refId: 1, lang: 'th', title: 'ผลการประเมินคุณธรรมและความโปร่งใส', body, url: '/d/1', fiscalYear: 2570, publishedAt: '2026-01-01T00:00:00.000Z' });
      const snip = async (q: string, displayLang: 'th' | 'en') => (await search(db, { agencyId: b, q, displayLang, limit: 1, offset: 0 })).hits[0]!.snippet;
      const th = await snip('ITA', 'th');
      assert.match(th, /สรุปผลการประเมิน <mark>ITA<\/mark> ของหน่วยงาน/);
      assert.doesNotMatch(th, /Summary|assessment/, 'no English in a Thai snippet');
      const en = await snip('ITA', 'en');
      assert.match(en, /Summary of the <mark>ITA<\/mark> assessment/);
      assert.doesNotMatch(en, /[\u0E00-\u0E7F]/, 'no Thai in an English snippet that has a match in the English part');
      assert.match(await snip('ตัวชี้วัด', 'en'), /ผ่านเกณฑ์ทุก<mark>ตัวชี้วัด<\/mark>/, 'no match in English: the Thai part');
      const thOnly = await snip('indicator', 'th');
      assert.match(thOnly, /^สรุปผลการประเมิน ITA/, 'a Thai visitor sees the Thai part even when only the English part matches');
      assert.doesNotMatch(thOnly, /<mark>|indicator/);
      assert.match(await snip('indicator', 'en'), /every <mark>indicator<\/mark> passed/);
    });

    test('a query with no result suggests the closest Thai spelling that has results', async () => {
      const suggest = (q: string, extra: { fiscalYear?: number; kinds?: string[] } = {}) => suggestSpelling(db, { agencyId, q, ...extra });
      assert.equal((await search(db, { agencyId, q: 'งบประมาน', limit: 1, offset: 0 })).total, 0);
      assert.equal(await suggest('งบประมาน'), 'งบประมาณ', 'final น typed for ณ');
      assert.equal(await suggest('ข้อบัญญัด'), 'ข้อบัญญัติ', 'final ด typed for ติ: completed from the stored word');
      assert.equal(await suggest('ขอบัญญัติ'), 'ข้อบัญญัติ', 'a missing tone mark');
      assert.equal(await suggest('ข้อบัญญั้ติ'), 'ข้อบัญญัติ', 'a tone mark on the wrong consonant');
      assert.equal(await suggest('ทุจริด'), 'ทุจริต');
      assert.equal(await suggest('จัดซื้อจัดจ้าง งบประมาน'), 'จัดซื้อจัดจ้าง งบประมาณ', 'one word of several');
      assert.equal(await suggest('งบประมาน', { fiscalYear: 2570 }), null, 'only spellings with results under the same filters');
      assert.equal(await suggest('คอมพิวเตอร์'), null);
      assert.equal(await suggest('ใน'), null, 'short words are left alone');
      assert.ok(spellingCandidates('ข้อบัญญัด').length <= MAX_CANDIDATES);
      assert.ok(spellingCandidates('การประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ผลสัมฤทธิ์ของการปฏิบัติราชการ').length <= MAX_CANDIDATES);
    });

    test('an item in two languages: found by words of either, listed once, by its entry in the visitor\'s language or else in Thai', async () => {
      const b = await newAgency(db, 'bilingual');
      const item = (refId: number, en: string) => indexBilingual(db, {
        agencyId: b, kind: 'page', refId, url: `/p/${refId}`, fiscalYear: 2570, publishedAt: `2026-01-0${refId}T00:00:00.000Z`,
        th: { title: `แผนงานทดสอบภาษา ${refId}`, body: 'รายละเอียดภาษาไทย' }, en: { title: en, body: en ? 'English details' : '' },
      });
      await item(1, 'Language test plan 1');
      await item(2, '');
      const hits = async (q: string, lang?: 'th' | 'en') => (await search(db, { agencyId: b, q, lang, limit: 10, offset: 0 })).hits.map((h) => `${h.refId}:${h.lang}:${h.title}`);
      assert.deepEqual(await hits('ทดสอบภาษา', 'th'), ['2:th:แผนงานทดสอบภาษา 2', '1:th:แผนงานทดสอบภาษา 1']);
      assert.deepEqual(await hits('ทดสอบภาษา', 'en'), ['2:th:แผนงานทดสอบภาษา 2', '1:en:Language test plan 1'], 'Thai words find the English entry');
      assert.deepEqual(await hits('details', 'th'), ['1:th:แผนงานทดสอบภาษา 1'], 'English words find the Thai entry');
      assert.equal((await search(db, { agencyId: b, q: 'ทดสอบภาษา', lang: 'en', limit: 10, offset: 0 })).total, 2, 'counted once');
      assert.equal((await hits('ทดสอบภาษา')).length, 3, 'without a language: every entry');
      assert.equal((await search(db, { agencyId: b, q: 'details', lang: 'en', limit: 1, offset: 0 })).hits[0]!.snippetLang, 'en');
      assert.equal((await search(db, { agencyId: b, q: 'รายละเอียด', lang: 'en', limit: 1, offset: 0 })).hits[0]!.snippetLang, 'th');
      // the other title ranks as a title: the older item, whose English title holds the term, comes before a newer body match
      await indexDocument(db, { agencyId: b, kind: 'page', refId: 3, lang: 'th', title: 'อื่น ๆ', body: 'Language test plan', url: '/p/3', fiscalYear: 2570, publishedAt: '2026-01-09T00:00:00.000Z' });
      assert.deepEqual((await hits('language test plan', 'th')).map((h) => h.split(':')[0]), ['1', '3']);
      // the English title taken away: its English entry goes, and English visitors get the Thai one
      await item(1, '');
      assert.deepEqual(await hits('ทดสอบภาษา', 'en'), ['2:th:แผนงานทดสอบภาษา 2', '1:th:แผนงานทดสอบภาษา 1']);
      assert.equal((await db.k.selectFrom('search_doc').select('id').where('agency_id', '=', b).where('lang', '=', 'en').execute()).length, 0);
    });

    test('the fiscal years that have public entries, newest first', async () => {
      const b = await newAgency(db, 'years');
      assert.deepEqual(await searchFiscalYears(db, b), []);
      for (const [refId, fy, publishedAt] of [[1, 2566, '2026-01-01T00:00:00.000Z'], [2, 2568, '2026-01-01T00:00:00.000Z'], [3, 2566, null], [4, 2571, '2999-01-01T00:00:00.000Z']] as const) {
        await indexDocument(db, { agencyId: b, kind: 'document', refId, lang: 'th', title: 'ประกาศ', body: 'ประกาศ', url: `/d/${refId}`, fiscalYear: fy, publishedAt });
      }
      assert.deepEqual(await searchFiscalYears(db, b), [2568, 2566], 'a year with only a scheduled entry is not listed yet');
    });
  });
}

test('titles are escaped, with the matches marked', () => {
  assert.equal(highlight('<b>งบประมาณ</b> & "ปี"', ['งบประมาณ']), '&lt;b><mark>งบประมาณ</mark>&lt;/b> &amp; &#34;ปี&#34;');
  assert.equal(highlight('Annual ITA Report', ['ita']), 'Annual <mark>ITA</mark> Report');
  assert.equal(highlight('Kalasin PAO (อบจ.กาฬสินธุ์) report', ['กาฬสินธุ์'], true), 'Kalasin PAO (<span lang="th">อบจ.</span><mark><span lang="th">กาฬสินธุ์</span></mark>) report', 'Thai words in English text marked Thai');
});

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
      // one title match among the newest RANK_WINDOW matches goes first; the rest follow newest first, across pages
      await db.k.updateTable('search_doc').set({ title: 'ประกาศงบประมาณ', search_text: 'ประกาศงบประมาณ\nรายงานงบประมาณ' }).where('agency_id', '=', agencyId).where('ref_id', '=', String(COUNT_CAP)).execute();
      const ranked = await search(db, { agencyId, q: 'งบประมาณ', limit: 20, offset: 0 });
      assert.deepEqual(ranked.hits.slice(0, 3).map((h) => h.refId), [String(COUNT_CAP), String(COUNT_CAP + 4), String(COUNT_CAP + 3)]);
      assert.equal(ranked.total, COUNT_CAP);
      const across = await search(db, { agencyId, q: 'งบประมาณ', limit: 20, offset: RANK_WINDOW - 10 });
      assert.deepEqual(across.hits.map((h) => Number(h.refId)), Array.from({ length: 20 }, (_, k) => COUNT_CAP + 4 - (RANK_WINDOW - 10 + k)), 'a page across the end of the ranked window');
      const inEnglish = await search(db, { agencyId, q: 'งบประมาณ', lang: 'en', limit: 20, offset: RANK_WINDOW - 10 });
      assert.deepEqual(inEnglish.hits.map((h) => h.refId), across.hits.map((h) => h.refId), 'an English visitor gets the Thai entries the same way');
    } finally {
      await db.close();
      await c.drop();
    }
  });
}

const pgTarget = (await dbTargets()).find((t) => t.name === 'postgres')!;
test('PostgreSQL counts along the date index for common words and by the trigram index for rare ones, with the same results', { skip: pgTarget.skip }, async () => {
  const target = pgTarget;
  const c = await target.create();
  const db = await openDb({ databaseUrl: c.databaseUrl, dataDir: c.dataDir });
  try {
    await migrateToLatest(db, migrations);
    const [a, b] = [await newAgency(db, 'a'), await newAgency(db, 'b')];
    const now = new Date().toISOString();
    // 12,000 entries: every one says งบประมาณ, three say รางระบายน้ำ; the other agency's entries say รางระบายน้ำ too
    const row = (agencyId: number, i: number, text: string) => ({ agency_id: agencyId, kind: 'document', ref_id: String(i), lang: 'th', title: `ประกาศ ${i}`, body: text, url: `/d/${i}`, fiscal_year: 2570, published_at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), search_text: `ประกาศ ${i}\n${text}`, updated_at: now });
    const rows = Array.from({ length: 12_000 }, (_, i) => row(a, i, i % 4000 === 7 ? 'ซ่อมรางระบายน้ำตามงบประมาณ' : 'รายงานการใช้งบประมาณประจำปี'));
    for (let i = 0; i < rows.length; i += 1000) await db.k.insertInto('search_doc').values(rows.slice(i, i + 1000)).execute();
    await db.k.insertInto('search_doc').values(Array.from({ length: 50 }, (_, i) => row(b, i, 'รางระบายน้ำ'))).execute();
    await sql`ANALYZE search_doc`.execute(db.k);

    const common = { agencyId: a, q: 'งบประมาณ', limit: 20, offset: 0 };
    assert.equal(await countStrategy(db, common), 'walk');
    const many = await search(db, common);
    assert.deepEqual([many.total, many.totalCapped, many.hits[0]!.refId], [COUNT_CAP, true, '11999']);

    const rare = { agencyId: a, q: 'รางระบายน้ำ', limit: 20, offset: 0 };
    assert.equal(await countStrategy(db, rare), 'index');
    const few = await search(db, rare);
    assert.deepEqual([few.total, few.totalCapped], [3, false], 'only this agency\'s matches');
    assert.deepEqual(few.hits.map((h) => h.refId), ['8007', '4007', '7']);
    // past the last match: no rows, the count still right
    const past = await search(db, { ...rare, offset: 20 });
    assert.deepEqual([past.total, past.hits.length], [3, 0]);
  } finally {
    await db.close();
    await c.drop();
  }
});

for (const target of await dbTargets()) {
  test(`many matches: the newest found by the date walk or, for older ones, by the text index, in one order (${target.name})`, { skip: target.skip }, async () => {
    const c = await target.create();
    const db = await openDb({ databaseUrl: c.databaseUrl, dataDir: c.dataDir });
    try {
      await migrateToLatest(db, migrations);
      const agencyId = await newAgency(db, 'w');
      const now = new Date().toISOString();
      // 8,000 dated Thai entries, two at each second; every one says งบประมาณ, the oldest 1,100 say รางระบายน้ำ (none of
      // them among the newest thousands, so its walk finds too few), every 7th has งบประมาณ in its title; 3 undated
      const n = 8_000;
      const row = (i: number, dated: boolean) => {
        const title = i % 7 === 0 ? `ประกาศงบประมาณ ${i}` : `ประกาศ ${i}`;
        const body = i < 1100 || !dated ? 'ซ่อมรางระบายน้ำตามงบประมาณ' : 'รายงานการใช้งบประมาณ';
        return { agency_id: agencyId, kind: dated ? 'document' : 'oit', ref_id: String(i), lang: 'th', title, body, url: `/d/${i}`, fiscal_year: 2570,
          published_at: dated ? new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 2) * 1000).toISOString() : null, search_text: `${title}\n${body}`, updated_at: now };
      };
      // and, newer than all of them, 3,990 English entries with งบประมาณ: a Thai visitor's walk of the agency's newest
      // entries finds too few Thai ones among them
      const english = (i: number) => ({ ...row(i, true), lang: 'en', title: `budget ${i}`, body: 'budget งบประมาณ', search_text: `budget ${i}\nbudget งบประมาณ`,
        published_at: new Date(Date.UTC(2026, 1, 1) + i * 1000).toISOString() });
      const rows = [...Array.from({ length: n }, (_, i) => row(i, true)), ...Array.from({ length: 3 }, (_, i) => row(n + i, false)), ...Array.from({ length: 3990 }, (_, i) => english(n + 3 + i))];
      for (let i = 0; i < rows.length; i += 1000) await db.k.insertInto('search_doc').values(rows.slice(i, i + 1000)).execute();
      if (db.dialect === 'postgres') {
        // a finer sample than the default, so that the planner's estimate of the rare word is steady
        await sql`ALTER TABLE search_doc ALTER COLUMN search_text SET STATISTICS 1000`.execute(db.k);
        await sql`ANALYZE search_doc`.execute(db.k);
      }
      const ids = new Map((await db.k.selectFrom('search_doc').select(['id', 'ref_id']).execute()).map((r) => [r.ref_id, Number(r.id)]));

      // what the results must be: newest first (undated first on PostgreSQL, last on SQLite), then the title matches
      // of the newest RANK_WINDOW first
      const expected = (word: string, offset: number, lang?: 'th') => {
        const time = (r: (typeof rows)[number]) => (r.published_at === null ? (db.dialect === 'postgres' ? Infinity : -Infinity) : Date.parse(r.published_at));
        const order = rows.filter((r) => r.search_text.includes(word) && (!lang || r.lang === lang)).sort((a, b) => time(b) - time(a) || ids.get(b.ref_id)! - ids.get(a.ref_id)!);
        const window = order.slice(0, RANK_WINDOW);
        const list = [...window.filter((r) => r.title.includes(word)), ...window.filter((r) => !r.title.includes(word)), ...order.slice(RANK_WINDOW)];
        return list.slice(offset, offset + 20).map((r) => r.ref_id);
      };
      for (const lang of [undefined, 'th'] as const) {
        for (const word of ['งบประมาณ', 'รางระบายน้ำ']) {
          for (const offset of [0, 40, 60, 980]) {
            const r = await search(db, { agencyId, q: word, lang, limit: 20, offset });
            assert.deepEqual([r.total, r.totalCapped], [COUNT_CAP, true], `${word} counted (${lang})`);
            assert.deepEqual(r.hits.map((h) => h.refId), expected(word, offset, lang), `${word} from ${offset} (${lang})`);
          }
        }
      }
      // with a fiscal year, the walk's bound is the year's 4,000th newest entry (every entry here is of 2570)
      for (const offset of [0, 60]) {
        const r = await search(db, { agencyId, q: 'งบประมาณ', fiscalYear: 2570, limit: 20, offset });
        assert.deepEqual(r.hits.map((h) => h.refId), expected('งบประมาณ', offset), `a fiscal year, from ${offset}`);
      }
      if (db.dialect === 'postgres') assert.equal(await countStrategy(db, { agencyId, q: 'รางระบายน้ำ', limit: 20, offset: 0 }), 'index');
    } finally {
      await db.close();
      await c.drop();
    }
  });
}
