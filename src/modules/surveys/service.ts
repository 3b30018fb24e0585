// The rules and permissions of the surveys module, one transaction per change with its audit event. The tenant comes
// from the actor. Audit summaries name no one. Answering has no audit event at all: who answered is in
// survey_respondent already, and an event per answer would give its time (and, counted, a live number of answers)
// to anyone who reads the audit log.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, enabledAccountCreatedBefore, type Acting } from '../../platform/auth/users.ts';
import { publicChanged } from '../../platform/changes.ts';
import { isUniqueViolation, lockRow, sql, tx, type DbLike } from '../../platform/db/index.ts';
import { HttpError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { bangkokDay, fiscalYearRange } from '../../platform/thai/index.ts';
import { CURRENT_SET, SCALES, fieldOf, questionsOf } from './questions.ts';
import { addDays, ANSWER, CODE_RE, MANAGE, MIN_GROUP_CEILING, MIN_GROUP_FLOOR, pastClosing, ROUND_MAX_DAYS, ROUND_MIN_DAYS } from './rules.ts';
import { qrEncodable } from './qr.ts';
import { getRound, type Round } from './store.ts';

export interface SettingsInput {
  iit_url: string;
  iit_code: string;
  eit_url: string;
  eit_code: string;
  window_start: string | null;
  window_end: string | null;
}

type Errors = Record<string, MessageKey | { key: MessageKey; vars: Record<string, string | number> }>;

/**
 * A fiscal year's ITAS links and codes and its survey window. Links must be https; a code needs its link; the window
 * has both days or none, ends after it starts, and lies within the fiscal year (1 October – 30 September).
 */
export async function saveSettings(p: Platform, actor: Acting, year: number, input: SettingsInput): Promise<void> {
  requirePermission(actor, MANAGE);
  const errors: Errors = {};
  for (const part of ['iit', 'eit'] as const) {
    const url = input[`${part}_url`];
    const code = input[`${part}_code`];
    if (url && !/^https:\/\//i.test(url)) errors[`${part}_url`] = 'surveys.err.https';
    // every page of the window draws the link as a QR code: a link too long for one is refused here, not there
    else if (url && !qrEncodable(url)) errors[`${part}_url`] = 'surveys.err.qrTooLong';
    if (code && !CODE_RE.test(code)) errors[`${part}_code`] = 'surveys.err.code';
    else if (code && !url) errors[`${part}_code`] = 'surveys.err.codeWithoutUrl';
  }
  const { window_start: start, window_end: end } = input;
  if (start && !end) errors.window_end = 'surveys.err.endMissing';
  else if (end && !start) errors.window_start = 'surveys.err.startMissing';
  else if (start && end) {
    const fy = fiscalYearRange(year);
    if (start < fy.firstDay || start > fy.lastDay) errors.window_start = { key: 'surveys.err.outsideYear', vars: { year } };
    if (end <= start) errors.window_end = 'surveys.err.endBeforeStart';
    else if (end > fy.lastDay) errors.window_end = { key: 'surveys.err.outsideYear', vars: { year } };
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const values = { ...input, updated_by: actor.id, updated_at: new Date().toISOString() };
  await tx(p.db, async (t) => {
    const row = await t.k
      .insertInto('survey_settings')
      .values({ agency_id: actor.agencyId, fiscal_year: year, ...values })
      .onConflict((oc) => oc.columns(['agency_id', 'fiscal_year']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    const set = (v: string) => (v ? 'set' : 'empty');
    await recordAudit(t, {
      agencyId: actor.agencyId, actor: actorOf(actor), action: 'surveys.settings.save', targetType: 'survey_settings', targetId: row.id,
      summary: `ITA survey settings of fiscal year ${year} saved: IIT link ${set(input.iit_url)}, EIT link ${set(input.eit_url)}, window ${start ?? '-'} to ${end ?? '-'}`,
    });
    // the public home page, /ita-survey and the E-Service pages show the EIT block from these settings
    publicChanged(t, actor.agencyId);
  });
}

export interface RoundInput {
  fiscal_year: number;
  min_group: number;
  threshold: number;
  /** the last day answers are taken: ROUND_MIN_DAYS to ROUND_MAX_DAYS after today */
  closes_on: string;
}

/**
 * Opens a pre-assessment round with the current question set; only one round of an agency is open at a time. Its
 * closing day is fixed now: it takes answers until then, cannot be closed earlier, and shows results only after it.
 */
export async function openRoundFor(p: Platform, actor: Acting, input: RoundInput, today = bangkokDay()): Promise<number> {
  requirePermission(actor, MANAGE);
  const errors: Errors = {};
  if (!(input.min_group >= MIN_GROUP_FLOOR && input.min_group <= MIN_GROUP_CEILING)) errors.min_group = { key: 'surveys.err.minGroup', vars: { min: MIN_GROUP_FLOOR } };
  if (!(input.threshold >= 0 && input.threshold <= 100)) errors.threshold = 'surveys.err.threshold';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.closes_on) || input.closes_on < addDays(today, ROUND_MIN_DAYS) || input.closes_on > addDays(today, ROUND_MAX_DAYS)) {
    errors.closes_on = { key: 'surveys.err.closesOn', vars: { min: ROUND_MIN_DAYS, max: ROUND_MAX_DAYS } };
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const questions = questionsOf(CURRENT_SET);
  try {
    return await tx(p.db, async (t) => {
      const last = await t.k.selectFrom('survey_round').select((eb) => eb.fn.max('round_no').as('n')).where('agency_id', '=', actor.agencyId).where('fiscal_year', '=', input.fiscal_year).executeTakeFirst();
      const roundNo = Number(last?.n ?? 0) + 1;
      // the unique open_key lets one open round in: a second open, even at the same moment, inserts nothing
      const row = await t.k
        .insertInto('survey_round')
        .values({
          agency_id: actor.agencyId, fiscal_year: input.fiscal_year, round_no: roundNo, status: 'open', open_key: actor.agencyId, question_set: CURRENT_SET,
          min_group: input.min_group, threshold: input.threshold, respondents: 0, opened_on: today, opened_at: new Date().toISOString(), closes_on: input.closes_on,
          closed_on: null, opened_by: actor.id, closed_by: null,
        })
        .onConflict((oc) => oc.column('open_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new ValidationError({ _form: 'surveys.err.roundOpen' });
      // every count exists from the start, in a fixed order, so answers only ever change numbers in place
      await t.k.insertInto('survey_tally').values(questions.flatMap((q) => SCALES[q.kind].map((s) => ({ round_id: row.id, question_key: q.key, score: s.score, n: 0 })))).execute();
      await recordAudit(t, {
        agencyId: actor.agencyId, actor: actorOf(actor), action: 'surveys.round.open', targetType: 'survey_round', targetId: row.id,
        summary: `pre-assessment round ${roundNo} of fiscal year ${input.fiscal_year} opened: ${questions.length} questions, answers until ${input.closes_on}, results from ${input.min_group} respondents`,
      });
      return row.id;
    });
  } catch (err) {
    // the same round number taken at the same moment by an open that was closed again in between
    if (isUniqueViolation(err)) throw new ValidationError({ _form: 'surveys.err.roundOpen' });
    throw err;
  }
}

/**
 * Answering a round twice, a round that takes no more answers, or a round opened before one's account existed: a page
 * with the reason, not the form again.
 */
export class AnswerRefused extends HttpError {
  constructor(reason: 'already' | 'closed' | 'notEligible') {
    super(reason === 'notEligible' ? 403 : 409, `surveys.pre.${reason}.title`, `surveys.pre.${reason}.body`);
  }
}

/**
 * Whether a person may answer a round: their account was enabled and had been created before the round opened.
 * Accounts made afterwards (an administrator's, to answer with known answers and subtract them) cannot join it.
 */
export function mayAnswer(db: DbLike, round: Round, userId: number): Promise<boolean> {
  return enabledAccountCreatedBefore(db, round.agency_id, userId, round.opened_at);
}

/**
 * One person's answers to an open round. That they answered goes in survey_respondent (once: the primary key);
 * what they answered only adds one to a count per question, and every count of the round is rewritten in the
 * same statement, so no row, time or order points to this answer. The demo, acting as the system, names the
 * member of staff it answers for.
 */
export async function submitAnswers(p: Platform, actor: Acting, roundId: number, answers: Record<string, number>, forUser?: number, today = bangkokDay()): Promise<void> {
  requirePermission(actor, ANSWER);
  const userId = actor.id ?? forUser;
  if (userId === undefined) throw new Error('the system answers for a named member of staff only');
  await tx(p.db, async (t) => {
    // held until the end: a round closed meanwhile takes no more answers
    await lockRow(t, 'survey_round', roundId);
    const round = await getRound(t, actor.agencyId, roundId);
    if (!round) throw new NotFoundError();
    if (round.status !== 'open' || pastClosing(round, today)) throw new AnswerRefused('closed');
    if (!(await mayAnswer(t, round, userId))) throw new AnswerRefused('notEligible');
    const questions = questionsOf(round.question_set);
    const wrong = questions.filter((q) => !SCALES[q.kind].some((s) => s.score === answers[q.key]));
    if (wrong.length) throw new ValidationError(Object.fromEntries(wrong.map((q) => [fieldOf(q), 'surveys.err.answer' as const])));
    const chosen = questions.map((q) => ({ key: q.key, score: answers[q.key]! }));
    const first = await t.k.insertInto('survey_respondent').values({ round_id: roundId, user_id: userId }).onConflict((oc) => oc.columns(['round_id', 'user_id']).doNothing()).returning('round_id').executeTakeFirst();
    if (!first) throw new AnswerRefused('already');
    const hit = sql.join(chosen.map((c) => sql`(question_key = ${c.key} AND score = ${c.score})`), sql` OR `);
    await t.k.updateTable('survey_tally').set({ n: sql<number>`n + CASE WHEN ${hit} THEN 1 ELSE 0 END` }).where('round_id', '=', roundId).execute();
    await t.k.updateTable('survey_round').set({ respondents: sql<number>`respondents + 1` }).where('id', '=', roundId).execute();
    // no audit event: see the head of this file
  });
}

/**
 * Closes an open round after its closing day (never before: an early close right after one known person answered
 * would tell what they answered), so that another may be opened. Its results show if enough people answered.
 */
export async function closeRound(p: Platform, actor: Acting, roundId: number, today = bangkokDay()): Promise<void> {
  requirePermission(actor, MANAGE);
  await tx(p.db, async (t) => {
    await lockRow(t, 'survey_round', roundId);
    const round = await getRound(t, actor.agencyId, roundId);
    if (!round) throw new NotFoundError();
    if (round.status !== 'open') throw new ValidationError({ _form: 'surveys.err.notOpen' });
    if (!pastClosing(round, today)) throw new ValidationError({ _form: 'surveys.err.closeEarly' });
    await t.k.updateTable('survey_round').set({ status: 'closed', open_key: null, closed_on: today, closed_by: actor.id }).where('id', '=', roundId).execute();
    await recordAudit(t, {
      agencyId: actor.agencyId, actor: actorOf(actor), action: 'surveys.round.close', targetType: 'survey_round', targetId: roundId,
      summary: `pre-assessment round ${round.round_no} of fiscal year ${round.fiscal_year} closed with ${round.respondents} respondents (results from ${round.min_group})`,
    });
  });
}
