// What the module's forms accept. A request form is built from the service's own field definitions (forms as data);
// every kind has its check on the server, and a message on its field.
import { block, checkbox, choice, day, email, int, text, z, type FormValues } from '../../platform/http/forms.ts';
import { nationalIdDigits, validNationalId } from '../../platform/thai/index.ts';
import { STAFF_CHANNELS, UNITS } from './kinds.ts';
import type { Field, ServiceDef, Step } from './store.ts';

/** The form name of a service's field ('f_' + its key): never collides with the requester's own fields. */
export const fieldName = (key: string) => `f_${key}`;

/** A Thai phone number as typed ('08 1234 5678', '+66 81 234 5678', '043-000-000') → its digits from 0, or ''. */
export function phoneDigits(typed: string): string {
  const d = typed.replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50)).replace(/[\s().-]/g, '');
  return d.startsWith('+66') ? `0${d.slice(3)}` : d;
}
export const validPhone = (digits: string) => /^0\d{8,9}$/.test(digits);

const phone = (required: boolean) =>
  text({ min: 0, max: 40 }).transform((s, ctx) => {
    if (!s) {
      if (required) ctx.addIssue({ code: 'custom', message: 'err.required' });
      return '';
    }
    const d = phoneDigits(s);
    if (!validPhone(d)) ctx.addIssue({ code: 'custom', message: 'eservice.err.phone' });
    return d;
  });

const nationalId = (required: boolean) =>
  text({ min: 0, max: 30 }).transform((s, ctx) => {
    const d = nationalIdDigits(s);
    if (!d) {
      if (required) ctx.addIssue({ code: 'custom', message: 'err.required' });
      return '';
    }
    if (!validNationalId(d)) ctx.addIssue({ code: 'custom', message: 'eservice.err.nationalId' });
    return d;
  });

/** The check of one field of a request form; file fields are checked by the service (by their content). */
export function fieldSchema(f: Field): z.ZodType<unknown, unknown> | null {
  const req = f.is_required;
  switch (f.kind) {
    case 'text':
      return text({ min: req ? 1 : 0, max: 300 });
    case 'block':
      return block({ min: req ? 1 : 0, max: 4000 });
    case 'address':
      return block({ min: req ? 1 : 0, max: 500 });
    case 'number':
      return req ? int({ min: 0, max: 1_000_000 }) : int({ min: 0, max: 1_000_000, optional: true });
    case 'date':
      return req ? day() : day({ optional: true });
    case 'choice': {
      const keys = f.options.map((o) => o.key);
      return text({ min: req ? 1 : 0, max: 60 }).refine((v) => v === '' || keys.includes(v), 'err.choice');
    }
    case 'national_id':
      return nationalId(req);
    case 'phone':
      return phone(req);
    case 'email':
      return req ? email() : email({ optional: true });
    case 'file':
      return null;
  }
}

const requester = {
  name: text({ min: 1, max: 200 }),
  email: email({ optional: true }),
  phone: phone(false),
};

/** The request form of a service: the requester (name; email and phone to be reached), its fields, and consent online. */
export function requestSchema(def: ServiceDef, who: 'online' | 'staff') {
  const shape: Record<string, z.ZodType<unknown, unknown>> = { ...requester };
  for (const f of def.fields) {
    const s = fieldSchema(f);
    if (s) shape[fieldName(f.field_key)] = s;
  }
  if (who === 'online') shape.consent = checkbox().refine((v) => v, 'eservice.err.consent');
  else shape.channel = choice(STAFF_CHANNELS);
  return z.object(shape);
}

export type RequestForm = Record<string, unknown> & { name: string; email: string; phone: string; channel?: (typeof STAFF_CHANNELS)[number] };

/** The typed answers by field key, as text ('' when left empty; numbers as digits, dates as 'YYYY-MM-DD'). */
export function answersFrom(def: ServiceDef, data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of def.fields) {
    if (f.kind === 'file') continue;
    const v = data[fieldName(f.field_key)];
    out[f.field_key] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}

// ---- staff actions on a request: each names the step it was taken on, so two officers never move it twice ----
const step = int({ min: 0, max: 1000 });
export const actionSchema = z.object({ step });
export const completeSchema = z.object({ step, note: block({ max: 2000 }) });
export const infoSchema = z.object({ step, question: block({ min: 5, max: 2000 }) });
export const rejectSchema = z.object({ step, reason: block({ min: 5, max: 2000 }) });

