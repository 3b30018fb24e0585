// Dates as Thai people type them: day, month (number or name), year in the Buddhist era by default. A year of 2400
// or more is B.E.; a C.E. year (1900–2200) is recognised; two digits are a B.E. year of this century (69 → 2569).
// Thai digits are accepted. The result is the C.E. day 'YYYY-MM-DD' that the database keeps.
import { fromThaiDigits } from './dates.ts';

export type DateProblem = 'date.err.required' | 'date.err.day' | 'date.err.month' | 'date.err.year' | 'date.err.noSuchDay' | 'date.err.incomplete';

export type DateResult = { ok: true; iso: string } | { ok: false; error: DateProblem; part: 'day' | 'month' | 'year'; vars?: Record<string, string | number> };

const TH_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const TH_ABBR = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Years an agency's records can have: B.E. 2450–2700 (C.E. 1907–2157). */
const MIN_BE = 2450;
const MAX_BE = 2700;

const clean = (s: string) => fromThaiDigits(s.normalize('NFC')).trim();

/** 1–12 from a number or a month name (Thai full or abbreviated, with or without dots; English full or three letters). */
export function parseMonth(raw: string): number | null {
  const s = clean(raw).toLowerCase().replace(/\s+/g, '');
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 12 ? n : null;
  }
  if (!s) return null;
  const noDots = (x: string) => x.replace(/\./g, '');
  for (let i = 0; i < 12; i++) {
    if (s === TH_MONTHS[i] || noDots(s) === noDots(TH_ABBR[i]!) || s === EN_MONTHS[i] || (s.length >= 3 && EN_MONTHS[i]!.startsWith(s))) return i + 1;
  }
  return null;
}

/** The B.E. year typed, or null when it is not a plausible year in either calendar. */
export function parseYearBE(raw: string): number | null {
  const s = clean(raw).replace(/^(พ\.?ศ\.?|b\.?e\.?)\s*/i, '');
  if (/^\d{2}$/.test(s)) return 2500 + Number(s);
  if (!/^\d{4}$/.test(s)) return null;
  const n = Number(s);
  if (n >= MIN_BE && n <= MAX_BE) return n;
  if (n >= MIN_BE - 543 && n <= MAX_BE - 543) return n + 543;
  return null;
}

function daysIn(month: number, yearCE: number): number {
  return new Date(Date.UTC(yearCE, month, 0)).getUTCDate();
}

/** The three parts of a date input. Empty parts all together mean "no date" (the caller decides if that is allowed). */
export function parseThaiDate(day: string, month: string, year: string): DateResult | null {
  const [d, m, y] = [clean(day), clean(month), clean(year)];
  if (!d && !m && !y) return null;
  if (!d) return { ok: false, error: 'date.err.incomplete', part: 'day' };
  if (!m) return { ok: false, error: 'date.err.incomplete', part: 'month' };
  if (!y) return { ok: false, error: 'date.err.incomplete', part: 'year' };
  if (!/^\d{1,2}$/.test(d) || Number(d) < 1 || Number(d) > 31) return { ok: false, error: 'date.err.day', part: 'day' };
  const month0 = parseMonth(m);
  if (month0 === null) return { ok: false, error: 'date.err.month', part: 'month' };
  const be = parseYearBE(y);
  if (be === null) return { ok: false, error: 'date.err.year', part: 'year', vars: { min: MIN_BE, max: MAX_BE } };
  const ce = be - 543;
  if (Number(d) > daysIn(month0, ce)) return { ok: false, error: 'date.err.noSuchDay', part: 'day', vars: { day: Number(d), month: TH_MONTHS[month0 - 1]!, monthEn: EN_MONTHS[month0 - 1]!.replace(/^./, (c) => c.toUpperCase()), year: be } };
  return { ok: true, iso: `${ce}-${String(month0).padStart(2, '0')}-${String(Number(d)).padStart(2, '0')}` };
}

/** A date typed in one box the Thai way: '1/12/2569', '01-12-69', '1 ธ.ค. 2569', '1 ธันวาคม พ.ศ. 2569'. */
export function parseThaiDateText(text: string): DateResult | null {
  const s = clean(text);
  if (!s) return null;
  let parts = /[/-]/.test(s) ? s.split(/\s*[/-]\s*/) : s.split(/\s+/).filter((x) => !/^(พ\.?ศ\.?|b\.?e\.?)$/i.test(x));
  if (parts.length === 1 && /^\d{1,2}\.\d{1,2}\.\d{2,4}$/.test(s)) parts = s.split('.');
  if (parts.length !== 3) return { ok: false, error: 'date.err.incomplete', part: 'day' };
  return parseThaiDate(parts[0]!, parts[1]!, parts[2]!);
}

/** The parts a date input shows for a stored day: day, month number, B.E. year. */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: String(Number(m[1]) + 543) } : { day: '', month: '', year: '' };
}
