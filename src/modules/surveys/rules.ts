// Permissions and the rules of the surveys module: when a survey is open, what is missing from a year's settings,
// what an access code may be, and the bounds of a pre-assessment round.

/** the year's ITAS links, codes and window; opening and closing pre-assessment rounds */
export const MANAGE = 'surveys.manage';
/** every member of staff: sees the IIT link during the window and answers the pre-assessment */
export const ANSWER = 'surveys.answer';
/** the results of closed pre-assessment rounds (never who answered what: nobody can see that) */
export const RESULTS = 'surveys.results';

/** Results are shown from this many respondents; a round may ask for more, never fewer than MIN_GROUP_FLOOR. */
export const DEFAULT_MIN_GROUP = 5;
export const MIN_GROUP_FLOOR = 5;
export const MIN_GROUP_CEILING = 1000;
/**
 * A round takes answers from the day it opens to its closing day, fixed when it opens: at least ROUND_MIN_DAYS later
 * (so that nobody can close it just after one person answered and subtract the answers they know), at most
 * ROUND_MAX_DAYS.
 */
export const ROUND_MIN_DAYS = 7;
export const ROUND_MAX_DAYS = 90;

/** The fields of a round that say when it takes answers. */
export interface RoundDates {
  status: string;
  closes_on: string;
}

/** True while the round takes answers: open, and the day (Bangkok) is not after its closing day. */
export function takingAnswers(r: RoundDates, day: string): boolean {
  return r.status === 'open' && day <= r.closes_on;
}

/** True once the closing day has passed: no more answers; the round may be closed and its results shown. */
export function pastClosing(r: RoundDates, day: string): boolean {
  return day > r.closes_on;
}

/** `day` plus `n` days ('YYYY-MM-DD'). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
/** A topic below this score (0–100) is likely to score low: the pass mark of each tool for ผ่านดี (FRAMEWORK §2). */
export const DEFAULT_THRESHOLD = 85;

/** What ITAS gives an agency as a code: letters, digits and dashes, up to 40. */
export const CODE_RE = /^[A-Za-z0-9-]{1,40}$/;

export interface Window {
  window_start: string | null;
  window_end: string | null;
}

export interface SettingsLike extends Window {
  iit_url: string;
  iit_code: string;
  eit_url: string;
  eit_code: string;
}

/** True when the day (Bangkok, 'YYYY-MM-DD') is within the survey window, both ends included. */
export function inWindow(s: Window | undefined, day: string): boolean {
  return !!s?.window_start && !!s.window_end && s.window_start <= day && day <= s.window_end;
}

export type Part = 'iit' | 'eit';

/** A survey shown today: its link (and code, if any), or null when outside the window or without a link. */
export function activeLink(s: SettingsLike | undefined, part: Part, day: string): { url: string; code: string; end: string } | null {
  if (!s || !inWindow(s, day)) return null;
  const url = part === 'iit' ? s.iit_url : s.eit_url;
  if (!url) return null;
  return { url, code: part === 'iit' ? s.iit_code : s.eit_code, end: s.window_end! };
}

export type Missing = 'iit_url' | 'eit_url' | 'window';

/** What a year's settings still lack before the surveys can be shown (the codes are optional: ITAS may give none). */
export function missingOf(s: SettingsLike | undefined): Missing[] {
  const out: Missing[] = [];
  if (!s?.iit_url) out.push('iit_url');
  if (!s?.eit_url) out.push('eit_url');
  if (!s?.window_start || !s.window_end) out.push('window');
  return out;
}
