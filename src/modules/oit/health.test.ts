// Evidence that stays alive, on both databases: the daily check flags a bound document that was unpublished and an
// external link that went 404 and then to a sign-in page, on the staff pages and home and by mail (a real SMTP server
// on loopback; a local HTTP server stands in for the external site); a concurrent run alerts once; a frozen answer
// sheet's signed manifest verifies, and a changed file of frozen evidence is flagged and fails the verification.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { draftDocument, FIXTURE_PASSWORD, staff } from '../../../test/support/fixtures.ts';
import { bodyText, startSmtp } from '../../../test/support/smtp.ts';
import { systemActor, type CurrentUser } from '../../platform/auth/users.ts';
import { memoryPart } from '../../platform/files/index.ts';
import { addAttachmentToContent, approveContent, submitContent } from '../publishing/index.ts';
import { parseCatalogue } from './catalogue.ts';
import { dailyHealthCheck, recordItemState, runHealthCheck } from './health.ts';
import { checkSignature, MANIFEST_MAX_ENTRIES, verifyGate, verifyManifest } from './freeze.ts';
import { bangkokDay } from '../../platform/thai/index.ts';
import { getItem } from './store.ts';
import { addBinding, importCatalogue } from './service.ts';

const PDF = (marker: string) => Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

const CATALOGUE = (prefix: string) => Buffer.from(`code,title_th,title_en,indicator,group,requirements,recency,note
${prefix}1,รายงานผลการดำเนินงานประจำปี,Annual report,9 การเปิดเผยข้อมูล,9.1 ข้อมูลพื้นฐาน,,current_fy,
${prefix}2,ช่องทางติดต่อภายนอก,External channel,9 การเปิดเผยข้อมูล,9.1 ข้อมูลพื้นฐาน,,any,
`);

type Mode = 'ok' | 'missing' | 'login' | 'captcha' | 'hold';

