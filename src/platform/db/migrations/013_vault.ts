// The key vault: a key pair per person who reads sealed data (complaints), the private key wrapped with a key derived
// from their password; the unwrapped key lives only under a key held in their browser's cookie for the session.
// An agency's recovery public key (its private key is kept offline) can always reopen what was sealed to it.
import type { Kysely } from 'kysely';
import { fk, tsType } from '../ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  await db.schema.createTable('user_key')
    .addColumn('user_id', 'integer', (c) => fk('app_user', 'cascade')(c.primaryKey()))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('public_key', 'text', (c) => c.notNull())
    // HMAC of the public key under a key from SECRET_KEY: a key swapped in by someone who can write to the database
    // (without SECRET_KEY) is not used to seal anything
    .addColumn('key_mac', 'text', (c) => c.notNull())
    .addColumn('wrapped_private', 'text', (c) => c.notNull())
    .addColumn('kdf_salt', 'text', (c) => c.notNull())
    .addColumn('kdf_ops', 'integer', (c) => c.notNull())
    .addColumn('kdf_mem', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createTable('session_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => fk('app_user', 'cascade')(c.notNull()))
    .addColumn('wrapped_private', 'text', (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_key_user').on('session_key').column('user_id').execute();
  await db.schema.createTable('recovery_key')
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.primaryKey()))
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('key_mac', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
