import type { Generated, Selectable } from 'kysely';
import { fromJson, type DbLike } from '../../platform/db/index.ts';
import type { FileRecord } from '../../platform/files/index.ts';
import { DEFAULT_RULES, withEnglish, type Rules } from './rules.ts';
import { listDivisions } from '../agency/index.ts';

export interface ItaRulesTable { id: Generated<number>; agency_id: number; year: number; weights: string; levels: string; updated_at: string }
export interface ItaResultTable {
  id: Generated<number>; agency_id: number; year: number; iit: number; eit: number; oit: number; total: number; level_th: string;
  indicators: string; updated_by: number | null; updated_at: string;
}
export interface IssueTable { id: Generated<number>; agency_id: number; year: number; no: number; title_th: string; title_en: string; indicators: string; oit_codes: string; remarks: string }
export interface RecommendationTable { id: Generated<number>; agency_id: number; issue_id: number; text_th: string; sort_order: number }
export interface MeasureTable {
  id: Generated<number>; agency_id: number; issue_id: number; recommendation_id: number | null; kind: string; title_th: string;
  owner_division_id: number | null; owner_name: string; owner_email: string; start_date: string | null; due_date: string | null; steps: string;
  budget_satang: number; status: string; percent: number; summary: string; remarks: string; sort_order: number; updated_at: string;
}
export interface MilestoneTable { id: Generated<number>; agency_id: number; measure_id: number; day: string; note: string; percent: number | null; created_by: number | null; created_at: string }
export interface OutcomeTable { id: Generated<number>; agency_id: number; issue_id: number; measure_id: number | null; text_th: string; sort_order: number }
export interface EvidenceTable {
  id: Generated<number>; agency_id: number; issue_id: number; measure_id: number | null; title_th: string; content_id: number | null;
  oit_year: number | null; oit_code: string | null; url: string; sort_order: number;
}
export interface ReportTable {
  id: Generated<number>; agency_id: number; year: number; kind: string; pdf_file_id: number | null; docx_file_id: number | null;
  signer_name: string; signer_position: string; published_by: number | null; published_at: string;
}
export interface ReminderTable { agency_id: number; measure_id: number; kind: string; sent_at: string }
export interface RiskTable {
  id: Generated<number>; agency_id: number; year: number; process: string; title_th: string; likelihood: number; impact: number; controls: string;
  mitigation: string; owner_name: string; due_date: string | null; follow_up: string; status: string; updated_at: string;
}
export interface ProjectTable {
  id: Generated<number>; agency_id: number; year: number; title_th: string; objective: string; target: string; budget_satang: number;
  spent_satang: number; owner_name: string; percent: number; result: string; updated_at: string;
}
export interface EthicsTable { id: Generated<number>; agency_id: number; year: number; kind: string; title_th: string; day: string; participants: number; result: string; updated_at: string }

declare module '../../platform/db/schema.ts' {
  interface Database {
    ita_rules: ItaRulesTable;
    ita_result: ItaResultTable;
    integrity_issue: IssueTable;
    integrity_recommendation: RecommendationTable;
    integrity_measure: MeasureTable;
    integrity_milestone: MilestoneTable;
    integrity_outcome: OutcomeTable;
    integrity_evidence: EvidenceTable;
    integrity_report: ReportTable;
    integrity_reminder: ReminderTable;
    integrity_risk: RiskTable;
    integrity_project: ProjectTable;
    ethics_activity: EthicsTable;
  }
}

export type Result = Omit<Selectable<ItaResultTable>, 'indicators'> & { indicators: Record<string, number> };
export type Issue = Omit<Selectable<IssueTable>, 'indicators' | 'oit_codes'> & { indicators: number[]; oit_codes: string[] };
export type Recommendation = Selectable<RecommendationTable>;
export type Measure = Selectable<MeasureTable> & { division_name: string | null };
export type Milestone = Selectable<MilestoneTable>;
export type Outcome = Selectable<OutcomeTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type Report = Selectable<ReportTable>;
export type Risk = Selectable<RiskTable>;
export type Project = Selectable<ProjectTable>;
export type EthicsActivity = Selectable<EthicsTable>;

export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const MEASURE_KINDS = ['measure', 'activity', 'project'] as const;
export const REPORT_KINDS = ['annual', 'six_month'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export async function rulesFor(db: DbLike, agencyId: number, year: number): Promise<Rules> {
  const r = await db.k.selectFrom('ita_rules').select(['weights', 'levels']).where('agency_id', '=', agencyId).where('year', '<=', year).orderBy('year', 'desc').limit(1).executeTakeFirst();
  if (!r) return DEFAULT_RULES;
  const levels = fromJson<Pick<Rules, 'levels' | 'indicators'>>(r.levels, DEFAULT_RULES);
  return { weights: fromJson(r.weights, DEFAULT_RULES.weights), levels: levels.levels ? withEnglish(levels.levels) : DEFAULT_RULES.levels, indicators: levels.indicators ?? DEFAULT_RULES.indicators };
}

const toResult = (r: Selectable<ItaResultTable>): Result => ({ ...r, indicators: fromJson<Record<string, number>>(r.indicators, {}) });

export async function getResult(db: DbLike, agencyId: number, year: number): Promise<Result | undefined> {
  const r = await db.k.selectFrom('ita_result').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
  return r && toResult(r);
}

export async function listResults(db: DbLike, agencyId: number): Promise<Result[]> {
  return (await db.k.selectFrom('ita_result').selectAll().where('agency_id', '=', agencyId).orderBy('year').execute()).map(toResult);
}

const toIssue = (r: Selectable<IssueTable>): Issue => ({ ...r, indicators: fromJson<number[]>(r.indicators, []), oit_codes: fromJson<string[]>(r.oit_codes, []) });

export async function listIssues(db: DbLike, agencyId: number, year: number): Promise<Issue[]> {
  return (await db.k.selectFrom('integrity_issue').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).orderBy('no').execute()).map(toIssue);
}

