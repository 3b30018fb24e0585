// Statistics of a fiscal year from what is plain about each case (lane, category, channel, status, dates): never from
// what was written. Periods: the year, its halves (the first six months are what assessors ask for during the
// assessment), quarters and months. Public figures hide small counts that could point at someone, and every count
// that would give one away: one pattern for the whole year, so that no page, period or sum undoes another.
import type { DbLike } from '../../platform/db/index.ts';
import { fiscalMonths } from '../../platform/thai/index.ts';
import { ALL_CATEGORIES, CATEGORIES, CHANNELS, isFinished, LANES } from './kinds.ts';
import { suppress, type Equation } from './suppress.ts';

export const PERIODS = ['year', 'h1', 'h2', 'q1', 'q2', 'q3', 'q4'] as const;
export type Period = (typeof PERIODS)[number];

/** Month indexes (0 = October) each period covers. */
const SPAN: Record<Period, [number, number]> = { year: [0, 12], h1: [0, 6], h2: [6, 12], q1: [0, 3], q2: [3, 6], q3: [6, 9], q4: [9, 12] };
/** A period and the two it splits into. */
const SPLITS: Array<[Period, Period, Period]> = [['year', 'h1', 'h2'], ['h1', 'q1', 'q2'], ['h2', 'q3', 'q4']];

export interface Counts {
  total: number;
  finished: number;
  inProgress: number;
  byLane: Record<string, number>;
  byCategory: Record<string, number>;
  byChannel: Record<string, number>;
}

/** Cases received in a month, and how many of them are finished or still in progress today. */
export interface MonthCounts {
  month: string;
  received: number;
  finished: number;
  inProgress: number;
}

export interface YearStats extends Counts {
  year: number;
  period: Period;
  months: MonthCounts[];
}

/** Every period of a fiscal year, and its twelve months. */
export interface FiscalStats {
  year: number;
  periods: Record<Period, Counts>;
  months: MonthCounts[];
}

export interface CaseFacts {
  lane: string;
  category: string;
  channel: string;
  status: string;
  received_at: string;
}

const bangkokMonth = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 7);

function count(rows: CaseFacts[]): Counts {
  const tally = (keys: readonly string[], pick: (r: CaseFacts) => string) => Object.fromEntries(keys.map((k) => [k, rows.filter((r) => pick(r) === k).length]));
  const finished = rows.filter((r) => isFinished(r.status)).length;
  return { total: rows.length, finished, inProgress: rows.length - finished, byLane: tally(LANES, (r) => r.lane), byCategory: tally(ALL_CATEGORIES, (r) => r.category), byChannel: tally(CHANNELS, (r) => r.channel) };
}

/** The counts of a fiscal year from its cases (those received outside its months are left out). */
export function tally(year: number, cases: CaseFacts[]): FiscalStats {
  const months = fiscalMonths(year);
  const byMonth = months.map((m) => cases.filter((r) => bangkokMonth(r.received_at) === m));
  const periods = Object.fromEntries(PERIODS.map((p) => [p, count(byMonth.slice(...SPAN[p]).flat())])) as Record<Period, Counts>;
  return {
    year, periods,
    months: months.map((month, i) => {
      const finished = byMonth[i]!.filter((r) => isFinished(r.status)).length;
      return { month, received: byMonth[i]!.length, finished, inProgress: byMonth[i]!.length - finished };
    }),
  };
}

export async function fiscalStats(db: DbLike, agencyId: number, year: number): Promise<FiscalStats> {
  const rows = await db.k.selectFrom('complaint').select(['lane', 'category', 'channel', 'status', 'received_at']).where('agency_id', '=', agencyId).where('fiscal_year', '=', year).execute();
  return tally(year, rows);
}

/** One period's counts, with its months. */
export function periodStats(f: FiscalStats, period: Period): YearStats {
  return { year: f.year, period, ...f.periods[period], months: f.months.slice(...SPAN[period]) };
}

export async function yearStats(db: DbLike, agencyId: number, year: number, period: Period = 'year'): Promise<YearStats> {
  return periodStats(await fiscalStats(db, agencyId, year), period);
}

// ---- what the public sees ----

type Shown = number | null;
export interface ShownStats {
  total: Shown;
  finished: Shown;
  inProgress: Shown;
  byLane: Record<string, Shown>;
  byCategory: Record<string, Shown>;
  byChannel: Record<string, Shown>;
  months: Array<{ month: string; received: Shown; finished: Shown; inProgress: Shown }>;
}