for (const target of await dbTargets()) {
  describe(`OIT evidence health on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let ext: http.Server;
    let port = 0;
    let mode: Mode = 'ok';
    const held: http.ServerResponse[] = [];
    let admin: CurrentUser;
    let officer: CurrentUser;
    let publisher: CurrentUser;
    let boss: CurrentUser;
    const day = (d: number) => new Date(Date.UTC(2026, 11, d, 2));

    before(async () => {
      smtp = await startSmtp();
      ext = http.createServer((_req, res) => {
        // 'hold': the site answers when the test says so (a verification in progress)
        if (mode === 'hold') return void held.push(res);
        const pages: Record<Exclude<Mode, 'hold'>, [number, string]> = {
          ok: [200, '<!doctype html><title>ช่องทางติดต่อ</title><h1>ช่องทางติดต่อหน่วยงาน</h1>'],
          missing: [404, '<h1>Not found</h1>'],
          login: [200, '<!doctype html><title>เข้าสู่ระบบ</title><form action="/login" method="post"><input name="user"><input type="password" name="pass"></form>'],
          captcha: [200, '<!doctype html><div class="g-recaptcha" data-sitekey="x"></div>'],
        };
        const [status, body] = pages[mode];
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
        res.end(body);
      });
      await new Promise<void>((r) => ext.listen(0, '127.0.0.1', r));
      port = (ext.address() as AddressInfo).port;
      t = await startApp(target, { demo: false, env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), LINK_CHECK_ALLOW_HOSTS: `127.0.0.1:${port}`, UPLOAD_CONCURRENCY: '1' } });
      admin = await staff(t.p, ['admin'], 'eh-admin');
      officer = await staff(t.p, ['integrity_officer'], 'eh-officer');
      publisher = await staff(t.p, ['publisher'], 'eh-publisher');
      boss = await staff(t.p, ['executive'], 'eh-boss');
      // the officers to alert have addresses; the publisher and the executive do not hold oit.manage
      await t.p.db.k.updateTable('app_user').set({ email: 'officer@agency.example' }).where('id', '=', officer.id).execute();
      await t.p.db.k.updateTable('app_user').set({ email: 'admin@agency.example' }).where('id', '=', admin.id).execute();
      await t.p.db.k.updateTable('app_user').set({ email: 'publisher@agency.example' }).where('id', '=', publisher.id).execute();
      const sys = systemActor(admin.agencyId, 'command line');
      await importCatalogue(t.p, sys, 2570, parseCatalogue(CATALOGUE('H'), 2570), 'test');
      await importCatalogue(t.p, sys, 2569, parseCatalogue(CATALOGUE('F'), 2569), 'test');
    });
    after(async () => {
      ext?.closeAllConnections();
      await new Promise<void>((r) => (ext ? ext.close(() => r()) : r()));
      await smtp?.close();
      await t?.close();
    });

    async function publishedDocument(title: string, fy: number, marker: string): Promise<number> {
      const id = await draftDocument(t.p, publisher, { title_th: title, fiscal_year: fy });
      await addAttachmentToContent(t.p, publisher, id, memoryPart(`${marker}.pdf`, PDF(marker)), `ไฟล์ ${title}`);
      const c = await submitContent(t.p, publisher, id);
      await approveContent(t.p, boss, id, null, c.revision);
      return id;
    }

    async function signedIn(u: CurrentUser): Promise<Agent> {
      const a = t.agent();
      await a.login(u.username, FIXTURE_PASSWORD);
      return a;
    }

    let docId = 0;
    test('Done-when: an unpublished document and a link gone 404, then to a sign-in page, are flagged on the staff pages and home and mailed', async () => {
      docId = await publishedDocument('รายงานผลการดำเนินงานประจำปี 2570', 2570, 'annual-2570');
      const sys = systemActor(admin.agencyId, 'command line');
      await addBinding(t.p, sys, 2570, 'H1', { provider: 'content', ref: String(docId) });
      await addBinding(t.p, sys, 2570, 'H2', { provider: 'url', url: `http://127.0.0.1:${port}/contact`, label: 'ช่องทางติดต่อบนเว็บไซต์จังหวัด' });

      // day 1: all in order; the first check sets the baseline and mails nothing
      mode = 'ok';
      assert.match(await dailyHealthCheck(t.p, day(1)), /2 pieces of evidence, 0 with problems, 0 changed/);
      assert.equal(await dailyHealthCheck(t.p, day(1)), 'already checked today', 'once a day, whoever runs it');
      assert.equal(smtp.messages.length, 0);
      const o = await signedIn(officer);
      assert.match(textOf((await o.get('/staff/oit/2570/H2')).body), /ตรวจล่าสุด .*: ใช้ได้/);

      // the document is unpublished through the publishing module (an executive archives it); the site answers 404
      const b = t.agent();
      await b.login(boss.username, FIXTURE_PASSWORD);
      await b.get(`/staff/content/${docId}`);
      assert.equal((await b.post(`/staff/content/${docId}/archive`, {})).status, 303);
      mode = 'missing';
      assert.match(await dailyHealthCheck(t.p, day(2)), /2 changed, 2 mails/);

      // on the year page: both flagged (the filter shows exactly them), the alerts, the reasons
      const flagged = await o.get('/staff/oit/2570?show=flagged');
      const ft = textOf(flagged.body);
      assert.match(flagged.body, /href="\/staff\/oit\/2570\/H1"/);
      assert.match(flagged.body, /href="\/staff\/oit\/2570\/H2"/);
      assert.match(ft, /“รายงานผลการดำเนินงานประจำปี 2570” ยังไม่เผยแพร่/);
      assert.match(ft, /ลิงก์ “ช่องทางติดต่อบนเว็บไซต์จังหวัด” เปิดไม่ได้ \(HTTP 404\)/);
      assert.match(ft, /ข้อ H1: พร้อม → ไม่มีหลักฐาน/);
      assert.match(ft, /ข้อที่พบปัญหาใหม่และยังไม่ได้แก้ไข: 2 ข้อ/);
      // on the item page: the binding's last check
      assert.match(textOf((await o.get('/staff/oit/2570/H2')).body), /ตรวจล่าสุด .*: พบปัญหา.*HTTP 404/);
      // on the staff home: a to-do line to the filtered list
      const home = await o.get('/staff');
      assert.match(textOf(home.body), /ข้อ OIT ปี 2570 ที่การตรวจหลักฐานประจำวันพบปัญหาใหม่ 2 ข้อ/);
      assert.match(home.body, /href="\/staff\/oit\/2570\?show=flagged"/);

      // mailed to those who hold oit.manage (admin, integrity officer), not to the publisher; which items and what is wrong
      assert.deepEqual(smtp.messages.flatMap((m) => m.to).sort(), ['admin@agency.example', 'officer@agency.example']);
      const mail = bodyText(smtp.messages[0]!.raw);
      assert.match(mail, /ข้อ H1 ปี 2570 “รายงานผลการดำเนินงานประจำปี”: พร้อม → ไม่มีหลักฐาน/);
      assert.match(mail, /“รายงานผลการดำเนินงานประจำปี 2570” ยังไม่เผยแพร่/);
      assert.match(mail, /ลิงก์ “ช่องทางติดต่อบนเว็บไซต์จังหวัด” เปิดไม่ได้ \(HTTP 404\)/);
      assert.match(mail, /http:\/\/localhost:3000\/staff\/oit\/2570\/H1/);
      assert.match(mail, /http:\/\/localhost:3000\/staff\/oit\/2570\/H2/);
      assert.match(mail, /The link “ช่องทางติดต่อบนเว็บไซต์จังหวัด” does not open \(HTTP 404\)/);
      assert.doesNotMatch(mail, /eh-officer|eh-admin|เจ้าหน้าที่ eh-/, 'no names in the mail');

      // the site now sends a sign-in page: a new problem, mailed; nothing changed for H1: not mailed again
      mode = 'login';
      smtp.messages.length = 0;
      assert.match(await dailyHealthCheck(t.p, day(3)), /1 changed, 2 mails/);
      const second = bodyText(smtp.messages[0]!.raw);
      assert.match(second, /ลิงก์ “ช่องทางติดต่อบนเว็บไซต์จังหวัด” ต้องเข้าสู่ระบบก่อน ผู้ประเมินเปิดไม่ได้/);
      assert.doesNotMatch(second, /ข้อ H1/);
      assert.match(textOf((await o.get('/staff/oit/2570?show=flagged')).body), /ต้องเข้าสู่ระบบก่อน/);

      // the staff page's button (CSRF, permission, audited): the link is back, the item is no longer flagged
      mode = 'ok';
      smtp.messages.length = 0;
      await o.get('/staff/oit/2570');
      assert.equal((await o.post('/staff/oit/2570/health/check', { _csrf: 'wrong' })).status, 403);
      const run = await o.post('/staff/oit/2570/health/check', {});
      assert.equal(run.status, 303);
      const after = await o.get('/staff/oit/2570');
      assert.match(textOf(after.body), /ตรวจหลักฐาน 2 ชิ้นแล้ว มีปัญหา 1 ชิ้น สถานะเปลี่ยน 1 ข้อ/);
      assert.match(textOf(after.body), /ข้อที่พบปัญหาใหม่และยังไม่ได้แก้ไข: 1 ข้อ/);
      assert.match(bodyText(smtp.messages[0]!.raw), /ข้อ H2 ปี 2570 “ช่องทางติดต่อภายนอก”/);
      const audit = await t.p.db.k.selectFrom('audit_event').select('action').where('action', '=', 'oit.health.check').execute();
      assert.equal(audit.length, 1);
      // who may only read OIT cannot run it
      const e = await signedIn(boss);
      await e.get('/staff/oit/2570');
      assert.equal((await e.post('/staff/oit/2570/health/check', {})).status, 403);
      assert.doesNotMatch((await e.get('/staff/oit/2570')).body, /health\/check/);
    });

    test('two checks at once alert once and mail once', async () => {
      mode = 'captcha';
      smtp.messages.length = 0;
      const before = (await t.p.db.k.selectFrom('oit_health_alert').select('id').execute()).length;
      const [a, b] = await Promise.all([runHealthCheck(t.p, admin.agencyId, [2570]), runHealthCheck(t.p, admin.agencyId, [2570])]);
      assert.equal(a.changed.length + b.changed.length, 1, 'one of the two saw the change');
      const alerts = await t.p.db.k.selectFrom('oit_health_alert').selectAll().orderBy('id').execute();
      assert.equal(alerts.length, before + 1);
      assert.equal(alerts.at(-1)!.code, 'H2');
      assert.equal(smtp.messages.length, 2, 'one mail to each of the two officers');
      assert.match(bodyText(smtp.messages[0]!.raw), /ติดหน้า CAPTCHA/);
      // the state write itself, twice at once from the same state read: one moves it and alerts
      const item = (await getItem(t.p.db, admin.agencyId, 2570, 'H2'))!;
      const problem = [{ key: 'oit.health.link.timeout' as const, vars: { title: 'x', titleEn: 'x', status: '' } }];
      const at = new Date().toISOString();
      const both = await Promise.all([1, 2, 3].map(() => recordItemState(t.p.db, admin.agencyId, item, 'incomplete', problem, problem, at)));
      assert.equal(both.filter(Boolean).length, 1, 'one of three writes moved the state');
      assert.equal((await t.p.db.k.selectFrom('oit_health_alert').select('id').execute()).length, before + 2);
      // and two daily jobs at once: the day is claimed by one
      smtp.messages.length = 0;
      mode = 'ok';
      const runs = await Promise.all([dailyHealthCheck(t.p, day(4)), dailyHealthCheck(t.p, day(4))]);
      assert.equal(runs.filter((r) => r === 'already checked today').length, 1);
      assert.equal(smtp.messages.length, 2);
    });

    test('freeze → the signed manifest verifies → a frozen file changes → flagged, and the verification fails', async () => {
      mode = 'ok';
      const id = await publishedDocument('รายงานประจำปี 2569', 2569, 'annual-2569');
      const sys = systemActor(admin.agencyId, 'command line');
      await addBinding(t.p, sys, 2569, 'F1', { provider: 'content', ref: String(id) });
      await addBinding(t.p, sys, 2569, 'F2', { provider: 'url', url: `http://127.0.0.1:${port}/contact`, label: 'ช่องทางติดต่อ' });

      // only an administrator freezes, from a confirmation page
      const o = await signedIn(officer);
      assert.equal((await o.get('/staff/oit/2569/freeze')).status, 403);
      assert.match(textOf((await o.get('/staff/oit/2569')).body), /ผู้ดูแลระบบเป็นผู้ล็อกแบบตอบ/);
      const a = await signedIn(admin);
      const confirm = await a.get('/staff/oit/2569/freeze');
      assert.equal(confirm.status, 200);
      assert.match(textOf(confirm.body), /หลักฐานทุกชิ้น \(2 ชิ้น\)/);
      const done = await a.post('/staff/oit/2569/freeze', {});
      assert.equal(done.status, 303);
      assert.match(textOf((await a.get('/staff/oit/2569')).body), /ล็อกแบบตอบปี 2569 แล้ว บันทึกหลักฐาน 2 ชิ้น/);
      assert.equal((await a.get('/staff/oit/2569/freeze')).status, 303, 'a frozen year sends back to its page');
      const again = await a.post('/staff/oit/2569/freeze', {});
      assert.equal(again.status, 422);
      assert.match(textOf(again.body), /แบบตอบปี 2569 ล็อกไว้แล้ว/);
      assert.equal((await t.p.db.k.selectFrom('oit_freeze').select('id').execute()).length, 1, 'frozen once');
      assert.equal((await t.p.db.k.selectFrom('audit_event').select('action').where('action', '=', 'oit.freeze').execute()).length, 1);

      // the manifest: every piece of evidence with its URL and hashes, signed; a third party verifies it with the public key alone
      const res = await o.get('/staff/oit/2569/manifest.json');
      assert.equal(res.status, 200);
      const manifest = JSON.parse(res.body) as { year: number; entries: Array<{ item: string; url: string; contentSha256: string; files: Array<{ url: string; sha256: string }> }>; signature: string; key: { publicKey: string } };
      assert.equal(manifest.year, 2569);
      assert.deepEqual(manifest.entries.map((e) => e.item), ['F1', 'F2']);
      assert.match(manifest.entries[0]!.url, /^http:\/\/localhost:3000\/documents\//);
      assert.equal(manifest.entries[0]!.files[0]!.sha256, crypto.createHash('sha256').update(PDF('annual-2569')).digest('hex'));
      assert.equal(manifest.entries[1]!.url, `http://127.0.0.1:${port}/contact`);
      const pem = await t.agent().get('/oit/signing-key.pem');
      assert.equal(pem.status, 200, 'the public key is public');
      assert.equal(pem.body.trim(), manifest.key.publicKey.trim());
      const { signature, ...signed } = manifest;
      const canon = (v: unknown): string => Array.isArray(v) ? `[${v.map(canon).join(',')}]` : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`).join(',')}}` : JSON.stringify(v);
      assert.ok(crypto.verify(null, Buffer.from(canon(signed)), crypto.createPublicKey(pem.body), Buffer.from(signature, 'base64')), 'verifies with node:crypto and the PEM');

      // the staff verify page: valid and intact
      const upload = async (text: string) => {
        await o.get('/staff/oit/verify');
        return o.postMultipart('/staff/oit/verify', {}, { file: { name: 'manifest.json', data: Buffer.from(text), type: 'application/json' } });
      };
      const ok = textOf((await upload(res.body)).body);
      assert.match(ok, /ลายมือชื่อถูกต้อง ลงนามด้วยกุญแจของหน่วยงานนี้/);
      assert.match(ok, /หลักฐานทุกชิ้นยังตรงกับที่ล็อกไว้/);
      // a manifest edited after signing fails its signature
      const forged = JSON.parse(res.body);
      forged.entries[0].contentSha256 = '0'.repeat(64);
      assert.match(textOf((await upload(JSON.stringify(forged))).body), /ลายมือชื่อไม่ถูกต้อง/);
      const junk = await upload('{"not":"a manifest"}');
      assert.equal(junk.status, 200);
      assert.match(textOf(junk.body), /ไม่ใช่บัญชีรายการหลักฐานที่ระบบสร้าง/);
      assert.equal((await o.postMultipart('/staff/oit/verify', {}, {})).status, 422);

      // the frozen file's bytes change in storage
      const file = await t.p.db.k.selectFrom('file').select('storage_key').where('original_name', '=', 'annual-2569.pdf').executeTakeFirstOrThrow();
      fs.writeFileSync(path.join(t.p.files.root, file.storage_key), PDF('annual-2569, edited after it was sent'));
      smtp.messages.length = 0;
      const r = await runHealthCheck(t.p, admin.agencyId);
      assert.deepEqual(r.years, [2570, 2569], 'the current year and the frozen one');
      assert.deepEqual(r.changed.map((c) => c.item.code), ['F1']);
      const page = textOf((await o.get('/staff/oit/2569?show=flagged')).body);
      assert.match(page, /หลักฐานเปลี่ยนไปหลังส่งแบบ: “รายงานประจำปี 2569”/);
      assert.match(textOf((await o.get('/staff/oit/2569/F1')).body), /หลักฐานเปลี่ยนไปหลังส่งแบบ/);
      assert.match(bodyText(smtp.messages[0]!.raw), /หลักฐานเปลี่ยนไปหลังส่งแบบ: “รายงานประจำปี 2569”/);
      // the manifest still carries a valid signature, but the evidence no longer matches it
      const changed = textOf((await upload(res.body)).body);
      assert.match(changed, /ลายมือชื่อถูกต้อง/);
      assert.match(changed, /หลักฐานไม่ตรงกับที่ล็อกไว้ 1 ชิ้น/);
      assert.match(changed, /F1 .*เปลี่ยนไปหลังส่งแบบ/);
    });

    const canon = (v: unknown): string => Array.isArray(v) ? `[${v.map(canon).join(',')}]` : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`).join(',')}}` : JSON.stringify(v);
    const verifyUpload = async (a: Agent, text: string | Buffer) => {
      await a.get('/staff/oit/verify');
      return a.postMultipart('/staff/oit/verify', {}, { file: { name: 'manifest.json', data: Buffer.from(text), type: 'application/json' } });
    };

    test('the public key is derived from the sealed private key: a key put in the table by hand is neither published nor trusted', async () => {
      const o = await signedIn(officer);
      const real = JSON.parse((await o.get('/staff/oit/2569/manifest.json')).body) as Record<string, unknown> & { key: { id: string; publicKey: string } };
      // someone with write access to the database, but not SECRET_KEY, puts their own public key in the table
      const evil = crypto.generateKeyPairSync('ed25519');
      const evilPem = evil.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const evilId = crypto.createHash('sha256').update(evil.publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
      await t.p.db.k.updateTable('oit_signing_key').set({ public_key: evilPem, key_id: evilId }).where('agency_id', '=', admin.agencyId).execute();
      // the published key is still the agency's
      const pem = await t.agent().get('/oit/signing-key.pem');
      assert.equal(pem.status, 200);
      assert.equal(pem.body.trim(), real.key.publicKey.trim());
      assert.doesNotMatch(pem.headers['content-disposition'] as string, new RegExp(evilId));
      // a manifest they sign offline with their key does not verify as this agency's
      const { signature: _s, ...fields } = real;
      const forged = { ...fields, key: { algorithm: 'Ed25519', id: evilId, publicKey: evilPem } };
      const text = JSON.stringify({ ...forged, signature: crypto.sign(null, Buffer.from(canon(forged)), evil.privateKey).toString('base64') });
      assert.equal((await verifyManifest(t.p, officer, text)).verdict, 'other_key');
      const page = textOf((await verifyUpload(o, text)).body);
      assert.match(page, /ลายมือชื่อไม่ได้ทำด้วยกุญแจของหน่วยงานนี้/);
      assert.doesNotMatch(page, /ลายมือชื่อถูกต้อง/);
      // the real manifest still verifies
      assert.equal((await verifyManifest(t.p, officer, `${JSON.stringify(real)}`)).verdict, 'valid');
    });

    test('a manifest over 2 MB is refused with a message; oversized lists and strings are refused by the schema', async () => {
      const o = await signedIn(officer);
      const big = await verifyUpload(o, Buffer.alloc(2 * 1024 * 1024 + 1, 0x20));
      assert.equal(big.status, 422);
      assert.match(textOf(big.body), /ไฟล์ใหญ่เกิน 2 MB/);
      const real = JSON.parse((await o.get('/staff/oit/2569/manifest.json')).body) as { entries: Array<Record<string, unknown>> } & Record<string, unknown>;
      const entry = real.entries[0]!;
      const many = { ...real, entries: Array.from({ length: MANIFEST_MAX_ENTRIES + 1 }, () => entry) };
      assert.equal(checkSignature(JSON.stringify(many)).verdict, 'malformed');
      for (const [field, value] of [['title', 'ก'.repeat(5000)], ['url', `https://example.com/${'a'.repeat(5000)}`], ['contentSha256', 'f'.repeat(1000)], ['files', Array.from({ length: 101 }, () => ({ url: '/files/x/y.pdf', sha256: '' }))]] as const) {
        assert.equal(checkSignature(JSON.stringify({ ...real, entries: [{ ...entry, [field]: value }] })).verdict, 'malformed', field);
      }
      assert.equal(checkSignature(JSON.stringify({ ...real, agency: { name: 'x'.repeat(5000), url: 'https://x' } })).verdict, 'malformed');
    });

    test('a verification frees its upload slot once the file is read, and a second one at the same time is told to wait', async () => {
      const o = await signedIn(officer);
      const a = await signedIn(admin);
      const manifest = (await o.get('/staff/oit/2569/manifest.json')).body;
      // the external evidence (F2) does not answer until released: the first verification is held in its re-check
      mode = 'hold';
      let firstAnswered = false;
      const first = verifyUpload(o, manifest).finally(() => (firstAnswered = true));
      for (let i = 0; i < 200 && !held.length; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(held.length, 1, 'the verification is re-checking the external link');
      assert.equal(verifyGate.inFlight, 1);
      try {
        // the only upload slot (UPLOAD_CONCURRENCY=1) is free: another upload is read and answered at once
        await a.get('/staff/oit');
        const other = await a.postMultipart('/staff/oit/import', { year: '2571' }, { file: { name: 'list.csv', data: Buffer.from('not,a\ncatalogue'), type: 'text/csv' } });
        assert.notEqual(other.status, 503, 'the upload was not kept waiting for the slot');
        assert.equal(other.status, 422);
        assert.equal(firstAnswered, false, 'answered while the verification still held its re-check (not after it let go of a slot)');
        // a second verification while the first re-checks: busy, said so at once
        const second = await verifyUpload(a, manifest);
        assert.equal(second.status, 503);
        assert.match(textOf(second.body), /มีการตรวจบัญชีรายการอื่นอยู่/);
        assert.equal(held.length, 1, 'the second did not fetch anything');
        assert.equal(firstAnswered, false);
      } finally {
        mode = 'ok';
        for (const res of held.splice(0)) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<!doctype html><title>ช่องทางติดต่อ</title><h1>ช่องทางติดต่อหน่วยงาน</h1>');
        }
      }
      const done = await first;
      assert.equal(done.status, 200);
      assert.match(textOf(done.body), /ลายมือชื่อถูกต้อง/);
      assert.equal(verifyGate.inFlight, 0);
    });

    test('a day claimed by a process that died is claimed again after two hours, by one process', async () => {
      const agencies = await t.p.db.k.selectFrom('agency').select('id').execute();
      const claim = async (d: Date, hoursAgo: number) => {
        for (const ag of agencies) {
          await t.p.db.k.insertInto('oit_health_run').values({ agency_id: ag.id, day: bangkokDay(d), started_at: new Date(d.getTime() - hoursAgo * 3600_000).toISOString() }).execute();
        }
      };
      const finished = async (d: Date) => (await t.p.db.k.selectFrom('oit_health_run').select('finished_at').where('day', '=', bangkokDay(d)).where('agency_id', '=', admin.agencyId).executeTakeFirstOrThrow()).finished_at;
      mode = 'ok';
      // claimed an hour ago and not finished: it may still be running
      await claim(day(10), 1);
      assert.equal(await dailyHealthCheck(t.p, day(10)), 'already checked today');
      assert.equal(await finished(day(10)), null);
      // claimed three hours ago and never finished: the process died; the next run takes the day
      await claim(day(11), 3);
      assert.match(await dailyHealthCheck(t.p, day(11)), new RegExp(`agency ${admin.agencyId}: .*pieces of evidence`));
      assert.ok(await finished(day(11)));
      assert.equal(await dailyHealthCheck(t.p, day(11)), 'already checked today', 'finished: not again');
      // two processes find the dead claim at once: one of them runs it
      await claim(day(12), 3);
      const runs = await Promise.all([dailyHealthCheck(t.p, day(12)), dailyHealthCheck(t.p, day(12)), dailyHealthCheck(t.p, day(12))]);
      assert.equal(runs.filter((r) => r === 'already checked today').length, 2, runs.join(' | '));
      assert.ok(await finished(day(12)));
    });
  });
}
