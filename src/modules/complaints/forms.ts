// What the complaint forms accept.
import { block, checkbox, choice, day, email, text, z } from '../../platform/http/forms.ts';
import { ALL_CATEGORIES, CATEGORIES, CHANNELS, FORWARD_TO, STATUSES, type Lane } from './kinds.ts';
import type { Identity, Report } from './intake.ts';
import { validNationalId } from '../../platform/thai/index.ts';

/** A Thai national ID: 13 digits whose last is the check digit (mod 11); shared from platform/thai. */
export { validNationalId };

const nationalId = text({ min: 0, max: 30 })
  .transform((s) => s.replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50)).replace(/[\s-]/g, ''))
  .refine((s) => s === '' || validNationalId(s), 'complaints.err.nationalId');

const fields = {
  subject: text({ max: 200 }),
  description: block({ min: 1, max: 10_000 }),
  who: text({ min: 0, max: 500 }),
  when: day({ optional: true }),
  where: text({ min: 0, max: 300 }),
  name: text({ min: 0, max: 200 }),
  national_id: nationalId,
  phone: text({ min: 0, max: 40 }),
  email: email({ optional: true }),
  address: block({ max: 1000 }),
};

export function caseSchema(lane: Lane) {
  return z.object({
    ...fields,
    category: text({ max: 40 }).refine((c) => CATEGORIES[lane].includes(c), 'complaints.err.category'),
    consent: checkbox().refine((v) => v, 'complaints.err.consent'),
  });
}

/** An officer records a case from another channel: the complainant gave consent to them, in person or on the phone. */
export function recordSchema(lane: Lane) {
  return z.object({ ...fields, category: text({ max: 40 }).refine((c) => CATEGORIES[lane].includes(c), 'complaints.err.category'), channel: choice(['phone', 'letter', 'in_person', 'email', 'chat']) });
}

type CaseFields = z.output<ReturnType<typeof caseSchema>> | z.output<ReturnType<typeof recordSchema>>;

export function reportOf(d: CaseFields): Report {
  return { subject: d.subject, who: d.who, when: d.when, where: d.where, description: d.description };
}

/** The identity given, or null when every field was left empty (anonymous). */
export function identityOf(d: CaseFields): Identity | null {
  const i = { name: d.name, national_id: d.national_id, phone: d.phone, email: d.email, address: d.address };
  return Object.values(i).some((v) => v) ? i : null;
}

export const statusSchema = z.object({ status: choice(STATUSES), forwarded_to: text({ min: 0, max: 20 }).refine((s) => s === '' || (FORWARD_TO as readonly string[]).includes(s), 'err.choice') });
export const reasonSchema = z.object({ reason: text({ min: 5, max: 300 }) });
export const moveSchema = z.object({ category: choice(CATEGORIES.corruption as unknown as readonly [string, ...string[]]) });
export const messageSchema = z.object({ body: block({ max: 10_000 }), note: checkbox() });
export const replySchema = z.object({ body: block({ max: 10_000 }) });
export const followSchema = z.object({ receipt: text({ max: 40 }) });

export { ALL_CATEGORIES, CHANNELS };
