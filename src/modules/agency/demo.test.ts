// The demo agency stores its portraits before the transaction that records them (docs/modules.md, Files): a
// transaction that fails leaves neither rows nor bytes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dbTargets } from '../../../test/support/db.ts';
import { loadConfig } from '../../platform/config.ts';
import { sql } from '../../platform/db/index.ts';
import type { Platform } from '../../platform/platform.ts';
import { createLogger, createPlatform, migrate } from '../../server.ts';
import { seedDemoAgency } from './demo.ts';

function storedFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

for (const target of await dbTargets()) {
  describe(`the demo agency's portraits on ${target.name}`, { skip: target.skip }, () => {
    let p: Platform;
    let drop: () => Promise<void>;
    before(async () => {
      const c = await target.create();
      drop = c.drop;
      const config = loadConfig({ DATA_DIR: c.dataDir, DEMO_PASSWORD: 'demo-password-for-tests', LOG_LEVEL: 'silent', ...(c.databaseUrl ? { DATABASE_URL: c.databaseUrl } : {}) });
      p = await createPlatform(config, createLogger(config));
      await migrate(p);
    });
    after(async () => {
      await p.db.close();
      await drop();
    });

    test('a demo agency whose transaction fails leaves no agency and no portrait bytes; the next try makes both', async () => {
      // the database refuses executives: the transaction fails after the portraits' file rows were written in it
      if (p.db.dialect === 'postgres') {
        await sql.raw(`CREATE FUNCTION refuse_executive() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'executives refused'; END $$ LANGUAGE plpgsql`).execute(p.db.k);
        await sql.raw('CREATE TRIGGER refuse_executive BEFORE INSERT ON executive FOR EACH ROW EXECUTE FUNCTION refuse_executive()').execute(p.db.k);
      } else {
        await sql.raw(`CREATE TRIGGER refuse_executive BEFORE INSERT ON executive BEGIN SELECT RAISE(ABORT, 'executives refused'); END`).execute(p.db.k);
      }
      try {
        await assert.rejects(seedDemoAgency(p), /executives refused/);
      } finally {
        await sql.raw(p.db.dialect === 'postgres' ? 'DROP TRIGGER refuse_executive ON executive' : 'DROP TRIGGER refuse_executive').execute(p.db.k);
      }
      assert.deepEqual(await p.db.k.selectFrom('agency').select('id').execute(), [], 'no agency');
      assert.deepEqual(storedFiles(p.files.root), [], 'the portraits stored before the transaction are removed with it');

      const r = await seedDemoAgency(p);
      assert.ok(r, 'the demo agency is made');
      const rows = await p.db.k.selectFrom('file').select('storage_key').where('owner', '=', 'agency').orderBy('id').execute();
      assert.ok(rows.length > 0, 'the executives have portraits');
      assert.deepEqual(storedFiles(p.files.root).sort(), rows.map((x) => path.join(p.files.root, x.storage_key)).sort(), 'each row has its bytes, and no bytes are without a row');
    });
  });
}
