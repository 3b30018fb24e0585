// Integrity management: ITA results, the year's headings and recommendations, measures with milestones,
// outcomes and evidence. Every change is audited; permissions are checked here.
import { parse as parseCsv } from 'csv-parse/sync';
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type CurrentUser } from '../../platform/auth/users.ts';
import { isUniqueViolation, nextPosition, toJson, tx, type DbLike, type Tx } from '../../platform/db/index.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { levelOf, parseScore, toolFromIndicators, totalOf } from './rules.ts';
import { getDivision } from '../agency/index.ts';
import { getContent } from '../publishing/index.ts';
import { getIssue, getMeasure, rulesFor, type MEASURE_KINDS, type MEASURE_STATUSES } from './store.ts';


const audit = (t: Tx, actor: CurrentUser, action: string, targetType: string, targetId: string | number, summary: string) =>
  recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action, targetType, targetId, summary });

// ---- ITA results ----

export interface ResultInput {
  year: number;
  /** hundredths; null to take the mean of the tool's indicators */
  iit: number | null;
  eit: number | null;
  oit: number | null;
  indicators: Record<string, number>;
}

type ComputedResult = { iit: number; eit: number; oit: number; total: number; level_th: string };

/** The total and the level with that year's rules; a tool left empty is the mean of its indicators. */
async function computeResult(db: DbLike, agencyId: number, input: ResultInput): Promise<ComputedResult> {
  const rules = await rulesFor(db, agencyId, input.year);
  const tools = { iit: input.iit, eit: input.eit, oit: input.oit };
  const errors: Record<string, 'integrity.err.toolMissing'> = {};
  for (const k of ['iit', 'eit', 'oit'] as const) {
    tools[k] ??= toolFromIndicators(rules, k, input.indicators);
    if (tools[k] === null) errors[k] = 'integrity.err.toolMissing';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const s = tools as { iit: number; eit: number; oit: number };
  const total = totalOf(rules, s);
  return { ...s, total, level_th: levelOf(rules, total, s).level_th };
}

/** One row per agency and year, whoever writes first (an upsert: two saves at once never make two rows). */
async function writeResult(t: Tx, actor: CurrentUser, input: ResultInput, r: ComputedResult): Promise<void> {
  const values = { ...r, indicators: toJson(input.indicators), updated_by: actor.id, updated_at: new Date().toISOString() };
  await t.k.insertInto('ita_result').values({ ...values, agency_id: actor.agencyId, year: input.year }).onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet(values)).execute();
  await audit(t, actor, 'integrity.result.save', 'ita_result', input.year, `total ${(r.total / 100).toFixed(2)}, ${r.level_th}`);
}

/** Saves a year's result; the total and the level are computed with that year's rules. */
export async function saveResult(p: Platform, actor: CurrentUser, input: ResultInput): Promise<{ total: number; level: string }> {
  requirePermission(actor, 'integrity.manage');
  const r = await computeResult(p.db, actor.agencyId, input);
  await tx(p.db, (t) => writeResult(t, actor, input, r));
  return { total: r.total, level: r.level_th };
}

export interface RulesInput {
  weights: { iit: number; eit: number; oit: number };
  /** per level, highest first, in hundredths */
  thresholds: Array<{ min_total: number; min_each: number | null }>;
}

/** Sets a year's weights and level thresholds, then recomputes every result that uses them. */
export async function saveRules(p: Platform, actor: CurrentUser, year: number, input: RulesInput): Promise<number> {
  requirePermission(actor, 'integrity.manage');
  const { iit, eit, oit } = input.weights;
  if (iit + eit + oit !== 100) throw new ValidationError({ w_iit: 'integrity.err.weights' });
  const base = await rulesFor(p.db, actor.agencyId, year);
  const levels = base.levels.map((l, i) => ({ ...l, ...input.thresholds[i] }));
  for (let i = 1; i < levels.length; i++) {
    if (levels[i]!.min_total > levels[i - 1]!.min_total) throw new ValidationError({ [`l${i}_total`]: 'integrity.err.levelOrder' });
  }
  const rules = { ...base, weights: input.weights, levels };
  return tx(p.db, async (t) => {
    const values = { weights: toJson(rules.weights), levels: toJson({ levels: rules.levels, indicators: rules.indicators }), updated_at: new Date().toISOString() };
    await t.k.insertInto('ita_rules').values({ ...values, agency_id: actor.agencyId, year }).onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet(values)).execute();
    // results of this year and of later years that have no rules of their own
    const results = await t.k.selectFrom('ita_result').select(['id', 'year', 'iit', 'eit', 'oit']).where('agency_id', '=', actor.agencyId).where('year', '>=', year).execute();
    let n = 0;
    for (const r of results) {
      const own = await rulesFor(t, actor.agencyId, r.year);
      const total = totalOf(own, r);
      await t.k.updateTable('ita_result').set({ total, level_th: levelOf(own, total, r).level_th }).where('id', '=', r.id).execute();
      n++;
    }
    await audit(t, actor, 'integrity.rules.save', 'ita_rules', year, `weights ${iit}/${eit}/${oit}, ${n} results recomputed`);
    return n;
  });
}

