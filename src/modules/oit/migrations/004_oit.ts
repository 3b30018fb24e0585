import type { Kysely } from 'kysely';
import { fk, tsType, withId } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  await withId(db, db.schema.createTable('oit_year'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('source_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('oit_year_unique', ['agency_id', 'year'])
    .execute();

  await withId(db, db.schema.createTable('oit_item'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title_th', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('indicator', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('group_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requirements', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('recency', 'text', (c) => c.notNull().defaultTo('any'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('oit_item_code', ['agency_id', 'year', 'code'])
    .execute();

  await withId(db, db.schema.createTable('oit_binding'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('item_id', 'integer', (c) => fk('oit_item', 'cascade')(c.notNull()))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oit_binding_item').on('oit_binding').column('item_id').execute();

  await db.schema.createTable('oit_tick')
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('item_id', 'integer', (c) => fk('oit_item', 'cascade')(c.notNull()))
    .addColumn('requirement_key', 'text', (c) => c.notNull())
    .addColumn('ticked_by', 'integer', fk('app_user', 'set null'))
    .addColumn('ticked_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('oit_tick_pk', ['item_id', 'requirement_key'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
