import type { Kysely } from 'kysely';
import { boolDefault, boolType, dayType, fk, tsType, withId } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  await withId(db, db.schema.createTable('content'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title_th', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_format', 'text', (c) => c.notNull().defaultTo('markdown'))
    .addColumn('body_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fiscal_year', 'integer')
    .addColumn('period', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_signoff_required', boolType(db), boolDefault(db, false))
    .addColumn('signoff_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signoff_position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signoff_date', dayType(db))
    .addColumn('publish_at', ts)
    .addColumn('published_at', ts)
    .addColumn('submitted_by', 'integer', fk('app_user', 'set null'))
    .addColumn('submitted_at', ts)
    .addColumn('approved_by', 'integer', fk('app_user', 'set null'))
    .addColumn('approved_at', ts)
    .addColumn('review_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cover_file_id', 'integer', fk('file', 'set null'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'integer', fk('app_user', 'set null'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('content_slug', ['agency_id', 'kind', 'slug'])
    .execute();
  await db.schema.createIndex('content_list').on('content').columns(['agency_id', 'kind', 'status', 'published_at']).execute();

  await withId(db, db.schema.createTable('content_revision'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('content_id', 'integer', (c) => fk('content', 'cascade')(c.notNull()))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'integer', fk('app_user', 'set null'))
    .addColumn('changed_at', ts, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('content_revision_content').on('content_revision').columns(['content_id', 'revision']).execute();

  await withId(db, db.schema.createTable('content_attachment'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('content_id', 'integer', (c) => fk('content', 'cascade')(c.notNull()))
    .addColumn('file_id', 'integer', (c) => fk('file', 'restrict')(c.notNull()))
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('content_attachment_content').on('content_attachment').column('content_id').execute();

  await withId(db, db.schema.createTable('slug_redirect'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('old_slug', 'text', (c) => c.notNull())
    .addColumn('content_id', 'integer', (c) => fk('content', 'cascade')(c.notNull()))
    .addUniqueConstraint('slug_redirect_old', ['agency_id', 'kind', 'old_slug'])
    .execute();

  await withId(db, db.schema.createTable('staff_notice'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_id', 'integer', fk('content', 'set null'))
    .addColumn('fiscal_year', 'integer')
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema.createTable('staff_notice_ack')
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('notice_id', 'integer', (c) => fk('staff_notice', 'cascade')(c.notNull()))
    .addColumn('user_id', 'integer', (c) => fk('app_user', 'cascade')(c.notNull()))
    .addColumn('at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_notice_ack_pk', ['notice_id', 'user_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
