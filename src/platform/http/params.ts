// Query and path parameters with their bounds in one place: a bad value is a 404 (path) or is ignored (query), never a 500.
import type { FastifyRequest } from 'fastify';
import { NotFoundError } from './errors.ts';
import { parseThaiDate, type DateResult } from '../thai/index.ts';

/** Pages past this are not worth an OFFSET scan; lists show their last page instead. */
export const MAX_PAGE = 10_000;
/** Buddhist-era years the system knows (fiscal years, assessment years). */
export const MIN_YEAR_BE = 2400;
export const MAX_YEAR_BE = 2800;

const DIGITS = /^\d{1,10}$/;

/** A page number from the query: 1 when absent or not a plain whole number, at most MAX_PAGE. */
export function pageParam(v: unknown): number {
  if (typeof v !== 'string' || !DIGITS.test(v)) return 1;
  return Math.min(MAX_PAGE, Math.max(1, Number(v)));
}

/** A B.E. year from the query, or null when absent or out of range. */
export function yearQuery(v: unknown, min = MIN_YEAR_BE, max = MAX_YEAR_BE): number | null {
  if (typeof v !== 'string' || !/^\d{4}$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

/** A B.E. year from the path; anything else is a 404. */
export function yearParam(req: FastifyRequest, name = 'year', min = MIN_YEAR_BE, max = MAX_YEAR_BE): number {
  const y = yearQuery((req.params as Record<string, unknown>)[name], min, max);
  if (y === null) throw new NotFoundError();
  return y;
}

/** A database id from the path; anything else is a 404. */
export function idParam(req: FastifyRequest, name = 'id'): number {
  const v = (req.params as Record<string, unknown>)[name];
  const id = typeof v === 'string' && DIGITS.test(v) ? Number(v) : NaN;
  if (!(id >= 1 && id <= 2 ** 31 - 1)) throw new NotFoundError();
  return id;
}

/** A day 'YYYY-MM-DD' (C.E.) from the query that exists in the calendar and lies in a sane range, or ''. */
export function dayQuery(v: unknown): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return '';
  const y = Number(v.slice(0, 4));
  if (y < 1900 || y > 2300) return '';
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) ? v : '';
}

/**
 * A day filter from a date input in a GET form (name-day, name-month, name-year, B.E.) or as ISO `name`: the C.E. day
 * or '', and the problem to show when what was typed is not a date.
 */
export function dateQuery(q: Record<string, unknown>, name: string): { iso: string; problem: Exclude<DateResult, { ok: true }> | null } {
  const part = (k: string) => textQuery(q[`${name}-${k}`], 20);
  if ([`${name}-day`, `${name}-month`, `${name}-year`].some((k) => k in q)) {
    const r = parseThaiDate(part('day'), part('month'), part('year'));
    return r === null ? { iso: '', problem: null } : r.ok ? { iso: r.iso, problem: null } : { iso: '', problem: r };
  }
  return { iso: dayQuery(q[name]), problem: null };
}

/** A short text from the query: '' when absent or repeated, trimmed and cut to max. */
export function textQuery(v: unknown, max = 200): string {
  return typeof v === 'string' ? v.slice(0, max).trim() : '';
}
