import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { bodyText, startSmtp } from '../../../test/support/smtp.ts';

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
