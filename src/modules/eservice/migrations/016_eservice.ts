// E-Service: one definition per service (manual texts, steps with their declared time, the request form as data),
// requests with their own copy of the steps (declared against actual time), history, ratings, Open311 API keys.
import type { Kysely } from 'kysely';
import { boolDefault, boolType, fk, tsType, withId } from '../../../platform/db/ddl.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = tsType(db);
  await withId(db, db.schema.createTable('eservice_service'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    // the address (/e-service/{slug}) and the Open311 service_code
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_published', boolType(db), boolDefault(db, true))
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('group_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('group_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
    // the citizen's manual (คู่มือสำหรับประชาชน): every heading the Licensing Facilitation Act asks for
    .addColumn('legal_basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('division_id', 'integer', fk('division', 'set null'))
    .addColumn('channels', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    // one per line; empty means "none" and the manual says so
    .addColumn('documents', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fees', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('complaint_channel', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sample_forms', 'text', (c) => c.notNull().defaultTo(''))
    // the place of a request (address, coordinates, photo link) is public in Open311 (a pothole, not a home)
    .addColumn('is_location_public', boolType(db), boolDefault(db, false))
    .addColumn('updated_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('eservice_service_slug', ['agency_id', 'slug'])
    .execute();

  await withId(db, db.schema.createTable('eservice_step'))
    .addColumn('service_id', 'integer', (c) => fk('eservice_service', 'cascade')(c.notNull()))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('detail_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('duration', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('division_id', 'integer', fk('division', 'set null'))
    .addUniqueConstraint('eservice_step_position', ['service_id', 'position'])
    .execute();

  await withId(db, db.schema.createTable('eservice_field'))
    .addColumn('service_id', 'integer', (c) => fk('eservice_service', 'cascade')(c.notNull()))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('field_key', 'text', (c) => c.notNull())
    .addColumn('label_th', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hint_th', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('is_required', boolType(db), boolDefault(db, false))
    // choices: [{ "key": "…", "th": "…", "en": "…" }]
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    // what is typed here may be shown publicly (Open311 description or address), never a person's data
    .addColumn('is_public', boolType(db), boolDefault(db, false))
    .addUniqueConstraint('eservice_field_key', ['service_id', 'field_key'])
    .execute();

  // keys of the systems that post requests through Open311
  await withId(db, db.schema.createTable('eservice_api_key'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('name', 'text', (c) => c.notNull())
    // SHA-256 of the key (a random 32-byte token); the key itself is shown once
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .execute();

  await withId(db, db.schema.createTable('eservice_request'))
    .addColumn('agency_id', 'integer', (c) => fk('agency', 'cascade')(c.notNull()))
    .addColumn('service_id', 'integer', (c) => fk('eservice_service', 'restrict')(c.notNull()))
    // the request number ('2570-0012'): for the requester and staff; never the tracking code, never in a public address
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    // the request's public id (Open311's service_request_id): random, so no sequence shows in a public address
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    // HMAC of the tracking code (the lookup) and the code encrypted under SECRET_KEY (for the requester's mails)
    .addColumn('tracking_lookup', 'text', (c) => c.notNull().unique())
    .addColumn('tracking_enc', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_step', 'integer', (c) => c.notNull().defaultTo(0))
    // the unit whose queue holds it now (the current step's, or the service's)
    .addColumn('division_id', 'integer', fk('division', 'set null'))
    // the requester: only what the service needs to reach them
    .addColumn('requester_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requester_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requester_phone', 'text', (c) => c.notNull().defaultTo(''))
    // the form as answered: [{ key, label, kind, value, file? }]
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lat', 'text')
    .addColumn('lng', 'text')
    .addColumn('media_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('api_key_id', 'integer', fk('eservice_api_key', 'set null'))
    .addColumn('created_by', 'integer', fk('app_user', 'set null'))
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('accepted_at', ts)
    .addColumn('info_requested_at', ts)
    .addColumn('closed_at', ts)
    // expected: received + the declared time of every step (+ the time spent waiting for the requester)
    .addColumn('due_at', ts, (c) => c.notNull())
    // the current step's time runs out here (null while waiting for the requester or closed)
    .addColumn('step_due_at', ts)
    .addColumn('paused_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rated_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('eservice_request_number', ['agency_id', 'fiscal_year', 'seq'])
    .execute();
  await db.schema.createIndex('eservice_request_by_status').on('eservice_request').columns(['agency_id', 'status']).execute();
  await db.schema.createIndex('eservice_request_by_received').on('eservice_request').columns(['agency_id', 'received_at']).execute();
  await db.schema.createIndex('eservice_request_by_service').on('eservice_request').columns(['service_id', 'received_at']).execute();

  // each request's own copy of the steps as declared when it arrived, with the time each actually took
  await withId(db, db.schema.createTable('eservice_request_step'))
    .addColumn('request_id', 'integer', (c) => fk('eservice_request', 'cascade')(c.notNull()))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('declared_minutes', 'integer', (c) => c.notNull())
    .addColumn('division_id', 'integer', fk('division', 'set null'))
    .addColumn('started_at', ts)
    .addColumn('finished_at', ts)
    // time the step waited for the requester's answer: not counted against the agency
    .addColumn('paused_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('eservice_request_step_position', ['request_id', 'position'])
    .execute();

  // the history the requester sees on the tracking page (notes are written to them)
  await withId(db, db.schema.createTable('eservice_event'))
    .addColumn('request_id', 'integer', (c) => fk('eservice_request', 'cascade')(c.notNull()))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'integer', fk('app_user', 'set null'))
    .addColumn('file_id', 'integer', fk('file', 'set null'))
    .execute();
  await db.schema.createIndex('eservice_event_request').on('eservice_event').column('request_id').execute();

  // overdue alerts already sent: one per request and step
  await db.schema.createTable('eservice_alert')
    .addColumn('request_id', 'integer', (c) => fk('eservice_request', 'cascade')(c.notNull()))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('eservice_alert_pk', ['request_id', 'position'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only; restore a backup to go back');
}
