// Entries indexed before a change to the Thai normalisation keep their old folded text, which queries folded the new
// way no longer match (a LAKKHANGYAO typed for SARA AA, say). They are folded again from their stored title and body:
// once per agency at start-up when FOLD_VERSION is newer than the agency's index, or at any time with
// `npm run cli -- search reindex` (which first has the modules index their items again: rebuildSearch).
import { lockRow, tx, type Database, type Db, type Tx } from '../db/index.ts';
import { normalizeLine } from '../thai/index.ts';
import { publicChanged } from '../changes.ts';
import { searchText } from './index.ts';
import type { ModuleDef } from '../module.ts';

/**
 * The version of what normalizeThai and foldForSearch fold: raise it with any change to them.
 * 1: the first rules; 2: SARA AE typed as two SARA E (migration 011 folded only that), LAKKHANGYAO typed for SARA AA.
 */
export const FOLD_VERSION = '2';
const KEY = 'search.fold';
const BATCH = 500;

/** Folds one agency's entries again; returns how many changed. Safe while the server runs (batches of 500). */
export async function refoldSearchIndex(db: Db, agencyId: number): Promise<number> {
  let changed = 0;
  for (let after = 0; ; ) {
    const rows = await db.k.selectFrom('search_doc').select(['id', 'kind', 'ref_id', 'lang', 'title', 'body', 'search_text']).where('agency_id', '=', agencyId).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    // an item's entry in the other language gives the title its own entry is also found by (indexBilingual)
    const siblings = await db.k.selectFrom('search_doc').select(['kind', 'ref_id', 'lang', 'title']).where('agency_id', '=', agencyId).where('ref_id', 'in', [...new Set(rows.map((r) => r.ref_id))]).execute();
    const titleOf = new Map(siblings.map((x) => [`${x.kind}|${x.ref_id}|${x.lang}`, normalizeLine(x.title)]));
    changed += await tx(db, async (t) => {
      let n = 0;
      for (const r of rows) {
        const title = normalizeLine(r.title);
        const body = normalizeLine(r.body);
        const text = searchText(title, body, titleOf.get(`${r.kind}|${r.ref_id}|${r.lang === 'th' ? 'en' : 'th'}`));
        if (title === r.title && body === r.body && text === r.search_text) continue;
        await t.k.updateTable('search_doc').set({ title, body, search_text: text }).where('id', '=', r.id).execute();
        n++;
      }
      if (n) publicChanged(t, agencyId);
      return n;
    });
  }
  await db.k.insertInto('setting').values({ agency_id: agencyId, key: KEY, value: FOLD_VERSION }).onConflict((oc) => oc.columns(['agency_id', 'key']).doUpdateSet({ value: FOLD_VERSION })).execute();
  return changed;
}

/** Every agency's entries (`search reindex`), or only those of agencies indexed under older rules (start-up). */
export async function refoldAgencies(db: Db, o: { onlyStale: boolean }): Promise<{ agencies: number; changed: number }> {
  const rows = await db.k
    .selectFrom('agency')
    .leftJoin('setting', (j) => j.onRef('setting.agency_id', '=', 'agency.id').on('setting.key', '=', KEY))
    .select(['agency.id', 'setting.value'])
    .orderBy('agency.id')
    .execute();
  const due = rows.filter((r) => !o.onlyStale || r.value !== FOLD_VERSION);
  let changed = 0;
  for (const r of due) changed += await refoldSearchIndex(db, r.id);
  return { agencies: due.length, changed };
}

/**
 * For a module's searchSync: every row of its table for the agency, each indexed by `one` in its own transaction
 * under the row's lock (as the module's saves lock it), so that a save at the same moment is never undone.
 */
export async function syncEach(db: Db, table: keyof Database & string, agencyId: number, one: (t: Tx, id: number) => Promise<void>): Promise<number> {
  const ids = (await db.k.selectFrom(table as 'content').select('id').where('agency_id', '=', agencyId).orderBy('id').execute()).map((r) => Number(r.id));
  for (const id of ids) {
    await tx(db, async (t) => {
      await lockRow(t, table, id);
      await one(t, id);
    });
  }
  return ids.length;
}

/**
 * `npm run cli -- search reindex`: every agency's items put into search again by the modules that own them
 * (ModuleDef.searchSync: an item published before its module indexed English gets its English entry), the entries
 * of their kinds that none of them wrote again removed (their item is gone), then every entry folded again. Safe
 * while the server runs (run it on the server's machine: what it did not rewrite is told by the clock).
 */
export async function rebuildSearch(db: Db, modules: readonly ModuleDef[]): Promise<{ agencies: number; items: number; removed: number; changed: number }> {
  const agencies = await db.k.selectFrom('agency').select('id').orderBy('id').execute();
  const synced = modules.filter((m) => m.searchSync);
  const kinds = synced.flatMap((m) => Object.keys(m.searchKinds ?? {}));
  let items = 0;
  let removed = 0;
  for (const a of agencies) {
    // the entries there were before: one that is not written again belongs to no item any more
    const before = kinds.length ? (await db.k.selectFrom('search_doc').select('id').where('agency_id', '=', a.id).where('kind', 'in', kinds).execute()).map((r) => r.id) : [];
    const start = new Date().toISOString();
    for (const m of synced) items += await m.searchSync!(db, a.id);
    let gone = 0;
    for (let i = 0; i < before.length; i += 500) {
      const r = await db.k.deleteFrom('search_doc').where('id', 'in', before.slice(i, i + 500)).where('updated_at', '<', start).executeTakeFirst();
      gone += Number(r.numDeletedRows);
    }
    if (gone) publicChanged(db, a.id);
    removed += gone;
  }
  const r = await refoldAgencies(db, { onlyStale: false });
  return { agencies: r.agencies, items, removed, changed: r.changed };
}
