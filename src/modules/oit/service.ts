import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type Acting, type CurrentUser } from '../../platform/auth/users.ts';
import { inTx, lockRow, nextPosition, toJson, tx, type Db, type DbLike, type Tx } from '../../platform/db/index.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { indexBilingual, removeDocument } from '../../platform/search/index.ts';
import { syncEach } from '../../platform/search/refold.ts';
import { TtlCache } from '../../platform/cache.ts';
import { publicChanged } from '../../platform/changes.ts';
import type { CatalogueItem } from './catalogue.ts';
import { evidenceProvider, type Evidence } from '../../platform/evidence.ts';
import { requirementKey, resolveBinding } from './readiness.ts';
import { listBindings, getItem, getYear, listItems, toItem, type Item, type Recency } from './store.ts';


export const itemUrl = (year: number, code: string) => `/oit/${year}/${encodeURIComponent(code)}`;

/** The public index of a year (items and the list of years), cleared by every public change. */
export const indexCache = new TtlCache<[Item[], number[]]>(5_000);
const publicEvidenceCache = new TtlCache<PublicEvidence[]>(30_000);

export interface PublicEvidence {
  evidence: Evidence;
  external: boolean;
}

/**
 * What an item's public page shows: the bound evidence that is public now, in binding order. Its own small path
 * (one query for the bindings, one resolve each), cached until something public changes.
 */
export function publicEvidence(db: DbLike, agencyId: number, item: Item): Promise<PublicEvidence[]> {
  return publicEvidenceCache.get(`${agencyId}:${item.id}`, async () => {
    const bindings = (await listBindings(db, agencyId, [item.id])).get(item.id) ?? [];
    const resolved = await Promise.all(bindings.map((b) => resolveBinding(db, agencyId, b)));
    return resolved.filter((r): r is PublicEvidence => !!r.evidence && r.evidence.published);
  });
}

async function indexItem(db: DbLike, item: Item): Promise<void> {
  publicChanged(db, item.agency_id);
  await indexBilingual(db, {
    agencyId: item.agency_id, kind: 'oit', refId: `${item.year}/${item.code}`, url: itemUrl(item.year, item.code), fiscalYear: item.year, publishedAt: null,
    th: { title: `${item.code} ${item.title_th}`, body: [item.indicator, item.group_name, ...item.requirements].join(' ') },
    en: { title: item.title_en ? `${item.code} ${item.title_en}` : '', body: [item.indicator_en, item.group_en, ...item.requirements_en].join(' ') },
  });
}

/** Every item of the agency into search again (ModuleDef.searchSync). */
export const syncAllSearch = (db: Db, agencyId: number): Promise<number> =>
  syncEach(db, 'oit_item', agencyId, async (t, id) => {
    const row = await t.k.selectFrom('oit_item').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
    if (row) await indexItem(t, toItem(row));
  });

async function ensureYear(t: Tx, agencyId: number, year: number, note: string): Promise<void> {
  // a new year is on /oit even before it has items
  publicChanged(t, agencyId);
  const now = new Date().toISOString();
  await t.k.insertInto('oit_year').values({ agency_id: agencyId, year, source_note: note, created_at: now, updated_at: now }).onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ updated_at: now })).execute();
}

/** Adds or updates items by code; items not in the file stay (their evidence too) and are reported. */
export async function importCatalogue(p: Platform, actor: Acting, year: number, items: CatalogueItem[], note: string): Promise<{ added: number; updated: number; kept: string[] }> {
  requirePermission(actor, 'oit.manage');
  const agencyId = actor.agencyId;
  return tx(p.db, async (t) => {
    await ensureYear(t, agencyId, year, note);
    const existing = new Map((await listItems(t, agencyId, year)).map((i) => [i.code, i]));
    let added = 0;
    let updated = 0;
    for (const [i, it] of items.entries()) {
      const values = {
        title_th: it.title_th, title_en: it.title_en, indicator: it.indicator, group_name: it.group, requirements: toJson(it.requirements),
        indicator_en: it.indicator_en, group_en: it.group_en, requirements_en: toJson(it.requirements_en), recency: it.recency, sort_order: i, note: it.note,
      };
      const old = existing.get(it.code);
      // by code, whoever writes first: two imports at once update the same rows
      const row = await t.k.insertInto('oit_item').values({ ...values, agency_id: agencyId, year, code: it.code }).onConflict((oc) => oc.columns(['agency_id', 'year', 'code']).doUpdateSet(values)).returningAll().executeTakeFirstOrThrow();
      if (old) updated++;
      else added++;
      existing.delete(it.code);
      await indexItem(t, toItem(row));
    }
    await recordAudit(t, { agencyId, actor: actorOf(actor), action: 'oit.catalogue.import', targetType: 'oit_year', targetId: year, summary: `${added} added, ${updated} updated, ${existing.size} kept` });
    return { added, updated, kept: [...existing.keys()] };
  });
}

