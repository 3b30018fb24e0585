// Form parsing with zod: every failure becomes a catalogue message on its field, in the visitor's language.
import { z } from 'zod';
import { fromThaiDigits, hasInvalidText, normalizeBlock, normalizeLine, normalizeThai, parseThaiDate, parseThaiDateText, type DateResult } from '../thai/index.ts';
import type { Lang, MessageKey, T } from '../i18n/index.ts';
import { translate } from '../i18n/index.ts';
import { ValidationError } from './errors.ts';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[] | undefined>;
export type FormResult<O> = { ok: true; data: O } | { ok: false; errors: FieldErrors; values: FormValues };

const KEY = /^(err|[a-z]+)\.[\w.]+$/;

function issueMessage(lang: Lang, iss: z.core.$ZodIssue): string {
  // a custom issue may carry the message's variables in its params
  if (iss.message && KEY.test(iss.message)) return translate(lang, iss.message as MessageKey, (iss as { params?: Record<string, string | number> }).params);
  switch (iss.code) {
    case 'invalid_type':
      return translate(lang, iss.expected === 'number' ? 'err.number' : 'err.required');
    case 'too_small':
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? translate(lang, 'err.required') : translate(lang, 'err.tooShort', { min: Number(iss.minimum) });
      if (iss.origin === 'array' || iss.origin === 'set') return translate(lang, 'err.required');
      return translate(lang, 'err.tooSmall', { min: Number(iss.minimum) });
    case 'too_big':
      if (iss.origin === 'string') return translate(lang, 'err.tooLong', { max: Number(iss.maximum) });
      return translate(lang, 'err.tooBig', { max: Number(iss.maximum) });
    case 'invalid_format':
      if (iss.format === 'email') return translate(lang, 'err.email');
      if (iss.format === 'url') return translate(lang, 'err.url');
      return translate(lang, 'err.invalid');
    case 'invalid_value':
      return translate(lang, 'err.choice');
    default:
      return translate(lang, 'err.invalid');
  }
}

/** Flat form values (strings) for re-showing a form, without password fields. */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (/password|_csrf/i.test(k)) continue;
      if (typeof v === 'string') out[k] = v;
      else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    }
  }
  return out;
}

/**
 * A date input sends three fields (name-day, name-month, name-year; with name-time for a date and time, or only
 * name-month and name-year for a month): they are read as one value of the field `name`, in the Thai order.
 */
export function withDateParts(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const b = { ...(body as Record<string, unknown>) };
  const part = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
  for (const key of Object.keys(b)) {
    const m = /^(.+)-year$/.exec(key);
    if (!m) continue;
    const base = m[1]!;
    const [d, mo, y, time] = [part(`${base}-day`), part(`${base}-month`), part(`${base}-year`), part(`${base}-time`)];
    const hasDay = `${base}-day` in b;
    if (!hasDay) b[base] = mo || y ? `${mo}/${y}` : '';
    else b[base] = d || mo || y ? `${d}/${mo}/${y}${time ? ` ${time}` : ''}` : time ? ` ${time}` : '';
  }
  return b;
}

export function parseForm<S extends z.ZodType>(lang: Lang, schema: S, body: unknown): FormResult<z.output<S>> {
  const r = schema.safeParse(withDateParts(body ?? {}));
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const iss of r.error.issues) {
    const field = String(iss.path[0] ?? '_form');
    if (!errors[field]) errors[field] = issueMessage(lang, iss);
  }
  return { ok: false, errors, values: formValues(body) };
}

/** Turns a ValidationError from a service into field messages. */
export function validationMessages(t: T, err: ValidationError): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, m] of Object.entries(err.errors)) out[field] = typeof m === 'string' ? t(m) : t(m.key, m.vars);
  return out;
}

// ---- field types ----

/** A single string from a form (a repeated field or a file in its place is refused). */
const single = z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'err.invalid' }));

function checkText(s: string, ctx: z.RefinementCtx) {
  if (hasInvalidText(s)) ctx.addIssue({ code: 'custom', message: 'err.invalidText' });
}

