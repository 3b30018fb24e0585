// The page cache of anonymous public pages, over a real socket (the cache answers before Fastify, which inject()
// would bypass), on both databases: what is kept and what never is, ETag/304, gzip and brotli, and that a
// publication shows at once (across worker processes: test/cluster.test.ts). Its parts: src/platform/http/pagecache.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import { dbTargets } from './support/db.ts';
import { startApp, type TestApp } from './support/app.ts';
import { staff } from './support/fixtures.ts';
import { approveContent, createContent, submitContent, type ContentInput } from '../src/modules/publishing/index.ts';
import { addBinding } from '../src/modules/oit/index.ts';
import { systemActor } from '../src/platform/auth/users.ts';
import { firstAgencyId } from '../src/platform/tenant.ts';

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One GET on a connection of its own (no keep-alive), as a raw client: headers exactly as sent. */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Requests the server handled through Fastify (each writes one 'request' log line; a cached answer writes none). */
/** Once the pages being stored are stored and the request log lines are written. */
const settle = async (t: TestApp) => {
  await t.app.pageCache.idle();
  await new Promise((r) => setTimeout(r, 20));
};

const handled = (lines: string[], route: string) => lines.filter((l) => l.includes('"msg":"request"') && l.includes(`"route":"${route}"`)).length;

const news = (over: Partial<ContentInput>): ContentInput => ({
  kind: 'news', slug: '', title_th: 'ข่าว', title_en: '', summary_th: '', summary_en: '', body_format: 'markdown', body_th: 'เนื้อหาข่าว', body_en: '',
  category: 'announcement', fiscal_year: 2570, period: null, is_signoff_required: false, signoff_name: '', signoff_position: '', signoff_date: null, ...over,
});

