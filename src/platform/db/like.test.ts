// likeExpr matches alike on both databases: ASCII letters in either case, every other letter (É, é) only as
// itself, Thai as it is. PostgreSQL's ILIKE folded É to é where SQLite's LIKE does not.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { likeEscape, likeExpr, openDb, sql, type Db } from './index.ts';

const VALUES = ['Émile', 'émile', 'EMILE', 'emile', 'Café ÉTÉ', 'ประชาคม', 'ประชุม_สภา'];

for (const target of await dbTargets()) {
  describe(`likeExpr on ${target.name}`, { skip: target.skip }, () => {
    let db: Db;
    let drop: () => Promise<void>;
    before(async () => {
      const c = await target.create();
      drop = c.drop;
      db = await openDb({ databaseUrl: c.databaseUrl, dataDir: c.dataDir });
      await sql`CREATE TABLE like_probe (v text NOT NULL)`.execute(db.k);
      for (const v of VALUES) await sql`INSERT INTO like_probe (v) VALUES (${v})`.execute(db.k);
    });
    after(async () => {
      await db.close();
      await drop();
    });

    const matching = async (pattern: string) => (await sql<{ v: string }>`SELECT v FROM like_probe WHERE ${likeExpr(db, 'v', pattern)}`.execute(db.k)).rows.map((r) => r.v).sort();

    test('ASCII letters match in either case; É and é each match only themselves', async () => {
      assert.deepEqual(await matching('%emile%'), ['EMILE', 'emile'], 'É is not E');
      assert.deepEqual(await matching('%Émile%'), ['Émile'], 'é is not É');
      assert.deepEqual(await matching('%émile%'), ['émile']);
      assert.deepEqual(await matching('%ÉMILE%'), ['Émile'], 'the ASCII part folds, É stays');
      assert.deepEqual(await matching('%été%'), [], 'ÉTÉ is not été');
      assert.deepEqual(await matching('%ÉtÉ%'), ['Café ÉTÉ']);
    });

    test('Thai matches as it is, and likeEscape keeps _ literal', async () => {
      assert.deepEqual(await matching(`%${likeEscape('ชาค')}%`), ['ประชาคม']);
      assert.deepEqual(await matching(`ประช${likeEscape('_')}%`), []);
      assert.deepEqual(await matching(`%${likeEscape('ม_ส')}%`), ['ประชุม_สภา']);
    });
  });
}
