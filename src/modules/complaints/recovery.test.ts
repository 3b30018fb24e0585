// Who can read a case after a password reset: nobody until a colleague opens it or the recovery key is used
// (npm run cli -- complaints recover, the key given on standard input).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { root } from '../../../test/support/server.ts';
import { dropKeys } from '../../platform/vault/index.ts';
import { corruptionCase, submit } from '../../../test/support/complaints.ts';
import { DEMO_RECOVERY_FILE } from './demo.ts';

function cli(t: TestApp, input: string, ...args: string[]) {
  const env: Record<string, string> = { ...process.env as Record<string, string>, LOG_LEVEL: 'silent', DATA_DIR: t.config.dataDir, SECRET_KEY: t.p.config.secretKey ?? '' };
  if (t.config.databaseUrl) env.DATABASE_URL = t.config.databaseUrl;
  if (!env.SECRET_KEY) delete env.SECRET_KEY;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: root, env, input, encoding: 'utf8' });
}

for (const target of await dbTargets()) {
  describe(`recovering access to complaints on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('after a reset the officer cannot read the case; the recovery key on standard input gives it back', async () => {
      const { receipt } = await submit(t.agent(), 'corruption', corruptionCase);
      assert.ok(receipt);
      const c = await t.p.db.k.selectFrom('complaint').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      const officer = await t.p.db.k.selectFrom('app_user').select('id').where('username', '=', 'complaint').executeTakeFirstOrThrow();
      await dropKeys(t.p.db, officer.id);
      const a = t.agent();
      await a.login('complaint');
      let page = await a.get(`/staff/complaints/${c.id}`);
      assert.match(textOf(page.body), /ยังเปิดอ่านเนื้อหาเรื่องนี้ไม่ได้/, 'a new key pair opens nothing sealed before it');
      assert.doesNotMatch(textOf(page.body), /ต้องจ่ายเงิน 3,000 บาท/);

      const wrong = cli(t, '00000000-00000000-00000000-00000000-00000000-00000000-00000000-00000000\n', 'complaints', 'recover');
      assert.equal(wrong.status, 1, wrong.stderr);
      assert.match(wrong.stderr, /not the agency's recovery key/);
      const key = fs.readFileSync(path.join(t.config.dataDir, DEMO_RECOVERY_FILE), 'utf8');
      const ok = cli(t, key, 'complaints', 'recover');
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /new copies of their keys/);
      assert.doesNotMatch(ok.stdout + ok.stderr, /[0-9A-F]{8}-[0-9A-F]{8}/, 'the key is not echoed');
      page = await a.get(`/staff/complaints/${c.id}`);
      assert.match(textOf(page.body), /ต้องจ่ายเงิน 3,000 บาท/);
      assert.ok(await t.p.db.k.selectFrom('audit_event').select('id').where('action', '=', 'complaint.recover').executeTakeFirst(), 'using the recovery key is audited');

      const again = cli(t, '', 'recovery-key', 'create');
      assert.equal(again.status, 1, 'a second recovery key is not made by accident');
      assert.match(again.stderr, /already has a recovery key/);
    });

    test('the first reader is approved at the server: only an officer, audited; then recovery gives them every case', async () => {
      const { receipt } = await submit(t.agent(), 'corruption', { ...corruptionCase, subject: 'เรื่องก่อนมีผู้อ่านคนใหม่' });
      assert.ok(receipt);
      const c = await t.p.db.k.selectFrom('complaint').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      const notOfficer = cli(t, '', 'complaints', 'approve-reader', 'publisher');
      assert.equal(notOfficer.status, 1);
      assert.match(notOfficer.stderr, /does not have the complaint officer role/);
      assert.equal(cli(t, '', 'complaints', 'approve-reader', 'nobody-here').status, 1);
      const admin = await t.p.db.k.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
      await t.p.db.k.insertInto('user_role').values({ user_id: admin.id, agency_id: 1, role: 'complaint_officer' }).execute();
      const a = t.agent();
      await a.login('admin'); // makes their key pair
      const ok = cli(t, '', 'complaints', 'approve-reader', 'admin');
      assert.equal(ok.status, 0, ok.stderr);
      const approved = await t.p.db.k.selectFrom('complaint_reader').select(['approved_by']).where('user_id', '=', admin.id).executeTakeFirstOrThrow();
      assert.equal(approved.approved_by, null, 'approved by the command line');
      assert.ok(await t.p.db.k.selectFrom('audit_event').select('id').where('action', '=', 'complaint.reader.approve').where('target_id', '=', String(admin.id)).executeTakeFirst());
      const key = fs.readFileSync(path.join(t.config.dataDir, DEMO_RECOVERY_FILE), 'utf8');
      assert.equal(cli(t, key, 'complaints', 'recover').status, 0);
      assert.match(textOf((await a.get(`/staff/complaints/${c.id}`)).body), /เรื่องก่อนมีผู้อ่านคนใหม่/);
    });
  });
}
