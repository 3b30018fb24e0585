// The external-link check: private addresses refused before any request, redirects re-checked at every hop, the
// connection made to the address that was checked, and what an assessor cannot open classified. Local HTTP servers on
// 127.0.0.1 stand in for external sites (allowed only by name, as LINK_CHECK_ALLOW_HOSTS does).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkLink, isCloudViewer, isPrivateAddress } from './linkcheck.ts';
import { ConfigError, loadConfig } from '../../platform/config.ts';

interface Site {
  port: number;
  hits: string[];
  close(): Promise<void>;
}

async function site(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Site> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const html = (res: http.ServerResponse, body: string, status = 200) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};

describe('link check: addresses an external link may never reach', () => {
  let victim: Site;
  let outside: Site;
  before(async () => {
    // the "internal service" nothing may reach, and an allowed "external site" that tries to send the check there
    victim = await site((_req, res) => html(res, '<p>secret</p>'));
    outside = await site((req, res) => {
      const to: Record<string, string> = {
        '/to-victim': `http://127.0.0.1:${victim.port}/admin`,
        '/to-localhost': `http://localhost:${victim.port}/admin`,
        '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
        '/to-mapped': `http://[::ffff:127.0.0.1]:${victim.port}/admin`,
        '/to-file': 'file:///etc/passwd',
      };
      if (to[req.url ?? '']) {
        res.writeHead(302, { location: to[req.url!]! });
        res.end();
      } else html(res, '<h1>ok</h1>');
    });
  });
  after(async () => {
    await victim.close();
    await outside.close();
  });

  test('private, loopback, link-local, unique-local, CGNAT, multicast and unspecified addresses, other schemes: refused, nothing sent', async () => {
    const p = victim.port;
    const urls = [
      `http://127.0.0.1:${p}/`, `http://localhost:${p}/`, `http://[::1]:${p}/`, `http://[::ffff:127.0.0.1]:${p}/`, `http://[::ffff:7f00:1]:${p}/`, `http://0.0.0.0:${p}/`,
      `http://127.1:${p}/`, `http://2130706433:${p}/`, 'http://10.0.0.1/', 'http://172.16.5.4/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/', 'http://224.0.0.1/', 'http://[fe80::1]/', 'http://[fd00::1]/', 'http://[ff02::1]/', 'http://[::]/', 'http://[64:ff9b::a00:1]/',
      'ftp://example.com/file.pdf', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://example.com/', 'not a url', `http://user:pw@127.0.0.1:${p}/`,
    ];
    for (const u of urls) {
      const r = await checkLink(u);
      assert.equal(r.kind, 'refused', `${u}: ${r.kind} ${r.detail}`);
    }
    assert.deepEqual(victim.hits, [], 'no request reached the internal service');
  });

  test('a redirect from an allowed site to a private address is refused at that hop', async () => {
    const allowHosts = [`127.0.0.1:${outside.port}`];
    for (const path of ['/to-victim', '/to-localhost', '/to-metadata', '/to-mapped', '/to-file']) {
      const r = await checkLink(`http://127.0.0.1:${outside.port}${path}`, { allowHosts });
      assert.equal(r.kind, 'refused', `${path}: ${r.kind} ${r.detail}`);
    }
    assert.deepEqual(victim.hits, [], 'no request reached the internal service');
    assert.equal(outside.hits.length, 5, 'the allowed site was asked each time');
    // allowing one port does not allow the host's other ports
    assert.equal((await checkLink(`http://127.0.0.1:${victim.port}/`, { allowHosts })).kind, 'refused');
    assert.deepEqual(victim.hits, []);
  });

  test('the connection goes to the address that was checked: a second DNS answer never gets a say', async () => {
    let asked = 0;
    // the name resolves (once) to the allowed site; the real DNS does not know it at all
    const r = await checkLink(`http://rebind.invalid:${outside.port}/page`, {
      allowHosts: [`rebind.invalid:${outside.port}`],
      resolve: async () => (asked++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.1', family: 4 }]),
    });
    assert.equal(r.kind, 'ok', r.detail);
    assert.equal(asked, 1, 'resolved once, by the check');
    // a name that resolves to a private address is refused; so is one where any of its addresses is private
    assert.equal((await checkLink('http://evil.example/', { resolve: async () => [{ address: '127.0.0.1', family: 4 }] })).kind, 'refused');
    assert.equal((await checkLink('http://evil.example/', { resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.1.2.3', family: 4 }] })).kind, 'refused');
    assert.equal((await checkLink('http://evil.example/', { resolve: async () => [{ address: '::ffff:a9fe:a9fe', family: 6 }] })).kind, 'refused');
  });

  test('localhost and its subdomains are refused by name, before any DNS', async () => {
    const asked: string[] = [];
    const resolve = async (h: string) => (asked.push(h), [{ address: '93.184.216.34', family: 4 as const }]);
    for (const u of ['http://localhost/', 'https://LOCALHOST./x', 'http://admin.localhost/', 'http://ip6-localhost/']) {
      const r = await checkLink(u, { resolve });
      assert.equal(r.kind, 'refused', `${u}: ${r.kind} ${r.detail}`);
    }
    assert.deepEqual(asked, []);
  });

  test('only the default port of the scheme, unless host:port is allowed', async () => {
    const asked: string[] = [];
    const resolve = async (h: string) => (asked.push(h), [{ address: '93.184.216.34', family: 4 as const }]);
    for (const u of ['http://public.example:25/', 'http://public.example:6379/', 'https://public.example:80/', 'http://public.example:443/', 'http://93.184.216.34:22/']) {
      const r = await checkLink(u, { resolve });
      assert.equal(r.kind, 'refused', `${u}: ${r.kind} ${r.detail}`);
      assert.match(r.detail, /^port \d+ is not followed/);
    }
    assert.deepEqual(asked, [], 'refused before the name is resolved');
    // the allowed pair is followed (the site on 127.0.0.1 stands in)
    assert.equal((await checkLink(`http://127.0.0.1:${outside.port}/`, { allowHosts: [`127.0.0.1:${outside.port}`] })).kind, 'ok');
  });

  test('a DNS server that never answers: the check ends within its time, off the thread pool', async () => {
    // the stand-in DNS server takes every query and answers none
    const queries: Buffer[] = [];
    const dnsServer = dgram.createSocket('udp4');
    dnsServer.on('message', (m) => queries.push(m));
    await new Promise<void>((r) => dnsServer.bind(0, '127.0.0.1', r));
    const dnsServers = [`127.0.0.1:${(dnsServer.address() as AddressInfo).port}`];
    try {
      let settled = 0;
      // more checks than libuv has threads (4): with getaddrinfo they would fill the pool
      const checks = Array.from({ length: 6 }, (_, i) => checkLink(`https://never-answers-${i}.example/`, { dnsServers, timeoutMs: 1500 }).finally(() => settled++));
      // a thread-pool task started while they hang finishes while they still hang
      await new Promise<void>((resolve, reject) => crypto.pbkdf2('x', 'y', 1, 32, 'sha256', (err) => (err ? reject(err) : resolve())));
      await fs.promises.stat('.');
      assert.equal(settled, 0, 'the checks are still waiting on DNS');
      const results = await Promise.all(checks);
      for (const r of results) assert.ok(r.kind === 'timeout' || r.kind === 'unreachable', `${r.kind} ${r.detail}`);
      assert.ok(queries.length >= 6, `the names were asked of the configured server (${queries.length} queries)`);
    } finally {
      dnsServer.close();
    }
  });

  test('address ranges', () => {
    for (const a of ['127.0.0.1', '10.255.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.127.255.254', '0.0.0.0', '255.255.255.255', '::1', '::', 'fe80::1%eth0', 'fc00::1', 'fdff::1', '::ffff:10.0.0.1', '::ffff:a00:1', '64:ff9b::7f00:1', '2002:7f00:1::1', 'ff05::2', 'not-an-ip',
      // the local-use NAT64 prefix 64:ff9b:1::/48, in the /96 layout and in the /48 one (bits 64-71 skipped)
      '64:ff9b:1::7f00:1', '64:ff9b:1::a00:1', '64:ff9b:1::a9fe:a9fe', '64:ff9b:1:a00:1::', '64:ff9b:1:c0a8:0:100::']) {
      assert.equal(isPrivateAddress(a), true, a);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '2404:6800:4001::200e']) {
      assert.equal(isPrivateAddress(a), false, a);
    }
  });

  test('LINK_CHECK_ALLOW_HOSTS: empty by default, a list of host:port, anything else refused with the setting named', () => {
    assert.deepEqual(loadConfig({}).linkCheckAllowHosts, []);
    assert.deepEqual(loadConfig({ LINK_CHECK_ALLOW_HOSTS: '127.0.0.1:8080, [::1]:9000' }).linkCheckAllowHosts, ['127.0.0.1:8080', '[::1]:9000']);
    for (const bad of ['127.0.0.1', 'http://127.0.0.1:80', '*:80', '127.0.0.1:80/x']) {
      assert.throws(() => loadConfig({ LINK_CHECK_ALLOW_HOSTS: bad }), (e: unknown) => e instanceof ConfigError && /LINK_CHECK_ALLOW_HOSTS/.test(e.message), bad);
    }
  });
});

describe('link check: what an assessor cannot open', () => {
  let s: Site;
  let allowHosts: string[];
  before(async () => {
    s = await site((req, res) => {
      switch (req.url) {
        case '/ok': return html(res, '<!doctype html><title>รายงานผลการดำเนินงาน</title><h1>รายงาน</h1>');
        case '/pdf': res.writeHead(200, { 'content-type': 'application/pdf' }); return res.end('%PDF-1.4 report');
        case '/missing': return html(res, '<h1>Not found</h1>', 404);
        case '/error': return html(res, 'oops', 500);
        case '/login': return html(res, '<html><title>Sign in</title><form method="post" action="/session"><input name="u"><input type="password" name="p"></form></html>');
        case '/to-login': res.writeHead(302, { location: '/accounts/login?next=/doc' }); return res.end();
        case '/accounts/login?next=/doc': return html(res, '<p>please sign in</p>');
        case '/to-google': res.writeHead(302, { location: 'https://accounts.google.com/ServiceLogin?continue=x' }); return res.end();
        case '/basic': res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }); return res.end();
        case '/captcha': return html(res, '<html><title>Just a moment...</title><div class="cf-turnstile" data-sitekey="x"></div></html>', 403);
        case '/recaptcha': return html(res, '<html><script src="https://www.google.com/recaptcha/api.js"></script><div class="g-recaptcha"></div></html>');
        case '/to-drive': res.writeHead(301, { location: 'https://drive.google.com/file/d/1AbC/view?usp=sharing' }); return res.end();
        case '/loop': res.writeHead(302, { location: '/loop' }); return res.end();
        case '/big': res.writeHead(200, { 'content-type': 'application/octet-stream' }); res.write(Buffer.alloc(300 * 1024, 1)); return res.end(Buffer.alloc(700 * 1024, 2));
        case '/silent': return; // never answers
        default: return html(res, 'no', 404);
      }
    });
    allowHosts = [`127.0.0.1:${s.port}`];
  });
  after(() => s.close());
  const check = (path: string, o: Parameters<typeof checkLink>[1] = {}) => checkLink(`http://127.0.0.1:${s.port}${path}`, { allowHosts, ...o });

  test('ok pages and files; HTTP errors with their status', async () => {
    const ok = await check('/ok');
    assert.equal(ok.kind, 'ok');
    assert.equal(ok.status, 200);
    assert.match(ok.sha256, /^[0-9a-f]{64}$/);
    assert.equal((await check('/pdf')).kind, 'ok');
    assert.deepEqual([(await check('/missing')).kind, (await check('/missing')).status], ['http_error', 404]);
    assert.deepEqual([(await check('/error')).kind, (await check('/error')).status], ['http_error', 500]);
  });

  test('sign-in walls: a login form, a redirect to a sign-in path or to Google, HTTP 401', async () => {
    for (const path of ['/login', '/to-login', '/to-google', '/basic']) assert.equal((await check(path)).kind, 'login_wall', path);
    assert.equal((await checkLink('https://www.facebook.com/login/?next=x')).kind, 'login_wall', 'judged from the address, before any request');
  });

  test('captcha pages', async () => {
    assert.equal((await check('/captcha')).kind, 'captcha');
    assert.equal((await check('/recaptcha')).kind, 'captcha');
  });

  test('cloud-drive viewers, also at the end of a redirect; their direct downloads are not', async () => {
    assert.equal((await check('/to-drive')).kind, 'cloud_viewer');
    for (const u of [
      'https://drive.google.com/file/d/1AbC/view?usp=sharing', 'https://drive.google.com/open?id=1AbC', 'https://docs.google.com/document/d/1AbC/edit', 'https://docs.google.com/spreadsheets/d/1AbC/edit#gid=0',
      'https://onedrive.live.com/?cid=1&id=2', 'https://1drv.ms/b/s!AbC', 'https://www.dropbox.com/s/abc/report.pdf?dl=0', 'https://www.dropbox.com/scl/fi/abc/report.pdf', 'https://agency-my.sharepoint.com/:b:/g/personal/x',
    ]) {
      assert.equal(isCloudViewer(new URL(u)), true, u);
      assert.equal((await checkLink(u)).kind, 'cloud_viewer', u);
    }
    for (const u of ['https://www.dropbox.com/s/abc/report.pdf?dl=1', 'https://drive.google.com/uc?export=download&id=1AbC', 'https://docs.google.com/document/d/1AbC/export?format=pdf', 'https://www.example.go.th/report.pdf']) {
      assert.equal(isCloudViewer(new URL(u)), false, u);
    }
  });

  test('too many redirects, a site that never answers, a port nobody listens on; at most the cap is read', async () => {
    const loop = await check('/loop');
    assert.equal(loop.kind, 'redirects');
    assert.equal(s.hits.filter((h) => h === '/loop').length, 6, 'the first request and five redirects');
    assert.equal((await check('/silent', { timeoutMs: 300 })).kind, 'timeout');
    const closed = await site((_q, r) => r.end());
    const port = closed.port;
    await closed.close();
    assert.equal((await checkLink(`http://127.0.0.1:${port}/`, { allowHosts: [`127.0.0.1:${port}`] })).kind, 'unreachable');
    const big = await check('/big', { maxBytes: 256 * 1024 });
    assert.equal(big.kind, 'ok');
    const crypto = await import('node:crypto');
    assert.equal(big.sha256, crypto.createHash('sha256').update(Buffer.alloc(256 * 1024, 1)).digest('hex'), 'the hash of the first 256 KB only');
  });
});
