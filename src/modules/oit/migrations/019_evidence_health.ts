// Evidence that stays alive: the last health check of every binding and item, the alerts a change raised, the daily
// run's claim, the agency's manifest signing key, and frozen answer sheets with what each piece of evidence was.
import type { Kysely } from 'kysely';
import { boolDefault, boolType, dayType, fk, tsType, withId } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  // the last check of one binding: what was wrong (JSON reasons), the link check's verdict, the hashes seen
  await withId(db, db.schema.createTable('oit_health'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('item_id', 'integer', (c) => fk('oit_item', 'cascade')(c.notNull()))
    .addColumn('binding_id', 'integer', (c) => fk('oit_binding', 'cascade')(c.notNull()))
    .addColumn('is_ok', boolType(db), boolDefault(db, true))
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('link_kind', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('http_status', 'integer')
    .addColumn('content_sha256', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('files', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('checked_at', ts, (c) => c.notNull())
    .addUniqueConstraint('oit_health_binding', ['binding_id'])
    .execute();
  await db.schema.createIndex('oit_health_by_item').on('oit_health').column('item_id').execute();

  // the last state of one item; `fingerprint` changes when its status or any of its problems does
  await withId(db, db.schema.createTable('oit_health_item'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('item_id', 'integer', (c) => fk('oit_item', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('is_flagged', boolType(db), boolDefault(db, false))
    // the problems it was flagged for (JSON ids), until each is put right
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('checked_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .addUniqueConstraint('oit_health_item_unique', ['item_id'])
    .execute();
  await db.schema.createIndex('oit_health_item_year').on('oit_health_item').columns(['agency_id', 'year']).execute();

  await withId(db, db.schema.createTable('oit_health_alert'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('item_id', 'integer', (c) => fk('oit_item', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status_from', 'text', (c) => c.notNull())
    .addColumn('status_to', 'text', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_worse', boolType(db), boolDefault(db, true))
    .addColumn('mailed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oit_health_alert_agency').on('oit_health_alert').columns(['agency_id', 'created_at']).execute();

  // the daily check runs once a day per agency, whichever process claims it
  await db.schema.createTable('oit_health_run')
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('day', dayType(db), (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('oit_health_run_pk', ['agency_id', 'day'])
    .execute();

  // the agency's Ed25519 key for manifests: the private key sealed with the installation's secret key. key_id and
  // public_key are a record for operators only: the key published and trusted is derived from the sealed private key
  await db.schema.createTable('oit_signing_key')
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull().primaryKey()))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('oit_freeze'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('frozen_by', 'integer', fk('app_user', 'set null'))
    .addColumn('frozen_at', ts, (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    // the exact bytes signed (canonical JSON) and the signature over them (base64)
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addUniqueConstraint('oit_freeze_year', ['agency_id', 'year'])
    .execute();

  await withId(db, db.schema.createTable('oit_freeze_entry'))
    .addColumn('freeze_id', 'integer', (c) => fk('oit_freeze', 'cascade')(c.notNull()))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('item_id', 'integer', fk('oit_item', 'set null'))
    .addColumn('binding_id', 'integer', fk('oit_binding', 'set null'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oit_freeze_entry_freeze').on('oit_freeze_entry').column('freeze_id').execute();
  await db.schema.createIndex('oit_freeze_entry_binding').on('oit_freeze_entry').column('binding_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