export async function getIssue(db: DbLike, agencyId: number, id: number): Promise<Issue | undefined> {
  const r = await db.k.selectFrom('integrity_issue').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
  return r && toIssue(r);
}

export async function integrityYears(db: DbLike, agencyId: number): Promise<number[]> {
  const a = await db.k.selectFrom('integrity_issue').select('year').distinct().where('agency_id', '=', agencyId).execute();
  const b = await db.k.selectFrom('ita_result').select('year').distinct().where('agency_id', '=', agencyId).execute();
  return [...new Set([...a, ...b].map((r) => r.year))].sort((x, y) => y - x);
}

/** Everything under a year's headings, in order. */
export interface YearPlan {
  issues: Issue[];
  recommendations: Recommendation[];
  measures: Measure[];
  milestones: Milestone[];
  outcomes: Outcome[];
  evidence: EvidenceRow[];
}

export async function yearPlan(db: DbLike, agencyId: number, year: number): Promise<YearPlan> {
  const issues = await listIssues(db, agencyId, year);
  const ids = issues.map((i) => i.id);
  if (!ids.length) return { issues, recommendations: [], measures: [], milestones: [], outcomes: [], evidence: [] };
  const [recommendations, measures, outcomes, evidence] = await Promise.all([
    db.k.selectFrom('integrity_recommendation').selectAll().where('issue_id', 'in', ids).orderBy('sort_order').orderBy('id').execute(),
    db.k.selectFrom('integrity_measure').selectAll().where('issue_id', 'in', ids).orderBy('sort_order').orderBy('id').execute().then((ms) => withDivisionNames(db, agencyId, ms)),
    db.k.selectFrom('integrity_outcome').selectAll().where('issue_id', 'in', ids).orderBy('sort_order').orderBy('id').execute(),
    db.k.selectFrom('integrity_evidence').selectAll().where('issue_id', 'in', ids).orderBy('sort_order').orderBy('id').execute(),
  ]);
  const mids = measures.map((m) => m.id);
  const milestones = mids.length ? await db.k.selectFrom('integrity_milestone').selectAll().where('measure_id', 'in', mids).orderBy('day').orderBy('id').execute() : [];
  return { issues, recommendations, measures, milestones, outcomes, evidence };
}

export async function getMeasure(db: DbLike, agencyId: number, id: number): Promise<Measure | undefined> {
  const m = await db.k.selectFrom('integrity_measure').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
  return m ? (await withDivisionNames(db, agencyId, [m]))[0] : undefined;
}

/** The owning unit's name, from the agency module (divisions are few; one query for the list). */
async function withDivisionNames(db: DbLike, agencyId: number, measures: Array<Selectable<MeasureTable>>): Promise<Measure[]> {
  const names = measures.some((m) => m.owner_division_id) ? new Map((await listDivisions(db, agencyId)).map((d) => [d.id, d.name_th])) : new Map<number, string>();
  return measures.map((m) => ({ ...m, division_name: (m.owner_division_id && names.get(m.owner_division_id)) || null }));
}

export async function getReport(db: DbLike, agencyId: number, year: number, kind: ReportKind): Promise<Report | undefined> {
  return db.k.selectFrom('integrity_report').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).where('kind', '=', kind).executeTakeFirst();
}

/** The stored file of a published report, found with one query. */
export async function publishedReportFile(db: DbLike, agencyId: number, year: number, kind: ReportKind, ext: 'pdf' | 'docx'): Promise<FileRecord | undefined> {
  return db.k
    .selectFrom('integrity_report')
    .innerJoin('file', 'file.id', ext === 'pdf' ? 'integrity_report.pdf_file_id' : 'integrity_report.docx_file_id')
    .selectAll('file')
    .where('integrity_report.agency_id', '=', agencyId)
    .where('integrity_report.year', '=', year)
    .where('integrity_report.kind', '=', kind)
    .executeTakeFirst();
}

/** The year a register row (risk or project) belongs to, or undefined when it is not this agency's. */
export async function registerRowYear(db: DbLike, agencyId: number, table: 'integrity_risk' | 'integrity_project', id: number): Promise<number | undefined> {
  return (await db.k.selectFrom(table).select('year').where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst())?.year;
}

export async function isPublishedReportFile(db: DbLike, fileId: number): Promise<boolean> {
  return !!(await db.k.selectFrom('integrity_report').select('id').where((eb) => eb.or([eb('pdf_file_id', '=', fileId), eb('docx_file_id', '=', fileId)])).limit(1).executeTakeFirst());
}

export async function listReports(db: DbLike, agencyId: number): Promise<Report[]> {
  return db.k.selectFrom('integrity_report').selectAll().where('agency_id', '=', agencyId).orderBy('year', 'desc').execute();
}
