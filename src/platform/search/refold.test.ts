// An index written under older normalisation rules is folded again at start-up, once, so that queries find it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { migrate } from '../../server.ts';
import { indexDocument, search } from './index.ts';
import { FOLD_VERSION, rebuildSearch, refoldAgencies } from './refold.ts';

const AA = '\u0E32';
const LAKKHANGYAO = '\u0E45';

for (const target of await dbTargets()) {
  describe(`search index refold on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let agencyId: number;
    before(async () => {
      t = await startApp(target, { demo: false });
      agencyId = (await t.p.db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    const ids = async (q: string) => (await search(t.p.db, { agencyId, q, limit: 10, offset: 0 })).hits.map((h) => h.refId);
    const version = async () => (await t.p.db.k.selectFrom('setting').select('value').where('agency_id', '=', agencyId).where('key', '=', 'search.fold').executeTakeFirst())?.value;

    test('an entry stored with LAKKHANGYAO for SARA AA (as before the rule) is found both ways after the next start', async () => {
      await indexDocument(t.p.db, { agencyId, kind: 'document', refId: 1, lang: 'th', title: `ก${AA}รประชุมประช${AA}คม`, body: 'เวทีรับฟังความคิดเห็น', url: '/d/1' });
      // what an index written before the rule holds: the typed variant, not folded
      const old = `ก${LAKKHANGYAO}รประชุมประช${LAKKHANGYAO}คม`;
      await t.p.db.k.updateTable('search_doc').set({ title: old, search_text: `${old}\nเวทีรับฟังความคิดเห็น` }).where('agency_id', '=', agencyId).execute();
      // an installation upgraded from before the refold kept no fold version
      await t.p.db.k.deleteFrom('setting').where('agency_id', '=', agencyId).where('key', '=', 'search.fold').execute();
      assert.deepEqual(await ids(`ประช${AA}คม`), [], 'the old entry is not found (the reason for the refold)');
      assert.deepEqual(await ids(`ประช${LAKKHANGYAO}คม`), [], 'nor with the variant, which the query folds to SARA AA');

      await migrate(t.p); // what every start runs
      assert.equal(await version(), FOLD_VERSION);
      assert.deepEqual(await ids(`ประช${AA}คม`), ['1']);
      assert.deepEqual(await ids(`ประช${LAKKHANGYAO}คม`), ['1']);
      const row = await t.p.db.k.selectFrom('search_doc').select('title').where('agency_id', '=', agencyId).executeTakeFirstOrThrow();
      assert.equal(row.title, `ก${AA}รประชุมประช${AA}คม`, 'the shown title is normalised too');
    });

    test('an index already under the current rules is left alone at start; search reindex folds every agency again', async () => {
      assert.deepEqual(await refoldAgencies(t.p.db, { onlyStale: true }), { agencies: 0, changed: 0 }, 'nothing to do at the next start');
      const old = `ประช${LAKKHANGYAO}คม`;
      await t.p.db.k.updateTable('search_doc').set({ search_text: old }).where('agency_id', '=', agencyId).execute();
      assert.deepEqual(await refoldAgencies(t.p.db, { onlyStale: false }), { agencies: 1, changed: 1 });
      assert.deepEqual(await ids(old), ['1']);
    });
  });
}

for (const target of await dbTargets()) {
  test(`search reindex has the modules index their items again: lost entries come back, stale ones go (${target.name})`, { skip: target.skip }, async () => {
    const t = await startApp(target);
    try {
      const db = t.p.db;
      const entries = async () =>
        (await db.k.selectFrom('search_doc').select(['agency_id', 'kind', 'ref_id', 'lang', 'title', 'search_text', 'url', 'published_at']).orderBy('kind').orderBy('ref_id').orderBy('lang').execute())
          .map((e) => JSON.stringify(e));
      const before = await entries();
      const kinds = new Set(before.map((e) => (JSON.parse(e) as { kind: string }).kind));
      for (const k of ['document', 'news', 'oit', 'eservice', 'participation', 'integrity']) assert.ok(kinds.has(k), `the demo indexes ${k}`);
      // what an installation indexed before English entries existed, or a damaged index, looks like: no English
      // entries, some Thai ones gone, and the entry of an item no longer public still there
      await db.k.deleteFrom('search_doc').where('lang', '=', 'en').execute();
      for (const kind of ['eservice', 'participation', 'oit', 'integrity']) {
        const one = await db.k.selectFrom('search_doc').select('id').where('kind', '=', kind).orderBy('id').executeTakeFirstOrThrow();
        await db.k.deleteFrom('search_doc').where('id', '=', one.id).execute();
      }
      const draft = await db.k.selectFrom('content').select(['id', 'agency_id']).where('status', '=', 'draft').executeTakeFirstOrThrow();
      // and the entry of an OIT item that no longer exists
      await indexDocument(db, { agencyId: draft.agency_id, kind: 'oit', refId: '2599/O99', lang: 'th', title: 'ข้อที่ถูกลบไปแล้ว', body: 'ไม่มีแล้ว', url: '/oit/2599/O99' });
      await indexDocument(db, { agencyId: draft.agency_id, kind: 'document', refId: draft.id, lang: 'th', title: 'ร่างที่ไม่ควรค้นพบ', body: 'ร่าง', url: '/documents/draft' });
      const agencyId = draft.agency_id;
      assert.equal((await search(db, { agencyId, q: 'ร่างที่ไม่ควรค้นพบ', limit: 5, offset: 0 })).total, 1);

      const r = await rebuildSearch(db, t.p.modules);
      assert.ok(r.items > 0 && r.agencies === 1 && r.removed === 1, JSON.stringify(r));
      assert.deepEqual(await entries(), before, 'every entry as the modules wrote it, and no other');
      assert.equal((await search(db, { agencyId, q: 'ร่างที่ไม่ควรค้นพบ', limit: 5, offset: 0 })).total, 0, 'the draft is not found');
    } finally {
      await t.close();
    }
  });
}
