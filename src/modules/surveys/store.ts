// Reads of the module's own tables (accounts are read through the platform's auth API). Writes are in service.ts.
import type { Generated, Selectable } from 'kysely';
import type { DbLike } from '../../platform/db/index.ts';

export interface SurveySettingsTable {
  id: Generated<number>;
  agency_id: number;
  fiscal_year: number;
  iit_url: string;
  iit_code: string;
  eit_url: string;
  eit_code: string;
  window_start: string | null;
  window_end: string | null;
  updated_by: number | null;
  updated_at: string;
}

export interface SurveyRoundTable {
  id: Generated<number>;
  agency_id: number;
  fiscal_year: number;
  round_no: number;
  status: string;
  open_key: number | null;
  question_set: string;
  min_group: number;
  threshold: number;
  respondents: number;
  opened_on: string;
  opened_at: string;
  closes_on: string;
  closed_on: string | null;
  opened_by: number | null;
  closed_by: number | null;
}

/** That a person answered a round; nothing of what they answered. */
export interface SurveyRespondentTable {
  round_id: number;
  user_id: number;
}

/** How many chose one answer of one question in a round; never a person, a time or an order. */
export interface SurveyTallyTable {
  round_id: number;
  question_key: string;
  score: number;
  n: number;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    survey_settings: SurveySettingsTable;
    survey_round: SurveyRoundTable;
    survey_respondent: SurveyRespondentTable;
    survey_tally: SurveyTallyTable;
  }
}

export type Settings = Selectable<SurveySettingsTable>;
export type RoundStatus = 'open' | 'closed';
export type Round = Omit<Selectable<SurveyRoundTable>, 'status'> & { status: RoundStatus };

export function getSettings(db: DbLike, agencyId: number, year: number): Promise<Settings | undefined> {
  return db.k.selectFrom('survey_settings').selectAll().where('agency_id', '=', agencyId).where('fiscal_year', '=', year).executeTakeFirst();
}

const asRound = (r: Selectable<SurveyRoundTable>): Round => ({ ...r, status: r.status as RoundStatus, respondents: Number(r.respondents) });

export async function getRound(db: DbLike, agencyId: number, id: number): Promise<Round | undefined> {
  const r = await db.k.selectFrom('survey_round').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
  return r && asRound(r);
}

/** The agency's open round, if any (there is at most one). */
export async function openRound(db: DbLike, agencyId: number): Promise<Round | undefined> {
  const r = await db.k.selectFrom('survey_round').selectAll().where('agency_id', '=', agencyId).where('status', '=', 'open').executeTakeFirst();
  return r && asRound(r);
}

/** Every round, latest first. */
export async function listRounds(db: DbLike, agencyId: number): Promise<Round[]> {
  const rows = await db.k.selectFrom('survey_round').selectAll().where('agency_id', '=', agencyId).orderBy('fiscal_year', 'desc').orderBy('round_no', 'desc').execute();
  return rows.map(asRound);
}

export async function hasAnswered(db: DbLike, roundId: number, userId: number): Promise<boolean> {
  return !!(await db.k.selectFrom('survey_respondent').select('round_id').where('round_id', '=', roundId).where('user_id', '=', userId).executeTakeFirst());
}

/** The counts of a round: question → score → how many chose it. Read only for a result that may be shown. */
export async function tallies(db: DbLike, roundId: number): Promise<Map<string, Map<number, number>>> {
  const rows = await db.k.selectFrom('survey_tally').select(['question_key', 'score', 'n']).where('round_id', '=', roundId).orderBy('question_key').orderBy('score').execute();
  const out = new Map<string, Map<number, number>>();
  for (const r of rows) {
    let q = out.get(r.question_key);
    if (!q) out.set(r.question_key, (q = new Map()));
    q.set(Number(r.score), Number(r.n));
  }
  return out;
}
