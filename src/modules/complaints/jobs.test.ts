// Background work of complaints: mails to officers that say nothing about the case (real SMTP), overdue alerts
// once a day, and the end of retention, after which nothing of what was written remains but the statistics count —
// on SQLite not even in the database file's free space or its log; on PostgreSQL the tables are vacuumed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { startSmtp } from '../../../test/support/smtp.ts';
import { corruptionCase, submit } from '../../../test/support/complaints.ts';
import { purgeExpired, sendOverdueAlerts } from './jobs.ts';
import { yearStats } from './stats.ts';
import { sql } from '../../platform/db/index.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

for (const target of await dbTargets()) {
  describe(`complaint jobs on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      smtp = await startSmtp();
      t = await startApp(target, { env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } });
      await t.p.db.k.updateTable('app_user').set({ email: 'officer@kalasin-pao.example' }).where('username', '=', 'complaint').execute();
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('a new case and overdue cases are announced without a word of their content, overdue ones once a day', async () => {
      const before = smtp.messages.length;
      const { receipt } = await submit(t.agent(), 'corruption', { ...corruptionCase, subject: 'ทุจริตงบซ่อมถนนสายลำปาว' });
      assert.ok(receipt);
      const fresh = smtp.messages.slice(before);
      assert.equal(fresh.length, 1, 'one mail to the one complaint officer');
      assert.deepEqual(fresh[0]!.to, ['officer@kalasin-pao.example']);
      const decoded = Buffer.from(fresh[0]!.raw.replace(/\r?\n/g, ''), 'utf8').toString();
      assert.doesNotMatch(decoded, /ลำปาว|%E0%B8|ทุจริตงบ/, 'no content, in any encoding we can read');
      assert.doesNotMatch(fresh[0]!.raw, /2570-\d{4}|corruption/i, 'not even the case number or lane');

      const c = await t.p.db.k.selectFrom('complaint').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      await t.p.db.k.updateTable('complaint').set({ ack_due: new Date(Date.now() - 3600_000).toISOString() }).where('id', '=', c.id).execute();
      const n1 = smtp.messages.length;
      assert.equal(await sendOverdueAlerts(t.p), 1);
      const alert = smtp.messages.slice(n1);
      assert.equal(alert.length, 1);
      assert.match(alert[0]!.raw, /Cases past their deadline|=?UTF-8/);
      assert.equal(await sendOverdueAlerts(t.p), 0, 'the same day, nothing again');
      assert.equal(smtp.messages.length, n1 + 1);
    });

    test('at the end of retention a closed case keeps only what statistics count', async () => {
      const a = t.agent();
      a.ip = '10.9.0.1';
      const { receipt } = await submit(a, 'corruption', corruptionCase, { file1: { name: 'หลักฐาน.pdf', data: PDF, type: 'application/pdf' } });
      assert.ok(receipt);
      const c = await t.p.db.k.selectFrom('complaint').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      const storage = await t.p.db.k.selectFrom('complaint_file').innerJoin('file', 'file.id', 'complaint_file.file_id').select('file.storage_key').where('complaint_file.complaint_id', '=', c.id).executeTakeFirstOrThrow();
      const stored = path.join(t.config.dataDir, 'files', storage.storage_key);
      assert.ok(fs.existsSync(stored));
      const counted = (await yearStats(t.p.db, c.agency_id, c.fiscal_year)).total;
      const longAgo = new Date(Date.now() - (t.p.config.complaints.retentionDays + 1) * 86_400_000).toISOString();
      await t.p.db.k.updateTable('complaint').set({ status: 'closed', closed_at: longAgo, concluded_at: longAgo }).where('id', '=', c.id).execute();
      // the start of each sealed value of the case: its content, its receipt's and officers' key copies, its file's name
      const sealed = [
        c.content_sealed!, c.receipt_wrap,
        ...(await t.p.db.k.selectFrom('complaint_key').select('sealed_key').where('complaint_id', '=', c.id).execute()).map((k) => k.sealed_key),
        ...(await t.p.db.k.selectFrom('complaint_file').select('meta_sealed').where('complaint_id', '=', c.id).execute()).map((f) => f.meta_sealed),
      ].map((v) => Buffer.from(v.slice(0, 32)));
      assert.ok(sealed.length >= 4);
      const onDisk = (b: Buffer) => [t.p.db.sqlite?.file, `${t.p.db.sqlite?.file}-wal`].some((f) => f && fs.existsSync(f) && fs.readFileSync(f).includes(b));
      if (target.name === 'sqlite') assert.deepEqual(sealed.map(onDisk), sealed.map(() => true), 'found in the database file or its log before');
      const vacuums = async () => target.name === 'postgres' ? Number((await sql<{ n: number }>`SELECT coalesce(sum(vacuum_count), 0) AS n FROM pg_stat_user_tables WHERE relname IN ('complaint', 'complaint_key')`.execute(t.p.db.k)).rows[0]!.n) : 0;
      const vacuumed = await vacuums();

      assert.ok((await purgeExpired(t.p)) >= 1);
      if (target.name === 'sqlite') assert.deepEqual(sealed.map(onDisk), sealed.map(() => false), 'not a byte of them left in the database file or its log (secure_delete, log truncated)');
      else assert.ok((await vacuums()) >= vacuumed + 2, 'the tables were vacuumed after the deletion');
      const after = await t.p.db.k.selectFrom('complaint').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.equal(after.content_sealed, null);
      assert.equal(after.identity_sealed, null);
      assert.ok(after.purged_at);
      assert.equal((await t.p.db.k.selectFrom('complaint_message').select('id').where('complaint_id', '=', c.id).execute()).length, 0);
      assert.equal((await t.p.db.k.selectFrom('complaint_key').select('id').where('complaint_id', '=', c.id).execute()).length, 0);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(fs.existsSync(stored), false, 'the file is gone from disk');
      assert.equal((await yearStats(t.p.db, c.agency_id, c.fiscal_year)).total, counted, 'still counted');
      const f = t.agent();
      f.ip = '10.9.0.2';
      await f.get('/complaints/follow');
      const r = await f.post('/complaints/follow', { receipt });
      assert.equal(r.status, 422, 'the receipt opens nothing any more');
      assert.equal(await purgeExpired(t.p), 0, 'done once');
    });
  });
}