for (const target of await dbTargets()) {
  describe(`page cache over a socket, ${target.name}`, { skip: target.skip }, () => {
    let t: TestApp;
    let base: string;
    const lines: string[] = [];
    before(async () => {
      t = await startApp(target, { logLines: lines, env: { LOG_LEVEL: 'info' } });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const a = t.app.server.address() as { port: number };
      base = `http://127.0.0.1:${a.port}`;
    });
    after(() => t.close());

    test('an anonymous page is answered from the cache, byte for byte, with ETag, Vary and 304; HEAD too', async () => {
      const first = await get(base, '/news');
      assert.equal(first.status, 200);
      const etag = first.headers.etag!;
      assert.match(etag, /^"[\w-]+"$/);
      assert.equal(first.headers.vary, 'Accept-Encoding, Cookie');
      assert.equal(first.headers['cache-control'], 'no-cache');
      assert.match(String(first.headers['content-security-policy']), /default-src 'self'/);
      await settle(t);
      const before = handled(lines, '/news');
      const second = await get(base, '/news');
      assert.equal(second.status, 200);
      assert.ok(second.body.equals(first.body), 'the same bytes');
      assert.equal(second.headers.etag, etag);
      assert.equal(second.headers['content-security-policy'], first.headers['content-security-policy'], 'the same security headers');
      assert.equal(second.headers['x-frame-options'], 'DENY');
      assert.equal(second.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(Number(second.headers['content-length']), first.body.length);
      assert.equal(handled(lines, '/news'), before, 'no request reached Fastify: no session lookup, no query');
      const nm = await get(base, '/news', { 'if-none-match': etag });
      assert.equal(nm.status, 304);
      assert.equal(nm.body.length, 0);
      assert.equal(nm.headers.etag, etag);
      const head = await get(base, '/news', {}, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      assert.equal(Number(head.headers['content-length']), first.body.length);
    });

    test('gzip and brotli variants, made once, decode to the same page', async () => {
      const plain = await get(base, '/documents');
      await get(base, '/documents'); // now cached
      let br: Got | undefined;
      let gz: Got | undefined;
      for (let i = 0; i < 50 && (!br || !gz); i++) {
        const b = await get(base, '/documents', { 'accept-encoding': 'gzip, deflate, br' });
        if (b.headers['content-encoding'] === 'br') br = b;
        const g = await get(base, '/documents', { 'accept-encoding': 'gzip' });
        if (g.headers['content-encoding'] === 'gzip') gz = g;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok(br && gz, 'both variants are served once made');
      assert.ok(zlib.brotliDecompressSync(br.body).equals(plain.body));
      assert.ok(zlib.gunzipSync(gz.body).equals(plain.body));
      assert.ok(br.body.length < plain.body.length / 3, `brotli makes it small (${br.body.length} of ${plain.body.length})`);
      assert.equal(br.headers.vary, 'Accept-Encoding, Cookie');
      assert.notEqual(br.headers.etag, plain.headers.etag, 'each variant has its own ETag');
      assert.equal((await get(base, '/documents', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! })).status, 304);
    });

    test('each language is its own page; a session cookie, a flash message or a form with a CSRF token never come from or go into the cache', async () => {
      const th = await get(base, '/contact');
      const en = await get(base, '/contact', { cookie: 'lang=en' });
      const en2 = await get(base, '/contact', { cookie: 'lang=en' });
      assert.match(th.body.toString(), /<html lang="th"/);
      assert.match(en.body.toString(), /<html lang="en"/);
      assert.ok(en2.body.equals(en.body));
      // signed in: the page is theirs, no-store, never cached
      const a = t.agent();
      await a.login('admin');
      const cookie = [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      await get(base, '/contact');
      const mine = await get(base, '/contact', { cookie });
      assert.equal(mine.headers['cache-control'], 'no-store');
      assert.equal(mine.headers.etag, undefined);
      assert.match(mine.body.toString(), /action="\/logout"/, 'rendered for the signed-in person');
      assert.doesNotMatch((await get(base, '/contact')).body.toString(), /action="\/logout"/, 'and not kept for anyone else');
      // a form with a token: rendered each time, with its own cookie
      for (let i = 0; i < 2; i++) {
        const login = await get(base, '/login');
        assert.equal(login.headers.etag, undefined);
        assert.equal(login.headers['cache-control'], 'no-store');
        assert.ok(login.headers['set-cookie']?.some((c) => c.startsWith('_csrf=')));
      }
      const form = await get(base, '/complaints/new?type=general', { cookie: '_csrf=x' });
      assert.equal(form.headers.etag, undefined, 'a public form with a CSRF token is not cached');
      // staff pages: redirected, never cached
      assert.equal((await get(base, '/staff')).status, 303);
      // the security headers of a cached page are those of the page
      assert.match(String((await get(base, '/contact')).headers['content-security-policy']), /frame-ancestors 'none'/);
    });

    test('a publication shows at once on the list and the home page; a scheduled one at its time', async () => {
      const writer = await staff(t.p, ['publisher']);
      const boss = await staff(t.p, ['executive']);
      const publish = async (title: string, slug: string, at: string | null) => {
        const id = await createContent(t.p, writer, news({ title_th: title, slug }));
        const c = await submitContent(t.p, writer, id);
        await approveContent(t.p, boss, id, at, c.revision);
      };
      // warm: both pages come from the cache
      for (const p of ['/news', '/']) {
        await get(base, p);
        await settle(t);
        const before = handled(lines, p);
        await get(base, p);
        assert.equal(handled(lines, p), before, `${p} is cached`);
      }
      await publish('ข่าวใหม่ล่าสุดเพื่อทดสอบแคช', 'cache-fresh-news', null);
      for (const p of ['/news', '/']) assert.match((await get(base, p)).body.toString(), /ข่าวใหม่ล่าสุดเพื่อทดสอบแคช/, `${p} shows it at once`);

      const at = new Date(Date.now() + 2_500).toISOString();
      await publish('ข่าวที่ตั้งเวลาเผยแพร่ไว้', 'cache-scheduled-news', at);
      assert.doesNotMatch((await get(base, '/news')).body.toString(), /ข่าวที่ตั้งเวลาเผยแพร่ไว้/, 'not before its time');
      await settle(t);
      const before = handled(lines, '/news');
      assert.doesNotMatch((await get(base, '/news')).body.toString(), /ข่าวที่ตั้งเวลาเผยแพร่ไว้/);
      assert.equal(handled(lines, '/news'), before, 'the list without it is cached meanwhile');
      await new Promise((r) => setTimeout(r, Date.parse(at) - Date.now() + 50));
      assert.match((await get(base, '/news')).body.toString(), /ข่าวที่ตั้งเวลาเผยแพร่ไว้/, 'shown from its time on');
    });

    test('an edit of the agency and a new OIT binding show at once on the pages that show them', async () => {
      const contact = async () => (await get(base, '/contact')).body.toString();
      await contact();
      await settle(t);
      const before = handled(lines, '/contact');
      await contact();
      assert.equal(handled(lines, '/contact'), before, '/contact is cached');
      const a = t.agent();
      await a.login('admin');
      const form = await a.get('/staff/agency');
      const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.body)?.[1] ?? '';
      const fields = ['name_th', 'name_en', 'address_th', 'address_en', 'postcode', 'fax', 'email', 'office_hours_th', 'office_hours_en', 'map_url'];
      const edited = await a.post('/staff/agency', { ...Object.fromEntries(fields.map((f) => [f, value(f)])), phone: '0 4399 1234' });
      assert.equal(edited.status, 303, edited.body.slice(0, 500));
      assert.match(await contact(), /0 4399 1234/, 'the new phone number, at once');

      const index = (await get(base, '/oit')).body.toString();
      const year = /href="\/oit\/(\d{4})"/.exec(index)![1]!;
      const items = (await get(base, `/oit/${year}`)).body.toString();
      const itemPath = new RegExp(`href="(/oit/${year}/[^"]+)"`).exec(items)![1]!;
      const code = decodeURIComponent(itemPath.split('/').pop()!);
      const page = async () => (await get(base, itemPath)).body.toString();
      await page();
      await settle(t);
      const cachedBefore = handled(lines, '/oit/:year/:code');
      assert.doesNotMatch(await page(), /หลักฐานทดสอบแคชหน้าเว็บ/);
      assert.equal(handled(lines, '/oit/:year/:code'), cachedBefore, 'the item page is cached');
      await addBinding(t.p, systemActor((await firstAgencyId(t.p.db))!, 'command line'), Number(year), code, { provider: 'url', url: 'https://example.org/cache-test', label: 'หลักฐานทดสอบแคชหน้าเว็บ' });
      assert.match(await page(), /หลักฐานทดสอบแคชหน้าเว็บ/, 'the new evidence, at once');
    });

    test('pages of modules that do not signal their public changes are rendered for every visit', async () => {
      for (const p of ['/integrity', '/no-gift', '/complaints']) {
        const first = await get(base, p);
        assert.equal(first.status, 200, p);
        assert.equal(first.headers.etag, undefined, `${p} has no page-cache ETag`);
        await settle(t);
        const before = handled(lines, p);
        await get(base, p);
        await settle(t);
        assert.equal(handled(lines, p), before + 1, `${p} reached Fastify again`);
      }
    });

    test('cached answers are logged as counts per route', async () => {
      await get(base, '/about/executives');
      await settle(t);
      await get(base, '/about/executives');
      await get(base, '/about/executives');
      t.app.pageCache.flushLog();
      const counted = lines.filter((l) => l.includes('"msg":"cached requests"') && l.includes('"route":"/about/executives"'));
      assert.ok(counted.length >= 1, 'a count line');
      assert.doesNotMatch(counted.join('\n'), /executives\?|cookie|127\.0\.0\.1/, 'no path beyond the route, no cookie, no address');
    });
  });
}
