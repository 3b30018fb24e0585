// The integrity module's forms: how each is parsed at the edge, and how stored records fill them again.
import { block, choice, day, email, int, money, text, url, z, type FormValues } from '../../platform/http/forms.ts';
import { fmtScore, parseScore, type Rules } from './rules.ts';
import { MEASURE_KINDS, MEASURE_STATUSES, type Measure, type Project, type Result, type Risk } from './store.ts';
import { ETHICS_KINDS, PERIODS, PROCESSES, RISK_STATUSES } from './registers.ts';

const score = text({ min: 0, max: 6 }).transform((s, ctx) => {
  if (!s) return null;
  const v = parseScore(s);
  if (v === null) {
    ctx.addIssue({ code: 'custom', message: 'integrity.err.score' });
    return z.NEVER;
  }
  return v;
});
const requiredScore = score.refine((v) => v !== null, { message: 'err.required' });
export const rulesSchema = (levels: number) =>
  z.object({
    w_iit: int({ min: 0, max: 100 }), w_eit: int({ min: 0, max: 100 }), w_oit: int({ min: 0, max: 100 }),
    ...Object.fromEntries(Array.from({ length: levels }, (_, i) => [[`l${i}_total`, requiredScore], [`l${i}_each`, score]]).flat()),
  });
export const resultSchema = z.object({ iit: score, eit: score, oit: score, ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`i${i + 1}`, score])) });

const list = <T,>(parse: (s: string) => T | null, msg: 'err.invalid') =>
  text({ min: 0, max: 200 }).transform((s, ctx) => {
    const out: T[] = [];
    for (const part of s.split(/[\s,]+/).filter(Boolean)) {
      const v = parse(part);
      if (v === null) {
        ctx.addIssue({ code: 'custom', message: msg });
        return z.NEVER;
      }
      out.push(v);
    }
    return out;
  });
export const headingSchema = z.object({
  no: int({ min: 1, max: 99 }),
  title_th: text({ max: 500 }),
  title_en: text({ min: 0, max: 500 }),
  indicators: list((s) => (/^(10|[1-9])$/.test(s) ? Number(s) : null), 'err.invalid'),
  oit_codes: list((s) => (/^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/.test(s) ? s : null), 'err.invalid'),
  remarks: block({ max: 2000 }),
});
export const measureSchema = z.object({
  kind: choice(MEASURE_KINDS),
  title_th: block({ min: 1, max: 2000 }),
  recommendation_id: int({ min: 1, optional: true }),
  owner_division_id: int({ min: 1, optional: true }),
  owner_name: text({ min: 0, max: 200 }),
  owner_email: email({ optional: true }),
  start_date: day({ optional: true }),
  due_date: day({ optional: true }),
  steps: block({ max: 5000 }),
  budget: money({ optional: true }).transform((v) => v ?? 0),
  status: choice(MEASURE_STATUSES),
  percent: int({ min: 0, max: 100, optional: true }).transform((v) => v ?? 0),
  summary: block({ max: 5000 }),
  remarks: block({ max: 2000 }),
});
export const milestoneSchema = z.object({ day: day(), note: block({ min: 1, max: 2000 }), percent: int({ min: 0, max: 100, optional: true }) });
export const evidenceSchema = z.object({
  title: text({ max: 500 }),
  content_id: int({ min: 1, optional: true }),
  oit_ref: text({ min: 0, max: 30 }).pipe(z.string().regex(/^(\d{4}\/[A-Za-z0-9][A-Za-z0-9.-]{0,19})?$/, 'integrity.err.oitRef')),
  url: url({ optional: true }),
});
const level15 = choice(['1', '2', '3', '4', '5']).transform(Number);
export const riskSchema = z.object({
  process: choice(PROCESSES), title_th: block({ min: 1, max: 1000 }), likelihood: level15, impact: level15, controls: block({ max: 2000 }), mitigation: block({ max: 2000 }),
  owner_name: text({ min: 0, max: 200 }), due_date: day({ optional: true }), follow_up: block({ max: 2000 }), status: choice(RISK_STATUSES),
});
export const projectSchema = z.object({
  title_th: block({ min: 1, max: 1000 }), objective: block({ max: 2000 }), target: block({ max: 2000 }), budget: money({ optional: true }), spent: money({ optional: true }),
  owner_name: text({ min: 0, max: 200 }), percent: int({ min: 0, max: 100, optional: true }), result: block({ max: 2000 }),
});
export const ethicsSchema = z.object({ kind: choice(ETHICS_KINDS), title_th: block({ min: 1, max: 1000 }), day: day(), participants: int({ min: 0, max: 1_000_000, optional: true }), result: block({ max: 2000 }) });

export const resultValues = (r: Result | undefined): FormValues =>
  r ? { iit: fmtScore(r.iit), eit: fmtScore(r.eit), oit: fmtScore(r.oit), ...Object.fromEntries(Object.entries(r.indicators).map(([k, v]) => [`i${k}`, fmtScore(v)])) } : {};
export const rulesValues = (r: Rules): FormValues => ({
  w_iit: String(r.weights.iit), w_eit: String(r.weights.eit), w_oit: String(r.weights.oit),
  ...Object.fromEntries(r.levels.flatMap((l, i) => [[`l${i}_total`, fmtScore(l.min_total)], [`l${i}_each`, l.min_each === null ? '' : fmtScore(l.min_each)]])),
});

export const measureValues = (m: Measure | null): FormValues =>
  m
    ? {
        kind: m.kind, title_th: m.title_th, recommendation_id: m.recommendation_id ? String(m.recommendation_id) : '', owner_division_id: m.owner_division_id ? String(m.owner_division_id) : '',
        owner_name: m.owner_name, owner_email: m.owner_email, start_date: m.start_date ?? '', due_date: m.due_date ?? '', steps: m.steps,
        budget: m.budget_satang ? (Number(m.budget_satang) / 100).toFixed(2) : '', status: m.status, percent: String(m.percent), summary: m.summary, remarks: m.remarks,
      }
    : { kind: 'measure', status: 'planned', percent: '0' };

export const riskValues = (r: Risk | null): FormValues =>
  r ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])) : { likelihood: '3', impact: '3', status: 'open', process: 'disbursement' };

export const projectValues = (x: Project | null): FormValues =>
  x
    ? { title_th: x.title_th, objective: x.objective, target: x.target, budget: (Number(x.budget_satang) / 100).toFixed(2), spent: (Number(x.spent_satang) / 100).toFixed(2), owner_name: x.owner_name, percent: String(x.percent), result: x.result }
    : { percent: '0' };

export const periodSchema = z.object({ period: choice(PERIODS) });
