// Participation (การเปิดโอกาสให้มีส่วนร่วม): the agency's activities (forums, hearings, consultations, meetings with
// community representatives, surveys) with their participants by group, documents, the proposals made and what the
// agency did about each ("you said, we did"), and the comments of online consultations (no address is stored).
import type { Kysely } from 'kysely';
import { boolDefault, boolType, dayType, fk, tsType, withId } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  const day = dayType(db);
  const bool = boolType(db);
  await withId(db, db.schema.createTable('participation_activity'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    // the public address /participation/{slug}; never changes once published
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_th', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
    // the plan or project the activity concerns
    .addColumn('subject_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subject_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary_en', 'text', (c) => c.notNull().defaultTo(''))
    // the day it was held (or the online period began), and the last day when it ran over several
    .addColumn('starts_on', day, (c) => c.notNull())
    .addColumn('ends_on', day)
    // the Thai fiscal year of starts_on (1 October – 30 September, B.E.)
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('place_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('place_en', 'text', (c) => c.notNull().defaultTo(''))
    // who was invited, in words
    .addColumn('invited_th', 'text', (c) => c.notNull().defaultTo(''))
    // how many took part, by group
    .addColumn('count_citizens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('count_leaders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('count_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('count_government', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('count_other', 'integer', (c) => c.notNull().defaultTo(0))
    // an online consultation takes comments on its public page until this instant
    .addColumn('is_commentable', bool, boolDefault(db, false))
    .addColumn('comments_close_at', ts)
    .addColumn('status', 'text', (c) => c.notNull())
    // what came out of it, for the public page and the yearly report
    .addColumn('results_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('results_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_published', bool, boolDefault(db, false))
    .addColumn('published_at', ts)
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'integer', fk('app_user', 'set null'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('participation_activity_slug', ['agency_id', 'slug'])
    .execute();
  await db.schema.createIndex('participation_activity_by_year').on('participation_activity').columns(['agency_id', 'fiscal_year', 'starts_on']).execute();

  await withId(db, db.schema.createTable('participation_document'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('activity_id', 'integer', (c) => fk('participation_activity', 'cascade')(c.notNull()))
    .addColumn('file_id', 'integer', (c) => fk('file', 'cascade')(c.notNull()))
    // invitation, minutes, photo, report, other
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('participation_document_position', ['activity_id', 'sort_order'])
    .execute();

  await withId(db, db.schema.createTable('participation_proposal'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('activity_id', 'integer', (c) => fk('participation_activity', 'cascade')(c.notNull()))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    // what the participants proposed ("you said") and who, as a group (never a private person's name)
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull().defaultTo(''))
    // what the agency did about it ("we did"), or why it cannot
    .addColumn('response_status', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('participation_proposal_position', ['activity_id', 'sort_order'])
    .execute();

  await withId(db, db.schema.createTable('participation_comment'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('activity_id', 'integer', (c) => fk('participation_activity', 'cascade')(c.notNull()))
    // '' when the person chose not to give a name (shown as anonymous); no address, no device, no contact
    .addColumn('author_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    // pending until a moderator approves it (shown) or hides it (with a reason)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('moderation_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('moderated_by', 'integer', fk('app_user', 'set null'))
    .addColumn('moderated_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participation_comment_by_status').on('participation_comment').columns(['agency_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('participation_comment_by_activity').on('participation_comment').columns(['activity_id', 'status', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
