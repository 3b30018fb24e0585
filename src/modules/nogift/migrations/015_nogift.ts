// No Gift Policy: the executive's declaration and the culture-building activities of each fiscal year, and the gifts
// staff declare (the giver's name stays internal; the public report shows only the kind of giver).
import type { Kysely } from 'kysely';
import { dayType, fk, tsType, withId } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  const day = dayType(db);
  await withId(db, db.schema.createTable('nogift_year'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    // the declaration (ประกาศเจตนารมณ์); empty until it is signed
    .addColumn('declaration_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('declaration_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signed_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signed_position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signed_on', day)
    // one activity per line
    .addColumn('activities', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'integer', fk('app_user', 'set null'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('nogift_year_once', ['agency_id', 'fiscal_year'])
    .execute();

  await withId(db, db.schema.createTable('gift_declaration'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    // the declarer; the declaration stays in the yearly report if the account goes
    .addColumn('user_id', 'integer', fk('app_user', 'set null'))
    .addColumn('received_on', day, (c) => c.notNull())
    .addColumn('giver_type', 'text', (c) => c.notNull())
    .addColumn('giver_name', 'text', (c) => c.notNull())
    .addColumn('value_satang', 'bigint', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('disposition', 'text', (c) => c.notNull())
    // the Thai fiscal year of received_on (1 October – 30 September, B.E.)
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gift_declaration_by_year').on('gift_declaration').columns(['agency_id', 'fiscal_year', 'received_on']).execute();
  await db.schema.createIndex('gift_declaration_by_user').on('gift_declaration').columns(['agency_id', 'user_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
