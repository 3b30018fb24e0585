import { sql, type Kysely } from 'kysely';
import { boolDefault, boolType, fk, isSqlite, tsType, withId } from '../ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  const bool = boolType(db);

  await withId(db, db.schema.createTable('agency'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('hostname', 'text', (c) => c.unique())
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('district_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('province_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('province_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fax', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('office_hours_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('office_hours_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('map_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('app_user'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_disabled', bool, boolDefault(db, false))
    .addColumn('is_demo', bool, boolDefault(db, false))
    .addColumn('must_change_password', bool, boolDefault(db, false))
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_pending_enc', 'text')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('is_totp_enabled', bool, boolDefault(db, false))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('last_login_at', ts)
    .addColumn('password_changed_at', ts)
    .addUniqueConstraint('app_user_agency_username', ['agency_id', 'username'])
    .execute();

  await db.schema.createTable('user_role')
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('user_id', 'integer', (c) => fk('app_user', 'cascade')(c.notNull()))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role'])
    .execute();

  await withId(db, db.schema.createTable('recovery_code'))
    .addColumn('user_id', 'integer', (c) => fk('app_user', 'cascade')(c.notNull()))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute();
  await db.schema.createIndex('recovery_code_user').on('recovery_code').column('user_id').execute();

  await db.schema.createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('user_id', 'integer', (c) => fk('app_user', 'cascade')(c.notNull()))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user').on('session').column('user_id').execute();

  await withId(db, db.schema.createTable('login_attempt'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('is_success', bool, boolDefault(db, false))
    .execute();
  await db.schema.createIndex('login_attempt_key_at').on('login_attempt').columns(['key_hash', 'at']).execute();

  await withId(db, db.schema.createTable('audit_event'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_event_agency_at').on('audit_event').columns(['agency_id', 'at']).execute();

  await db.schema.createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_event_id', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('file'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('is_public', bool, boolDefault(db, false))
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('search_doc'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer')
    .addColumn('published_at', ts)
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('search_doc_ref', ['agency_id', 'kind', 'ref_id', 'lang'])
    .execute();
  if (isSqlite(db)) {
    // external-content trigram index, kept in sync by triggers on insert, update and delete
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(search_text, content='search_doc', content_rowid='id', tokenize='trigram')`.execute(db);
    await sql`CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
      INSERT INTO search_fts(rowid, search_text) VALUES (new.id, new.search_text); END`.execute(db);
    await sql`CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
      INSERT INTO search_fts(search_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END`.execute(db);
    await sql`CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
      INSERT INTO search_fts(search_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
      INSERT INTO search_fts(rowid, search_text) VALUES (new.id, new.search_text); END`.execute(db);
  } else {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX search_doc_trgm ON search_doc USING gin (search_text gin_trgm_ops)`.execute(db);
  }
  await db.schema.createIndex('search_doc_agency_pub').on('search_doc').columns(['agency_id', 'published_at']).execute();

  await db.schema.createTable('setting')
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('setting_pk', ['agency_id', 'key'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
