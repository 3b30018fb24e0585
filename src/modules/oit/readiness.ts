// Readiness of each OIT item: is there published evidence, of the right fiscal year, with every required element?
import { sha256 } from '../../platform/crypto.ts';
import type { DbLike } from '../../platform/db/index.ts';
import type { MessageKey, Vars } from '../../platform/i18n/index.ts';
import { fiscalMonths, formatMonth, bangkokDay } from '../../platform/thai/index.ts';
import { evidenceProvider, type Evidence } from '../../platform/evidence.ts';
import { listBindings, listTicks, type Binding, type Item } from './store.ts';

export const READINESS = ['ready', 'incomplete', 'wrong_year', 'missing'] as const;
/** 'wrong_year': the only evidence is of another fiscal year (or of none) than the item asks for */
export type ReadinessStatus = (typeof READINESS)[number];

const WRONG_YEAR: ReadonlySet<string> = new Set(['oit.reason.wrongYear', 'oit.reason.noYear']);

export interface Reason {
  key: MessageKey;
  vars?: Vars;
}

export interface ResolvedEvidence {
  binding: Binding;
  /** null for a target that no longer exists */
  evidence: Evidence | null;
  external: boolean;
  problems: Reason[];
}

export interface ItemReadiness {
  item: Item;
  status: ReadinessStatus;
  reasons: Reason[];
  evidence: ResolvedEvidence[];
  ticked: Set<string>;
}

export const requirementKey = (text: string) => sha256(text).slice(0, 16);

/** Resolves one binding to what it points at now. */
export async function resolveBinding(db: DbLike, agencyId: number, b: Binding): Promise<{ evidence: Evidence | null; external: boolean }> {
  if (b.provider === 'url') {
    return { external: true, evidence: { title: { th: b.label || b.url, en: b.label || b.url }, url: b.url, published: true, fiscalYear: null, period: null, publishedAt: null, attachments: [], issues: [] } };
  }
  const provider = evidenceProvider(b.provider);
  return { external: false, evidence: provider ? await provider.resolve(db, agencyId, b.ref) : null };
}

/** Months of the fiscal year that should have a report by today: up to the last completed month. */
function dueMonths(year: number, today: string): string[] {
  const current = today.slice(0, 7);
  return fiscalMonths(year).filter((m) => m < current);
}

export async function itemReadiness(db: DbLike, agencyId: number, items: Item[], today = bangkokDay()): Promise<ItemReadiness[]> {
  const ids = items.map((i) => i.id);
  const [bindings, ticks] = await Promise.all([listBindings(db, agencyId, ids), listTicks(db, agencyId, ids)]);
  const out: ItemReadiness[] = [];
  for (const item of items) {
    const evidence: ResolvedEvidence[] = [];
    for (const b of bindings.get(item.id) ?? []) {
      const r = await resolveBinding(db, agencyId, b);
      evidence.push({ binding: b, ...r, problems: r.evidence ? problemsOf(item, r.evidence, r.external) : [{ key: 'oit.reason.gone' }] });
    }
    const ticked = ticks.get(item.id) ?? new Set<string>();
    out.push({ item, ...assess(item, evidence, ticked, today), evidence, ticked });
  }
  return out;
}

