// Security hardening: throttles that count before they check, second-factor failures per pending sign-in,
// a keyed audit chain with a sealed head, and files whose visibility their owner decides when they are served.
import type { Kysely } from 'kysely';
import { tsType } from '../ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  await db.schema.createTable('throttle')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_start', ts, (c) => c.notNull())
    .addColumn('next_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('throttle_updated').on('throttle').column('updated_at').execute();
  await db.schema.dropTable('login_attempt').execute();

  await db.schema.alterTable('session').addColumn('mfa_failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // 0: the chain is still unkeyed SHA-256 (rows made before this version); 1: HMAC-SHA-256 with a key from SECRET_KEY
  await db.schema.alterTable('audit_head').addColumn('key_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('audit_head').addColumn('head_mac', 'text', (c) => c.notNull().defaultTo('')).execute();

  // the module that owns a file decides, when it is served, whether it is public (null: legacy rows, staff only)
  await db.schema.alterTable('file').addColumn('owner', 'text').execute();
  await db.schema.alterTable('file').dropColumn('is_public').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
