// The OIT catalogue in English too: the indicator, the group and the requirements (same order as the Thai ones).
// Existing items get none ('' and '[]'); pages show the Thai until the catalogue is imported again or edited.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('oit_item').addColumn('indicator_en', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('oit_item').addColumn('group_en', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('oit_item').addColumn('requirements_en', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
