// Complaints: what a case is about (lane, category, channel, status, dates) is plain for handling and statistics;
// what was written, by whom, and the files are sealed under a key of the case (see ../crypto.ts).
import type { Kysely } from 'kysely';
import { boolDefault, boolType, fk, tsType, withId } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  await withId(db, db.schema.createTable('complaint'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    // a case number for staff and statistics ('2570-0007'); never the receipt
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('lane', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('forwarded_to', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_identified', boolType(db), boolDefault(db, false))
    // HMAC of the receipt's first digits (the lookup; not unique) and the case key sealed under a key derived from all of it
    .addColumn('receipt_lookup', 'text', (c) => c.notNull())
    .addColumn('receipt_salt', 'text', (c) => c.notNull())
    .addColumn('receipt_wrap', 'text', (c) => c.notNull())
    .addColumn('content_sealed', 'text')
    .addColumn('identity_sealed', 'text')
    .addColumn('assigned_user_id', 'integer', fk('app_user', 'set null'))
    .addColumn('assigned_division_id', 'integer', fk('division', 'set null'))
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('ack_due', ts, (c) => c.notNull())
    .addColumn('conclude_due', ts, (c) => c.notNull())
    .addColumn('acknowledged_at', ts)
    .addColumn('concluded_at', ts)
    .addColumn('closed_at', ts)
    .addColumn('purged_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('complaint_number', ['agency_id', 'fiscal_year', 'seq'])
    .execute();
  await db.schema.createIndex('complaint_by_status').on('complaint').columns(['agency_id', 'status']).execute();
  await db.schema.createIndex('complaint_by_received').on('complaint').columns(['agency_id', 'received_at']).execute();
  await db.schema.createIndex('complaint_by_receipt').on('complaint').column('receipt_lookup').execute();

  // the case key, sealed to each officer who may read the case and to the agency's recovery key (user_id null)
  await withId(db, db.schema.createTable('complaint_key'))
    .addColumn('complaint_id', 'integer', (c) => fk('complaint', 'cascade')(c.notNull()))
    .addColumn('user_id', 'integer', fk('app_user', 'cascade'))
    .addColumn('sealed_key', 'text', (c) => c.notNull())
    // which public key it was sealed to: a holder whose key pair was renewed needs a new copy
    .addColumn('key_fp', 'text', (c) => c.notNull())
    .addUniqueConstraint('complaint_key_holder', ['complaint_id', 'user_id'])
    .execute();

  // officers approved to receive case keys: holding the role is not enough (an administrator can give the role, even
  // to themselves); an approved reader, or the server's command line, approves each one
  await db.schema.createTable('complaint_reader')
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('user_id', 'integer', (c) => fk('app_user', 'cascade')(c.notNull()))
    .addColumn('approved_by', 'integer', fk('app_user', 'set null'))
    .addColumn('approved_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_reader_pk', ['agency_id', 'user_id'])
    .execute();

  // staff who must not see a case (a conflict of interest)
  await db.schema.createTable('complaint_exclusion')
    .addColumn('complaint_id', 'integer', (c) => fk('complaint', 'cascade')(c.notNull()))
    .addColumn('user_id', 'integer', (c) => fk('app_user', 'cascade')(c.notNull()))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_exclusion_pk', ['complaint_id', 'user_id'])
    .execute();

  // the conversation: the complainant's and officers' messages, and officers' internal notes
  await withId(db, db.schema.createTable('complaint_message'))
    .addColumn('complaint_id', 'integer', (c) => fk('complaint', 'cascade')(c.notNull()))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', fk('app_user', 'set null'))
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_message_case').on('complaint_message').column('complaint_id').execute();

  await withId(db, db.schema.createTable('complaint_file'))
    .addColumn('complaint_id', 'integer', (c) => fk('complaint', 'cascade')(c.notNull()))
    .addColumn('message_id', 'integer', fk('complaint_message', 'set null'))
    .addColumn('file_id', 'integer', (c) => fk('file', 'cascade')(c.notNull()))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('meta_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  // status history, plain: what the complainant's timeline and the statistics read
  await withId(db, db.schema.createTable('complaint_status'))
    .addColumn('complaint_id', 'integer', (c) => fk('complaint', 'cascade')(c.notNull()))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .execute();

  // a complainant's follow-up visit: the case key under a key only their browser holds, for half an hour
  await db.schema.createTable('complaint_visit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'integer', (c) => fk('complaint', 'cascade')(c.notNull()))
    .addColumn('sealed_key', 'text', (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute();

  // the alerts already sent (one per case, kind and day)
  await db.schema.createTable('complaint_alert')
    .addColumn('complaint_id', 'integer', (c) => fk('complaint', 'cascade')(c.notNull()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_alert_pk', ['complaint_id', 'kind', 'day'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
