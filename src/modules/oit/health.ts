// Evidence that stays alive: a daily check of every bound item of the years being answered. Evidence on this site is
// resolved in-process (published, of the right fiscal year, its files present); external links are fetched by the
// link check (linkcheck.ts). The last result of each binding and item is kept; when an item's state changes (ready →
// not ready or back, a new problem), an alert is recorded, the integrity officers are mailed and the staff home
// shows it. Evidence of a frozen answer sheet that changed or went is flagged too.
//
// Which years: the current assessment year (todo.ts: this fiscal year's catalogue once imported, else the latest
// before it), and any year frozen (sent to ITAS) that is that year or the one before: its evidence is still scored.
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, holdersOf, type CurrentUser } from '../../platform/auth/users.ts';
import { sha256 } from '../../platform/crypto.ts';
import { fromJson, toJson, tx, type DbLike } from '../../platform/db/index.ts';
import { translate, type Lang } from '../../platform/i18n/index.ts';
import type { Platform } from '../../platform/platform.ts';
import { agencyUrl } from '../../platform/site.ts';
import { bangkokDay } from '../../platform/thai/index.ts';
import { itemReadiness, type ItemReadiness, type Reason, type ReadinessStatus } from './readiness.ts';
import { compareFrozen, pool, snapshotOf, type FileHash, type Snapshot } from './snapshot.ts';
import { itemUrl } from './service.ts';
import { listItems, type Item } from './store.ts';
import { currentAssessmentYear } from './todo.ts';
import type { LinkKind } from './linkcheck.ts';

/** external links fetched at once during a check */
const LINK_CONCURRENCY = 4;

export interface BindingHealth {
  bindingId: number;
  ok: boolean;
  problems: Reason[];
  linkKind: LinkKind | '';
  httpStatus: number | null;
  checkedAt: string;
}

export interface ItemHealth {
  status: ReadinessStatus;
  problems: Reason[];
  flagged: boolean;
  checkedAt: string;
  changedAt: string;
}

export interface ChangedItem {
  item: Item;
  from: string;
  to: ReadinessStatus;
  problems: Reason[];
  worse: boolean;
  alertId: number;
}

export interface CheckSummary {
  years: number[];
  items: number;
  bindings: number;
  problems: number;
  changed: ChangedItem[];
  mailed: number;
}

/** The years the daily check covers (see the head of this file). */
export async function checkedYears(db: DbLike, agencyId: number): Promise<number[]> {
  const current = await currentAssessmentYear(db, agencyId);
  if (current === null) return [];
  const frozen = await db.k.selectFrom('oit_freeze').select('year').where('agency_id', '=', agencyId).where('year', '>=', current - 1).orderBy('year').execute();
  return [...new Set([current, ...frozen.map((f) => f.year)])].sort((a, b) => b - a);
}

interface FrozenEntry {
  binding_id: number | null;
  item_id: number | null;
  code: string;
  url: string;
  content_sha256: string;
  files: FileHash[];
}

async function frozenEntries(db: DbLike, agencyId: number, year: number): Promise<FrozenEntry[]> {
  const rows = await db.k.selectFrom('oit_freeze_entry').innerJoin('oit_freeze', 'oit_freeze.id', 'oit_freeze_entry.freeze_id')
    .select(['oit_freeze_entry.binding_id', 'oit_freeze_entry.item_id', 'oit_freeze_entry.code', 'oit_freeze_entry.url', 'oit_freeze_entry.content_sha256', 'oit_freeze_entry.files'])
    .where('oit_freeze.agency_id', '=', agencyId).where('oit_freeze.year', '=', year).orderBy('oit_freeze_entry.id').execute();
  return rows.map((r) => ({ ...r, files: fromJson<FileHash[]>(r.files, []) }));
}

/** What the check finds wrong with one binding beyond readiness: its link, its files, its frozen copy. */
function healthProblems(e: ItemReadiness['evidence'][number], snap: Snapshot, frozen: FrozenEntry | undefined): Reason[] {
  const out: Reason[] = [];
  const title = e.evidence?.title.th ?? e.binding.label ?? e.binding.url;
  const titleEn = e.evidence?.title.en || title;
  if (snap.link && snap.link.kind !== 'ok') out.push({ key: `oit.health.link.${snap.link.kind}`, vars: { title, titleEn, status: snap.link.status ?? '' } });
  for (const f of snap.files) if (!f.sha256) out.push({ key: 'oit.health.fileMissing', vars: { title, titleEn } });
  if (frozen) {
    const present = !!e.evidence && (e.external || e.evidence.published);
    const state = compareFrozen(frozen, snap, present);
    if (state !== 'same') out.push({ key: state === 'gone' ? 'oit.health.frozenGone' : 'oit.health.frozenChanged', vars: { title, titleEn } });
  }
  return out;
}

