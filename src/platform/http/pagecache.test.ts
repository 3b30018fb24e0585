// The page cache's parts, without a server: the key (language, host, path; which cookies and credentials refuse the
// cache), Accept-Encoding and If-None-Match, and that a page rendered before a public change is never kept. Over a
// real socket, with a publication and both databases: test/pagecache.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type http from 'node:http';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp } from '../../../test/support/app.ts';
import { acceptedEncodings, cacheKey, etagMatches, nextBangkokMidnight, PageCache } from './pagecache.ts';
import { onPublicChange, publicChanged } from '../changes.ts';
import { tx } from '../db/index.ts';
import { indexDocument } from '../search/index.ts';
import { firstAgencyId } from '../tenant.ts';

describe('page cache: keys, encodings, validators', () => {
  const req = (url: string, headers: http.IncomingHttpHeaders = {}) => ({ url, headers }) as http.IncomingMessage;
  test('the key holds language, host and path; any cookie but lang and _csrf, or credentials, means no cache', () => {
    assert.equal(cacheKey(req('/news?page=2', { host: 'a.go.th' }), false), 'th\u0000a.go.th\u0000/news?page=2');
    assert.equal(cacheKey(req('/', { host: 'a', cookie: 'lang=en; _csrf=abc' }), false), 'en\u0000a\u0000/');
    assert.notEqual(cacheKey(req('/', { host: 'a' }), false), cacheKey(req('/', { host: 'b' }), false));
    for (const cookie of ['sid=1', 'lang=en; sid=1', 'flash=x', 'lang=fr', 'lang=en; lang=th', 'lang="en"', 'complaint=1']) {
      assert.equal(cacheKey(req('/', { host: 'a', cookie }), false), null, cookie);
    }
    assert.equal(cacheKey(req('/', { host: 'a', authorization: 'Basic eDp5' }), false), null);
    assert.notEqual(cacheKey(req('/', { host: 'a', 'x-forwarded-host': 'b' }), true), cacheKey(req('/', { host: 'a', 'x-forwarded-host': 'c' }), true));
  });

  test('Accept-Encoding and If-None-Match', () => {
    assert.equal(acceptedEncodings('gzip, deflate, br'), 3);
    assert.equal(acceptedEncodings('gzip'), 1);
    assert.equal(acceptedEncodings('br;q=0, gzip;q=0.5'), 1);
    assert.equal(acceptedEncodings('identity'), 0);
    assert.equal(acceptedEncodings('*'), 3);
    assert.equal(acceptedEncodings(undefined), 0);
    assert.ok(etagMatches('"abc"', 'abc'));
    assert.ok(etagMatches('W/"abc-br", "x"', 'abc'));
    assert.ok(etagMatches('*', 'abc'));
    assert.ok(!etagMatches('"abcd"', 'abc'));
  });

  test('a page rendered before a public change is not kept; a change drops only its agency', async () => {
    const [sqlite] = await dbTargets();
    const t = await startApp(sqlite!, { demo: false });
    const cache = new PageCache({ maxBytes: 1 << 20, maxAgeMs: 60_000, trustProxy: false, db: t.p.db, log: t.p.log });
    try {
      const gen = cache.generation;
      publicChanged(t.p.db, 1);
      await cache.store('th\u0000a\u0000/', 1, '/', [], Buffer.from('old'), 'tag', gen, Date.now());
      assert.equal(cache.size, 0, 'rendered under the old generation: not kept');
      await cache.store('th\u0000a\u0000/', 1, '/', [], Buffer.from('new'), 'tag1', cache.generation, Date.now());
      await cache.store('th\u0000b\u0000/', 2, '/', [], Buffer.from('other'), 'tag2', cache.generation, Date.now());
      assert.equal(cache.size, 2);
      publicChanged(t.p.db, 2);
      assert.equal(cache.size, 1, 'agency 2 changed: its page went, agency 1 kept its own');
    } finally {
      cache.close();
      await t.close();
    }
  });

  test('pages expire at midnight in Bangkok (the day and the fiscal year they show)', () => {
    assert.equal(new Date(nextBangkokMidnight(Date.parse('2026-12-01T16:59:59Z'))).toISOString(), '2026-12-01T17:00:00.000Z');
    assert.equal(new Date(nextBangkokMidnight(Date.parse('2026-12-01T17:00:00Z'))).toISOString(), '2026-12-02T17:00:00.000Z');
    assert.equal(new Date(nextBangkokMidnight(Date.parse('2026-09-30T20:00:00Z'))).toISOString(), '2026-10-01T17:00:00.000Z', 'after 1 October in Bangkok: a new fiscal year');
  });

  test('a change is told once per transaction and agency, after the commit; a rolled-back one never', async () => {
    const [sqlite] = await dbTargets();
    const t = await startApp(sqlite!, { demo: false });
    const told: number[] = [];
    const stop = onPublicChange((id) => told.push(id));
    try {
      const a = (await firstAgencyId(t.p.db))!;
      await tx(t.p.db, async (k) => {
        publicChanged(k, a);
        await indexDocument(k, { agencyId: a, kind: 'news', refId: 'x', lang: 'th', url: '/news/x', title: 'ข่าว', body: 'ข่าว' });
        publicChanged(k, a + 1);
        assert.deepEqual(told, [], 'nothing before the commit');
      });
      assert.deepEqual(told, [a, a + 1], 'once per agency, the search entry included');
      told.length = 0;
      await assert.rejects(tx(t.p.db, async (k) => {
        publicChanged(k, 7);
        throw new Error('rolled back');
      }));
      assert.deepEqual(told, [], 'a rolled-back change changed nothing');
    } finally {
      stop();
      await t.close();
    }
  });
});
