// The confidential channel against the real server process: a unique marker sent in a complaint (its text, the
// complainant's name and a file) is nowhere in plain text — database file, write-ahead log, upload folder, a
// PostgreSQL dump, the log — and the receipt shown survives a kill -9: after a restart it opens the case.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dbTargets } from './support/db.ts';
import { exited, serve } from './support/server.ts';

/** A client with cookies and the form's CSRF token, over real HTTP. */
class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}
  private absorb(res: Response, body: string) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) this.csrf = m[1]!;
  }
  async send(method: string, url: string, body?: FormData | URLSearchParams) {
    const res = await fetch(`${this.base}${url}`, { method, body, redirect: 'manual', headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const text = await res.text();
    this.absorb(res, text);
    return { status: res.status, text, location: res.headers.get('location') };
  }
}

/** Whether bytes hold an ASCII marker in any letter case (a form may store an email address lower-cased). */
const holds = (bytes: Buffer, marker: string) => bytes.toString('latin1').toLowerCase().includes(marker.toLowerCase());

/** Every file under a folder that holds the marker, in any letter case. */
function filesWith(dir: string, marker: string): string[] {
  const hits: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    if (holds(fs.readFileSync(full), marker)) hits.push(full);
  }
  return hits;
}

for (const target of await dbTargets()) {
  describe(`a confidential complaint on the real server, ${target.name}`, { skip: target.skip }, () => {
    test('nothing in plain text at rest or in the log; the receipt survives kill -9', async () => {
      const created = await target.create();
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-confidential-'));
      const env = { DATA_DIR: dataDir, DEMO_PASSWORD: 'confidential-demo-pw', LOG_LEVEL: 'info', ...(created.databaseUrl ? { DATABASE_URL: created.databaseUrl } : {}) };
      // mixed case, so that a copy lower-cased on the way (the email address) is found as well
      const marker = `Marker${crypto.randomBytes(8).toString('hex')}Qz`;
      let server = await serve(env);
      try {
        const c = new Client(server.url);
        await c.send('GET', '/complaints/new?type=corruption');
        const fd = new FormData();
        fd.append('_csrf', c.csrf);
        for (const [k, v] of Object.entries({
          category: 'bribery', subject: `เรื่อง ${marker}`, description: `รายละเอียด ${marker} ต้องจ่ายเงินก่อนได้ใบอนุญาต`, who: marker, 'when-day': '', 'when-month': '', 'when-year': '', where: marker,
          name: `ผู้แจ้ง ${marker}`, national_id: '', phone: '0812345678', email: `${marker}@example.com`, address: marker, consent: 'on',
        })) fd.append(k, v);
        fd.append('file1', new Blob([Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`)], { type: 'application/pdf' }), `${marker}.pdf`);
        const r = await c.send('POST', '/complaints/new?type=corruption', fd);
        assert.equal(r.status, 200, r.text.slice(0, 300));
        const receipt = /class="receipt">(\d{4} \d{4} \d{4} \d{4})</.exec(r.text)?.[1];
        assert.ok(receipt, 'the receipt is shown');

        // the receipt is on the complainant's screen: now the server dies without warning
        process.kill(server.pid(), 'SIGKILL');
        await exited(server.child);
        assert.deepEqual(filesWith(dataDir, marker), [], 'no file in the data folder (database, WAL, uploads) holds the marker, in any case');
        assert.deepEqual(filesWith(dataDir, receipt.replace(/ /g, '')), [], 'nor the receipt');
        assert.equal(holds(Buffer.from(server.out()), marker), false, 'the log does not hold it');
        assert.match(server.out(), /"level":30/, 'the log was on');
        if (created.databaseUrl) {
          const dump = execFileSync('pg_dump', [created.databaseUrl], { maxBuffer: 256 * 1024 * 1024 });
          assert.equal(holds(dump, marker), false, 'a dump of the PostgreSQL database does not hold the marker, in any case');
        }

        // restarted, the receipt opens the case: what was acknowledged was kept
        server = await serve(env);
        const back = new Client(server.url);
        await back.send('GET', '/complaints/follow');
        const f = await back.send('POST', '/complaints/follow', new URLSearchParams({ _csrf: back.csrf, receipt }));
        assert.equal(f.status, 303, f.text.slice(0, 300));
        const mine = await back.send('GET', '/complaints/case');
        assert.match(mine.text, new RegExp(`รายละเอียด ${marker}`));
        assert.equal(holds(Buffer.from(server.out()), marker), false, 'following the case does not log it either');
      } finally {
        if (server.child.exitCode === null) {
          server.child.kill('SIGTERM');
          await exited(server.child);
        }
        fs.rmSync(dataDir, { recursive: true, force: true });
        await created.drop();
      }
    });
  });
}
