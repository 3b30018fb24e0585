// Finding 8 of the penetration test: 500s an anonymous visitor could cause with page numbers, twice-decoded
// paths, invalid dates, and NUL or control characters in queries and forms (PostgreSQL refuses NUL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';
import { dateQuery, dayQuery, MAX_PAGE, pageParam, yearQuery } from './params.ts';

describe('parameter parsers', () => {
  test('pages, years and days are bounded', () => {
    assert.equal(pageParam('1e308'), 1);
    assert.equal(pageParam('99999999999'), 1);
    assert.equal(pageParam('20000'), MAX_PAGE);
    assert.equal(pageParam('-3'), 1);
    assert.equal(pageParam('3'), 3);
    assert.equal(pageParam(['2', '3']), 1);
    assert.equal(yearQuery('2570'), 2570);
    assert.equal(yearQuery('1e3'), null);
    assert.equal(yearQuery('9999'), null);
    assert.equal(dayQuery('9999-99-99'), '');
    assert.equal(dayQuery('2026-02-30'), '');
    assert.equal(dayQuery('2026-12-01'), '2026-12-01');
  });

  test('a day filter typed in B.E. parts is read as the C.E. day; a wrong one says why', () => {
    assert.deepEqual(dateQuery({ 'from-day': '1', 'from-month': 'ธ.ค.', 'from-year': '2569' }, 'from'), { iso: '2026-12-01', problem: null });
    assert.deepEqual(dateQuery({ 'from-day': '', 'from-month': '', 'from-year': '' }, 'from'), { iso: '', problem: null });
    assert.equal(dateQuery({ 'from-day': '1', 'from-month': '12', 'from-year': '3000' }, 'from').problem?.error, 'date.err.year');
    assert.deepEqual(dateQuery({ from: '2026-12-01' }, 'from'), { iso: '2026-12-01', problem: null });
  });
});

for (const target of await dbTargets()) {
  describe(`no 500 from what a visitor types, on ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(target);
    });
    after(() => t.close());

    test('?page=1e308 on public lists, search, the API and staff lists', async () => {
      const staff = t.agent();
      await staff.login('admin');
      for (const url of ['/documents?page=1e308', '/news?page=1e308', '/search?q=แผน&page=1e308', '/api/v1/search?q=แผน&page=1e308', '/documents?page=99999999999']) {
        const r = await t.agent().get(url);
        assert.equal(r.status, 200, `${url}: ${r.status}`);
      }
      for (const url of ['/staff/content?page=1e308', '/staff/users?page=1e308', '/staff/audit?page=1e308']) {
        assert.equal((await staff.get(url)).status, 200, url);
      }
    });

    test('a code decoded twice, an impossible date, control characters in a query or a path', async () => {
      const staff = t.agent();
      await staff.login('admin');
      assert.equal((await t.agent().get('/oit/2567/%25')).status, 404);
      assert.equal((await staff.get('/staff/audit?from=9999-99-99&to=2026-13-01')).status, 200);
      for (const url of ['/search?q=a%00b', '/api/v1/search?q=a%00b', '/documents?category=%00', '/search?q=%1B%5B31m', '/oit/2567/O1%00', '/documents/x%00y']) {
        const r = await t.agent().get(url);
        assert.equal(r.status, 400, `${url}: ${r.status}`);
      }
      const api = await t.agent().get('/api/v1/search?q=a%00b');
      assert.equal(JSON.parse(api.body).error, '400', 'the API answers JSON');
      assert.match(textOf((await t.agent().get('/search?q=a%00b')).body), /อักขระควบคุม/);
    });

    test('NUL, ESC and U+202E in form text are refused on the field, never stored', async () => {
      const a = t.agent();
      await a.login('admin');
      await a.get('/staff/agency');
      for (const bad of ['ก\u0000ข', 'ก\u001bข', 'ก\u202eข']) {
        const r = await a.post('/staff/agency', { name_th: bad });
        assert.ok(r.status === 422 || r.status === 400, `refused (${r.status})`);
      }
      const agency = await t.p.db.k.selectFrom('agency').select('name_th').executeTakeFirstOrThrow();
      assert.doesNotMatch(agency.name_th, /[\u0000\u001b\u202e]/);
      await a.get('/login');
    });
  });
}
