import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { likeEscape, likeExpr, openDb, fromJson, isUniqueViolation, sql, toJson, tx, type Db } from './index.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from '../../server.ts';

// likeExpr matches alike on both databases: ASCII letters in either case, every other letter (É, é) only as
// itself, Thai as it is (PostgreSQL's ILIKE folded É to é where SQLite's LIKE does not).
const LIKE_VALUES = ['Émile', 'émile', 'EMILE', 'emile', 'Café ÉTÉ', 'ประชาคม', 'ประชุม_สภา'];

for (const target of await dbTargets()) {
  describe(`storage on ${target.name}`, { skip: target.skip }, () => {
    let db: Db;
    let drop: () => Promise<void>;
    before(async () => {
      const c = await target.create();
      drop = c.drop;
      db = await openDb({ databaseUrl: c.databaseUrl, dataDir: c.dataDir });
      await migrateToLatest(db, migrations);
      await sql`CREATE TABLE like_probe (v text NOT NULL)`.execute(db.k);
      for (const v of LIKE_VALUES) await sql`INSERT INTO like_probe (v) VALUES (${v})`.execute(db.k);
    });
    after(async () => {
      await db.close();
      await drop();
    });

    test('migrations are idempotent', async () => {
      assert.deepEqual(await migrateToLatest(db, migrations), []);
    });

    test('booleans, timestamps, days, counts and JSON read back the same on both databases', async () => {
      const now = '2026-11-26T04:05:06.789Z';
      const a = await db.k
        .insertInto('agency')
        .values({ slug: 'a1', hostname: null, name_th: 'องค์การบริหารส่วนจังหวัดทดสอบ', name_en: '', type_th: '', type_en: '', district_th: '', province_th: '', province_en: '', address_th: '', address_en: '', postcode: '', phone: '', fax: '', email: '', office_hours_th: '', office_hours_en: '', map_url: '', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.equal(typeof a.id, 'number');
      const u = await db.k
        .insertInto('app_user')
        .values({ agency_id: a.id, username: 'x', display_name: 'ทดสอบ', email: '', password_hash: 'h', is_disabled: true, created_at: now, updated_at: now, last_login_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await db.k.selectFrom('app_user').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
      assert.equal(row.is_disabled, true);
      assert.equal(row.is_demo, false);
      assert.equal(row.created_at, now);
      assert.equal(row.last_login_at, null);
      const disabled = await db.k.selectFrom('app_user').select('id').where('is_disabled', '=', true).execute();
      assert.equal(disabled.length, 1);
      const n = await db.k.selectFrom('app_user').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(n.n, 1);
      assert.equal(typeof n.n, 'number');
      await db.k.insertInto('setting').values({ agency_id: a.id, key: 'k', value: toJson({ th: 'ไทย', n: 1 }) }).execute();
      const s = await db.k.selectFrom('setting').select('value').executeTakeFirstOrThrow();
      assert.deepEqual(fromJson(s.value, {}), { th: 'ไทย', n: 1 });
      await db.k.insertInto('executive').values({ agency_id: a.id, side: 'political', name_th: 'ก', name_en: '', position_th: 'ข', position_en: '', phone: '', email: '', sort_order: 0, term_start: '2024-05-01', term_end: null }).execute();
      const e = await db.k.selectFrom('executive').select(['term_start', 'is_current']).executeTakeFirstOrThrow();
      assert.equal(e.term_start, '2024-05-01');
      assert.equal(e.is_current, true);
    });

    test('unique violations are recognised and a failed transaction leaves nothing behind', async () => {
      const agency = await db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      await assert.rejects(
        tx(db, async (t) => {
          await t.k.insertInto('app_user').values({ agency_id: agency.id, username: 'y', display_name: 'y', email: '', password_hash: 'h', created_at: now, updated_at: now }).execute();
          await t.k.insertInto('app_user').values({ agency_id: agency.id, username: 'x', display_name: 'dup', email: '', password_hash: 'h', created_at: now, updated_at: now }).execute();
        }),
        (err) => isUniqueViolation(err),
      );
      const y = await db.k.selectFrom('app_user').select('id').where('username', '=', 'y').execute();
      assert.equal(y.length, 0);
    });

    const matching = async (pattern: string) => (await sql<{ v: string }>`SELECT v FROM like_probe WHERE ${likeExpr(db, 'v', pattern)}`.execute(db.k)).rows.map((r) => r.v).sort();

    test('likeExpr: ASCII letters match in either case; É and é each match only themselves', async () => {
      assert.deepEqual(await matching('%emile%'), ['EMILE', 'emile'], 'É is not E');
      assert.deepEqual(await matching('%Émile%'), ['Émile'], 'é is not É');
      assert.deepEqual(await matching('%émile%'), ['émile']);
      assert.deepEqual(await matching('%ÉMILE%'), ['Émile'], 'the ASCII part folds, É stays');
      assert.deepEqual(await matching('%été%'), [], 'ÉTÉ is not été');
      assert.deepEqual(await matching('%ÉtÉ%'), ['Café ÉTÉ']);
    });

    test('likeExpr: Thai matches as it is, and likeEscape keeps _ literal', async () => {
      assert.deepEqual(await matching(`%${likeEscape('ชาค')}%`), ['ประชาคม']);
      assert.deepEqual(await matching(`ประช${likeEscape('_')}%`), []);
      assert.deepEqual(await matching(`%${likeEscape('ม_ส')}%`), ['ประชุม_สภา']);
    });
  });
}
