// Form parsing with zod: every failure becomes a catalogue message on its field, in the visitor's language.
import { z } from 'zod';
import { hasInvalidText, normalizeBlock, normalizeLine, normalizeThai } from '../thai/index.ts';
import type { Lang, MessageKey, T } from '../i18n/index.ts';
import { translate } from '../i18n/index.ts';
import { ValidationError } from './errors.ts';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[] | undefined>;
export type FormResult<O> = { ok: true; data: O } | { ok: false; errors: FieldErrors; values: FormValues };

const KEY = /^(err|[a-z]+)\.[\w.]+$/;

function issueMessage(lang: Lang, iss: z.core.$ZodIssue): string {
  if (iss.message && KEY.test(iss.message)) return translate(lang, iss.message as MessageKey);
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

export function parseForm<S extends z.ZodType>(lang: Lang, schema: S, body: unknown): FormResult<z.output<S>> {
  const r = schema.safeParse(body ?? {});
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

/** A day typed as YYYY-MM-DD (the value of <input type=date>), or null when optional and empty. */
export function day(opts: { optional: true }): z.ZodType<string | null, unknown>;
export function day(opts?: { optional?: false }): z.ZodType<string, unknown>;
export function day(opts: { optional?: boolean } = {}): z.ZodType<string | null, unknown> {
  const d = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'err.date').refine((s) => {
    const dt = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(dt.getTime()) && dt.toISOString().startsWith(s);
  }, 'err.date');
  return single.transform((s) => s.trim()).pipe(opts.optional ? z.union([z.literal('').transform(() => null), d]) : z.string().min(1, 'err.required').pipe(d));
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
