// Finding 12 of the penetration test (information): the flash cookie without Secure under https, X-Frame-Options
// disagreeing with CSP, and a world-readable database. (The slug collision is tested in modules/publishing.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';

const [sqlite] = await dbTargets();

describe('hardening', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp(sqlite!, { env: { BASE_URL: 'https://www.kalasin-pao.example' } });
  });
  after(() => t.close());

  test('under https every cookie is Secure, the flash message too', async () => {
    const a = t.agent();
    const login = await a.login('publisher');
    const r = await a.post('/logout', {});
    const cookies = [...[login.headers['set-cookie']].flat(), ...[r.headers['set-cookie']].flat()].filter(Boolean) as string[];
    assert.ok(cookies.some((c) => c.startsWith('flash=')), 'a flash message was set');
    for (const c of cookies) if (!/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) assert.match(c, /; Secure/i, c.split('=')[0]);
  });

  test('framing is refused the same way by both headers', async () => {
    const r = await t.agent().get('/');
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/);
  });

  test('the database, its WAL and uploaded files are not readable by other users', () => {
    const file = path.join(t.config.dataDir, 'prongsai.sqlite');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      if (fs.existsSync(f)) assert.equal(fs.statSync(f).mode & 0o777, 0o600, path.basename(f));
    }
    const files = path.join(t.config.dataDir, 'files');
    const sub = fs.readdirSync(files)[0]!;
    const one = fs.readdirSync(path.join(files, sub))[0]!;
    assert.equal(fs.statSync(path.join(files, sub, one)).mode & 0o777, 0o640, 'an uploaded file');
    assert.equal(fs.statSync(path.join(t.config.dataDir, 'secret.key')).mode & 0o777, 0o600);
  });
});
