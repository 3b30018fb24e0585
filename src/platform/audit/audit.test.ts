import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { tx } from '../db/index.ts';
import { sha256 } from '../crypto.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditCheckpoint, chainKeyedHere, eventMac, formatCheckpoint, GENESIS_HASH, keyLegacyAudit, listAudit, recordAudit, verifyAudit, type AuditEvent } from './index.ts';

const legacySha = (prev: string, e: AuditEvent) => sha256(`${prev}\n${JSON.stringify([e.id, e.agency_id, e.at, e.actor_user_id, e.actor_label, e.action, e.target_type, e.target_id, e.summary])}`);

/** Rewrites every event's link and hash with the given function, as an attacker with database access would. */
async function rechain(t: TestApp, mac: (prev: string, e: AuditEvent) => string): Promise<{ id: number; hash: string }> {
  const rows = (await t.p.db.k.selectFrom('audit_event').selectAll().orderBy('id').execute()) as AuditEvent[];
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = mac(prev, r);
    await t.p.db.k.updateTable('audit_event').set({ prev_hash: prev, hash }).where('id', '=', r.id).execute();
    prev = hash;
  }
  const last = rows[rows.length - 1]!;
  await t.p.db.k.updateTable('audit_head').set({ last_event_id: last.id, last_hash: prev }).execute();
  return { id: last.id, hash: prev };
}

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

    test('cutting events off the end and moving the head back is found (the head is MACed)', async () => {
      const rows = await t.p.db.k.selectFrom('audit_event').selectAll().orderBy('id').execute();
      const [last, before] = [rows[rows.length - 1]!, rows[rows.length - 2]!];
      const head = await t.p.db.k.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      await t.p.db.k.deleteFrom('audit_event').where('id', '=', last.id).execute();
      await t.p.db.k.updateTable('audit_head').set({ last_event_id: before.id, last_hash: before.hash }).execute();
      const r = await verifyAudit(t.p.db);
      assert.equal(r.ok, false, 'a shortened chain with a matching head is still found');
      assert.match(r.firstBad!.reason, /head does not match its MAC/);
      await t.p.db.k.insertInto('audit_event').values(last).execute();
      await t.p.db.k.updateTable('audit_head').set(head).execute();
      assert.equal((await verifyAudit(t.p.db)).ok, true);
    });

    test('recomputing the chain after an edit, without the key, is found', async () => {
      const original = (await t.p.db.k.selectFrom('audit_event').selectAll().orderBy('id').execute()) as AuditEvent[];
      const head = await t.p.db.k.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      const victim = original.find((e) => e.summary === 'เหตุการณ์ที่ 2')!;
      await t.p.db.k.updateTable('audit_event').set({ summary: 'ไม่มีอะไรเกิดขึ้น' }).where('id', '=', victim.id).execute();
      await rechain(t, (prev, e) => sha256(`${prev}\n${JSON.stringify([e.id, e.agency_id, e.at, e.actor_user_id, e.actor_label, e.action, e.target_type, e.target_id, e.summary])}`));
      let r = await verifyAudit(t.p.db);
      assert.equal(r.ok, false, 'unkeyed SHA-256 no longer verifies');
      assert.equal(r.firstBad!.id, 1, 'every MAC is wrong from the first event');
      await rechain(t, (prev, e) => eventMac(Buffer.alloc(32, 7), prev, e));
      r = await verifyAudit(t.p.db);
      assert.equal(r.ok, false, 'a guessed key does not verify either');
      for (const e of original) await t.p.db.k.updateTable('audit_event').set(e).where('id', '=', e.id).execute();
      await t.p.db.k.updateTable('audit_head').set(head).execute();
      assert.equal((await verifyAudit(t.p.db)).ok, true);
    });

    test('emptying the log and its head is found once an agency exists', async () => {
      const rows = await t.p.db.k.selectFrom('audit_event').selectAll().orderBy('id').execute();
      const head = await t.p.db.k.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      await t.p.db.k.deleteFrom('audit_event').execute();
      await t.p.db.k.deleteFrom('audit_head').execute();
      const r = await verifyAudit(t.p.db);
      assert.equal(r.ok, false);
      assert.match(r.firstBad!.reason, /empty/);
      const run = cli(t, 'audit', 'verify');
      assert.equal(run.status, 1);
      for (let i = 0; i < rows.length; i += 200) await t.p.db.k.insertInto('audit_event').values(rows.slice(i, i + 200)).execute();
      await t.p.db.k.insertInto('audit_head').values(head).execute();
      assert.equal((await verifyAudit(t.p.db)).ok, true);
    });

    test('a checkpoint kept elsewhere finds a rewrite made with the key (an insider with SECRET_KEY)', async () => {
      const printed = cli(t, 'audit', 'checkpoint');
      assert.equal(printed.status, 0, printed.stderr);
      const text = printed.stdout.trim();
      const cp = (await auditCheckpoint(t.p.db))!;
      assert.equal(text, formatCheckpoint(cp));
      assert.match(text, /^prongsai-audit-v1:\d+:[0-9a-f]{64}$/);
      let run = cli(t, 'audit', 'verify', '--checkpoint', text);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`event ${cp.id} matches the checkpoint`));
      await tx(t.p.db, (x) => recordAudit(x, { agencyId, actor: { id: null, label: 'tester' }, action: 'test.later', targetType: 'thing', targetId: 9, summary: 'หลังจุดตรวจ' }));
      assert.equal(cli(t, 'audit', 'verify', '--checkpoint', text).status, 0, 'later events do not disturb the checkpoint');

      const original = (await t.p.db.k.selectFrom('audit_event').selectAll().orderBy('id').execute()) as AuditEvent[];
      const head = await t.p.db.k.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      const victim = original.find((e) => e.summary === 'เหตุการณ์ที่ 4')!;
      await t.p.db.k.updateTable('audit_event').set({ summary: 'แก้ไขโดยผู้มีกุญแจ' }).where('id', '=', victim.id).execute();
      const key = t.p.db.auditKey!;
      const newHead = await rechain(t, (prev, e) => eventMac(key, prev, e));
      const crypto = await import('node:crypto');
      await t.p.db.k.updateTable('audit_head').set({ head_mac: crypto.createHmac('sha256', key).update(`head\n${newHead.id}\n${newHead.hash}`).digest('hex') }).execute();
      assert.equal((await verifyAudit(t.p.db)).ok, true, 'with the key, a rewrite verifies on its own (what the README says)');
      run = cli(t, 'audit', 'verify', '--checkpoint', text);
      assert.equal(run.status, 1, 'but not against the checkpoint');
      assert.match(run.stderr, /no longer carries the MAC of the checkpoint/);
      assert.equal(cli(t, 'audit', 'verify', '--checkpoint', 'nonsense').status, 2);
      for (const e of original) await t.p.db.k.updateTable('audit_event').set(e).where('id', '=', e.id).execute();
      await t.p.db.k.updateTable('audit_head').set(head).execute();
      assert.equal((await verifyAudit(t.p.db)).ok, true);
    });

    test('a log written before the chain was keyed is verified and keyed when the server starts', async () => {
      const original = (await t.p.db.k.selectFrom('audit_event').selectAll().orderBy('id').execute()) as AuditEvent[];
      const head = await t.p.db.k.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      const legacy = await rechain(t, legacySha);
      await t.p.db.k.updateTable('audit_head').set({ key_version: 0, head_mac: '', last_hash: legacy.hash }).execute();
      assert.equal((await verifyAudit(t.p.db, { legacy: true })).ok, true);
      // an installation upgraded from before the keyed chain: its data folder has no marker yet
      const upgraded = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-audit-'));
      const r = await keyLegacyAudit(t.p.db, upgraded);
      assert.ok(r && 'keyed' in r && r.keyed.ok);
      assert.equal(r.keyed.checked, original.length);
      assert.equal((await verifyAudit(t.p.db)).ok, true, 'the keyed chain verifies');
      const after = await t.p.db.k.selectFrom('audit_event').select(['id', 'hash']).orderBy('id').execute();
      assert.deepEqual(after.map((e) => e.hash), original.map((e) => e.hash), 'the same MACs as if it had been keyed from the start');
      assert.equal(await keyLegacyAudit(t.p.db, upgraded), null, 'nothing more to do');
      assert.ok(chainKeyedHere(upgraded), 'the data folder now records that the chain is keyed');
      fs.rmSync(upgraded, { recursive: true, force: true });
      await t.p.db.k.updateTable('audit_head').set(head).execute();
    });

    test('a chain forged without the key and its head rewritten to look unkeyed is never re-keyed: verify fails', async () => {
      const original = (await t.p.db.k.selectFrom('audit_event').selectAll().orderBy('id').execute()) as AuditEvent[];
      const head = await t.p.db.k.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      // the attacker deletes an event, recomputes the chain with unkeyed SHA-256 and marks the head as legacy
      const victim = original.find((e) => e.summary === 'เหตุการณ์ที่ 1')!;
      await t.p.db.k.deleteFrom('audit_event').where('id', '>=', victim.id).execute();
      const rest = original.filter((e) => e.id > victim.id).map((e) => ({ ...e, id: e.id - 1 }));
      for (const e of rest) await t.p.db.k.insertInto('audit_event').values(e).execute();
      const forged = await rechain(t, legacySha);
      await t.p.db.k.updateTable('audit_head').set({ key_version: 0, head_mac: '', last_hash: forged.hash }).execute();
      assert.ok(chainKeyedHere(t.config.dataDir), 'this installation keyed its chain at first start');
      const r = await keyLegacyAudit(t.p.db, t.config.dataDir);
      assert.ok(r && 'refused' in r, 'not re-keyed');
      const run = cli(t, 'audit', 'verify');
      assert.equal(run.status, 1, 'the command line (which starts like the server) still reports the forgery');
      assert.equal((await verifyAudit(t.p.db)).ok, false);
      await t.p.db.k.deleteFrom('audit_event').execute();
      for (let i = 0; i < original.length; i += 200) await t.p.db.k.insertInto('audit_event').values(original.slice(i, i + 200)).execute();
      await t.p.db.k.updateTable('audit_head').set(head).execute();
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