const reasonId = (r: Reason) => `${r.key}|${JSON.stringify(r.vars ?? {})}`;
/** the flag of an item that was ready and is not */
const DROPPED = 'status:ready';

/**
 * Checks every bound item of one year and stores the result. An item whose state changed since the last check gets an
 * alert; of two checks at once (two processes, a job and a person), only the one whose write moves the state alerts.
 */
export async function checkYear(p: Platform, agencyId: number, year: number, now = new Date()): Promise<Omit<CheckSummary, 'mailed' | 'years'>> {
  const at = now.toISOString();
  const base = await agencyUrl(p, agencyId);
  const items = await listItems(p.db, agencyId, year);
  const rs = await itemReadiness(p.db, agencyId, items, bangkokDay(now));
  const frozen = await frozenEntries(p.db, agencyId, year);
  const frozenByBinding = new Map(frozen.filter((f) => f.binding_id !== null).map((f) => [f.binding_id!, f]));
  const all = rs.flatMap((r) => r.evidence.map((e) => ({ r, e })));
  const snaps = await pool(all, LINK_CONCURRENCY, ({ e }) => snapshotOf(p, agencyId, base, e));
  const perItem = new Map<number, Reason[]>();
  let problems = 0;
  for (const [i, { r, e }] of all.entries()) {
    const snap = snaps[i]!;
    const extra = healthProblems(e, snap, frozenByBinding.get(e.binding.id));
    const own = e.external ? e.problems.filter((x) => x.key !== 'oit.reason.external') : e.problems;
    const bindingProblems = [...own, ...extra];
    if (bindingProblems.length) problems++;
    perItem.set(r.item.id, [...(perItem.get(r.item.id) ?? []), ...extra]);
    const values = {
      is_ok: bindingProblems.length === 0, problems: toJson(bindingProblems), link_kind: snap.link?.kind ?? '', http_status: snap.link?.status ?? null,
      content_sha256: snap.contentSha256, files: toJson(snap.files), checked_at: at,
    };
    await p.db.k.insertInto('oit_health').values({ ...values, agency_id: agencyId, item_id: r.item.id, binding_id: e.binding.id })
      .onConflict((oc) => oc.column('binding_id').doUpdateSet(values)).execute();
  }
  // frozen evidence whose binding was removed since: gone, on its item
  for (const f of frozen.filter((x) => x.binding_id === null && x.item_id !== null)) {
    perItem.set(f.item_id!, [...(perItem.get(f.item_id!) ?? []), { key: 'oit.health.frozenUnbound', vars: { url: f.url } }]);
  }
  const changed: ChangedItem[] = [];
  for (const r of rs) {
    const health = perItem.get(r.item.id) ?? [];
    const c = await recordItemState(p.db, agencyId, r.item, r.status, [...r.reasons, ...health], health, at);
    if (c) changed.push(c);
  }
  return { items: rs.length, bindings: all.length, problems, changed };
}

/**
 * Records an item's state as the check found it; returns the change when this call moved it (and alerted). Of two calls
 * at once with the same state, one moves it: the write is a compare-and-set on the fingerprint it read.
 */