export async function copyYear(p: Platform, actor: Acting, from: number, to: number, withBindings: boolean): Promise<number> {
  requirePermission(actor, 'oit.manage');
  return tx(p.db, async (t) => {
    const source = await listItems(t, actor.agencyId, from);
    if (!source.length) throw new ValidationError({ from: { key: 'oit.err.noSource', vars: { year: from } } });
    if ((await listItems(t, actor.agencyId, to)).length) throw new ValidationError({ to: { key: 'oit.err.yearExists', vars: { year: to } } });
    await ensureYear(t, actor.agencyId, to, `copied from ${from}`);
    // a copy is not NACC's list for that year: provisional until an admin confirms it
    await t.k.updateTable('oit_year').set({ is_provisional: true, confirmed_by: null, confirmed_at: null }).where('agency_id', '=', actor.agencyId).where('year', '=', to).execute();
    const now = new Date().toISOString();
    for (const it of source) {
      const { id, year: _y, requirements, requirements_en, ...rest } = it;
      const row = await t.k.insertInto('oit_item').values({ ...rest, year: to, requirements: toJson(requirements), requirements_en: toJson(requirements_en) }).returningAll().executeTakeFirstOrThrow();
      await indexItem(t, toItem(row));
      if (withBindings) {
        const bs = await t.k.selectFrom('oit_binding').selectAll().where('item_id', '=', id).execute();
        for (const b of bs) await t.k.insertInto('oit_binding').values({ agency_id: b.agency_id, item_id: row.id, provider: b.provider, ref: b.ref, url: b.url, label: b.label, sort_order: b.sort_order, created_by: actor.id, created_at: now }).execute();
      }
    }
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'oit.catalogue.copy', targetType: 'oit_year', targetId: to, summary: `${source.length} items from ${from}${withBindings ? ' with evidence' : ''}` });
    return source.length;
  });
}

/**
 * An admin confirms a provisional year's catalogue: it is now the list the agency answers (NACC's list imported over
 * the copy, or the copy checked against it). Confirming a year that is not provisional changes nothing and is refused.
 */
export async function confirmYear(p: Platform, actor: CurrentUser, year: number): Promise<void> {
  requirePermission(actor, 'oit.confirm');
  await tx(p.db, async (t) => {
    const y = await getYear(t, actor.agencyId, year);
    if (!y) throw new NotFoundError();
    // only a provisional year is confirmed, once: of two admins confirming at once, the second is told it is done
    const r = await t.k.updateTable('oit_year').set({ is_provisional: false, confirmed_by: actor.id, confirmed_at: new Date().toISOString() }).where('id', '=', y.id).where('is_provisional', '=', true).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw new ValidationError({ year: { key: 'oit.err.notProvisional', vars: { year } } });
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'oit.catalogue.confirm', targetType: 'oit_year', targetId: year, summary: `the ${year} catalogue confirmed (${y.source_note})` });
  });
}

async function loadItem(t: DbLike, actor: CurrentUser, year: number, code: string): Promise<Item> {
  const it = await getItem(t, actor.agencyId, year, code);
  if (!it) throw new NotFoundError();
  return it;
}

export interface ItemChanges {
  title_th: string;
  title_en: string;
  indicator: string;
  group_name: string;
  requirements: string[];
  indicator_en: string;
  group_en: string;
  /** none, or one per requirement in the same order */
  requirements_en: string[];
  recency: Recency;
  sort_order: number;
  note: string;
}

export async function updateItem(p: Platform, actor: CurrentUser, year: number, code: string, ch: ItemChanges): Promise<void> {
  requirePermission(actor, 'oit.manage');
  await tx(p.db, async (t) => {
    if (ch.requirements_en.length && ch.requirements_en.length !== ch.requirements.length) throw new ValidationError({ requirements_en: { key: 'oit.err.requirementsEn', vars: { n: ch.requirements.length } } });
    const it = await loadItem(t, actor, year, code);
    const row = await t.k.updateTable('oit_item').set({ ...ch, requirements: toJson(ch.requirements), requirements_en: toJson(ch.requirements_en) }).where('id', '=', it.id).returningAll().executeTakeFirstOrThrow();
    await indexItem(t, toItem(row));
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'oit.item.update', targetType: 'oit_item', targetId: `${year}/${code}`, summary: `rule ${ch.recency}, ${ch.requirements.length} required elements` });
  });
}

export async function deleteItem(p: Platform, actor: CurrentUser, year: number, code: string): Promise<void> {
  requirePermission(actor, 'oit.manage');
  await tx(p.db, async (t) => {
    const it = await loadItem(t, actor, year, code);
    await t.k.deleteFrom('oit_item').where('id', '=', it.id).execute();
    await removeDocument(t, actor.agencyId, 'oit', `${year}/${code}`);
    publicChanged(t, actor.agencyId);
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'oit.item.delete', targetType: 'oit_item', targetId: `${year}/${code}`, summary: 'deleted with its evidence bindings' });
  });
}