/**
 * CSV with a header: year,iit,eit,oit,i1…i10 (tools or indicators may be empty). Every line is checked first, and a
 * file with any bad line is refused whole, naming the line and the field; then all are saved in one transaction.
 */
export async function importResults(p: Platform, actor: CurrentUser, csv: string): Promise<number> {
  requirePermission(actor, 'integrity.manage');
  const bad = (key: 'integrity.err.csv' | 'integrity.err.csvHeader' | 'integrity.err.csvYear' | 'integrity.err.csvDuplicate' | 'integrity.err.csvScore' | 'integrity.err.csvTool', vars: Record<string, string | number> = {}) =>
    new ValidationError({ file: { key, vars } });
  let rows: Array<{ record: Record<string, string>; info: { lines: number }; raw: string }>;
  try {
    // one kind of line break, so that csv-parse counts a CR LF inside a quoted cell as one line
    rows = parseCsv(csv.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true, raw: true });
  } catch (err) {
    throw bad('integrity.err.csv', { detail: (err as Error).message });
  }
  if (!rows.length || !('year' in rows[0]!.record)) throw bad('integrity.err.csvHeader');
  const years = new Set<number>();
  const checked: Array<{ input: ResultInput; result: ComputedResult }> = [];
  for (const { record: r, info, raw } of rows) {
    // info.lines is where the row ends; its first line is earlier by the breaks inside it (raw also holds the blank
    // lines skipped before it and its own line end)
    const line = info.lines - (raw.replace(/^(?:[ \t]*\n)+/, '').replace(/\n$/, '').match(/\n/g)?.length ?? 0);
    const year = Number(r.year);
    if (!Number.isInteger(year) || year < 2550 || year > 2700) throw bad('integrity.err.csvYear', { line });
    if (years.has(year)) throw bad('integrity.err.csvDuplicate', { line, year });
    years.add(year);
    const score = (name: string) => {
      const v = r[name]?.trim();
      if (!v) return null;
      const s = parseScore(v);
      if (s === null) throw bad('integrity.err.csvScore', { line, field: name, got: v.slice(0, 20) });
      return s;
    };
    const indicators: Record<string, number> = {};
    for (let i = 1; i <= 10; i++) {
      const s = score(`i${i}`);
      if (s !== null) indicators[i] = s;
    }
    const input = { year, iit: score('iit'), eit: score('eit'), oit: score('oit'), indicators };
    try {
      checked.push({ input, result: await computeResult(p.db, actor.agencyId, input) });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      throw bad('integrity.err.csvTool', { line, field: Object.keys(err.errors).join(', ') });
    }
  }
  await tx(p.db, async (t) => {
    for (const c of checked) await writeResult(t, actor, c.input, c.result);
  });
  return checked.length;
}

// ---- headings and recommendations ----

export interface IssueInput {
  no: number;
  title_th: string;
  title_en: string;
  indicators: number[];
  oit_codes: string[];
  remarks: string;
}

export async function saveIssue(p: Platform, actor: CurrentUser, year: number, id: number | null, input: IssueInput): Promise<number> {
  requirePermission(actor, 'integrity.manage');
  const values = { ...input, indicators: toJson(input.indicators), oit_codes: toJson(input.oit_codes) };
  try {
    return await tx(p.db, async (t) => {
      let issueId = id;
      if (id === null) issueId = (await t.k.insertInto('integrity_issue').values({ ...values, agency_id: actor.agencyId, year }).returning('id').executeTakeFirstOrThrow()).id;
      else {
        if (!(await getIssue(t, actor.agencyId, id))) throw new NotFoundError();
        await t.k.updateTable('integrity_issue').set(values).where('id', '=', id).execute();
      }
      await audit(t, actor, id === null ? 'integrity.issue.create' : 'integrity.issue.update', 'integrity_issue', issueId!, `${year} heading ${input.no}`);
      return issueId!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ no: 'integrity.err.issueNo' });
    throw err;
  }
}