export async function recordItemState(db: DbLike, agencyId: number, item: Item, status: ReadinessStatus, reasons: Reason[], health: Reason[], at: string): Promise<ChangedItem | null> {
  const fingerprint = sha256(JSON.stringify({ status, reasons: reasons.map(reasonId).sort() }));
  const alert = async (from: string, problems: Reason[], worse: boolean): Promise<ChangedItem> => {
    const row = await db.k.insertInto('oit_health_alert').values({ agency_id: agencyId, item_id: item.id, year: item.year, code: item.code, status_from: from, status_to: status, problems: toJson(problems), is_worse: worse, created_at: at }).returning('id').executeTakeFirstOrThrow();
    return { item, from, to: status, problems, worse, alertId: row.id };
  };
  const prev = await db.k.selectFrom('oit_health_item').selectAll().where('item_id', '=', item.id).executeTakeFirst();
  if (!prev) {
    // the first check sets the baseline: what readiness already said was on its pages before, and is not alerted;
    // what only this check finds (a broken link, a missing file, frozen evidence changed) is
    const made = await db.k.insertInto('oit_health_item').values({ agency_id: agencyId, item_id: item.id, year: item.year, status, problems: toJson(reasons), fingerprint, checked_at: at, changed_at: at, is_flagged: health.length > 0, flags: toJson(health.map(reasonId)) })
      .onConflict((oc) => oc.column('item_id').doNothing()).returning('id').executeTakeFirst();
    return made && health.length ? alert(status, health, true) : null;
  }
  if (prev.fingerprint === fingerprint) {
    await db.k.updateTable('oit_health_item').set({ checked_at: at }).where('id', '=', prev.id).where('fingerprint', '=', fingerprint).execute();
    return null;
  }
  const before = new Set(fromJson<Reason[]>(prev.problems, []).map(reasonId));
  const current = new Set(reasons.map(reasonId));
  const dropped = prev.status === 'ready' && status !== 'ready';
  const fresh = reasons.filter((x) => !before.has(reasonId(x)));
  const worse = dropped || fresh.length > 0;
  // flagged for what got worse, until each of those is put right (the readiness drop: until it is ready again)
  const flags = new Set(fromJson<string[]>(prev.flags, []).filter((f) => (f === DROPPED ? status !== 'ready' : current.has(f))));
  if (dropped) flags.add(DROPPED);
  for (const x of fresh) flags.add(reasonId(x));
  // compare-and-set on the fingerprint read: a check running at the same time that moved it first wins, and alerts
  const moved = await db.k.updateTable('oit_health_item')
    .set({ status, problems: toJson(reasons), fingerprint, is_flagged: flags.size > 0, flags: toJson([...flags]), checked_at: at, changed_at: at })
    .where('id', '=', prev.id).where('fingerprint', '=', prev.fingerprint).executeTakeFirst();
  if (!Number(moved.numUpdatedRows)) return null;
  // what is new when it got worse; nothing more when it got better (the mail says from what to what)
  return alert(prev.status, worse ? fresh : [], worse);
}

/** Checks the years of the daily check and mails the officers about what changed. */
export async function runHealthCheck(p: Platform, agencyId: number, years?: number[], now = new Date()): Promise<CheckSummary> {
  const ys = years ?? (await checkedYears(p.db, agencyId));
  const out: CheckSummary = { years: ys, items: 0, bindings: 0, problems: 0, changed: [], mailed: 0 };
  for (const y of ys) {
    const r = await checkYear(p, agencyId, y, now);
    out.items += r.items;
    out.bindings += r.bindings;
    out.problems += r.problems;
    out.changed.push(...r.changed);
  }
  if (out.changed.length) out.mailed = await mailOfficers(p, agencyId, out.changed);
  return out;
}

const statusText = (lang: Lang, s: string) => (['ready', 'incomplete', 'missing', 'wrong_year'].includes(s) ? translate(lang, `oit.status.${s as ReadinessStatus}`) : s);

/** One mail per run to those who bind evidence: which items, what is wrong, and the staff page of each. No names. */
async function mailOfficers(p: Platform, agencyId: number, changed: ChangedItem[]): Promise<number> {
  const base = await agencyUrl(p, agencyId);
  const years = [...new Set(changed.map((c) => c.item.year))].join(', ');
  const part = (lang: Lang) => [
    translate(lang, 'oit.health.mail.intro', { n: changed.length, years }),
    '',
    ...changed.flatMap((c) => [
      `${translate(lang, c.worse ? 'oit.health.mail.worse' : 'oit.health.mail.better', { code: c.item.code, year: c.item.year, title: lang === 'en' && c.item.title_en ? c.item.title_en : c.item.title_th, from: statusText(lang, c.from), to: statusText(lang, c.to) })}`,
      ...c.problems.map((x) => `  - ${translate(lang, x.key, x.vars)}`),
      `  ${base}/staff${itemUrl(c.item.year, c.item.code)}`,
      '',
    ]),
  ];
  const text = [...part('th'), '—', '', ...part('en')].join('\n');
  const subject = `${translate('th', 'oit.health.mail.subject', { n: changed.length, years })} / ${translate('en', 'oit.health.mail.subject', { n: changed.length, years })}`;
  let sent = 0;
  for (const o of (await holdersOf(p.db, agencyId, 'oit.manage')).filter((x) => x.email)) {
    if (await p.mail.send({ to: o.email, subject, text }).catch(() => false)) sent++;
  }
  await p.db.k.updateTable('oit_health_alert').set({ mailed: sent }).where('agency_id', '=', agencyId).where('id', 'in', changed.map((c) => c.alertId)).execute();
  return sent;
}

/** A claimed run not finished after this long is taken to have died with its process: another may claim the day. */
export const RUN_CLAIM_STALE_MS = 2 * 60 * 60 * 1000;

