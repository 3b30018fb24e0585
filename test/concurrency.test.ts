// Checks that are followed by writes, run at the same moment: on PostgreSQL (READ COMMITTED) they raced before rows
// were locked or upserts used; on SQLite they serialize. Each case runs on both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dbTargets } from './support/db.ts';
import { startApp, type TestApp } from './support/app.ts';
import { createUser, loadCurrentUser, updateUser, type CurrentUser } from '../src/platform/auth/users.ts';
import { ValidationError } from '../src/platform/http/errors.ts';
import { likeEscape, likeExpr } from '../src/platform/db/index.ts';
import { memoryPart } from '../src/platform/files/index.ts';
import { importCatalogue, parseCatalogue } from '../src/modules/oit/index.ts';
import { publishReport } from '../src/modules/integrity/index.ts';
import { addOutcome, saveResult } from '../src/modules/integrity/service.ts';
import { addAttachmentToContent } from '../src/modules/publishing/index.ts';
import { clearAttempts, takeAttempt } from '../src/platform/throttle.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

for (const target of await dbTargets()) {
  describe(`concurrent writers on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    const user = async (username: string): Promise<CurrentUser> => {
      const u = await t.p.db.k.selectFrom('app_user').select(['id', 'agency_id']).where('username', '=', username).executeTakeFirstOrThrow();
      return (await loadCurrentUser(t.p.db, u.agency_id, u.id, true))!;
    };
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('two administrators removing each other’s admin role at once: one succeeds, an administrator remains', async () => {
      const admin = await user('admin');
      const created = await createUser(t.p, admin, { username: 'second-admin', displayName: 'ผู้ดูแลระบบคนที่สอง', email: '', roles: ['admin'] });
      const other = (await loadCurrentUser(t.p.db, admin.agencyId, created.id, true))!;
      const results = await Promise.allSettled([
        updateUser(t.p, admin, other.id, { displayName: other.displayName, email: '', roles: ['publisher'], disabled: true }),
        updateUser(t.p, other, admin.id, { displayName: admin.displayName, email: '', roles: ['publisher'], disabled: true }),
      ]);
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      const refused = results.filter((r) => r.status === 'rejected' && r.reason instanceof ValidationError).length;
      assert.equal(ok, 1, `one change went through (${JSON.stringify(results.map((r) => r.status))})`);
      assert.equal(refused, 1, 'the other was refused: it would have left no administrator');
      const admins = await t.p.db.k.selectFrom('user_role').innerJoin('app_user', 'app_user.id', 'user_role.user_id').select('app_user.username').where('role', '=', 'admin').where('app_user.is_disabled', '=', false).execute();
      assert.equal(admins.length, 1);
    });

    test('ten outcomes added to one heading at once get ten different positions', async () => {
      const officer = await user('integrity');
      const issue = await t.p.db.k.selectFrom('integrity_issue').select('id').orderBy('id').executeTakeFirstOrThrow();
      const before = await t.p.db.k.selectFrom('integrity_outcome').select('sort_order').where('issue_id', '=', issue.id).execute();
      await Promise.all(Array.from({ length: 10 }, (_, i) => addOutcome(t.p, officer, issue.id, null, `ผลลัพธ์ที่เพิ่มพร้อมกัน ${i}`)));
      const rows = await t.p.db.k.selectFrom('integrity_outcome').select('sort_order').where('issue_id', '=', issue.id).orderBy('sort_order').execute();
      assert.equal(new Set(rows.map((r) => r.sort_order)).size, before.length + 10, 'no two share a position');
    });

    test('attachments added to one draft at once get different positions', async () => {
      const pub = await user('publisher');
      const draft = await t.p.db.k.selectFrom('content').select('id').where('status', '=', 'draft').orderBy('id').executeTakeFirstOrThrow();
      await Promise.all(Array.from({ length: 5 }, (_, i) => addAttachmentToContent(t.p, pub, draft.id, memoryPart(`ไฟล์ ${i}.pdf`, PDF), `ไฟล์ ${i}`)));
      const rows = await t.p.db.k.selectFrom('content_attachment').select('sort_order').where('content_id', '=', draft.id).execute();
      assert.equal(new Set(rows.map((r) => r.sort_order)).size, rows.length);
    });

    test('the same result, rules-free year, saved five times at once is one row', async () => {
      const officer = await user('integrity');
      await Promise.all(Array.from({ length: 5 }, () => saveResult(t.p, officer, { year: 2560, iit: 9000, eit: 9000, oit: 9000, indicators: {} })));
      const rows = await t.p.db.k.selectFrom('ita_result').select('id').where('year', '=', 2560).execute();
      assert.equal(rows.length, 1);
    });

    test('a report published three times at once is one report; a catalogue imported three times at once has each item once', async () => {
      const exec = await user('executive');
      const rs = await Promise.all(Array.from({ length: 3 }, () => publishReport(t.p, exec, 2567, 'annual')));
      assert.ok(rs.every((r) => 'ok' in r));
      assert.equal((await t.p.db.k.selectFrom('integrity_report').select('id').where('year', '=', 2567).where('kind', '=', 'annual').execute()).length, 1);
      const officer = await user('integrity');
      const file = Buffer.from(JSON.stringify([{ code: 'X1', title_th: 'ข้อทดสอบ', year: 2599 }, { code: 'X2', title_th: 'ข้อทดสอบสอง', year: 2599 }]));
      await Promise.all(Array.from({ length: 3 }, () => importCatalogue(t.p, officer, 2599, parseCatalogue(file, 2599), 'concurrent import')));
      const items = await t.p.db.k.selectFrom('oit_item').select('code').where('year', '=', 2599).orderBy('code').execute();
      assert.deepEqual(items.map((i) => i.code), ['X1', 'X2']);
    });

    test('a case-insensitive match behaves alike on both databases', async () => {
      const rows = await t.p.db.k.selectFrom('app_user').select('username').where(likeExpr(t.p.db, 'username', `${likeEscape('ADM')}%`)).execute();
      assert.deepEqual(rows.map((r) => r.username), ['admin']);
    });

    test('attempts counted on a key while others clear it (signed in) never fail: the counter row is recreated', async () => {
      // on PostgreSQL a row deleted by a successful sign-in between "insert if missing" and "select for update" left
      // the attempt with no row: a 500 at sign-in under load
      const rules = ['concurrent-clear-a', 'concurrent-clear-b'].map((key) => ({ key, max: 1000, windowMs: 60_000 }));
      for (let round = 0; round < 60; round++) {
        const runs = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => (i % 3 === 2 ? clearAttempts(t.p.db, rules[i % 2]!.key) : takeAttempt(t.p.db, rules))));
        const failed = runs.filter((r) => r.status === 'rejected');
        assert.deepEqual(failed, [], `round ${round}`);
      }
    });

    test('stored bytes no row refers to are swept once they are old; referred ones stay', async () => {
      const orphan = await t.p.files.putGenerated('orphan.pdf', PDF, 'pdf');
      const young = await t.p.files.sweepOrphans(t.p.db);
      assert.equal(young, 0, 'bytes stored a moment ago may be about to be recorded');
      const full = path.join(t.p.files.root, orphan.key);
      const old = new Date(Date.now() - 2 * 3600_000);
      fs.utimesSync(full, old, old);
      assert.equal(await t.p.files.sweepOrphans(t.p.db), 1);
      assert.equal(fs.existsSync(full), false);
      const kept = await t.p.db.k.selectFrom('file').select('storage_key').executeTakeFirstOrThrow();
      assert.ok(fs.existsSync(path.join(t.p.files.root, kept.storage_key)), 'a recorded file stays');
    });
  });
}
