// Buddhist-era dates and the Thai fiscal year. Times are stored in UTC and shown in Asia/Bangkok.
export const TZ = 'Asia/Bangkok';
const BKK_OFFSET_MS = 7 * 3600_000; // Thailand has no daylight saving time
export const BE_OFFSET = 543;

export type DateStyle = 'full' | 'long' | 'medium' | 'short';
export interface DateFormatOptions {
  lang?: 'th' | 'en';
  style?: DateStyle;
  thaiDigits?: boolean;
  withTime?: boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(opts: DateFormatOptions): Intl.DateTimeFormat {
  const key = `${opts.lang}|${opts.style}|${opts.thaiDigits}|${opts.withTime}`;
  let f = formatters.get(key);
  if (!f) {
    // English too counts years in the Buddhist era: one calendar on every page
    const locale = opts.lang === 'en' ? 'en-GB-u-ca-buddhist' : `th-TH-u-ca-buddhist${opts.thaiDigits ? '-nu-thai' : ''}`;
    f = new Intl.DateTimeFormat(locale, {
      dateStyle: opts.style ?? 'long',
      ...(opts.withTime ? { timeStyle: 'short' } : {}),
      timeZone: TZ,
    });
    formatters.set(key, f);
  }
  return f;
}

/** Accepts a Date, an ISO instant, or a plain 'YYYY-MM-DD' day (taken as that day in Bangkok). */
export function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00+07:00`);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${value}`);
  return d;
}

export function formatDate(value: Date | string, opts: DateFormatOptions = {}): string {
  const f = formatter({ lang: opts.lang ?? 'th', style: opts.style ?? 'long', thaiDigits: !!opts.thaiDigits, withTime: !!opts.withTime });
  return opts.lang === 'en' ? englishBE(f, toDate(value)) : f.format(toDate(value));
}

/** '26 November 2569 BE' → '26 November B.E. 2569', the way the rest of the English pages name B.E. years. */
function englishBE(f: Intl.DateTimeFormat, d: Date): string {
  const parts = f.formatToParts(d);
  const numeric = parts.some((p) => p.type === 'literal' && p.value === '/');
  return parts
    .filter((p, i) => p.type !== 'era' && !(p.type === 'literal' && parts[i + 1]?.type === 'era'))
    .map((p) => (p.type === 'year' && !numeric ? `B.E. ${p.value}` : p.value))
    .join('');
}

/** Calendar parts of an instant as seen in Bangkok (Gregorian year). */
export function bangkokParts(value: Date | string): { year: number; month: number; day: number } {
  const d = new Date(toDate(value).getTime() + BKK_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 'YYYY-MM-DD' of the day in Bangkok. */
export function bangkokDay(value: Date | string = new Date()): string {
  const p = bangkokParts(value);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Fiscal year (B.E.) of an instant: 1 October – 30 September, named by the B.E. year it ends. */
export function fiscalYear(value: Date | string = new Date()): number {
  const p = bangkokParts(value);
  return (p.month >= 10 ? p.year + 1 : p.year) + BE_OFFSET;
}

export interface FiscalYearRange {
  fiscalYear: number;
  /** first day, 'YYYY-MM-DD' */
  firstDay: string;
  /** last day, 'YYYY-MM-DD' */
  lastDay: string;
  /** first instant (UTC ISO), inclusive */
  start: string;
  /** first instant of the next fiscal year (UTC ISO), exclusive */
  end: string;
}

export function fiscalYearRange(fyBE: number): FiscalYearRange {
  if (!Number.isInteger(fyBE) || fyBE < 2400 || fyBE > 2800) throw new RangeError(`not a B.E. fiscal year: ${fyBE}`);
  const endCE = fyBE - BE_OFFSET;
  return {
    fiscalYear: fyBE,
    firstDay: `${endCE - 1}-10-01`,
    lastDay: `${endCE}-09-30`,
    start: new Date(`${endCE - 1}-10-01T00:00:00+07:00`).toISOString(),
    end: new Date(`${endCE}-10-01T00:00:00+07:00`).toISOString(),
  };
}

export function toBuddhistYear(ceYear: number): number {
  return ceYear + BE_OFFSET;
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
export function toThaiDigits(s: string | number): string {
  return String(s).replace(/[0-9]/g, (d) => THAI_DIGITS[Number(d)]!);
}
export function fromThaiDigits(s: string): string {
  return s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

/** 'YYYY-MM' → 'ตุลาคม 2569' (or 'October B.E. 2569'). */
export function formatMonth(period: string, lang: 'th' | 'en' = 'th'): string {
  const f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB-u-ca-buddhist' : 'th-TH-u-ca-buddhist', { year: 'numeric', month: 'long', timeZone: TZ });
  return lang === 'en' ? englishBE(f, toDate(`${period}-15`)) : f.format(toDate(`${period}-15`));
}

/** The months ('YYYY-MM') of a fiscal year, October first. */
export function fiscalMonths(fyBE: number): string[] {
  const endCE = fyBE - BE_OFFSET;
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((9 + i) % 12) + 1;
    const y = m >= 10 ? endCE - 1 : endCE;
    return `${y}-${String(m).padStart(2, '0')}`;
  });
}