/** One line of text: normalised (Thai marks, spaces), required unless min is 0. */
export function text(opts: { min?: number; max?: number } = {}) {
  const min = opts.min ?? 1;
  return single.superRefine(checkText).transform(normalizeLine).pipe(z.string().min(min).max(opts.max ?? 200));
}

/** Multi-line text; `keepSpaces` keeps indentation (Markdown, code) and only fixes Thai marks and line ends. */
export function block(opts: { min?: number; max?: number; keepSpaces?: boolean } = {}) {
  const clean = opts.keepSpaces ? (s: string) => normalizeThai(s).replace(/\r\n?/g, '\n').trim() : normalizeBlock;
  return single.superRefine(checkText).transform(clean).pipe(z.string().min(opts.min ?? 0).max(opts.max ?? 10000));
}

/** An email address, or '' when optional. */
export function email(opts: { optional?: boolean } = {}) {
  const e = z.email({ error: 'err.email' }).max(200);
  return single.transform((s) => s.trim().toLowerCase()).pipe(opts.optional ? z.union([z.literal(''), e], { error: 'err.email' }) : e);
}

/** An http(s) URL, or '' when optional. */
export function url(opts: { optional?: boolean } = {}) {
  const u = z.url({ protocol: /^https?$/, error: 'err.url' }).max(1000);
  return single.transform((s) => s.trim()).pipe(opts.optional ? z.union([z.literal(''), u], { error: 'err.url' }) : u);
}

/** A whole number typed into a text box (Thai digits and thousands separators accepted); null when optional and empty. */
export function int(opts: { min?: number; max?: number; optional: true }): z.ZodType<number | null, unknown>;
export function int(opts?: { min?: number; max?: number; optional?: false }): z.ZodType<number, unknown>;
export function int(opts: { min?: number; max?: number; optional?: boolean } = {}): z.ZodType<number | null, unknown> {
  const min = opts.min ?? 0;
  const max = opts.max ?? 1_000_000_000;
  return single.transform((raw, ctx) => {
    const v = raw.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)).replace(/,/g, '');
    if (v === '') {
      if (opts.optional) return null;
      ctx.addIssue({ code: 'custom', message: 'err.required' });
      return z.NEVER;
    }
    if (!/^-?\d+$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: /^-?\d*\.\d+$/.test(v) ? 'err.integer' : 'err.number' });
      return z.NEVER;
    }
    const n = Number(v);
    if (n < min) ctx.addIssue({ code: 'too_small', origin: 'number', minimum: min, inclusive: true, input: n });
    else if (n > max) ctx.addIssue({ code: 'too_big', origin: 'number', maximum: max, inclusive: true, input: n });
    return n;
  });
}

/** One of a fixed set of values. */
export function choice<const V extends readonly [string, ...string[]]>(values: V) {
  return single.pipe(z.enum(values, { error: 'err.choice' }));
}

/** Several of a fixed set (checkboxes); absent means none. */
export function choices<const V extends readonly [string, ...string[]]>(values: V) {
  return z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { error: 'err.choice' })));
}

/** A checkbox: present means true. */
export function checkbox() {
  return z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());
}

function dateIssue(ctx: z.RefinementCtx, r: Exclude<DateResult, { ok: true }>) {
  ctx.addIssue({ code: 'custom', message: r.error, params: r.vars });
}

/**
 * A day from a date input (day, month, year in B.E. by default; see platform/thai/dateinput.ts) or typed as
 * '1/12/2569' or as the ISO day '2026-12-01' (API clients); the C.E. day 'YYYY-MM-DD', or null when optional and empty.
 */
