import type { Kysely } from 'kysely';
import { dayType, fk, tsType, withId } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  const day = dayType(db);

  // ITA rules per assessment year (weights and result levels), as data
  await withId(db, db.schema.createTable('ita_rules'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('weights', 'text', (c) => c.notNull())
    .addColumn('levels', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('ita_rules_year', ['agency_id', 'year'])
    .execute();

  // scores are hundredths (95.31 → 9531): exact, no floats stored
  await withId(db, db.schema.createTable('ita_result'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('iit', 'integer', (c) => c.notNull())
    .addColumn('eit', 'integer', (c) => c.notNull())
    .addColumn('oit', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('level_th', 'text', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('updated_by', 'integer', fk('app_user', 'set null'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('ita_result_year', ['agency_id', 'year'])
    .execute();

  await withId(db, db.schema.createTable('integrity_issue'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('title_th', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('indicators', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('oit_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('remarks', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('integrity_issue_no', ['agency_id', 'year', 'no'])
    .execute();

  await withId(db, db.schema.createTable('integrity_recommendation'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('issue_id', 'integer', (c) => fk('integrity_issue', 'cascade')(c.notNull()))
    .addColumn('text_th', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, db.schema.createTable('integrity_measure'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('issue_id', 'integer', (c) => fk('integrity_issue', 'cascade')(c.notNull()))
    .addColumn('recommendation_id', 'integer', fk('integrity_recommendation', 'set null'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('measure'))
    .addColumn('title_th', 'text', (c) => c.notNull())
    .addColumn('owner_division_id', 'integer', fk('division', 'set null'))
    .addColumn('owner_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', day)
    .addColumn('due_date', day)
    .addColumn('steps', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('budget_satang', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('remarks', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('integrity_measure_issue').on('integrity_measure').column('issue_id').execute();

  await withId(db, db.schema.createTable('integrity_milestone'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('measure_id', 'integer', (c) => fk('integrity_measure', 'cascade')(c.notNull()))
    .addColumn('day', day, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer')
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('integrity_outcome'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('issue_id', 'integer', (c) => fk('integrity_issue', 'cascade')(c.notNull()))
    .addColumn('measure_id', 'integer', fk('integrity_measure', 'set null'))
    .addColumn('text_th', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // evidence: a published item (content), an OIT item page, or an address
  await withId(db, db.schema.createTable('integrity_evidence'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('issue_id', 'integer', (c) => fk('integrity_issue', 'cascade')(c.notNull()))
    .addColumn('measure_id', 'integer', fk('integrity_measure', 'set null'))
    .addColumn('title_th', 'text', (c) => c.notNull())
    .addColumn('content_id', 'integer', fk('content', 'set null'))
    .addColumn('oit_year', 'integer')
    .addColumn('oit_code', 'text')
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // a published report is frozen: its files do not change when the data does
  await withId(db, db.schema.createTable('integrity_report'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pdf_file_id', 'integer', fk('file', 'set null'))
    .addColumn('docx_file_id', 'integer', fk('file', 'set null'))
    .addColumn('signer_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signer_position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_by', 'integer', fk('app_user', 'set null'))
    .addColumn('published_at', ts, (c) => c.notNull())
    .addUniqueConstraint('integrity_report_kind', ['agency_id', 'year', 'kind'])
    .execute();

  await db.schema.createTable('integrity_reminder')
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('measure_id', 'integer', (c) => fk('integrity_measure', 'cascade')(c.notNull()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('integrity_reminder_pk', ['measure_id', 'kind'])
    .execute();

  await withId(db, db.schema.createTable('integrity_risk'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('title_th', 'text', (c) => c.notNull())
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('controls', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mitigation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_date', day)
    .addColumn('follow_up', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('integrity_project'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title_th', 'text', (c) => c.notNull())
    .addColumn('objective', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('target', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('budget_satang', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('spent_satang', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('owner_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('ethics_activity'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_th', 'text', (c) => c.notNull())
    .addColumn('day', day, (c) => c.notNull())
    .addColumn('participants', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
