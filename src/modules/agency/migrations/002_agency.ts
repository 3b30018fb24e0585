import type { Kysely } from 'kysely';
import { boolDefault, boolType, dayType, fk, withId } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('division'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('parent_id', 'integer', fk('division', 'set null'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('duties_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('division_agency').on('division').column('agency_id').execute();

  await withId(db, db.schema.createTable('executive'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position_th', 'text', (c) => c.notNull())
    .addColumn('position_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('division_id', 'integer', fk('division', 'set null'))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('portrait_file_id', 'integer', fk('file', 'set null'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_current', boolType(db), boolDefault(db, true))
    .addColumn('term_start', dayType(db))
    .addColumn('term_end', dayType(db))
    .execute();
  await db.schema.createIndex('executive_agency').on('executive').column('agency_id').execute();

  await withId(db, db.schema.createTable('channel'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label_th', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