export type NewBinding = { provider: string; ref: string } | { provider: 'url'; url: string; label: string };

export async function addBinding(p: Platform, actor: Acting, year: number, code: string, b: NewBinding, outer?: Tx): Promise<void> {
  requirePermission(actor, 'oit.manage');
  const agencyId = actor.agencyId;
  await inTx(p.db, outer, async (t) => {
    const it = await getItem(t, agencyId, year, code);
    if (!it) throw new NotFoundError();
    if (b.provider !== 'url') {
      const provider = evidenceProvider(b.provider);
      if (!provider || !(await provider.resolve(t, agencyId, (b as { ref: string }).ref))) throw new ValidationError({ ref: 'oit.err.chooseOne' });
    }
    const position = await nextPosition(t, { table: 'oit_item', id: it.id }, { table: 'oit_binding', parentColumn: 'item_id' });
    await t.k
      .insertInto('oit_binding')
      .values({ agency_id: agencyId, item_id: it.id, provider: b.provider, ref: 'ref' in b ? b.ref : '', url: 'url' in b ? b.url : '', label: 'label' in b ? b.label : '', sort_order: position, created_by: actor.id, created_at: new Date().toISOString() })
      .execute();
    publicChanged(t, actor.agencyId);
    await recordAudit(t, { agencyId, actor: actorOf(actor), action: 'oit.binding.add', targetType: 'oit_item', targetId: `${year}/${code}`, summary: b.provider === 'url' ? 'external link' : `${b.provider} ${(b as { ref: string }).ref}` });
  });
}

export async function removeBinding(p: Platform, actor: CurrentUser, year: number, code: string, bindingId: number): Promise<void> {
  requirePermission(actor, 'oit.manage');
  await tx(p.db, async (t) => {
    const it = await loadItem(t, actor, year, code);
    const r = await t.k.deleteFrom('oit_binding').where('id', '=', bindingId).where('item_id', '=', it.id).executeTakeFirst();
    if (!Number(r.numDeletedRows)) throw new NotFoundError();
    publicChanged(t, actor.agencyId);
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'oit.binding.remove', targetType: 'oit_item', targetId: `${year}/${code}`, summary: `binding ${bindingId} removed` });
  });
}

/** Records which required elements the evidence shows (the whole set at once). */
export async function saveTicks(p: Platform, actor: Acting, year: number, code: string, requirements: string[], outer?: Tx): Promise<void> {
  requirePermission(actor, 'oit.manage');
  const agencyId = actor.agencyId;
  await inTx(p.db, outer, async (t) => {
    const it = await getItem(t, agencyId, year, code);
    if (!it) throw new NotFoundError();
    const wanted = requirements.filter((r) => it.requirements.includes(r));
    await t.k.deleteFrom('oit_tick').where('item_id', '=', it.id).execute();
    const now = new Date().toISOString();
    if (wanted.length) await t.k.insertInto('oit_tick').values(wanted.map((r) => ({ agency_id: agencyId, item_id: it.id, requirement_key: requirementKey(r), ticked_by: actor.id, ticked_at: now }))).execute();
    publicChanged(t, actor.agencyId);
    await recordAudit(t, { agencyId, actor: actorOf(actor), action: 'oit.item.check', targetType: 'oit_item', targetId: `${year}/${code}`, summary: `${wanted.length} of ${it.requirements.length} required elements checked` });
  });
}

/**
 * The picker's one step: binds a published item (once: binding it again only saves the ticks) and records the
 * required elements ticked with it, together or not at all.
 */
export async function bindPublished(p: Platform, actor: CurrentUser, year: number, code: string, b: { provider: string; ref: string }, requirements: string[]): Promise<void> {
  requirePermission(actor, 'oit.manage');
  await tx(p.db, async (t) => {
    const it = await loadItem(t, actor, year, code);
    const unknown = requirements.filter((r) => !it.requirements.includes(r));
    if (unknown.length) throw new ValidationError({ requirements: 'err.choice' });
    const evidence = await evidenceProvider(b.provider)?.resolve(t, actor.agencyId, b.ref);
    if (!evidence) throw new ValidationError({ ref: 'oit.err.chooseOne' });
    if (!evidence.published) throw new ValidationError({ ref: { key: 'oit.err.notPublished', vars: { title: evidence.title.th, titleEn: evidence.title.en || evidence.title.th } } });
    await lockRow(t, 'oit_item', it.id);
    const bound = await t.k.selectFrom('oit_binding').select('id').where('item_id', '=', it.id).where('provider', '=', b.provider).where('ref', '=', b.ref).executeTakeFirst();
    if (!bound) await addBinding(p, actor, year, code, b, t);
    await saveTicks(p, actor, year, code, requirements, t);
  });
}
