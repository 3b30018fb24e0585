// Public reads that query the database on every request (the search page, the search API, Open311's GETs) are
// limited per address (an IPv6 /64 as one): past PUBLIC_QUERIES_PER_MINUTE a minute, 429 with Retry-After and a
// message in the page's form (HTML in the visitor's language, JSON for the API, GeoReport errors for Open311).
// The counters are in memory (address-throttle.ts), so one database is enough here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type Agent, type TestApp } from '../../../test/support/app.ts';
import { loadConfig } from '../config.ts';

const [sqlite] = await dbTargets();

describe('public queries per address', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp(sqlite!, { env: { PUBLIC_QUERIES_PER_MINUTE: '3' } });
  });
  after(() => t.close());

  const from = (ip: string): Agent => Object.assign(t.agent(), { ip });

  test('the fourth search of a minute from one address waits, in Thai; another address does not', async () => {
    const a = from('203.0.113.10');
    for (const q of ['งบประมาณ', 'แผน', 'ประกาศ']) assert.equal((await a.get(`/search?q=${encodeURIComponent(q)}`)).status, 200, q);
    const held = await a.get(`/search?q=${encodeURIComponent('จัดซื้อ')}`);
    assert.equal(held.status, 429);
    const wait = Number(held.headers['retry-after']);
    assert.ok(wait >= 1 && wait <= 60, `Retry-After ${held.headers['retry-after']}`);
    assert.match(textOf(held.body), new RegExp(`ส่งคำขอถี่เกินไป.*กรุณารอ ${wait} วินาทีแล้วลองใหม่`));
    assert.equal((await from('203.0.113.11').get('/search?q=x')).status, 200, 'another address');
  });

  test('the search API and Open311 share the count, each answering in its own format; an IPv6 /64 is one address', async () => {
    const a = from('2001:db8:5:6::1');
    assert.equal((await a.get('/api/v1/search?q=แผน')).status, 200);
    assert.equal((await from('2001:db8:5:6::2').get('/open311/v2/services.json')).status, 200);
    assert.equal((await from('2001:db8:5:6::3').get('/open311/v2/requests.json')).status, 200);
    const api = await a.get('/api/v1/search?q=งบ');
    assert.equal(api.status, 429);
    assert.match(api.headers['content-type'] as string, /json/);
    const body = JSON.parse(api.body) as { error: string; message: string };
    assert.equal(body.error, 'too_many_requests');
    assert.match(body.message, /^Please wait \d+ seconds and try again\. \/ กรุณารอ \d+ วินาทีแล้วลองใหม่$/);
    const geo = await from('2001:db8:5:6::4').get('/open311/v2/services.json');
    assert.equal(geo.status, 429);
    assert.match((JSON.parse(geo.body) as Array<{ code: number; description: string }>)[0]!.description, /^Too many requests: Please wait \d+ seconds/);
    assert.equal((JSON.parse(geo.body) as Array<{ code: number }>)[0]!.code, 429);
    assert.ok(Number(geo.headers['retry-after']) >= 1);
    assert.equal((await from('2001:db8:5:7::1').get('/open311/v2/services.json')).status, 200, 'the next /64');
  });

  test('pages that do not query per request are not counted', async () => {
    const a = from('203.0.113.20');
    for (let i = 0; i < 6; i++) assert.equal((await a.get('/documents')).status, 200);
  });
});

describe('behind a reverse proxy', () => {
  test('TRUST_PROXY=true trusts one proxy: the address it added counts, not what the visitor wrote before it', async () => {
    const t = await startApp(sqlite!, { env: { PUBLIC_QUERIES_PER_MINUTE: '2', TRUST_PROXY: 'true' } });
    try {
      const via = (forwarded: string) => t.agent().request('GET', '/search?q=แผน', { headers: { 'x-forwarded-for': forwarded } });
      assert.equal((await via('198.51.100.1, 203.0.113.50')).status, 200);
      assert.equal((await via('198.51.100.2, 203.0.113.50')).status, 200);
      assert.equal((await via('198.51.100.3, 203.0.113.50')).status, 429, 'a new address written by the visitor does not reset the count');
      assert.equal((await via('203.0.113.50, 203.0.113.51')).status, 200, 'the next visitor the proxy names');
    } finally {
      await t.close();
    }
  });

  test('TRUST_PROXY with the proxies\' addresses: the first address not among them counts', async () => {
    const t = await startApp(sqlite!, { env: { PUBLIC_QUERIES_PER_MINUTE: '1', TRUST_PROXY: '127.0.0.1,10.0.0.0/8' } });
    try {
      const via = (forwarded: string) => t.agent().request('GET', '/search?q=แผน', { headers: { 'x-forwarded-for': forwarded } });
      assert.equal((await via('198.51.100.1, 203.0.113.60, 10.1.2.3')).status, 200);
      assert.equal((await via('198.51.100.2, 203.0.113.60, 10.9.9.9')).status, 429, 'the same visitor behind two inner proxies');
      assert.equal((await via('203.0.113.61')).status, 200);
    } finally {
      await t.close();
    }
  });

  test('the setting: false, true (one proxy), a number of proxies, or their addresses', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, 1);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, ::1' }).trustProxy, ['127.0.0.1', '10.0.0.0/8', '::1']);
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy, ['loopback', 'uniquelocal']);
    for (const bad of ['maybe', '11', 'proxy.example', '1.2.3', '10.0.0.0/33', '10.0.0.0/0', '::/0', ':::', '::1/200', '1.2.3.4/8/8']) assert.throws(() => loadConfig({ TRUST_PROXY: bad }), /Configuration error: TRUST_PROXY must be false, true \(one reverse proxy\)/);
  });
});

describe('public queries without a limit', () => {
  test('the setting is a whole number from 0', () => {
    assert.equal(loadConfig({ PUBLIC_QUERIES_PER_MINUTE: '30' }).publicQueriesPerMinute, 30);
    assert.equal(loadConfig({}).publicQueriesPerMinute, 120);
    for (const bad of ['-1', '1.5', 'many']) assert.throws(() => loadConfig({ PUBLIC_QUERIES_PER_MINUTE: bad }), /^Error: Configuration error: PUBLIC_QUERIES_PER_MINUTE must be/);
  });

  test('PUBLIC_QUERIES_PER_MINUTE=0 turns the limit off', async () => {
    const t = await startApp(sqlite!, { env: { PUBLIC_QUERIES_PER_MINUTE: '0' } });
    try {
      for (let i = 0; i < 5; i++) assert.equal((await t.agent().get(`/search?q=${i}`)).status, 200);
    } finally {
      await t.close();
    }
  });
});
