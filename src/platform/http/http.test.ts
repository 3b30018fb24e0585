import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbTargets } from '../../../test/support/db.ts';
import { startApp, textOf, type TestApp } from '../../../test/support/app.ts';

const [sqlite] = await dbTargets();

describe('HTTP platform', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp(sqlite!, { env: { UPLOAD_MAX_MB: '0.05' } });
  });
  after(() => t.close());

  test('security headers: strict CSP without unsafe-inline, no framing, nosniff, referrer policy', async () => {
    const r = await t.agent().get('/');
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.doesNotMatch(r.body, /style="/, 'no inline styles (CSP would block them)');
    assert.doesNotMatch(r.body, /<script/, 'pages work without JavaScript');
  });

  test('the layout: one h1, skip link, landmarks, lang, agency header and footer with contacts', async () => {
    const r = await t.agent().get('/');
    assert.match(r.body, /<html lang="th">/);
    assert.equal(r.body.match(/<h1[\s>]/g)?.length, 1);
    assert.match(r.body, /<a class="skip-link" href="#main">ข้ามไปยังเนื้อหาหลัก<\/a>/);
    assert.match(r.body, /<header class="site-header">/);
    assert.match(r.body, /<main id="main"/);
    assert.match(r.body, /<footer class="site-footer">/);
    const text = textOf(r.body);
    assert.match(text, /องค์การบริหารส่วนจังหวัดกาฬสินธุ์/);
    assert.match(text, /โทรศัพท์: 0 4300 0000/);
    assert.match(text, /วันจันทร์–วันศุกร์ 08\.30–16\.30 น\./);
    assert.match(text, /ปีงบประมาณ พ\.ศ\. 25\d\d/);
    assert.match(text, /LINE Official Account/);
  });

  test('the language switch is remembered per visitor and sets lang', async () => {
    const a = t.agent();
    const sw = await a.get('/lang/en?next=%2Fabout%2Fexecutives');
    assert.equal(sw.status, 303);
    assert.equal(sw.location, '/about/executives');
    const r = await a.get('/about/executives');
    assert.match(r.body, /<html lang="en">/);
    assert.match(textOf(r.body), /Political executives/);
    assert.match(textOf(r.body), /Somsak Srisuk/);
    assert.match(r.body, /href="\/lang\/th\?next=%2Fabout%2Fexecutives"/);
    const back = await a.get('/lang/th?next=https://evil.example/');
    assert.equal(back.location, '/');
    assert.match((await a.get('/')).body, /<html lang="th">/);
    assert.match((await t.agent().get('/')).body, /<html lang="th">/, 'another visitor still gets Thai');
  });

  test('404 and 403 pages in Thai and English', async () => {
    const a = t.agent();
    let r = await a.get('/no/such/page');
    assert.equal(r.status, 404);
    assert.match(textOf(r.body), /ไม่พบหน้าที่ต้องการ/);
    await a.get('/lang/en');
    r = await a.get('/no/such/page');
    assert.match(textOf(r.body), /Page not found/);
    await a.login('publisher');
    r = await a.get('/staff/users');
    assert.equal(r.status, 403);
    assert.match(textOf(r.body), /Access denied/);
  });

  test('bad input: oversized body, unsupported type, invalid UTF-8, repeated fields — 4xx, never 500', async () => {
    const a = t.agent();
    await a.login('admin');
    await a.get('/staff/agency');
    const big = await a.post('/staff/agency', { name_th: 'ก'.repeat(600_000) });
    assert.equal(big.status, 413);
    assert.match(textOf(big.body), /ข้อมูลมีขนาดใหญ่เกินไป/);
    const xml = await a.request('POST', '/staff/agency', { payload: '<x/>', headers: { 'content-type': 'application/xml' } });
    assert.equal(xml.status, 415);
    const utf = await a.request('POST', '/staff/agency', { payload: `_csrf=${encodeURIComponent(a.csrf)}&name_th=%E0%B8%81%FF%FE`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(utf.status, 422);
    assert.match(textOf(utf.body), /อักขระที่อ่านไม่ได้/);
    const repeated = await a.post('/staff/agency', { name_th: ['หนึ่ง', 'สอง'] });
    assert.equal(repeated.status, 422);
    const json = await a.request('POST', '/staff/agency', { payload: '{"name_th": 5', headers: { 'content-type': 'application/json' } });
    assert.ok(json.status >= 400 && json.status < 500, `status ${json.status}`);
    const before = await t.p.db.k.selectFrom('agency').select('name_th').executeTakeFirstOrThrow();
    assert.equal(before.name_th, 'องค์การบริหารส่วนจังหวัดกาฬสินธุ์', 'nothing half-written');
  });

  test('health check reports the database', async () => {
    const r = await t.agent().get('/healthz');
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body), { status: 'ok', database: 'sqlite' });
  });

  test('assets: self-hosted Sarabun font and versioned CSS, cached for a year', async () => {
    const a = t.agent();
    const home = await a.get('/');
    const css = /href="(\/assets\/app\.css\?v=[0-9a-f]+)"/.exec(home.body)![1]!;
    const r = await a.get(css);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['cache-control']), /max-age=31536000/);
    assert.match(r.body, /font-family: Sarabun/);
    const font = await a.get('/assets/fonts/sarabun-thai-400-normal.woff2');
    assert.equal(font.status, 200);
    assert.equal(font.raw.subarray(0, 4).toString('latin1'), 'wOF2');
    assert.equal((await a.get('/assets/fonts/../../package.json')).status, 404);
  });
});

describe('server errors', () => {
  test('a failure inside a page gives the 500 page in the visitor language, and is logged without the request', async () => {
    const lines: string[] = [];
    const t = await startApp(sqlite!, { env: { LOG_LEVEL: 'info' }, logLines: lines });
    try {
      const a = t.agent();
      assert.equal((await a.get('/about/executives')).status, 200); // the agency is now cached
      await t.p.db.k.schema.dropTable('executive').execute();
      const r = await a.get('/about/executives');
      assert.equal(r.status, 500);
      assert.match(textOf(r.body), /ระบบขัดข้องชั่วคราว/);
      assert.match(textOf(r.body), /ข้อมูลของคุณไม่ได้สูญหาย/);
      await a.get('/lang/en');
      assert.match(textOf((await a.get('/about/executives?q=secret')).body), /Temporary system problem/);
      const health = await a.get('/healthz');
      assert.equal(health.status, 200);
      await a.post('/login', { username: 'สมชาย', password: 'secret-password-123' });
      const log = lines.join('');
      assert.match(log, /"route":"\/about\/executives","status":500/);
      assert.match(log, /unhandled error/);
      for (const s of ['q=secret', 'secret-password-123', 'สมชาย', '127.0.0.1', 'psid']) assert.ok(!log.includes(s), `log contains ${s}`);
    } finally {
      await t.close();
    }
  });
});
