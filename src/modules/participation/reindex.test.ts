// `npm run cli -- search reindex` (platform/search/refold.ts) while staff publish and unpublish: each activity is
// indexed under its row lock, as setPublished takes it, so a rebuild never writes back what was just changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp } from '../../../test/support/app.ts';
import { staff } from '../../../test/support/fixtures.ts';
import { rebuildSearch } from '../../platform/search/refold.ts';
import { setPublished } from './service.ts';
import { lockRow, sql, tx } from '../../platform/db/index.ts';
import { removeDocument } from '../../platform/search/index.ts';

const pgSkip = (await dbTargets()).find((x) => x.name === 'postgres')?.skip;

for (const target of await dbTargets()) {
  test(`search reindex while staff publish and unpublish at the same moment: each item's entry ends as the item is (${target.name})`, { skip: target.skip }, async () => {
    const t = await startApp(target);
    try {
      const db = t.p.db;
      const admin = await staff(t.p, ['admin']);
      const ids = (await db.k.selectFrom('participation_activity').select('id').where('agency_id', '=', admin.agencyId).execute()).map((r) => r.id);
      assert.ok(ids.length >= 3, 'the demo has activities');
      // each activity switched five times while the index is rebuilt, ending unpublished for every other one
      const toggles = ids.map(async (id, i) => {
        for (let k = 0; k < 5; k++) await setPublished(t.p, admin, id, k % 2 === (i % 2 === 0 ? 1 : 0));
      });
      await Promise.all([rebuildSearch(db, t.p.modules), rebuildSearch(db, t.p.modules), ...toggles]);
      for (const id of ids) {
        const a = await db.k.selectFrom('participation_activity').select('is_published').where('id', '=', id).executeTakeFirstOrThrow();
        const entries = await db.k.selectFrom('search_doc').select('lang').where('kind', '=', 'participation').where('ref_id', '=', String(id)).execute();
        assert.equal(entries.length > 0, Boolean(a.is_published), `activity ${id}: ${a.is_published ? 'published, found' : 'not published, not found'}`);
      }
    } finally {
      await t.close();
    }
  });
}

test('PostgreSQL: a rebuild that reaches an activity while its withdrawal is being saved waits for it, and leaves no entry', { skip: pgSkip }, async () => {
  const t = await startApp((await dbTargets()).find((x) => x.name === 'postgres')!);
  try {
    const db = t.p.db;
    const a = await db.k.selectFrom('participation_activity').select(['id', 'agency_id']).where('is_published', '=', true).orderBy('id').executeTakeFirstOrThrow();
    let rebuilt: Promise<unknown> | undefined;
    // a withdrawal as setPublished makes it, held open until the rebuild waits on a lock
    await tx(db, async (q) => {
      await lockRow(q, 'participation_activity', a.id);
      await q.k.updateTable('participation_activity').set({ is_published: false }).where('id', '=', a.id).execute();
      await removeDocument(q, a.agency_id, 'participation', a.id);
      rebuilt = rebuildSearch(db, t.p.modules);
      for (let i = 0; ; i++) {
        const waiting = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db.k);
        if (waiting.rows[0]!.n > 0) break;
        if (i > 600) throw new Error('the rebuild never waited on the activity');
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await rebuilt;
    const entries = await db.k.selectFrom('search_doc').select('lang').where('kind', '=', 'participation').where('ref_id', '=', String(a.id)).execute();
    assert.deepEqual(entries, [], 'the withdrawn activity is not in search');
  } finally {
    await t.close();
  }
});