/**
 * Claims the day's run of one agency: the first claim of the day, or one left unfinished for RUN_CLAIM_STALE_MS (its
 * process died). Of processes claiming at once, one wins: an insert on the primary key, or an update whose condition
 * (unfinished, started before the cut-off) the winner's write makes false for the others (PostgreSQL re-reads the
 * row it waited for before updating it; SQLite writes one at a time).
 */
async function claimRun(db: DbLike, agencyId: number, day: string, now: Date): Promise<boolean> {
  const started = now.toISOString();
  const made = await db.k.insertInto('oit_health_run').values({ agency_id: agencyId, day, started_at: started }).onConflict((oc) => oc.columns(['agency_id', 'day']).doNothing()).executeTakeFirst();
  if (Number(made.numInsertedOrUpdatedRows ?? 0)) return true;
  const stale = new Date(now.getTime() - RUN_CLAIM_STALE_MS).toISOString();
  const taken = await db.k.updateTable('oit_health_run').set({ started_at: started, summary: '' })
    .where('agency_id', '=', agencyId).where('day', '=', day).where('finished_at', 'is', null).where('started_at', '<', stale).executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

/** The daily job: each agency once a day, claimed in the database so that one process of many runs it. */
export async function dailyHealthCheck(p: Platform, now = new Date()): Promise<string> {
  const day = bangkokDay(now);
  const agencies = await p.db.k.selectFrom('agency').select('id').orderBy('id').execute();
  const done: string[] = [];
  for (const a of agencies) {
    if (!(await claimRun(p.db, a.id, day, now))) continue;
    const r = await runHealthCheck(p, a.id, undefined, now);
    const summary = `${r.items} items, ${r.bindings} pieces of evidence, ${r.problems} with problems, ${r.changed.length} changed, ${r.mailed} mails`;
    await p.db.k.updateTable('oit_health_run').set({ finished_at: new Date().toISOString(), summary }).where('agency_id', '=', a.id).where('day', '=', day).execute();
    done.push(`agency ${a.id}: ${summary}`);
  }
  return done.length ? done.join('; ') : 'already checked today';
}

/** A person runs the check of one year now (the staff page's button); audited. */
export async function checkNow(p: Platform, actor: CurrentUser, year: number): Promise<CheckSummary> {
  requirePermission(actor, 'oit.manage');
  const r = await runHealthCheck(p, actor.agencyId, [year]);
  await tx(p.db, (t) => recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'oit.health.check', targetType: 'oit_year', targetId: year, summary: `${r.bindings} pieces of evidence checked, ${r.problems} with problems, ${r.changed.length} items changed` }));
  return r;
}

// ---- reads for the pages ----

export async function bindingHealth(db: DbLike, agencyId: number, itemIds: number[]): Promise<Map<number, BindingHealth>> {
  const out = new Map<number, BindingHealth>();
  if (!itemIds.length) return out;
  const rows = await db.k.selectFrom('oit_health').selectAll().where('agency_id', '=', agencyId).where('item_id', 'in', itemIds).execute();
  for (const r of rows) out.set(r.binding_id, { bindingId: r.binding_id, ok: !!r.is_ok, problems: fromJson<Reason[]>(r.problems, []), linkKind: r.link_kind as LinkKind | '', httpStatus: r.http_status, checkedAt: r.checked_at });
  return out;
}

export async function itemHealth(db: DbLike, agencyId: number, year: number): Promise<Map<number, ItemHealth>> {
  const rows = await db.k.selectFrom('oit_health_item').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).execute();
  return new Map(rows.map((r) => [r.item_id, { status: r.status as ReadinessStatus, problems: fromJson<Reason[]>(r.problems, []), flagged: !!r.is_flagged, checkedAt: r.checked_at, changedAt: r.changed_at }]));
}

export interface AlertRow {
  code: string;
  year: number;
  from: string;
  to: string;
  problems: Reason[];
  worse: boolean;
  at: string;
}

export async function recentAlerts(db: DbLike, agencyId: number, year: number, limit = 20): Promise<AlertRow[]> {
  const rows = await db.k.selectFrom('oit_health_alert').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ code: r.code, year: r.year, from: r.status_from, to: r.status_to, problems: fromJson<Reason[]>(r.problems, []), worse: !!r.is_worse, at: r.created_at }));
}

export async function lastChecked(db: DbLike, agencyId: number, year: number): Promise<string | null> {
  const r = await db.k.selectFrom('oit_health_item').select((eb) => eb.fn.max('checked_at').as('at')).where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}
