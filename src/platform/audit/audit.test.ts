import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { tx } from '../db/index.ts';
import { listAudit, recordAudit, verifyAudit } from './index.ts';

function cli(t: TestApp, ...args: string[]) {
  const env = { ...process.env, DATA_DIR: t.config.dataDir, DATABASE_URL: t.config.databaseUrl ?? '', LOG_LEVEL: 'silent' };
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env, encoding: 'utf8' });
}

for (const target of await dbTargets()) {
  describe(`audit log on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let agencyId: number;
    before(async () => {
      t = await startApp(target);
      agencyId = (await t.p.db.k.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;
      for (let i = 1; i <= 5; i++) {
        await tx(t.p.db, (x) => recordAudit(x, { agencyId, actor: { id: null, label: 'tester' }, action: 'test.event', targetType: 'thing', targetId: i, summary: `เหตุการณ์ที่ ${i}` }));
      }
    });
    after(() => t.close());

    test('the chain verifies, through the service and the command line', async () => {
      const r = await verifyAudit(t.p.db);
      assert.equal(r.ok, true);
      assert.ok(r.checked >= 6); // the demo seed plus five
      const run = cli(t, 'audit', 'verify');
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /audit log OK/);
    });

    test('events can be filtered by action and actor', async () => {
      const { total, rows } = await listAudit(t.p.db, { agencyId, action: 'test.', actor: 'tester', limit: 2, offset: 0 });
      assert.equal(total, 5);
      assert.equal(rows.length, 2);
      assert.equal(rows[0]!.summary, 'เหตุการณ์ที่ 5');
    });

    test('an edited row is found, named, and the command exits non-zero', async () => {
      const victim = await t.p.db.k.selectFrom('audit_event').select('id').where('summary', '=', 'เหตุการณ์ที่ 3').executeTakeFirstOrThrow();
      await t.p.db.k.updateTable('audit_event').set({ summary: 'แก้ไขแล้ว' }).where('id', '=', victim.id).execute();
      const r = await verifyAudit(t.p.db);
      assert.equal(r.ok, false);
      assert.equal(r.firstBad!.id, victim.id);
      assert.match(r.firstBad!.reason, /edited/);
      const run = cli(t, 'audit', 'verify');
      assert.equal(run.status, 1);
      assert.match(run.stderr, new RegExp(`event ${victim.id}\\b`));
      await t.p.db.k.updateTable('audit_event').set({ summary: 'เหตุการณ์ที่ 3' }).where('id', '=', victim.id).execute();
      assert.equal((await verifyAudit(t.p.db)).ok, true);
    });

    test('a deleted row in the middle or at the end is found', async () => {
      const rows = await t.p.db.k.selectFrom('audit_event').selectAll().orderBy('id').execute();
      const middle = rows[2]!;
      await t.p.db.k.deleteFrom('audit_event').where('id', '=', middle.id).execute();
      let r = await verifyAudit(t.p.db);
      assert.equal(r.ok, false);
      assert.equal(r.firstBad!.id, middle.id + 1);
      await t.p.db.k.insertInto('audit_event').values(middle).execute();
      assert.equal((await verifyAudit(t.p.db)).ok, true);
      const last = rows[rows.length - 1]!;
      await t.p.db.k.deleteFrom('audit_event').where('id', '=', last.id).execute();
      r = await verifyAudit(t.p.db);
      assert.equal(r.ok, false);
      assert.equal(r.firstBad!.id, last.id);
      assert.match(r.firstBad!.reason, /deleted or edited/);
      await t.p.db.k.insertInto('audit_event').values(last).execute();
      assert.equal((await verifyAudit(t.p.db)).ok, true);
    });

    test('concurrent writers extend one unbroken chain', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => tx(t.p.db, (x) => recordAudit(x, { agencyId, actor: { id: null, label: 'w' }, action: 'test.concurrent', targetType: 'thing', targetId: i, summary: 'x' }))));
      const r = await verifyAudit(t.p.db);
      assert.equal(r.ok, true, r.firstBad?.reason);
      const n = await t.p.db.k.selectFrom('audit_event').select(sql<number>`count(*)`.as('n')).where('action', '=', 'test.concurrent').executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 20);
    });
  });
}
