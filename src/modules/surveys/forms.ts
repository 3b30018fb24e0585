// The module's forms, parsed at the edge; the service applies the rules (https, the window within the year, bounds).
import { day, int, text, url, z, type FormValues } from '../../platform/http/forms.ts';
import { fieldOf, questionsOf, SCALES } from './questions.ts';
import { addDays, DEFAULT_MIN_GROUP, DEFAULT_THRESHOLD, MIN_GROUP_CEILING, MIN_GROUP_FLOOR } from './rules.ts';
import type { Settings } from './store.ts';

/** A link typed by a person: trimmed; any http(s) URL here, and the service asks for https with its own message. */
const link = () => url({ optional: true });
const code = () => text({ min: 0, max: 40 }).transform((s) => s.replace(/\s+/g, ''));

export const settingsSchema = z.object({
  iit_url: link(),
  iit_code: code(),
  eit_url: link(),
  eit_code: code(),
  window_start: day({ optional: true }),
  window_end: day({ optional: true }),
});

export const settingsValues = (s: Settings | undefined): FormValues =>
  s ? { iit_url: s.iit_url, iit_code: s.iit_code, eit_url: s.eit_url, eit_code: s.eit_code, window_start: s.window_start ?? '', window_end: s.window_end ?? '' } : {};

export const roundSchema = (years: readonly [string, ...string[]]) =>
  z.object({
    fiscal_year: z.preprocess((v) => (v === undefined ? '' : v), z.enum(years, { error: 'err.choice' })).transform(Number),
    min_group: int({ min: MIN_GROUP_FLOOR, max: MIN_GROUP_CEILING }),
    threshold: int({ min: 0, max: 100 }),
    closes_on: day(),
  });

/** A new round's form: this fiscal year, the default minimum group and threshold, answers for two weeks. */
export const roundDefaults = (year: number, today: string): FormValues => ({
  fiscal_year: String(year), min_group: String(DEFAULT_MIN_GROUP), threshold: String(DEFAULT_THRESHOLD), closes_on: addDays(today, 14),
});

/** Every question of the set answered with one of its scale's scores. */
export function answersSchema(set: string) {
  const shape: Record<string, z.ZodType<number, unknown>> = {};
  for (const q of questionsOf(set)) {
    const values = SCALES[q.kind].map((s) => String(s.score)) as [string, ...string[]];
    shape[fieldOf(q)] = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.enum(values, { error: 'surveys.err.answer' })).transform(Number);
  }
  return z.object(shape);
}

/** The parsed form as question key → score. */
export function answersFrom(set: string, data: Record<string, number>): Record<string, number> {
  return Object.fromEntries(questionsOf(set).map((q) => [q.key, data[fieldOf(q)]!]));
}
