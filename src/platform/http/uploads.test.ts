// Finding 1 of the penetration test: one anonymous multipart request exhausted the server's memory.
// These run against the real server process (npm start: bundled, 160 MB old-generation limit) over real sockets.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Gate, UPLOADS_PER_ADDRESS } from './multipart.ts';
import { spawnSync } from 'node:child_process';
import { HttpSession, memoryMb, multipartChunks, rawPost, root, serve, type Served } from '../../../test/support/server.ts';

const MB = 1024 * 1024;
const PASSWORD = 'uploads-test-password';
const boundary = 'pentest-boundary-7f3a';
const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` };

/** A seeded server process of its own, and the checks every flood ends with. */
function servedFor(env: Record<string, string> = {}) {
  const h = { s: null as unknown as Served, dataDir: '' };
  before(async () => {
    h.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-uploads-'));
    // the demo is loaded beforehand, as a production server has no demo to load: the peak measured is the serving's
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'seed-demo'], { cwd: root, env: { ...process.env, DATA_DIR: h.dataDir, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
    assert.equal(seeded.status, 0, seeded.stderr);
    // one process: the memory measured is the serving process's, and per-address counts are per process
    h.s = await serve({ DATA_DIR: h.dataDir, DEMO_PASSWORD: PASSWORD, UPLOAD_STALL_SECONDS: '3', WEB_CONCURRENCY: '1', ...env });
  });
  after(async () => {
    await h.s.stop();
    fs.rmSync(h.dataDir, { recursive: true, force: true });
  });
  const tmpFiles = () => fs.readdirSync(path.join(h.dataDir, 'tmp', 'uploads'));
  const assertHealthy = async (what: string) => {
    const r = await fetch(`${h.s.url}/healthz`);
    assert.equal(r.status, 200, `the server still answers after ${what}`);
    const m = memoryMb(h.s.pid());
    assert.ok(m.rss < 300 && m.peak < 300, `memory stays under 300 MB after ${what} (RSS ${m.rss} MB, peak ${m.peak} MB)`);
  };
  return { h, tmpFiles, assertHealthy };
}

describe('uploads: multipart only where files are taken, streamed, capped and bounded', () => {
  const { h, tmpFiles, assertHealthy } = servedFor();
  let s: Served;
  before(() => {
    s = h.s;
  });

  test('POST /login with 200 fields of 1 MB gets 415 before the body is read; the same floods leave the server up', async () => {
    const fields = (n: number) => () => multipartChunks(boundary, Array.from({ length: n }, (_, i) => [`f${i}`, Buffer.alloc(MB, 0x41)] as [string, Buffer]), []);
    // the client sends 2 MB and waits: the answer comes without the rest of the body
    const one = await rawPost(`${s.url}/login`, multipart, fields(200), { pauseAfterBytes: 2 * MB });
    assert.equal(one.status, 415);
    assert.match(one.body, /รูปแบบข้อมูลไม่รองรับ/);
    // the reproductions, sent in full: one 200-field post, then two 100-field posts at once
    assert.equal((await rawPost(`${s.url}/login`, multipart, fields(200))).status, 415);
    const two = await Promise.all([rawPost(`${s.url}/login`, multipart, fields(100)), rawPost(`${s.url}/login`, multipart, fields(100))]);
    assert.deepEqual(two.map((r) => r.status), [415, 415]);
    await assertHealthy('the field floods');
  });

  test('four concurrent anonymous posts of 10 × 25 MB files to an upload route get 401 before any file byte is read', async () => {
    const body = () => multipartChunks(boundary, [['_csrf', 'x']], Array.from({ length: 10 }, (_, i) => ({ name: `file${i}`, filename: `f${i}.pdf`, bytes: 25 * MB })));
    const rs = await Promise.all(Array.from({ length: 4 }, () => rawPost(`${s.url}/staff/content/new`, multipart, body, { pauseAfterBytes: 2 * MB })));
    assert.deepEqual(rs.map((r) => r.status), [401, 401, 401, 401]);
    const full = await Promise.all(Array.from({ length: 4 }, () => rawPost(`${s.url}/staff/content/new`, multipart, body)));
    assert.deepEqual(full.map((r) => r.status), [401, 401, 401, 401], 'the same bodies, sent until the server answers');
    assert.deepEqual(tmpFiles(), [], 'nothing was written to disk');
    await assertHealthy('the anonymous file floods');
  });

  test('signed in: a wrong CSRF token is refused on the first part, while the client is still sending', async () => {
    const a = new HttpSession(s.url);
    await a.login('publisher', PASSWORD);
    const headers = { ...multipart, cookie: a.cookieHeader() };
    const body = (token: string) => () => multipartChunks(boundary, [['_csrf', token], ['label', 'x']], [{ name: 'file', filename: 'big.pdf', bytes: 25 * MB }]);
    // the client sends the token and 2 MB of the file, then waits: the answer must come without the rest
    const forged = await rawPost(`${s.url}/staff/content/1/attachments`, headers, body('forged'), { pauseAfterBytes: 2 * MB });
    assert.equal(forged.status, 403);
    const missing = await rawPost(`${s.url}/staff/content/1/attachments`, headers, () => multipartChunks(boundary, [['label', 'x']], [{ name: 'file', filename: 'a.pdf', bytes: MB }]));
    assert.equal(missing.status, 403, 'a form whose first part is not the token is refused');
    assert.deepEqual(tmpFiles(), []);
  });

  test('signed in: four concurrent posts of 10 × 25 MB files stop at the per-request cap with 413 (or wait their turn, 503); memory stays low; no temporary file is left', async () => {
    const a = new HttpSession(s.url);
    await a.login('publisher', PASSWORD);
    const created = await a.post('/staff/content/new?kind=document', { title_th: 'เอกสารทดสอบการอัปโหลด', body_format: 'markdown', category: 'announcement', fiscal_year: '2570' });
    assert.equal(created.status, 303, created.body.slice(0, 300));
    const url = `${s.url}${created.location}/attachments`;
    await a.get(created.location!);
    const headers = { ...multipart, cookie: a.cookieHeader() };
    const body = () => multipartChunks(boundary, [['_csrf', a.csrf], ['label', 'ไฟล์ใหญ่']], Array.from({ length: 10 }, (_, i) => ({ name: `file${i}`, filename: `f${i}.pdf`, bytes: 25 * MB })));
    const rs = await Promise.all(Array.from({ length: 4 }, () => rawPost(url, headers, body)));
    // one address holds at most UPLOADS_PER_ADDRESS uploads at once: the others are told to wait (503)
    const capped = rs.filter((r) => r.status === 413);
    assert.ok(capped.length >= UPLOADS_PER_ADDRESS, JSON.stringify(rs.map((r) => r.status)));
    assert.ok(rs.every((r) => r.status === 413 || r.status === 503), JSON.stringify(rs.map((r) => r.status)));
    assert.match(capped[0]!.body, /50 MB/, 'the page names the limit');
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(tmpFiles(), [], 'temporary files are removed');
    await assertHealthy('the signed-in file floods');
  });

  test('one address holds two uploads at once, a third is told to wait (503); a stalled upload is cut and its slot comes back', async () => {
    const a = new HttpSession(s.url);
    await a.login('publisher', PASSWORD);
    const created = await a.post('/staff/content/new?kind=document', { title_th: 'เอกสารทดสอบการอัปโหลดช้า', body_format: 'markdown', category: 'announcement', fiscal_year: '2570' });
    const url = `${s.url}${created.location}/attachments`;
    await a.get(created.location!);
    const headers = { ...multipart, cookie: a.cookieHeader() };
    const body = (name: string, bytes: number) => () => multipartChunks(boundary, [['_csrf', a.csrf], ['label', name]], [{ name: 'file', filename: `${name}.pdf`, bytes }]);
    // a burst of 1 MB, then nothing: the slot is held until the stall window (3 s here) finds too few bytes
    const stalled = Array.from({ length: UPLOADS_PER_ADDRESS }, (_, i) =>
      rawPost(url, headers, body(`stalled${i}`, 10 * MB), { pauseAfterBytes: MB }).then((r) => r.status, () => 'cut'),
    );
    let third = await rawPost(url, headers, body('third', 1024));
    for (let i = 0; i < 40 && third.status !== 503; i++) {
      await new Promise((r) => setTimeout(r, 50));
      third = await rawPost(url, headers, body('third', 1024));
    }
    assert.equal(third.status, 503, 'the address already holds its uploads');
    assert.match(third.body, /กรุณารอสักครู่แล้วส่งใหม่/);
    assert.deepEqual(await Promise.all(stalled), Array(UPLOADS_PER_ADDRESS).fill('cut'), 'a burst then a trickle does not keep the slot');
    const after = await rawPost(url, headers, body('after', 1024));
    assert.equal(after.status, 303, 'the slots came back');
    await assertHealthy('the stalled uploads');
  });

  test('signed in: a text field over 100 KB is refused with 413; a file over UPLOAD_MAX_MB is refused on its field, the form kept', async () => {
    const a = new HttpSession(s.url);
    await a.login('publisher', PASSWORD);
    const page = await a.get('/staff/content/new?kind=document');
    assert.equal(page.status, 200);
    const headers = { ...multipart, cookie: a.cookieHeader() };
    const long = await rawPost(`${s.url}/staff/content/new?kind=document`, headers, () => multipartChunks(boundary, [['_csrf', a.csrf], ['title_th', 'ก'.repeat(60_000)]], []));
    assert.equal(long.status, 413);
    const big = await rawPost(`${s.url}/staff/content/new?kind=document`, headers, () =>
      multipartChunks(boundary, [['_csrf', a.csrf], ['title_th', 'ข่าวพร้อมภาพปกใหญ่'], ['body_format', 'markdown'], ['category', 'announcement'], ['fiscal_year', '2570']], [{ name: 'cover', filename: 'cover.pdf', bytes: 21 * MB }]),
    );
    assert.equal(big.status, 422);
    assert.match(big.body, /ข่าวพร้อมภาพปกใหญ่/, 'the typed title is kept');
    assert.match(big.body, /20 MB/);
    await assertHealthy('the oversized fields');
  });
});

// a server of its own: what these floods leave in the process's memory is not counted against the tests above
describe('uploads: anonymous floods of the public routes that take files', () => {
  const { h, tmpFiles, assertHealthy } = servedFor();
  let s: Served;
  before(() => {
    s = h.s;
  });

  test('anonymous floods of the public routes that take files (complaints, a complaint reply, an e-service request): 4xx or 503, memory stays low, nothing left on disk', async () => {
    const corruption = { category: 'bribery', subject: 'เรียกรับเงินเพื่อเร่งออกใบอนุญาต', description: 'เจ้าหน้าที่แจ้งว่าต้องจ่ายเงินก่อนจึงจะพิจารณาคำขอ', who: '', where: '', name: '', national_id: '', phone: '', email: '', address: '', consent: 'on' };
    // the attacker's own case: a receipt opens the reply form, whose files are held in memory
    const visitor = new HttpSession(s.url);
    await visitor.get('/complaints/new?type=corruption');
    const sent = await visitor.post('/complaints/new?type=corruption', corruption);
    const receipt = /class="receipt">(\d{4} \d{4} \d{4} \d{4})</.exec(sent.body)?.[1];
    assert.ok(receipt, `a receipt is shown (${sent.status})`);
    await visitor.get('/complaints/follow');
    assert.equal((await visitor.post('/complaints/follow', { receipt })).status, 303);
    assert.equal((await visitor.get('/complaints/case')).status, 200);
    const anonymous = async (page: string) => {
      const v = new HttpSession(s.url);
      assert.equal((await v.get(page)).status, 200, page);
      return v;
    };
    const complainant = await anonymous('/complaints/new?type=general');
    const requester = await anonymous('/e-service/venue-booking/request');
    const routes: Array<[string, HttpSession]> = [
      ['/complaints/new?type=general', complainant],
      ['/complaints/case/reply', visitor],
      ['/e-service/venue-booking/request', requester],
    ];
    const files = Array.from({ length: 10 }, (_, i) => ({ name: `file${i + 1}`, filename: `f${i}.pdf`, bytes: 25 * MB }));
    // without a case open, or to a service that does not exist, the answer comes before the files are read
    const stranger = { ...multipart, cookie: complainant.cookieHeader() };
    const noVisit = await rawPost(`${s.url}/complaints/case/reply`, stranger, () => multipartChunks(boundary, [['_csrf', complainant.csrf]], files), { pauseAfterBytes: 2 * MB });
    assert.equal(noVisit.status, 303);
    assert.equal(noVisit.headers.location, '/complaints/follow');
    const noService = await rawPost(`${s.url}/e-service/no-such-service/request`, stranger, () => multipartChunks(boundary, [['_csrf', complainant.csrf]], files), { pauseAfterBytes: 2 * MB });
    assert.equal(noService.status, 404);
    for (const [route, v] of routes) {
      const headers = { ...multipart, cookie: v.cookieHeader() };
      const body = () => multipartChunks(boundary, [['_csrf', v.csrf], ['subject', 'x'], ['body', 'x']], files);
      // four laptops: 127.0.0.2 … 127.0.0.5, so the per-address limit does not turn three of them away unread
      const rs = await Promise.all([2, 3, 4, 5].map((n) => rawPost(`${s.url}${route}`, headers, body, { localAddress: `127.0.0.${n}` })));
      const statuses = rs.map((r) => r.status);
      assert.ok(statuses.every((c) => (c >= 400 && c < 500) || c === 503), `${route}: ${JSON.stringify(statuses)}`);
      // removed once each answer has gone (onResponse): on a busy machine that can be a moment after the client read it
      for (let i = 0; i < 100 && tmpFiles().length; i++) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(tmpFiles(), [], `${route}: temporary files are removed`);
      await assertHealthy(`the anonymous floods of ${route}`);
    }
  });
});

describe('uploads: a stalled upload does not hold its slot', () => {
  let s: Served;
  let dataDir: string;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-uploads-'));
    s = await serve({ DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, UPLOAD_CONCURRENCY: '1', IDLE_TIMEOUT_SECONDS: '1', WEB_CONCURRENCY: '1' });
  });
  after(async () => {
    await s.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('an upload that stops sending is cut off, and the next one gets the only slot', async () => {
    const a = new HttpSession(s.url);
    await a.login('publisher', PASSWORD);
    await a.get('/staff/content/1');
    const headers = { ...multipart, cookie: a.cookieHeader() };
    // the only slot is taken by a client that sends 1 MB of a file and then nothing: the server closes it
    const stalled = await rawPost(`${s.url}/staff/content/1/attachments`, headers, () => multipartChunks(boundary, [['_csrf', a.csrf], ['label', 'ค้าง']], [{ name: 'file', filename: 'x.pdf', bytes: 10 * MB }]), { pauseAfterBytes: MB }).then(
      (r) => String(r.status),
      (e: { code?: string; message: string }) => e.code ?? e.message,
    );
    assert.ok(['408', 'ECONNRESET', 'socket hang up'].includes(stalled), `the stalled upload was cut off (${stalled})`);
    const next = await rawPost(`${s.url}/staff/content/1/attachments`, headers, () => multipartChunks(boundary, [['_csrf', a.csrf], ['label', 'ถัดไป']], [{ name: 'file', filename: 'y.pdf', bytes: 1000 }]));
    assert.equal(next.status, 303, 'its slot was freed');
  });
});

describe('the upload gate', () => {
  test('lets a few in at once, queues a few for a while, and turns the rest away', async () => {
    const g = new Gate(2, 1, 50);
    const r1 = await g.enter();
    const r2 = await g.enter();
    assert.equal(g.inFlight, 2);
    const third = g.enter();
    await assert.rejects(g.enter(), (e: { status?: number }) => e.status === 503, 'the queue is full');
    r1();
    const r3 = await third;
    assert.equal(g.inFlight, 2, 'the slot passed to the one waiting');
    await assert.rejects(g.enter(), (e: { status?: number }) => e.status === 503, 'waiting too long gives up');
    r2();
    r3();
    r3();
    assert.equal(g.inFlight, 0, 'leaving twice frees one slot only');
  });

  test('weighed in bytes (uploads held in memory): a large one waits for room, a later small one waits its turn behind it', async () => {
    const g = new Gate(20, 2, 1000);
    const a = await g.enter(15);
    const big = g.enter(20);
    const small = g.enter(1);
    let order = '';
    void big.then(() => (order += 'big '));
    void small.then(() => (order += 'small '));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(order, '', 'both wait: the small one does not pass the large one');
    a();
    const rBig = await big;
    assert.equal(g.inFlight, 20);
    rBig();
    (await small)();
    assert.equal(order, 'big small ');
    assert.equal(g.inFlight, 0);
    const huge = await g.enter(50);
    assert.equal(g.inFlight, 20, 'a weight over the whole takes the whole, and is let in');
    huge();
  });
});
