// Statistics of a fiscal year (or a half or quarter of it), per service: requests per month, the share completed
// within the declared time, median actual against declared time per step, satisfaction, channels, and for staff the
// waiting time to be taken up (the equal-service view). From the requests' plain facts, never from their answers.
import type { DbLike } from '../../platform/db/index.ts';
import { fiscalMonths } from '../../platform/thai/index.ts';
import { CHANNELS, type Channel } from './kinds.ts';
import { allDefs, stepMinutes, totalMinutes } from './store.ts';
import { median } from './timing.ts';

export const PERIODS = ['year', 'h1', 'h2', 'q1', 'q2', 'q3', 'q4'] as const;
export type Period = (typeof PERIODS)[number];
const SPAN: Record<Period, [number, number]> = { year: [0, 12], h1: [0, 6], h2: [6, 12], q1: [0, 3], q2: [3, 6], q3: [6, 9], q4: [9, 12] };
export const periodOf = (v: unknown): Period => (typeof v === 'string' && (PERIODS as readonly string[]).includes(v) ? (v as Period) : 'year');

export interface StepStat {
  position: number;
  name_th: string;
  name_en: string;
  declaredMinutes: number;
  medianMinutes: number | null;
  /** steps finished in the period (of requests not rejected) */
  n: number;
  late: number;
}

export interface Ratings {
  n: number;
  average: number | null;
  /** how many gave 1, 2, 3, 4, 5 */
  dist: [number, number, number, number, number];
}

export interface ServiceStat {
  serviceId: number;
  slug: string;
  name_th: string;
  name_en: string;
  /** per month of the period, in order */
  months: number[];
  total: number;
  completed: number;
  rejected: number;
  open: number;
  /** completed within the declared time */
  onTime: number;
  declaredMinutes: number;
  medianMinutes: number | null;
  /** time from arrival to being taken up (accepted), median, minutes */
  medianWaitMinutes: number | null;
  steps: StepStat[];
  ratings: Ratings;
  channels: Record<Channel, number>;
}

export interface YearStats {
  year: number;
  period: Period;
  months: string[];
  services: ServiceStat[];
  total: number;
  completed: number;
  onTime: number;
  channels: Record<Channel, number>;
  ratings: Ratings;
}

const bangkokMonth = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 7);
const MIN = 60_000;

function ratingsOf(values: number[]): Ratings {
  const dist: Ratings['dist'] = [0, 0, 0, 0, 0];
  for (const v of values) if (v >= 1 && v <= 5) dist[v - 1]!++;
  return { n: values.length, average: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, dist };
}

const zeroChannels = (): Record<Channel, number> => Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;

/** Percentage with one decimal, or null when there is nothing to divide. */
export const share = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 10 : null);