export function day(opts: { optional: true }): z.ZodType<string | null, unknown>;
export function day(opts?: { optional?: false }): z.ZodType<string, unknown>;
export function day(opts: { optional?: boolean } = {}): z.ZodType<string | null, unknown> {
  return single.transform((raw, ctx) => {
    const s = raw.trim();
    if (!s) {
      if (opts.optional) return null;
      ctx.addIssue({ code: 'custom', message: 'date.err.required' });
      return z.NEVER;
    }
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    const r = iso ? parseThaiDate(iso[3]!, iso[2]!, String(Number(iso[1]) + 543)) : parseThaiDateText(s);
    if (!r || !r.ok) {
      dateIssue(ctx, r ?? { ok: false, error: 'date.err.incomplete', part: 'day' });
      return z.NEVER;
    }
    return r.iso;
  });
}

/** A month from a month input (month, B.E. year) or as 'YYYY-MM' (C.E.): 'YYYY-MM', or null when optional and empty. */
export function month(opts: { optional?: boolean } = {}): z.ZodType<string | null, unknown> {
  return single.transform((raw, ctx) => {
    const s = raw.trim();
    if (!s || s === '/') {
      if (opts.optional) return null;
      ctx.addIssue({ code: 'custom', message: 'date.err.required' });
      return z.NEVER;
    }
    const iso = /^(\d{4})-(\d{2})$/.exec(s);
    const [m, y] = iso ? [iso[2]!, String(Number(iso[1]) + 543)] : s.split('/');
    const r = parseThaiDate('1', m ?? '', y ?? '');
    if (!r || !r.ok) {
      dateIssue(ctx, r && !r.ok ? r : { ok: false, error: 'date.err.incomplete', part: 'month' });
      return z.NEVER;
    }
    return r.iso.slice(0, 7);
  });
}

/** A date and a time (Bangkok) from a date input with a time box, or 'YYYY-MM-DDTHH:MM': the UTC instant, or null when empty. */
export function dateTime(opts: { optional?: boolean } = {}): z.ZodType<string | null, unknown> {
  return single.transform((raw, ctx) => {
    const s = raw.trim();
    if (!s) {
      if (opts.optional) return null;
      ctx.addIssue({ code: 'custom', message: 'date.err.required' });
      return z.NEVER;
    }
    const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(s);
    const m = iso ? null : /^(.*?)\s+(\S+)$/.exec(s);
    const dayPart = iso ? iso[1]! : m ? m[1]! : s;
    const timePart = iso ? iso[2]! : m ? m[2]! : '';
    const d = /^\d{4}-\d{2}-\d{2}$/.test(dayPart) ? parseThaiDate(dayPart.slice(8), dayPart.slice(5, 7), String(Number(dayPart.slice(0, 4)) + 543)) : parseThaiDateText(dayPart);
    if (!d || !d.ok) {
      dateIssue(ctx, d && !d.ok ? d : { ok: false, error: 'date.err.incomplete', part: 'day' });
      return z.NEVER;
    }
    const t = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(fromThaiDigits(timePart));
    if (!t) {
      ctx.addIssue({ code: 'custom', message: 'date.err.time' });
      return z.NEVER;
    }
    return new Date(`${d.iso}T${t[1]!.padStart(2, '0')}:${t[2]}:00+07:00`).toISOString();
  });
}

/** A password: kept as typed (no normalisation beyond NFC). */
export function password(opts: { min?: number } = {}) {
  return single.superRefine(checkText).transform((s) => s.normalize('NFC')).pipe(z.string().min(opts.min ?? 1).max(200));
}

export { z };

/** Baht typed as 1,250.50 (Thai digits accepted) → integer satang; null when optional and empty. */
export function money(opts: { optional?: boolean; max?: number } = {}): z.ZodType<number | null, unknown> {
  return single.transform((raw, ctx) => {
    const v = raw.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
    if (v === '') {
      if (opts.optional) return null;
      ctx.addIssue({ code: 'custom', message: 'err.required' });
      return z.NEVER;
    }
    if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'err.money' });
      return z.NEVER;
    }
    const [whole, frac = ''] = v.replace(/,/g, '').split('.');
    const satang = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
    if (!Number.isSafeInteger(satang) || satang > (opts.max ?? 1e15)) {
      ctx.addIssue({ code: 'custom', message: 'err.money' });
      return z.NEVER;
    }
    return satang;
  });
}
