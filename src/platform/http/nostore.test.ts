// Finding 9 of the penetration test: staff pages, previews, exports and /account/2fa (which shows a pending
// TOTP secret) could be kept by a browser or a proxy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { dbTargets } from '../../../test/support/db.ts';
import { DEMO_PASSWORD, startApp, type TestApp } from '../../../test/support/app.ts';

const [sqlite] = await dbTargets();

describe('no-store on everything a signed-in person sees', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp(sqlite!);
  });
  after(() => t.close());

  test('staff pages, previews, exports, the account pages and public pages seen while signed in', async () => {
    const a = t.agent();
    await a.login('admin');
    await a.post('/account/2fa/start', {});
    const draft = await t.p.db.k.selectFrom('content').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow();
    for (const url of ['/staff', '/staff/users', '/staff/audit', `/staff/content/${draft.id}/preview`, '/staff/oit/2567/export.csv', '/staff/oit/2567/export.xlsx', '/account', '/account/2fa', '/', '/documents']) {
      const r = await a.get(url);
      assert.equal(r.status, 200, url);
      assert.equal(r.headers['cache-control'], 'no-store', url);
    }
    const fresh = t.agent();
    assert.equal((await fresh.get('/login')).headers['cache-control'], 'no-store', 'the sign-in page');
    const signedIn = await fresh.post('/login', { username: 'publisher', password: DEMO_PASSWORD });
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.headers['cache-control'], 'no-store', 'the answer that sets the session cookie');
    const anon = await t.agent().get('/documents');
    assert.notEqual(anon.headers['cache-control'], 'no-store', 'anonymous public pages may be cached');
  });

  test('a request naming its target in absolute form (GET http://host/login) gets no-store too', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const head = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.end(`GET http://127.0.0.1:${port}/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
      let data = '';
      socket.setEncoding('utf8').on('data', (d) => (data += d)).on('end', () => resolve(data.split('\r\n\r\n')[0]!)).on('error', reject);
    });
    assert.match(head, /^HTTP\/1\.1 200/);
    assert.match(head, /^cache-control: no-store$/im);
  });
});
