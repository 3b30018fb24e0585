// Declared against actual time: each step of a request is timed from its start to its end, less the time it waited
// for the requester's answer; a step is late when that is longer than the manual declares.
import type { Lang } from '../../platform/i18n/index.ts';
import { formatNumber, translate } from '../../platform/i18n/index.ts';
import { UNIT_MINUTES, type Unit } from './kinds.ts';
import type { Request, RequestStep } from './store.ts';

export type StepState = 'done' | 'current' | 'waiting' | 'not_started';

export interface StepTiming {
  position: number;
  name_th: string;
  name_en: string;
  declaredMinutes: number;
  /** the time it took (done) or has taken so far (current), in minutes; null before it starts */
  actualMinutes: number | null;
  state: StepState;
  late: boolean;
  startedAt: string | null;
  finishedAt: string | null;
}

const MIN = 60_000;

export function stepTimings(r: Pick<Request, 'status' | 'current_step' | 'info_requested_at'>, steps: RequestStep[], now = new Date()): StepTiming[] {
  return steps.map((s) => {
    let actual: number | null = null;
    let state: StepState = 'not_started';
    if (s.started_at) {
      const end = s.finished_at ? Date.parse(s.finished_at) : r.status === 'info_requested' && r.info_requested_at ? Date.parse(r.info_requested_at) : now.getTime();
      actual = Math.max(0, (end - Date.parse(s.started_at) - Number(s.paused_ms)) / MIN);
      state = s.finished_at ? 'done' : r.status === 'info_requested' ? 'waiting' : 'current';
    }
    return {
      position: s.position, name_th: s.name_th, name_en: s.name_en, declaredMinutes: s.declared_minutes, actualMinutes: actual, state,
      late: actual !== null && actual > s.declared_minutes, startedAt: s.started_at, finishedAt: s.finished_at,
    };
  });
}

/** The time a closed request took from arrival to its end, less the time it waited for the requester, in minutes. */
export function totalActualMinutes(r: Pick<Request, 'received_at' | 'closed_at' | 'paused_ms'>): number | null {
  if (!r.closed_at) return null;
  return Math.max(0, (Date.parse(r.closed_at) - Date.parse(r.received_at) - Number(r.paused_ms)) / MIN);
}

/** A time in words: '3 วัน 4 ชั่วโมง', '45 นาที', '2 days 1 hour'; rounded to the minute, two units at most. */
export function formatMinutes(lang: Lang, minutes: number): string {
  const m = Math.round(minutes);
  if (m <= 0) return translate(lang, 'eservice.time.lessThanMinute');
  const parts: Array<[Unit, number]> = [];
  let left = m;
  for (const u of ['day', 'hour', 'minute'] as const) {
    const n = Math.floor(left / UNIT_MINUTES[u]);
    if (n > 0) parts.push([u, n]);
    left -= n * UNIT_MINUTES[u];
  }
  return parts.slice(0, 2).map(([u, n]) => translate(lang, n === 1 ? `eservice.unit.${u}.one` : `eservice.unit.${u}.many`, { n: formatNumber(lang, n) })).join(' ');
}

/** A declared duration as the manual writes it: '3 วัน', '30 นาที'. */
export function formatDuration(lang: Lang, duration: number, unit: Unit): string {
  return translate(lang, duration === 1 ? `eservice.unit.${unit}.one` : `eservice.unit.${unit}.many`, { n: formatNumber(lang, duration) });
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A step's name in the page's language (Thai when it has no English name). */
export const stepLabel = (s: { name_th: string; name_en: string } | undefined, lang: Lang): string | undefined => (s ? (lang === 'en' && s.name_en) || s.name_th : undefined);