/** The status of an item and why, from its evidence (resolved, with their problems) and its ticks. */
function assess(item: Item, evidence: Array<Omit<ResolvedEvidence, 'binding'>>, tickedKeys: Set<string>, today: string): { status: ReadinessStatus; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const valid = evidence.filter((e) => !e.external && e.evidence && e.problems.length === 0);
  if (item.recency === 'monthly') {
    const have = new Set(valid.map((e) => e.evidence!.period).filter(Boolean));
    const gaps = dueMonths(item.year, today).filter((m) => !have.has(m));
    if (gaps.length) reasons.push({ key: 'oit.reason.monthGap', vars: { months: gaps.map((m) => formatMonth(m)).join(', '), monthsEn: gaps.map((m) => formatMonth(m, 'en')).join(', ') } });
  }
  for (const e of evidence) reasons.push(...e.problems);
  const unticked = item.requirements.map((r, i) => ({ th: r, en: item.requirements_en.length === item.requirements.length ? item.requirements_en[i]! : r })).filter((r) => !tickedKeys.has(requirementKey(r.th)));
  if (unticked.length) reasons.push({ key: 'oit.reason.unticked', vars: { n: unticked.length, list: unticked.map((r) => r.th).join('; '), listEn: unticked.map((r) => r.en).join('; ') } });
  let status: ReadinessStatus;
  if (evidence.length === 0) {
    status = 'missing';
    reasons.unshift({ key: 'oit.reason.noEvidence' });
  } else if (valid.length === 0 && evidence.every((e) => !e.external)) {
    const live = evidence.filter((e) => e.evidence?.published);
    status = live.length === 0 ? 'missing' : live.some((e) => e.problems.some((x) => WRONG_YEAR.has(x.key))) ? 'wrong_year' : 'incomplete';
  } else {
    const blocking = reasons.filter((r) => r.key !== 'oit.reason.external');
    status = valid.length > 0 && blocking.length === 0 ? 'ready' : 'incomplete';
  }
  return { status, reasons };
}

/** The fiscal years (B.E.) whose evidence an item accepts; empty when any year will do. */
export function expectedYears(item: Pick<Item, 'year' | 'recency'>): number[] {
  switch (item.recency) {
    case 'previous_fy':
      return [item.year - 1];
    case 'current_or_previous_fy':
      return [item.year, item.year - 1];
    case 'current_fy':
    case 'monthly':
      return [item.year];
    default:
      return [];
  }
}

function problemsOf(item: Item, e: Evidence, external: boolean): Reason[] {
  // both languages: the Thai for the answer sheet and Thai pages, the English (when there is one) for English pages
  const title = e.title.th;
  const titleEn = e.title.en || e.title.th;
  if (external) return [{ key: 'oit.reason.external', vars: { title, titleEn } }];
  const p: Reason[] = [];
  if (!e.published) p.push({ key: 'oit.reason.unpublished', vars: { title, titleEn } });
  const expected = expectedYears(item);
  if (expected.length) {
    if (e.fiscalYear === null) p.push({ key: 'oit.reason.noYear', vars: { title, titleEn, expected: expected.join('/') } });
    else if (!expected.includes(e.fiscalYear)) p.push({ key: 'oit.reason.wrongYear', vars: { title, titleEn, found: e.fiscalYear, expected: expected.join('/') } });
  }
  if (item.recency === 'monthly' && !e.period) p.push({ key: 'oit.reason.noPeriod', vars: { title, titleEn } });
  for (const issue of e.issues) p.push(issue);
  return p;
}

/** What binding one more piece of evidence would do to an item: its own problems, and the item's status after. */
export interface Outlook {
  problems: Reason[];
  /** with the ticks as they are */
  status: ReadinessStatus;
  /** with every required element ticked, and what would still stand in the way */
  statusIfTicked: ReadinessStatus;
  remaining: Reason[];
}

export function outlookWith(r: ItemReadiness, evidence: Evidence, today = bangkokDay()): Outlook {
  const extra = { evidence, external: false, problems: problemsOf(r.item, evidence, false) };
  const all = [...r.evidence, extra];
  const now = assess(r.item, all, r.ticked, today);
  const ticked = assess(r.item, all, new Set(r.item.requirements.map(requirementKey)), today);
  return { problems: extra.problems, status: now.status, statusIfTicked: ticked.status, remaining: ticked.reasons.filter((x) => x.key !== 'oit.reason.external') };
}

export function summary(rs: ItemReadiness[]) {
  const ready = rs.filter((r) => r.status === 'ready').length;
  const incomplete = rs.filter((r) => r.status === 'incomplete').length;
  const missing = rs.filter((r) => r.status === 'missing').length;
  const wrongYear = rs.filter((r) => r.status === 'wrong_year').length;
  return { ready, incomplete, missing, wrongYear, total: rs.length, percent: rs.length ? Math.round((ready / rs.length) * 100) : 0 };
}