/** Every published count of the year by name ('q1:lane:general', 'm3:finished'), and the sums that tie them. */
export function cellsOf(f: FiscalStats): { values: Map<string, number>; equations: Equation[] } {
  const values = new Map<string, number>();
  const equations: Equation[] = [];
  const sum = (total: string, parts: string[]) => equations.push([[total, 1], ...parts.map((p): [string, -1] => [p, -1])]);
  const dims = (c: Counts): Array<[string, number]> => [
    ['total', c.total], ['finished', c.finished], ['inProgress', c.inProgress],
    ...LANES.map((l): [string, number] => [`lane:${l}`, c.byLane[l] ?? 0]),
    ...ALL_CATEGORIES.map((k): [string, number] => [`cat:${k}`, c.byCategory[k] ?? 0]),
    ...CHANNELS.map((k): [string, number] => [`ch:${k}`, c.byChannel[k] ?? 0]),
  ];
  for (const p of PERIODS) {
    for (const [d, n] of dims(f.periods[p])) values.set(`${p}:${d}`, n);
    const at = (d: string) => `${p}:${d}`;
    sum(at('total'), [at('finished'), at('inProgress')]);
    sum(at('total'), LANES.map((l) => at(`lane:${l}`)));
    for (const l of LANES) sum(at(`lane:${l}`), CATEGORIES[l].map((k) => at(`cat:${k}`)));
    sum(at('total'), CHANNELS.map((k) => at(`ch:${k}`)));
  }
  for (const [whole, a, b] of SPLITS) for (const [d] of dims(f.periods.year)) sum(`${whole}:${d}`, [`${a}:${d}`, `${b}:${d}`]);
  f.months.forEach((m, i) => {
    values.set(`m${i}:received`, m.received).set(`m${i}:finished`, m.finished).set(`m${i}:inProgress`, m.inProgress);
    sum(`m${i}:received`, [`m${i}:finished`, `m${i}:inProgress`]);
  });
  // the quarters' months; the halves and the year follow from the quarters
  for (const p of ['q1', 'q2', 'q3', 'q4'] as const) {
    const months = Array.from({ length: SPAN[p][1] - SPAN[p][0] }, (_, i) => `m${SPAN[p][0] + i}`);
    sum(`${p}:total`, months.map((m) => `${m}:received`));
    sum(`${p}:finished`, months.map((m) => `${m}:finished`));
    sum(`${p}:inProgress`, months.map((m) => `${m}:inProgress`));
  }
  return { values, equations };
}

/** What hiding a count costs readers: the year's and the first half's headline figures most, a month's topic least. */
export function weightOf(cell: string): number {
  const [period, dim] = cell.split(':') as [string, string];
  const p = period === 'year' ? 16 : period === 'h1' ? 8 : period === 'h2' ? 4 : period.startsWith('q') ? 2 : 1;
  const d = dim === 'total' || dim === 'received' ? 8 : dim === 'finished' || dim === 'inProgress' ? 4 : dim === 'lane' ? 2 : 1;
  return p * d;
}

// the same year asked for again (every period of it, by many visitors) is not worked out again
const kept = new Map<string, Set<string>>();
function hiddenCells(f: FiscalStats, min: number): Set<string> {
  const key = `${min}:${JSON.stringify(f)}`;
  let hidden = kept.get(key);
  if (!hidden) {
    const { values, equations } = cellsOf(f);
    hidden = suppress(values, equations, min, weightOf);
    if (kept.size >= 64) kept.delete(kept.keys().next().value!);
    kept.set(key, hidden);
  }
  return hidden;
}

/** A period's statistics as shown: for the public (min a number) with hidden counts as null; for staff (null) all. */
export function shownStats(f: FiscalStats, period: Period, min: number | null): ShownStats {
  const hidden = min === null ? new Set<string>() : hiddenCells(f, min);
  const c = f.periods[period];
  const at = (cell: string, n: number): Shown => (hidden.has(cell) ? null : n);
  const group = (prefix: string, rec: Record<string, number>) => Object.fromEntries(Object.entries(rec).map(([k, n]) => [k, at(`${period}:${prefix}:${k}`, n)]));
  const [from] = SPAN[period];
  return {
    total: at(`${period}:total`, c.total), finished: at(`${period}:finished`, c.finished), inProgress: at(`${period}:inProgress`, c.inProgress),
    byLane: group('lane', c.byLane), byCategory: group('cat', c.byCategory), byChannel: group('ch', c.byChannel),
    months: f.months.slice(...SPAN[period]).map((m, i) => ({ month: m.month, received: at(`m${from + i}:received`, m.received), finished: at(`m${from + i}:finished`, m.finished), inProgress: at(`m${from + i}:inProgress`, m.inProgress) })),
  };
}

export async function yearsWithCases(db: DbLike, agencyId: number): Promise<number[]> {
  return (await db.k.selectFrom('complaint').select('fiscal_year').distinct().where('agency_id', '=', agencyId).orderBy('fiscal_year', 'desc').execute()).map((r) => r.fiscal_year);
}