export async function yearStats(db: DbLike, agencyId: number, year: number, period: Period = 'year'): Promise<YearStats> {
  const all = fiscalMonths(year);
  const [from, to] = SPAN[period];
  const months = all.slice(from, to);
  const wanted = new Set(months);
  const requests = (
    await db.k
      .selectFrom('eservice_request')
      .select(['id', 'service_id', 'channel', 'status', 'received_at', 'accepted_at', 'closed_at', 'paused_ms', 'rating'])
      .where('agency_id', '=', agencyId)
      .where('fiscal_year', '=', year)
      .orderBy('id')
      .execute()
  ).filter((r) => wanted.has(bangkokMonth(r.received_at)));
  const ids = requests.map((r) => r.id);
  const steps = ids.length
    ? await db.k.selectFrom('eservice_request_step').select(['request_id', 'position', 'name_th', 'name_en', 'declared_minutes', 'started_at', 'finished_at', 'paused_ms']).where('request_id', 'in', ids).orderBy('request_id').orderBy('position').execute()
    : [];
  const stepsOf = new Map<number, typeof steps>();
  for (const s of steps) stepsOf.set(s.request_id, [...(stepsOf.get(s.request_id) ?? []), s]);
  const defs = await allDefs(db, agencyId, { publishedOnly: false });
  const used = new Set(requests.map((r) => r.service_id));

  const services: ServiceStat[] = defs
    .filter((d) => d.service.is_published || used.has(d.service.id))
    .map(({ service, steps: defSteps }) => {
      const mine = requests.filter((r) => r.service_id === service.id);
      const completed = mine.filter((r) => r.status === 'completed');
      const declaredOf = (id: number) => (stepsOf.get(id) ?? []).reduce((n, s) => n + s.declared_minutes, 0);
      const actualOf = (r: (typeof mine)[number]) => (Date.parse(r.closed_at!) - Date.parse(r.received_at) - Number(r.paused_ms)) / MIN;
      const onTime = completed.filter((r) => actualOf(r) <= declaredOf(r.id)).length;
      const channels = zeroChannels();
      for (const r of mine) if (r.channel in channels) channels[r.channel as Channel]++;
      // steps by position: the names and declared times of the definition today, the times actually taken
      const positions = Math.max(defSteps.length, ...mine.map((r) => (stepsOf.get(r.id) ?? []).length));
      const stepStats: StepStat[] = Array.from({ length: positions }, (_, i) => {
        const def = defSteps[i];
        const taken = mine.filter((r) => r.status !== 'rejected').flatMap((r) => (stepsOf.get(r.id) ?? []).filter((s) => s.position === i && s.started_at && s.finished_at));
        const actual = taken.map((s) => (Date.parse(s.finished_at!) - Date.parse(s.started_at!) - Number(s.paused_ms)) / MIN);
        const any = (stepsOf.get(mine.find((r) => (stepsOf.get(r.id) ?? []).length > i)?.id ?? -1) ?? [])[i];
        return {
          position: i, name_th: def?.name_th ?? any?.name_th ?? '', name_en: def?.name_en ?? any?.name_en ?? '',
          declaredMinutes: def ? stepMinutes(def) : (any?.declared_minutes ?? 0),
          medianMinutes: median(actual), n: actual.length, late: taken.filter((s, k) => actual[k]! > s.declared_minutes).length,
        };
      });
      const waits = mine.filter((r) => r.accepted_at).map((r) => (Date.parse(r.accepted_at!) - Date.parse(r.received_at)) / MIN);
      return {
        serviceId: service.id, slug: service.slug, name_th: service.name_th, name_en: service.name_en,
        months: months.map((m) => mine.filter((r) => bangkokMonth(r.received_at) === m).length),
        total: mine.length, completed: completed.length, rejected: mine.filter((r) => r.status === 'rejected').length,
        open: mine.filter((r) => r.status !== 'completed' && r.status !== 'rejected').length, onTime,
        declaredMinutes: totalMinutes(defSteps), medianMinutes: median(completed.map(actualOf)), medianWaitMinutes: median(waits),
        steps: stepStats, ratings: ratingsOf(mine.filter((r) => r.rating !== null).map((r) => r.rating!)), channels,
      };
    });
  const channels = zeroChannels();
  for (const s of services) for (const c of CHANNELS) channels[c] += s.channels[c];
  return {
    year, period, months, services,
    total: services.reduce((n, s) => n + s.total, 0), completed: services.reduce((n, s) => n + s.completed, 0), onTime: services.reduce((n, s) => n + s.onTime, 0),
    channels, ratings: ratingsOf(requests.filter((r) => r.rating !== null).map((r) => r.rating!)),
  };
}

/** The comments requesters left with their ratings, for staff (they may name someone). */
export async function ratingComments(db: DbLike, agencyId: number, year: number) {
  return db.k
    .selectFrom('eservice_request')
    .innerJoin('eservice_service', 'eservice_service.id', 'eservice_request.service_id')
    .select(['eservice_request.id', 'eservice_request.fiscal_year', 'eservice_request.seq', 'eservice_request.rating', 'eservice_request.rating_comment', 'eservice_request.rated_at', 'eservice_service.name_th', 'eservice_service.name_en'])
    .where('eservice_request.agency_id', '=', agencyId)
    .where('eservice_request.fiscal_year', '=', year)
    .where('eservice_request.rating_comment', '<>', '')
    .orderBy('eservice_request.rated_at', 'desc')
    .orderBy('eservice_request.id', 'desc')
    .limit(200)
    .execute();
}
