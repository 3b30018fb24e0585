// The module's forms, parsed at the edge; the service applies the rules (dates in order, a closing time for comments,
// results before "reported", a free and stable address).
import { block, checkbox, choice, dateTime, day, int, text, z, type FormValues } from '../../platform/http/forms.ts';
import { COMMENT_MAX, COMMENT_STATES, DOC_KINDS, GROUPS, KINDS, RESPONSES, STATUSES, countColumn } from './rules.ts';
import type { Activity, Proposal } from './store.ts';

export const activitySchema = z.object({
  kind: choice(KINDS),
  title_th: text({ max: 300 }),
  title_en: text({ min: 0, max: 300 }),
  slug: text({ min: 0, max: 80 }).transform((s) => s.toLowerCase()),
  subject_th: text({ min: 0, max: 500 }),
  subject_en: text({ min: 0, max: 500 }),
  summary_th: block({ max: 10000 }),
  summary_en: block({ max: 10000 }),
  starts_on: day(),
  ends_on: day({ optional: true }),
  place_th: text({ min: 0, max: 300 }),
  place_en: text({ min: 0, max: 300 }),
  invited_th: block({ max: 2000 }),
  is_commentable: checkbox(),
  comments_close_at: dateTime({ optional: true }),
  status: choice(STATUSES),
  results_th: block({ max: 20000 }),
  results_en: block({ max: 20000 }),
});
export type ActivityForm = z.output<typeof activitySchema>;

export const activityValues = (a: Activity): FormValues => ({
  kind: a.kind, title_th: a.title_th, title_en: a.title_en, slug: a.slug, subject_th: a.subject_th, subject_en: a.subject_en, summary_th: a.summary_th, summary_en: a.summary_en,
  starts_on: a.starts_on, ends_on: a.ends_on ?? '', place_th: a.place_th, place_en: a.place_en, invited_th: a.invited_th, is_commentable: a.is_commentable ? 'on' : '',
  comments_close_at: a.comments_close_at ?? '', status: a.status, results_th: a.results_th, results_en: a.results_en,
});

const count = () => int({ min: 0, max: 1_000_000 });
export const countsSchema = z.object(Object.fromEntries(GROUPS.map((g) => [countColumn(g), count()])) as Record<ReturnType<typeof countColumn>, ReturnType<typeof count>>);
export const countValues = (a: Activity): FormValues => Object.fromEntries(GROUPS.map((g) => [countColumn(g), String(a[countColumn(g)])]));

export const documentSchema = z.object({ kind: choice(DOC_KINDS), label: text({ min: 0, max: 200 }) });

export const proposalSchema = z.object({
  proposal: block({ min: 1, max: 3000 }),
  proposed_by: text({ min: 0, max: 200 }),
  response_status: choice(RESPONSES),
  response: block({ max: 5000 }),
});
export type ProposalForm = z.output<typeof proposalSchema>;
export const proposalValues = (x: Proposal): FormValues => ({ proposal: x.proposal, proposed_by: x.proposed_by, response_status: x.response_status, response: x.response });

/** The public comment form: the name is optional (anonymous), the consent box is not. */
export const commentSchema = z.object({
  author_name: text({ min: 0, max: 100 }),
  body: block({ min: 5, max: COMMENT_MAX }),
  consent: checkbox().refine((v) => v, { message: 'participation.err.consent' }),
});

export const moderateSchema = z.object({
  decision: choice(['approve', 'hide'] as const),
  note: text({ min: 0, max: 500 }),
});

export const commentStateChoice = choice(COMMENT_STATES);
