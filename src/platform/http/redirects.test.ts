// Finding 6 of the penetration test: an open redirect through ?next= (a tab, a vertical tab or a full-width space
// let a path reach another host) and invalid characters in the Location header.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { safeNext } from './render.ts';

const [sqlite] = await dbTargets();

describe('redirects stay on the site', () => {
  test('safeNext keeps same-origin paths and refuses everything a browser could read as another host', () => {
    assert.equal(safeNext('/staff/users?page=2#top'), '/staff/users?page=2#top');
    assert.equal(safeNext('/search?q=ทดสอบ'), '/search?q=%E0%B8%97%E0%B8%94%E0%B8%AA%E0%B8%AD%E0%B8%9A', 'Thai is encoded, never raw in a header');
    for (const bad of ['//evil.example', '/\t/evil.example', '/\u000B/x', '/\u000C/x', '/\u0000/x', '/\u3000/evil.example', '/\\evil.example', '/..//evil.example', '/./..//evil.example/x', 'https://evil.example/', 'javascript:alert(1)', '', '/\r\nSet-Cookie:x=1']) {
      assert.equal(safeNext(bad), '/', `refused: ${JSON.stringify(bad)}`);
    }
  });

  describe('over HTTP', () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(sqlite!);
    });
    after(() => t.close());

    test('/lang/en?next= with a tab, vertical tab, form feed, NUL or U+3000 goes home, with a valid Location', async () => {
      for (const next of ['%2F%09%2Fevil.example', '%2F%0B%2Fx', '%2F%0C%2Fx', '%2F%00%2Fx', '%2F%E3%80%80%2Fevil.example', '%2F%2Fevil.example']) {
        const r = await t.agent().get(`/lang/en?next=${next}`);
        assert.ok(r.status === 303 || r.status === 400, `${next}: ${r.status}`);
        if (r.status === 303) assert.equal(r.location, '/', `${next} goes home`);
      }
    });

    test('/login?next= when signed in follows only local paths', async () => {
      const a = t.agent();
      await a.login('publisher');
      assert.equal((await a.get('/login?next=%2F%09%2Fevil.example')).location, '/staff');
      assert.equal((await a.get('/login?next=%2Fdocuments')).location, '/documents');
    });
  });
});
