// The national IIT and EIT surveys (answered on the NACC's ITAS) and the agency's own anonymous pre-assessment.
// survey_settings: each fiscal year's ITAS links, access codes and survey window.
// survey_round: a pre-assessment round. survey_respondent records THAT someone answered (to allow one answer each);
// survey_tally holds WHAT was answered, only as counts per question and answer, made when the round opens and
// rewritten whole at every answer: no row per person, no user, no time, no order of arrival (a ballot box).
import type { Kysely } from 'kysely';
import { dayType, fk, tsType, withId } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  const day = dayType(db);
  await withId(db, db.schema.createTable('survey_settings'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('iit_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('iit_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('eit_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('eit_code', 'text', (c) => c.notNull().defaultTo(''))
    // the days (Bangkok) the survey is open, both included; both empty until set
    .addColumn('window_start', day)
    .addColumn('window_end', day)
    .addColumn('updated_by', 'integer', fk('app_user', 'set null'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('survey_settings_once', ['agency_id', 'fiscal_year'])
    .execute();

  await withId(db, db.schema.createTable('survey_round'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('round_no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // the agency's id while the round is open, null once closed: at most one open round per agency (unique; nulls repeat)
    .addColumn('open_key', 'integer', (c) => c.unique())
    .addColumn('question_set', 'text', (c) => c.notNull())
    // results are shown only from this many respondents (at least 5)
    .addColumn('min_group', 'integer', (c) => c.notNull())
    // topics scoring below this (0–100) are marked as likely to score low
    .addColumn('threshold', 'integer', (c) => c.notNull())
    .addColumn('respondents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_on', day, (c) => c.notNull())
    // when it opened: only accounts created (and enabled) before this may answer it
    .addColumn('opened_at', ts, (c) => c.notNull())
    // the last day (Bangkok) it takes answers, fixed when it opens (at least 7 days on); it cannot be closed before
    // the day after, and its results appear only then
    .addColumn('closes_on', day, (c) => c.notNull())
    .addColumn('closed_on', day)
    .addColumn('opened_by', 'integer', fk('app_user', 'set null'))
    .addColumn('closed_by', 'integer', fk('app_user', 'set null'))
    .addUniqueConstraint('survey_round_no', ['agency_id', 'fiscal_year', 'round_no'])
    .execute();

  // who has answered a round: no time, no link to the answers
  await db.schema.createTable('survey_respondent')
    .addColumn('round_id', 'integer', (c) => fk('survey_round', 'cascade')(c.notNull()))
    .addColumn('user_id', 'integer', (c) => fk('app_user', 'cascade')(c.notNull()))
    .addPrimaryKeyConstraint('survey_respondent_pk', ['round_id', 'user_id'])
    .execute();

  // how many chose each answer (score in hundredths: 0, 3333, 6667, 10000) of each question of a round
  await db.schema.createTable('survey_tally')
    .addColumn('round_id', 'integer', (c) => fk('survey_round', 'cascade')(c.notNull()))
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('survey_tally_pk', ['round_id', 'question_key', 'score'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
