import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { Agent, DEMO_PASSWORD, startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { buildApp, createLogger, createPlatform } from '../../server.ts';
import { totpCode } from './totp.ts';
import { createUser, loadCurrentUser } from './users.ts';
import { ForbiddenError } from '../http/errors.ts';

for (const target of await dbTargets()) {
  describe(`sign-in and accounts on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('staff pages send visitors to the sign-in page, and back afterwards', async () => {
      const a = t.agent();
      const r = await a.get('/staff/users?page=2');
      assert.equal(r.status, 303);
      assert.equal(r.location, '/login?next=%2Fstaff%2Fusers%3Fpage%3D2');
      await a.get(r.location!);
      const login = await a.post(`/login?next=${encodeURIComponent('/staff/users?page=2')}`, { username: 'admin', password: DEMO_PASSWORD });
      assert.equal(login.status, 303);
      assert.equal(login.location, '/staff/users?page=2');
    });

    test('a wrong password is refused with a clear message and no session', async () => {
      const a = t.agent();
      const r = await a.login('publisher', 'wrong-password');
      assert.equal(r.status, 401);
      assert.match(textOf(r.body), /ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง/);
      assert.equal(a.cookies.has('psid'), false);
      const unknown = await a.login('nobody', 'whatever-password');
      assert.equal(unknown.status, 401);
    });

    test('a form posted without its CSRF token is refused', async () => {
      const a = t.agent();
      await a.get('/login');
      const r = await a.post('/login', { username: 'admin', password: DEMO_PASSWORD }, { csrf: false });
      assert.equal(r.status, 403);
      assert.match(textOf(r.body), /แบบฟอร์มหมดอายุ/);
      const forged = await a.post('/login', { _csrf: 'forged-token', username: 'admin', password: DEMO_PASSWORD });
      assert.equal(forged.status, 403);
      const fresh = new Agent(t.app);
      const noCookie = await fresh.post('/login', { _csrf: a.csrf, username: 'admin', password: DEMO_PASSWORD });
      assert.equal(noCookie.status, 403);
    });

    test('sign-in, the staff home, sign-out; the old session no longer works', async () => {
      const a = t.agent();
      const r = await a.login('integrity');
      assert.equal(r.status, 303);
      assert.equal(r.location, '/staff');
      const home = await a.get('/staff');
      assert.equal(home.status, 200);
      assert.match(textOf(home.body), /นายคุณธรรม ตรวจสอบ/);
      const sid = a.cookies.get('psid')!;
      const out = await a.post('/logout', {});
      assert.equal(out.status, 303);
      const again = await t.app.inject({ method: 'GET', url: '/staff', headers: { cookie: `psid=${sid}` } });
      assert.equal(again.statusCode, 303);
    });

    test('roles are checked in routes and in services', async () => {
      const a = t.agent();
      await a.login('publisher');
      assert.equal((await a.get('/staff/users')).status, 403);
      assert.equal((await a.get('/staff/audit')).status, 403);
      assert.equal((await a.get('/staff/agency')).status, 403);
      const publisher = await t.p.db.k.selectFrom('app_user').select(['id', 'agency_id']).where('username', '=', 'publisher').executeTakeFirstOrThrow();
      const user = (await loadCurrentUser(t.p.db, publisher.agency_id, publisher.id, true))!;
      await assert.rejects(createUser(t.p, user, { username: 'sneaky', displayName: 'x', email: '', roles: ['admin'] }), ForbiddenError);
      const exec = t.agent();
      await exec.login('executive');
      assert.equal((await exec.get('/staff/audit')).status, 200);
    });

    test('the next parameter never leads off the site', async () => {
      const a = t.agent();
      await a.get('/login');
      const r = await a.post(`/login?next=${encodeURIComponent('//evil.example/x')}`, { username: 'asset', password: DEMO_PASSWORD });
      assert.equal(r.location, '/staff');
    });

    test('a session made by one app process is honoured by another', async () => {
      const a = t.agent();
      await a.login('service');
      const p2 = await createPlatform(t.config, createLogger(t.config));
      const app2 = await buildApp(p2);
      try {
        const r = await app2.inject({ method: 'GET', url: '/staff', headers: { cookie: `psid=${a.cookies.get('psid')}` } });
        assert.equal(r.statusCode, 200);
        assert.match(textOf(r.payload), /นายบริการ ฉับไว/);
      } finally {
        await app2.close();
        await p2.db.close();
      }
    });

    test('password change: wrong current, mismatch, too short, then success', async () => {
      const a = t.agent();
      await a.login('procurement');
      await a.get('/account/password');
      let r = await a.post('/account/password', { current_password: 'nope-nope-nope', new_password: 'ใหม่-รหัสผ่าน-2570', confirm_password: 'ใหม่-รหัสผ่าน-2570' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /รหัสผ่านปัจจุบันไม่ถูกต้อง/);
      r = await a.post('/account/password', { current_password: DEMO_PASSWORD, new_password: 'ใหม่-รหัสผ่าน-2570', confirm_password: 'อื่น' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /รหัสผ่านทั้งสองช่องไม่ตรงกัน/);
      r = await a.post('/account/password', { current_password: DEMO_PASSWORD, new_password: 'short', confirm_password: 'short' });
      assert.equal(r.status, 422);
      assert.match(textOf(r.body), /อย่างน้อย 10 ตัวอักษร/);
      r = await a.post('/account/password', { current_password: DEMO_PASSWORD, new_password: 'ใหม่-รหัสผ่าน-2570', confirm_password: 'ใหม่-รหัสผ่าน-2570' });
      assert.equal(r.status, 303);
      assert.match(textOf((await a.get(r.location!)).body), /เปลี่ยนรหัสผ่านแล้ว/);
      assert.equal((await t.agent().login('procurement')).status, 401);
      assert.equal((await t.agent().login('procurement', 'ใหม่-รหัสผ่าน-2570')).status, 303);
    });

    test('two-step verification: enrol with a QR code, sign in with TOTP, replay refused, recovery code once', async () => {
      const a = t.agent();
      await a.login('complaint');
      let page = await a.get('/account/2fa');
      assert.match(textOf(page.body), /ยังไม่เปิดใช้งาน/);
      await a.post('/account/2fa/start', {});
      page = await a.get('/account/2fa');
      assert.match(page.body, /<img class="qr" src="data:image\/png;base64,/);
      const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
      const bad = await a.post('/account/2fa/confirm', { code: '000000' === totpCode(secret) ? '111111' : '000000' });
      assert.equal(bad.status, 422);
      // a code from the previous time step, so the sign-in below can use the current one
      const enrolCode = totpCode(secret, Date.now() - 30_000);
      const ok = await a.post('/account/2fa/confirm', { code: enrolCode });
      assert.equal(ok.status, 200);
      const codes = [...ok.body.matchAll(/<li>([0-9A-Z]{5}-[0-9A-Z]{5})<\/li>/g)].map((m) => m[1]!);
      assert.equal(codes.length, 10);

      const b = t.agent();
      let r = await b.login('complaint');
      assert.equal(r.location, '/login/2fa?next=%2Fstaff');
      assert.equal((await b.get('/staff')).status, 303);
      await b.get('/login/2fa');
      r = await b.post('/login/2fa', { code: '12345' });
      assert.equal(r.status, 401);
      r = await b.post('/login/2fa', { code: enrolCode });
      assert.equal(r.status, 401, 'a code from a step already used is refused');
      r = await b.post('/login/2fa', { code: totpCode(secret) });
      assert.equal(r.status, 303);
      assert.equal((await b.get('/staff')).status, 200);

      const c = t.agent();
      await c.login('complaint');
      await c.get('/login/2fa');
      r = await c.post('/login/2fa', { code: codes[0]!.toLowerCase() });
      assert.equal(r.status, 303);
      assert.match(textOf((await c.get('/staff')).body), /เหลืออีก 9 รหัส/);
      const d = t.agent();
      await d.login('complaint');
      await d.get('/login/2fa');
      assert.equal((await d.post('/login/2fa', { code: codes[0]! })).status, 401);
    });

    test('login throttling: after five failures even the right password waits, with a clear message', async () => {
      const a = t.agent();
      for (let i = 0; i < 5; i++) assert.equal((await a.login('asset', `wrong-${i}`)).status, 401);
      const r = await a.login('asset');
      assert.equal(r.status, 429);
      assert.match(textOf(r.body), /กรุณารอประมาณ \d+ นาที/);
    });
  });
}

describe('demo accounts outside demo mode', () => {
  test('must change their password before anything else', async () => {
    const [sqlite] = await dbTargets();
    const t = await startApp(sqlite!, { env: { DEMO_MODE: 'false', SECRET_KEY: 'x'.repeat(40) } });
    try {
      const a = t.agent();
      const r = await a.login('admin');
      assert.equal(r.location, '/account/password');
      assert.equal((await a.get('/staff/users')).location, '/account/password');
      const page = await a.get('/account/password');
      assert.match(textOf(page.body), /กรุณาตั้งรหัสผ่านใหม่ก่อนใช้งานต่อ/);
      const done = await a.post('/account/password', { current_password: DEMO_PASSWORD, new_password: 'a-real-password-2570', confirm_password: 'a-real-password-2570' });
      assert.equal(done.location, '/staff');
      assert.equal((await a.get('/staff/users')).status, 200);
    } finally {
      await t.close();
    }
  });
});
