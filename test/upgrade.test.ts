// A database made by an earlier build (commit a19997d, before the security and module-contract work) is brought up
// to date without loss, on both databases: every row kept, the audit chain verified and keyed, files given owners,
// the site served and the demo accounts still able to sign in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { createPgDatabase, dbTargets } from './support/db.ts';
import { Agent } from './support/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Platform } from '../src/platform/platform.ts';
import { buildApp, createLogger, createPlatform, migrate } from '../src/server.ts';
import { verifyAudit } from '../src/platform/audit/index.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const PASSWORD = 'legacy-demo-password-2569';
// tables of the old build whose rows must all still be there (login_attempt was replaced by throttle)
const KEPT = ['agency', 'app_user', 'user_role', 'audit_event', 'file', 'search_doc', 'division', 'executive', 'channel', 'content', 'content_revision', 'content_attachment', 'staff_notice', 'staff_notice_ack', 'oit_year', 'oit_item', 'oit_binding', 'oit_tick', 'ita_result', 'integrity_issue', 'integrity_recommendation', 'integrity_measure', 'integrity_milestone', 'integrity_outcome', 'integrity_evidence', 'integrity_report', 'integrity_risk', 'integrity_project', 'ethics_activity'];

async function counts(p: Platform): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of KEPT) out[t] = Number((await p.db.k.selectFrom(t as 'agency').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

for (const target of await dbTargets()) {
  describe(`upgrading a database made by commit a19997d, on ${target.name}`, { skip: target.skip }, () => {
    let p: Platform;
    let app: FastifyInstance;
    let dataDir: string;
    let drop = async () => {};
    let before_: Record<string, number>;
    let titles: string[];
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-upgrade-'));
      let databaseUrl: string | undefined;
      if (target.name === 'sqlite') {
        fs.writeFileSync(path.join(dataDir, 'prongsai.sqlite'), zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, 'legacy-a19997d.sqlite.gz'))));
      } else {
        const pg = await createPgDatabase();
        databaseUrl = pg.url;
        drop = pg.drop;
        const sqlFile = path.join(dataDir, 'legacy.sql');
        fs.writeFileSync(sqlFile, zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, 'legacy-a19997d-postgres.sql.gz'))));
        execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-f', sqlFile, pg.url], { stdio: ['ignore', 'ignore', 'pipe'] });
      }
      const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3000', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
      p = await createPlatform(config, createLogger(config));
      before_ = await counts(p);
      titles = (await p.db.k.selectFrom('content').select('title_th').orderBy('id').execute()).map((r) => r.title_th);
      const applied = await migrate(p);
      assert.ok(applied.includes('010_content_review'), `the new migrations ran: ${applied.join(', ')}`);
      app = await buildApp(p);
    });
    after(async () => {
      await app?.close();
      await p?.db.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test('every row is kept and the content is unchanged', async () => {
      assert.ok(before_.content! >= 40 && before_.audit_event! >= 80, `the fixture holds the demo agency (${before_.content} items, ${before_.audit_event} events)`);
      assert.deepEqual(await counts(p), before_);
      assert.deepEqual((await p.db.k.selectFrom('content').select('title_th').orderBy('id').execute()).map((r) => r.title_th), titles);
    });

    test('the audit chain was verified and keyed, and new events extend it', async () => {
      const r = await verifyAudit(p.db);
      assert.equal(r.ok, true, r.firstBad?.reason);
      assert.equal(r.checked, before_.audit_event);
      const a = new Agent(app);
      assert.equal((await a.login('admin', PASSWORD)).status, 303, 'the demo accounts still sign in');
      assert.equal((await verifyAudit(p.db)).ok, true);
    });

    test('files got their owners, and the site is served', async () => {
      const unowned = await p.db.k.selectFrom('file').select('id').where('owner', 'is', null).execute();
      assert.deepEqual(unowned, [], 'every file of the demo has an owner');
      const a = new Agent(app);
      for (const url of ['/', '/documents', '/news', '/oit/2567', '/oit/2567/O1', '/integrity/2567', '/open-data', '/sitemap.xml', '/feed.xml', '/search?q=งบประมาณ']) {
        assert.equal((await a.get(url)).status, 200, url);
      }
      await a.login('publisher', PASSWORD);
      assert.equal((await a.get('/staff/content')).status, 200);
    });

    test('OIT items made before the English fields have none, and English pages show their Thai marked as Thai', async () => {
      const items = await p.db.k.selectFrom('oit_item').select(['indicator_en', 'group_en', 'requirements_en']).execute();
      assert.ok(items.length > 0);
      assert.deepEqual([...new Set(items.map((i) => `${i.indicator_en}|${i.group_en}|${i.requirements_en}`))], ['||[]']);
      const a = new Agent(app);
      a.cookies.set('lang', 'en');
      assert.match((await a.get('/oit/2567')).body, /<h2 lang="th">9 การเปิดเผยข้อมูล<\/h2>/);
    });
  });
}
