// Statistics of a fiscal year from what is plain about each case (lane, category, channel, status, dates): never from
// what was written. Periods: the year, its halves (the first six months are what assessors ask for during the
// assessment), quarters and months. Public figures hide small counts that could point at someone.
import type { DbLike } from '../../platform/db/index.ts';
import { fiscalMonths } from '../../platform/thai/index.ts';
import { ALL_CATEGORIES, CHANNELS, isFinished, LANES } from './kinds.ts';

export const PERIODS = ['year', 'h1', 'h2', 'q1', 'q2', 'q3', 'q4'] as const;
export type Period = (typeof PERIODS)[number];

/** Month indexes (0 = October) each period covers. */
const SPAN: Record<Period, [number, number]> = { year: [0, 12], h1: [0, 6], h2: [6, 12], q1: [0, 3], q2: [3, 6], q3: [6, 9], q4: [9, 12] };

export interface Counts {
  total: number;
  finished: number;
  inProgress: number;
  byLane: Record<string, number>;
  byCategory: Record<string, number>;
  byChannel: Record<string, number>;
}

export interface YearStats extends Counts {
  year: number;
  period: Period;
  months: Array<{ month: string; received: number; finished: number }>;
}

const bangkokMonth = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 7);

function count(rows: Array<{ lane: string; category: string; channel: string; status: string }>): Counts {
  const tally = (keys: readonly string[], pick: (r: (typeof rows)[number]) => string) => Object.fromEntries(keys.map((k) => [k, rows.filter((r) => pick(r) === k).length]));
  const finished = rows.filter((r) => isFinished(r.status)).length;
  return { total: rows.length, finished, inProgress: rows.length - finished, byLane: tally(LANES, (r) => r.lane), byCategory: tally(ALL_CATEGORIES, (r) => r.category), byChannel: tally(CHANNELS, (r) => r.channel) };
}

export async function yearStats(db: DbLike, agencyId: number, year: number, period: Period = 'year'): Promise<YearStats> {
  const months = fiscalMonths(year);
  const [from, to] = SPAN[period];
  const wanted = new Set(months.slice(from, to));
  const all = await db.k.selectFrom('complaint').select(['lane', 'category', 'channel', 'status', 'received_at', 'concluded_at']).where('agency_id', '=', agencyId).where('fiscal_year', '=', year).execute();
  const rows = all.filter((r) => wanted.has(bangkokMonth(r.received_at)));
  return {
    year, period, ...count(rows),
    months: months.slice(from, to).map((m) => ({ month: m, received: rows.filter((r) => bangkokMonth(r.received_at) === m).length, finished: rows.filter((r) => bangkokMonth(r.received_at) === m && isFinished(r.status)).length })),
  };
}

/** What the public sees of a count: the number, or "fewer than N" when it is small enough to point at someone. */
export function shown(n: number, min: number): { n: number | null; hidden: boolean } {
  return n > 0 && n < min ? { n: null, hidden: true } : { n, hidden: false };
}

type Shown = number | null;
export interface ShownStats {
  total: Shown;
  finished: Shown;
  inProgress: Shown;
  byLane: Record<string, Shown>;
  byCategory: Record<string, Shown>;
  byChannel: Record<string, Shown>;
  months: Shown[];
}

/**
 * Hides the counts of a group that adds up to a shown total: those under min, and — when only one would be hidden —
 * the next smallest too, since the total less the others would give it away (complementary suppression).
 */
export function suppressGroup(values: number[], min: number): Shown[] {
  const out: Shown[] = values.map((n) => shown(n, min).n);
  if (out.filter((v) => v === null).length === 1) {
    const next = values.map((n, i) => ({ n, i })).filter(({ n, i }) => n > 0 && out[i] !== null).sort((a, b) => a.n - b.n)[0];
    if (next) out[next.i] = null;
  }
  return out;
}

/** The statistics as the public sees them (min null: every count, for staff). */
export function shownStats(s: YearStats, min: number | null): ShownStats {
  const group = (rec: Record<string, number>): Record<string, Shown> => {
    const keys = Object.keys(rec);
    const v = min === null ? keys.map((k) => rec[k]!) : suppressGroup(keys.map((k) => rec[k]!), min);
    return Object.fromEntries(keys.map((k, i) => [k, v[i]!]));
  };
  const split = min === null ? [s.finished, s.inProgress] : suppressGroup([s.finished, s.inProgress], min);
  const months = s.months.map((m) => m.received);
  return {
    total: min === null ? s.total : shown(s.total, min).n,
    finished: split[0]!, inProgress: split[1]!,
    byLane: group(s.byLane), byCategory: group(s.byCategory), byChannel: group(s.byChannel),
    months: min === null ? months : suppressGroup(months, min),
  };
}

export async function yearsWithCases(db: DbLike, agencyId: number): Promise<number[]> {
  return (await db.k.selectFrom('complaint').select('fiscal_year').distinct().where('agency_id', '=', agencyId).orderBy('fiscal_year', 'desc').execute()).map((r) => r.fiscal_year);
}