// ---- the requester, with the tracking code ----
export const trackSchema = z.object({ code: text({ max: 40 }) });
export const answerSchema = z.object({ code: text({ max: 40 }), answer: block({ min: 1, max: 4000 }) });
export const rateSchema = z.object({ code: text({ max: 40 }), rating: choice(['1', '2', '3', '4', '5']), comment: block({ max: 1000 }) });

// ---- the catalogue editor: the service's texts, then repeated rows for its steps and its form ----
/** Rows shown for steps and fields: the ones there are and a few empty ones to add more. */
export const MAX_ROWS = 30;
export const EMPTY_ROWS = 3;

export const serviceSchema = z.object({
  slug: text({ min: 1, max: 80 }),
  position: int({ min: 0, max: 10_000, optional: true }),
  is_published: checkbox(),
  name_th: text({ min: 1, max: 200 }),
  name_en: text({ min: 0, max: 200 }),
  summary_th: block({ max: 1000 }),
  summary_en: block({ max: 1000 }),
  group_th: text({ min: 0, max: 100 }),
  group_en: text({ min: 0, max: 100 }),
  keywords: text({ min: 0, max: 300 }),
  legal_basis: block({ max: 4000 }),
  division_id: int({ min: 1, optional: true }),
  channels: block({ min: 1, max: 2000 }),
  conditions: block({ max: 4000 }),
  documents: block({ max: 4000 }),
  fees: block({ max: 1000 }),
  complaint_channel: block({ max: 1000 }),
  sample_forms: block({ max: 2000 }),
  is_location_public: checkbox(),
});
export type ServiceInput = z.output<typeof serviceSchema>;

/** Rows of steps and fields exactly as typed; the service checks them and names the box at fault. */
export interface StepRow {
  name: string;
  name_en: string;
  detail: string;
  duration: string;
  unit: string;
  division: string;
}
export interface FieldRow {
  key: string;
  label: string;
  label_en: string;
  hint: string;
  kind: string;
  options: string;
  required: boolean;
  public: boolean;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function stepRows(body: FormValues): StepRow[] {
  return Array.from({ length: MAX_ROWS }, (_, i) => {
    const k = (s: string) => str(body[`step-${i + 1}-${s}`]);
    return { name: k('name'), name_en: k('name_en'), detail: k('detail'), duration: k('duration'), unit: k('unit'), division: k('division') };
  });
}

export function fieldRows(body: FormValues): FieldRow[] {
  return Array.from({ length: MAX_ROWS }, (_, i) => {
    const k = (s: string) => str(body[`field-${i + 1}-${s}`]);
    return { key: k('key'), label: k('label'), label_en: k('label_en'), hint: k('hint'), kind: k('kind'), options: k('options'), required: k('required') === 'on', public: k('public') === 'on' };
  });
}

/** The editor's values for a stored service (texts, then each step and field as its row). */
export function serviceValues(def: ServiceDef | undefined): FormValues {
  if (!def) return { is_published: 'on', unit: 'day' };
  const s = def.service;
  const v: FormValues = {
    slug: s.slug, position: String(s.position), is_published: s.is_published ? 'on' : '', name_th: s.name_th, name_en: s.name_en, summary_th: s.summary_th, summary_en: s.summary_en,
    group_th: s.group_th, group_en: s.group_en, keywords: s.keywords, legal_basis: s.legal_basis, division_id: s.division_id ? String(s.division_id) : '', channels: s.channels,
    conditions: s.conditions, documents: s.documents, fees: s.fees, complaint_channel: s.complaint_channel, sample_forms: s.sample_forms, is_location_public: s.is_location_public ? 'on' : '',
  };
  def.steps.forEach((st: Step, i) => {
    const p = `step-${i + 1}-`;
    Object.assign(v, { [`${p}name`]: st.name_th, [`${p}name_en`]: st.name_en, [`${p}detail`]: st.detail_th, [`${p}duration`]: String(st.duration), [`${p}unit`]: st.unit, [`${p}division`]: st.division_id ? String(st.division_id) : '' });
  });
  def.fields.forEach((f: Field, i) => {
    const p = `field-${i + 1}-`;
    Object.assign(v, {
      [`${p}key`]: f.field_key, [`${p}label`]: f.label_th, [`${p}label_en`]: f.label_en, [`${p}hint`]: f.hint_th, [`${p}kind`]: f.kind,
      [`${p}options`]: f.options.map((o) => o.th).join('; '), [`${p}required`]: f.is_required ? 'on' : '', [`${p}public`]: f.is_public ? 'on' : '',
    });
  });
  return v;
}

export { UNITS };