export async function addRecommendation(p: Platform, actor: CurrentUser, issueId: number, text: string): Promise<void> {
  requirePermission(actor, 'integrity.manage');
  await tx(p.db, async (t) => {
    if (!(await getIssue(t, actor.agencyId, issueId))) throw new NotFoundError();
    const position = await nextPosition(t, { table: 'integrity_issue', id: issueId }, { table: 'integrity_recommendation', parentColumn: 'issue_id' });
    const r = await t.k.insertInto('integrity_recommendation').values({ agency_id: actor.agencyId, issue_id: issueId, text_th: text, sort_order: position }).returning('id').executeTakeFirstOrThrow();
    await audit(t, actor, 'integrity.recommendation.add', 'integrity_recommendation', r.id, `heading ${issueId}`);
  });
}

// ---- measures ----

export interface MeasureInput {
  issue_id: number;
  recommendation_id: number | null;
  kind: (typeof MEASURE_KINDS)[number];
  title_th: string;
  owner_division_id: number | null;
  owner_name: string;
  owner_email: string;
  start_date: string | null;
  due_date: string | null;
  steps: string;
  budget_satang: number;
  status: (typeof MEASURE_STATUSES)[number];
  percent: number;
  summary: string;
  remarks: string;
}

function measureRules(m: MeasureInput): void {
  const errors: Record<string, 'integrity.err.owner' | 'err.dateOrder'> = {};
  if (!m.owner_division_id && !m.owner_name) errors.owner_name = 'integrity.err.owner';
  if (m.start_date && m.due_date && m.due_date < m.start_date) errors.due_date = 'err.dateOrder';
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

export async function saveMeasure(p: Platform, actor: CurrentUser, id: number | null, input: MeasureInput): Promise<number> {
  requirePermission(actor, 'integrity.manage');
  measureRules(input);
  // done means complete; a cancelled measure keeps the progress it had
  const m = { ...input, percent: input.status === 'done' ? 100 : input.percent, updated_at: new Date().toISOString() };
  return tx(p.db, async (t) => {
    const issue = await getIssue(t, actor.agencyId, input.issue_id);
    if (!issue) throw new ValidationError({ issue_id: 'err.choice' });
    if (m.owner_division_id !== null) {
      if (!(await getDivision(t, actor.agencyId, m.owner_division_id))) throw new ValidationError({ owner_division_id: 'err.choice' });
    }
    if (m.recommendation_id !== null) {
      const r = await t.k.selectFrom('integrity_recommendation').select('id').where('issue_id', '=', issue.id).where('id', '=', m.recommendation_id).executeTakeFirst();
      if (!r) m.recommendation_id = null;
    }
    let measureId = id;
    if (id === null) {
      const position = await nextPosition(t, { table: 'integrity_issue', id: issue.id }, { table: 'integrity_measure', parentColumn: 'issue_id' });
      measureId = (await t.k.insertInto('integrity_measure').values({ ...m, agency_id: actor.agencyId, sort_order: position }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const before = await getMeasure(t, actor.agencyId, id);
      if (!before) throw new NotFoundError();
      await t.k.updateTable('integrity_measure').set(m).where('id', '=', id).execute();
      // a new due date earns new reminders
      if (before.due_date !== m.due_date) await t.k.deleteFrom('integrity_reminder').where('measure_id', '=', id).execute();
    }
    await audit(t, actor, id === null ? 'integrity.measure.create' : 'integrity.measure.update', 'integrity_measure', measureId!, `${m.status}, ${m.percent}%${m.due_date ? `, due ${m.due_date}` : ''}`);
    return measureId!;
  });
}

export async function addMilestone(p: Platform, actor: CurrentUser, measureId: number, day: string, note: string, percent: number | null): Promise<void> {
  requirePermission(actor, 'integrity.manage');
  await tx(p.db, async (t) => {
    const m = await getMeasure(t, actor.agencyId, measureId);
    if (!m) throw new NotFoundError();
    await t.k.insertInto('integrity_milestone').values({ agency_id: actor.agencyId, measure_id: measureId, day, note, percent, created_by: actor.id, created_at: new Date().toISOString() }).execute();
    if (percent !== null) {
      const status = percent >= 100 ? 'done' : m.status === 'planned' && percent > 0 ? 'in_progress' : m.status;
      await t.k.updateTable('integrity_measure').set({ percent, status, updated_at: new Date().toISOString() }).where('id', '=', measureId).execute();
    }
    await audit(t, actor, 'integrity.milestone.add', 'integrity_measure', measureId, `milestone ${day}${percent !== null ? `, ${percent}%` : ''}`);
  });
}

// ---- outcomes and evidence ----

export async function addOutcome(p: Platform, actor: CurrentUser, issueId: number, measureId: number | null, text: string): Promise<void> {
  requirePermission(actor, 'integrity.manage');
  await tx(p.db, async (t) => {
    if (!(await getIssue(t, actor.agencyId, issueId))) throw new NotFoundError();
    const position = await nextPosition(t, { table: 'integrity_issue', id: issueId }, { table: 'integrity_outcome', parentColumn: 'issue_id' });
    await t.k.insertInto('integrity_outcome').values({ agency_id: actor.agencyId, issue_id: issueId, measure_id: measureId, text_th: text, sort_order: position }).execute();
    await audit(t, actor, 'integrity.outcome.add', 'integrity_issue', issueId, 'outcome added');
  });
}

export interface EvidenceInput {
  title_th: string;
  content_id: number | null;
  oit_year: number | null;
  oit_code: string | null;
  url: string;
}

export async function addEvidence(p: Platform, actor: CurrentUser, issueId: number, measureId: number | null, e: EvidenceInput): Promise<void> {
  requirePermission(actor, 'integrity.manage');
  if (!e.content_id && !e.oit_code && !e.url) throw new ValidationError({ content_id: 'integrity.err.evidence' });
  await tx(p.db, async (t) => {
    if (!(await getIssue(t, actor.agencyId, issueId))) throw new NotFoundError();
    if (e.content_id !== null) {
      if (!(await getContent(t, actor.agencyId, e.content_id))) throw new ValidationError({ content_id: 'err.choice' });
    }
    const position = await nextPosition(t, { table: 'integrity_issue', id: issueId }, { table: 'integrity_evidence', parentColumn: 'issue_id' });
    await t.k.insertInto('integrity_evidence').values({ ...e, agency_id: actor.agencyId, issue_id: issueId, measure_id: measureId, sort_order: position }).execute();
    await audit(t, actor, 'integrity.evidence.add', 'integrity_issue', issueId, e.content_id ? `content ${e.content_id}` : e.oit_code ? `OIT ${e.oit_year}/${e.oit_code}` : 'external link');
  });
}

export type RemovableKind = 'recommendations' | 'outcomes' | 'evidence' | 'milestones';
const REMOVABLE = { recommendations: 'integrity_recommendation', outcomes: 'integrity_outcome', evidence: 'integrity_evidence', milestones: 'integrity_milestone' } as const;

/** Removes a row shown under a heading or a measure; returns the page it was shown on. */
export async function removeUnder(p: Platform, actor: CurrentUser, kind: RemovableKind, id: number): Promise<string> {
  requirePermission(actor, 'integrity.manage');
  const table = REMOVABLE[kind];
  return tx(p.db, async (t) => {
    const back = table === 'integrity_milestone'
      ? await t.k.selectFrom(table).select('measure_id').where('agency_id', '=', actor.agencyId).where('id', '=', id).executeTakeFirst().then((r) => r && `/staff/integrity/measures/${r.measure_id}`)
      : await t.k.selectFrom(table).select('issue_id').where('agency_id', '=', actor.agencyId).where('id', '=', id).executeTakeFirst().then((r) => r && `/staff/integrity/headings/${r.issue_id}`);
    if (!back) throw new NotFoundError();
    await t.k.deleteFrom(table).where('agency_id', '=', actor.agencyId).where('id', '=', id).execute();
    await audit(t, actor, `${table.replace('_', '.')}.remove`, table, id, 'removed');
    return back;
  });
}
