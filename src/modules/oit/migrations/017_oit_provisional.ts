// A catalogue year may be provisional: started by copying another year because NACC's list for it is not out yet.
// Staff pages say so until an admin confirms the year (who and when are kept). Existing years are confirmed as they are.
import type { Kysely } from 'kysely';
import { boolDefault, boolType, fk, tsType } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('oit_year').addColumn('is_provisional', boolType(db), boolDefault(db, false)).execute();
  await db.schema.alterTable('oit_year').addColumn('confirmed_by', 'integer', fk('app_user', 'set null')).execute();
  await db.schema.alterTable('oit_year').addColumn('confirmed_at', tsType(db)).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
