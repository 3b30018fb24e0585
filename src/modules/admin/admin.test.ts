import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { bodyText, startSmtp } from '../../../test/support/smtp.ts';
import fs from 'node:fs';
import path from 'node:path';
import { draftDocument, FIXTURE_PASSWORD, staff } from '../../../test/support/fixtures.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { actorOf, systemActor } from '../../platform/auth/users.ts';
import { tx } from '../../platform/db/index.ts';
import type { T } from '../../platform/i18n/index.ts';
import { actionLabel } from './audit-labels.ts';
import { en as enMessages, th as thMessages } from './messages.ts';

for (const target of await dbTargets()) {
  describe(`users and audit administration on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      smtp = await startSmtp();
      t = await startApp(target, { env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'Prongsai <no-reply@kalasin-pao.example>' } });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('the user list is paged and searchable', async () => {
      const a = t.agent();
      await a.login('admin');
      const r = await a.get('/staff/users');
      assert.equal(r.status, 200);
      const text = textOf(r.body);
      for (const u of ['admin', 'publisher', 'integrity', 'executive']) assert.match(text, new RegExp(`\\b${u}\\b`));
      assert.match(text, /แสดง 1–8 จาก 8 รายการ/);
      const s = await a.get(`/staff/users?q=${encodeURIComponent('คุณธรรม')}`);
      assert.match(textOf(s.body), /แสดง 1–1 จาก 1 รายการ/);
      const none = await a.get('/staff/users?q=zzzz');
      assert.match(textOf(none.body), /ไม่พบผู้ใช้ตามเงื่อนไข/);
    });

    test('bad input re-shows the form with messages on the fields and an error summary', async () => {
      const a = t.agent();
      await a.login('admin');
      await a.get('/staff/users/new');
      let r = await a.post('/staff/users/new', { username: 'ผู้ใช้', display_name: '', email: 'not-an-email', roles: 'superuser' });
      assert.equal(r.status, 422);
      const text = textOf(r.body);
      assert.match(r.body, /class="error-summary"/);
      assert.match(text, /ใช้ได้เฉพาะ a–z/);
      assert.match(text, /จำเป็นต้องกรอกช่องนี้/);
      assert.match(text, /รูปแบบอีเมลไม่ถูกต้อง/);
      assert.match(text, /ค่าที่เลือกไม่อยู่ในรายการ/);
      assert.match(r.body, /value="not-an-email"/, 'what was typed is kept');
      r = await a.post('/staff/users/new', { username: 'someone', display_name: 'ใครสักคน' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /เลือกบทบาทอย่างน้อยหนึ่งบทบาท/);
      r = await a.post('/staff/users/new', { username: 'admin', display_name: 'ซ้ำ', roles: 'publisher' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ชื่อผู้ใช้นี้มีอยู่แล้ว/);
      r = await a.post('/staff/users/new', { username: 'x'.repeat(41), display_name: 'ก'.repeat(201), roles: 'publisher' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ยาวเกิน 200 ตัวอักษร/);
    });

    test('an admin creates a user, who signs in with the temporary password and must change it; mail goes out', async () => {
      const a = t.agent();
      await a.login('admin');
      await a.get('/staff/users/new');
      const r = await a.post('/staff/users/new', { username: 'Somchai.K', display_name: 'นายสมชาย กล้าหาญ', email: 'somchai@kalasin-pao.example', roles: ['publisher', 'integrity_officer'] });
      assert.equal(r.status, 200);
      assert.equal(r.headers['cache-control'], 'no-store');
      assert.match(textOf(r.body), /สร้างผู้ใช้ somchai\.k แล้ว/);
      const temp = /id="temp-password">([^<]+)</.exec(r.body)![1]!;
      const b = t.agent();
      const login = await b.login('somchai.k', temp);
      assert.equal(login.location, '/account/password');
      await b.get('/account/password');
      const changed = await b.post('/account/password', { current_password: temp, new_password: 'รหัสผ่านของสมชาย-2570', confirm_password: 'รหัสผ่านของสมชาย-2570' });
      assert.equal(changed.location, '/staff');
      const home = await b.get('/staff');
      assert.match(textOf(home.body), /ผู้เผยแพร่ข้อมูล, เจ้าหน้าที่ส่งเสริมคุณธรรมและความโปร่งใส/);
      const mails = smtp.messages.filter((m) => m.to.includes('somchai@kalasin-pao.example'));
      assert.equal(mails.length, 2, 'account created + password changed');
      const created = bodyText(mails[0]!.raw);
      assert.match(created, /somchai\.k/);
      assert.ok(!created.includes(temp), 'the password never goes by mail');
      assert.match(bodyText(mails[1]!.raw), /รหัสผ่านของบัญชี somchai\.k ถูกเปลี่ยน/);
    });

    test('roles change and accounts are disabled; an admin cannot lock themself out', async () => {
      const a = t.agent();
      await a.login('admin');
      const users = await t.p.db.k.selectFrom('app_user').select(['id', 'username']).execute();
      const id = (name: string) => users.find((u) => u.username === name)!.id;
      await a.get(`/staff/users/${id('asset')}`);
      let r = await a.post(`/staff/users/${id('asset')}`, { display_name: 'นายพัสดุ ครบถ้วน', email: '', roles: ['asset_officer', 'procurement_officer'] });
      assert.equal(r.status, 303);
      const b = t.agent();
      await b.login('asset');
      r = await a.post(`/staff/users/${id('asset')}`, { display_name: 'นายพัสดุ ครบถ้วน', email: '', roles: ['asset_officer'], disabled: 'on' });
      assert.equal(r.status, 303);
      assert.equal((await b.get('/staff')).status, 303, 'a disabled user is signed out');
      assert.match(textOf((await t.agent().login('asset')).body), /บัญชีนี้ถูกปิดการใช้งาน/);
      await a.get(`/staff/users/${id('admin')}`);
      r = await a.post(`/staff/users/${id('admin')}`, { display_name: 'ผู้ดูแลระบบ', email: '', roles: ['publisher'] });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /ไม่สามารถถอดสิทธิ์ผู้ดูแลระบบ/);
      assert.equal((await a.get('/staff/users/999999')).status, 404);
      assert.equal((await a.get('/staff/users/abc')).status, 404);
    });

    test('a temporary password is set after a confirmation page', async () => {
      const a = t.agent();
      await a.login('admin');
      const uid = (await t.p.db.k.selectFrom('app_user').select('id').where('username', '=', 'executive').executeTakeFirstOrThrow()).id;
      const confirm = await a.get(`/staff/users/${uid}/reset-password`);
      assert.match(textOf(confirm.body), /ยืนยันการตั้งรหัสผ่านชั่วคราวใหม่ให้ executive/);
      const r = await a.post(`/staff/users/${uid}/reset-password`, {});
      const temp = /id="temp-password">([^<]+)</.exec(r.body)![1]!;
      assert.equal((await t.agent().login('executive')).status, 401);
      assert.equal((await t.agent().login('executive', temp)).location, '/account/password');
    });

    test('the audit log shows staff changes without personal data, filters them, and verifies the chain', async () => {
      const a = t.agent();
      await a.login('admin');
      const r = await a.get('/staff/audit?action=user.');
      assert.equal(r.status, 200);
      const text = textOf(r.body);
      assert.match(text, /user\.create/);
      assert.match(text, /created somchai\.k with roles publisher, integrity_officer/);
      assert.match(text, /roles asset_officer → asset_officer, procurement_officer/);
      assert.doesNotMatch(text, /somchai@kalasin-pao\.example/, 'no email addresses in the log');
      const byActor = await a.get('/staff/audit?actor=somchai.k');
      assert.match(textOf(byActor.body), /changed own password/);
      const future = await a.get('/staff/audit?from=2099-01-01');
      assert.match(textOf(future.body), /ไม่พบบันทึกตามเงื่อนไข/);
      const verified = await a.get('/staff/audit?verify=1');
      assert.match(textOf(verified.body), /ตรวจสอบห่วงโซ่แฮชแล้ว: ถูกต้องครบ \d+ รายการ/);
    });
  });
}

// Readable trails (issue "Daily use", item 7): words instead of codes, people by name, Bangkok time in the
// Buddhist era, targets linked to their staff pages, and an actor filter that finds people by their Thai name.
const THAI_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

/** The rows of the audit table as a reader sees them, one text per row. */
function auditRows(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return body.split('</tr>').filter((r) => r.includes('<td')).map((r) => textOf(r).trim());
}

for (const target of await dbTargets()) {
  describe(`readable audit trails on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let docId: number;
    let writerId: number;
    before(async () => {
      t = await startApp(target, { demo: false });
      const boss = await staff(t.p, ['admin'], 'boss');
      const writer = await staff(t.p, ['publisher'], 'writer');
      writerId = writer.id;
      await t.p.db.k.updateTable('app_user').set({ display_name: 'นางสาวพิมพ์ใจ ซื่อตรง' }).where('id', '=', boss.id).execute();
      await t.p.db.k.updateTable('app_user').set({ display_name: 'นายสมศักดิ์ เขียนดี' }).where('id', '=', writer.id).execute();
      docId = await draftDocument(t.p, writer); // content.create by the writer
      const record = (actor: { id: number | null; label: string }, action: string, targetType: string, targetId: string | number) =>
        tx(t.p.db, (x) => recordAudit(x, { agencyId: writer.agencyId, actor, action, targetType, targetId, summary: `test ${action}` }));
      await record(actorOf(boss), 'content.approve', 'document', docId);
      await record(actorOf(boss), 'user.update', 'user', writer.id);
      await record(actorOf(writer), 'oit.item.update', 'oit_item', '2567/O11');
      await record(actorOf(writer), 'oit.item.delete', 'oit_item', '2567/O12');
      await record(actorOf(writer), 'integrity.issue.update', 'integrity_issue', 7);
      await record(actorOf(writer), 'integrity.measure.update', 'integrity_measure', 12);
      await record(actorOf(writer), 'integrity.evidence.remove', 'integrity_evidence', 3);
      await record(actorOf(writer), 'custom.unknown.code', 'mystery', 5);
      await record(actorOf(systemActor(writer.agencyId, 'command line')), 'demo.password.reset', 'user', writer.id);
    });
    after(() => t.close());

    const signIn = async (username: string) => {
      const a = t.agent();
      assert.equal((await a.login(username, FIXTURE_PASSWORD)).status, 303, `${username} signs in`);
      return a;
    };

    test('each event reads as words, by a named person, at a Bangkok time in the Buddhist era', async () => {
      const a = await signIn('boss');
      const r = await a.get('/staff/audit');
      assert.equal(r.status, 200);
      const rows = auditRows(r.body);
      const row = (code: string) => rows.find((x) => x.includes(`test ${code}`)) ?? assert.fail(`no row for ${code}:\n${rows.join('\n')}`);
      assert.match(row('content.approve'), /นางสาวพิมพ์ใจ ซื่อตรง .*อนุมัติและเผยแพร่/);
      assert.match(row('user.update'), /แก้ไขบัญชีผู้ใช้/);
      assert.match(row('oit.item.update'), /นายสมศักดิ์ เขียนดี .*แก้ไขข้อ OIT .*ข้อ OIT 2567\/O11/);
      assert.match(row('integrity.evidence.remove'), /ลบหลักฐาน/);
      assert.match(row('demo.password.reset'), /ระบบ \(คำสั่งของผู้ดูแลเครื่อง\) .*ตั้งรหัสผ่านใหม่ให้บัญชีตัวอย่าง/);
      assert.doesNotMatch(row('demo.password.reset'), /command line/, 'the system actor is named in Thai');
      // a code without words is shown as it is, never hidden
      assert.match(row('custom.unknown.code'), /custom\.unknown\.code .*mystery 5/);
      // the time: Bangkok, Buddhist era
      const ev = await t.p.db.k.selectFrom('audit_event').select('at').where('action', '=', 'content.approve').executeTakeFirstOrThrow();
      const bkk = new Date(new Date(ev.at).getTime() + 7 * 3600_000);
      const when = `${bkk.getUTCDate()} ${THAI_MONTHS[bkk.getUTCMonth()]} ${bkk.getUTCFullYear() + 543} 0?${bkk.getUTCHours()}:${String(bkk.getUTCMinutes()).padStart(2, '0')}`;
      assert.match(row('content.approve'), new RegExp(when.replace(/\./g, '\\.')), `Bangkok time with the B.E. year: ${when}`);
      assert.match(r.body, new RegExp(`<time datetime="${ev.at.replace(/\./g, '\\.')}">`));
      // the action filter offers words, with the codes as values
      assert.match(r.body, /<option value="content\.approve">อนุมัติและเผยแพร่<\/option>/);
      await a.get('/lang/en');
      const english = auditRows((await a.get('/staff/audit')).body);
      assert.ok(english.some((x) => /approved and published/.test(x)), english.join('\n'));
      assert.ok(english.some((x) => /system \(server command line\) .*set a new password for a demo account/.test(x)), english.join('\n'));
      await a.get('/lang/th');
    });

    test('targets link to their staff pages when the reader may open them; others are plain text', async () => {
      const html = (await (await signIn('boss')).get('/staff/audit')).body;
      assert.match(html, new RegExp(`<a href="/staff/content/${docId}">เอกสาร #${docId}</a>`));
      assert.match(html, new RegExp(`<a href="/staff/users/${writerId}">ผู้ใช้ #${writerId}</a>`));
      assert.match(html, /<a href="\/staff\/oit\/2567\/O11">ข้อ OIT 2567\/O11<\/a>/);
      assert.match(html, /<a href="\/staff\/integrity\/headings\/7">ประเด็นข้อเสนอแนะ #7<\/a>/);
      assert.match(html, /<a href="\/staff\/integrity\/measures\/12">มาตรการ #12<\/a>/);
      assert.doesNotMatch(html, /href="\/staff\/oit\/2567\/O12"/, 'a deleted item is not linked');
      assert.match(html, /<span>ข้อ OIT 2567\/O12<\/span>/);
      assert.match(html, /<span>หลักฐาน #3<\/span>/, 'no staff page of its own: plain text');
      assert.match(html, /<span>mystery 5<\/span>/);
      // an executive reads the log but may not manage users: no link to a page that would refuse them
      await staff(t.p, ['executive'], 'chief');
      const exec = (await (await signIn('chief')).get('/staff/audit')).body;
      assert.doesNotMatch(exec, /href="\/staff\/users\/\d+"/);
      assert.match(exec, new RegExp(`<span>ผู้ใช้ #${writerId}</span>`));
      assert.match(exec, new RegExp(`<a href="/staff/content/${docId}">`));
    });

    test('the actor filter finds people by part of their Thai name or username, in any case, and system actors by their name', async () => {
      const a = await signIn('boss');
      const writerRows = async (q: string) => auditRows((await a.get(`/staff/audit?actor=${encodeURIComponent(q)}`)).body);
      const byName = await writerRows('สมศักดิ์');
      assert.ok(byName.length >= 7, byName.join('\n'));
      assert.ok(byName.every((x) => x.includes('นายสมศักดิ์ เขียนดี')), byName.join('\n'));
      assert.ok(byName.some((x) => /สร้างร่าง/.test(x)), 'content.create of the draft');
      assert.deepEqual(await writerRows('WRITER'), byName, 'the username, whatever its case');
      assert.deepEqual(await writerRows('เขียน'), byName);
      const system = await writerRows('ระบบ');
      assert.ok(system.length >= 1 && system.every((x) => x.includes('ระบบ (')), system.join('\n'));
      assert.ok(system.some((x) => /ตั้งรหัสผ่านใหม่ให้บัญชีตัวอย่าง/.test(x)));
      assert.deepEqual(await writerRows('command'), system.filter((x) => x.includes('คำสั่ง')));
      assert.match(textOf((await a.get(`/staff/audit?actor=${encodeURIComponent('ไม่มีใครชื่อนี้')}`)).body), /ไม่พบบันทึกตามเงื่อนไข/);
      // filters combine and pages keep them
      const both = auditRows((await a.get(`/staff/audit?actor=${encodeURIComponent('พิมพ์ใจ')}&action=content.`)).body);
      assert.ok(both.length === 1 && /อนุมัติและเผยแพร่/.test(both[0]!), both.join('\n'));
      const day = (offset: number) => new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
      assert.equal(auditRows((await a.get(`/staff/audit?actor=${encodeURIComponent('สมศักดิ์')}&from=${day(-1)}&to=${day(1)}`)).body).length, byName.length);
      assert.match(textOf((await a.get(`/staff/audit?actor=${encodeURIComponent('สมศักดิ์')}&to=${day(-2)}`)).body), /ไม่พบบันทึกตามเงื่อนไข/);
      // the date boxes as an officer types them: B.E. year, month by name
      const be = (offset: number) => { const [y, m, d] = day(offset).split('-').map(Number) as [number, number, number]; return { d: String(d), m: ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'][m - 1]!, y: String(y + 543) }; };
      const boxes = (name: string, x: { d: string; m: string; y: string }) => `${name}-day=${x.d}&${name}-month=${encodeURIComponent(x.m)}&${name}-year=${x.y}`;
      assert.equal(auditRows((await a.get(`/staff/audit?actor=${encodeURIComponent('สมศักดิ์')}&${boxes('from', be(-1))}&${boxes('to', be(1))}`)).body).length, byName.length);
      assert.match(textOf((await a.get(`/staff/audit?actor=${encodeURIComponent('สมศักดิ์')}&${boxes('to', be(-2))}`)).body), /ไม่พบบันทึกตามเงื่อนไข/);
      const wrong = await a.get(`/staff/audit?from-day=1&from-month=12&from-year=3569`);
      assert.equal(wrong.status, 200);
      assert.match(textOf(wrong.body), /ปีต้องเป็นปีพุทธศักราช 4 หลัก/, 'an impossible year is said, not ignored');
      const writer = (await t.p.db.k.selectFrom('app_user').select(['id', 'agency_id']).where('username', '=', 'writer').executeTakeFirstOrThrow());
      for (let i = 0; i < 50; i++) await tx(t.p.db, (x) => recordAudit(x, { agencyId: writer.agency_id, actor: { id: writer.id, label: 'writer' }, action: 'notice.acknowledge', targetType: 'staff_notice', targetId: i + 1, summary: 'acknowledged' }));
      const first = await a.get(`/staff/audit?actor=${encodeURIComponent('สมศักดิ์')}`);
      const total = byName.length + 50;
      assert.match(textOf(first.body), new RegExp(`แสดง 1–50 จาก ${total} รายการ`));
      const next = /<a href="([^"]+)" rel="next"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
      assert.match(next, /actor=%E0%B8%AA/, 'the next page keeps the filter');
      const second = await a.get(next);
      assert.match(textOf(second.body), new RegExp(`แสดง 51–${total} จาก ${total} รายการ`));
      assert.ok(auditRows(second.body).every((x) => x.includes('นายสมศักดิ์ เขียนดี')));
    });
  });
}

test('every action the code records has words in Thai and English', async () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const files = (function walk(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
  })(root);
  const codes = new Set<string>();
  for (const f of files) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      // literal codes handed to recordAudit (action: '…', or a ternary of two) and to the integrity service's audit(t, actor, '…')
      if (!/recordAudit\(|await audit\(t, actor,/.test(line)) continue;
      const args = /recordAudit\(/.test(line) ? /action: ([^,]*(?:\?[^:]*:[^,]*)?),/.exec(line)?.[1] ?? '' : line.split('await audit(t, actor,')[1]!.split(/, '[a-z_]+', /)[0]!;
      for (const m of args.matchAll(/'([a-z0-9_]+(?:\.[a-z0-9_]+)+)'/g)) codes.add(m[1]!);
    }
  }
  // codes made at run time: content.${action} and content.draft.${action} (publishing), integrity.<register>.create|update
  // (registers), integrity.<row>.remove (removeUnder)
  for (const a of ['submit', 'approve', 'return', 'archive', 'reopen']) codes.add(`content.${a}`);
  for (const a of ['submit', 'return']) codes.add(`content.draft.${a}`);
  for (const r of ['risk', 'project', 'ethics']) for (const a of ['create', 'update']) codes.add(`integrity.${r}.${a}`);
  for (const r of ['recommendation', 'outcome', 'evidence', 'milestone']) codes.add(`integrity.${r}.remove`);
  assert.ok(codes.size >= 60, `found ${codes.size} codes: ${[...codes].join(' ')}`);
  for (const code of ['auth.login.failed', 'agency.executive.create', 'integrity.result.save', 'oit.binding.remove', 'demo.seed.integrity']) assert.ok(codes.has(code), `the scan finds ${code}`);
  // every module's catalogue (each names its own actions), whether or not an installation has registered it yet
  const modules = path.join(root, 'modules');
  const catalogues = await Promise.all(fs.readdirSync(modules).filter((d) => fs.existsSync(path.join(modules, d, 'messages.ts'))).map((d) => import(path.join(modules, d, 'messages.ts')) as Promise<{ th: Record<string, string>; en: Record<string, string> }>));
  const catalogue = (m: Record<string, string>): T => (key) => m[key] ?? key;
  const th = catalogue(Object.assign({}, thMessages, ...catalogues.map((c) => c.th)));
  const en = catalogue(Object.assign({}, enMessages, ...catalogues.map((c) => c.en)));
  const missing = [...codes].filter((c) => actionLabel(th, c) === c || actionLabel(en, c) === c || actionLabel(th, c) === actionLabel(en, c));
  assert.deepEqual(missing, [], 'actions shown as bare codes');
  assert.equal(actionLabel(th, 'content.approve'), 'อนุมัติและเผยแพร่');
  assert.equal(actionLabel(en, 'content.approve'), 'approved and published');
  assert.equal(actionLabel(th, 'something.new'), 'something.new', 'an unknown code falls back to itself');
});
