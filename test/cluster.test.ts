// `npm start` as a cluster of two workers (WEB_CONCURRENCY=2), on both databases: the pid file holds the primary; a
// publication made through one worker shows at once through every worker (their page caches are cleared before the
// publisher's answer leaves); both workers write at once without "database is locked" reaching anyone; SIGHUP
// replaces the workers without closing the port or losing a request; SIGTERM stops everything cleanly; SIGKILL of
// the primary takes its workers with it and frees the port.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { dbTargets } from './support/db.ts';
import { exited, serve, type Served } from './support/server.ts';

const PASSWORD = 'cluster-demo-password';

/** A GET on a new connection each time: the primary hands each connection to the next worker (round-robin). An
 * answer that does not come within 8 s is status -1 (a connection lost between the primary and a leaving worker). */
function fresh(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 8_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({ status: -1, body: '' });
    });
    req.on('error', reject);
  });
}

/** A form posted on a new connection (so to the next worker), with the cookies given. */
function freshPost(url: string, cookie: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const data = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(data) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** The JSON lines of a server's output from a mark on (each carries its process id). */
function logLines(out: string, mark = 0): Array<{ msg: string; pid: number; method?: string; route?: string }> {
  return out.slice(mark).split('\n').flatMap((l) => {
    try {
      return [JSON.parse(l)];
    } catch {
      return [];
    }
  });
}

/** A browser-like client over real HTTP, on a new connection per request (so across the workers). */
class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}
  async send(method: string, url: string, body?: FormData | URLSearchParams) {
    const res = await fetch(`${this.base}${url}`, { method, body, redirect: 'manual', keepalive: false, headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const text = await res.text();
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1]!;
    return { status: res.status, text, location: res.headers.get('location') };
  }
  async login(username: string) {
    await this.send('GET', '/login');
    const r = await this.send('POST', '/login', new URLSearchParams({ _csrf: this.csrf, username, password: PASSWORD }));
    return r.status;
  }
}

const childrenOf = (pid: number): number[] => {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const slotOf = (pid: number) => /PRONGSAI_WORKER_SLOT=(\d+)/.exec(fs.readFileSync(`/proc/${pid}/environ`, 'latin1').replace(/\0/g, '\n'))?.[1];

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const target of await dbTargets()) {
  describe(`npm start with two workers, ${target.name}`, { skip: target.skip }, () => {
    let s: Served;
    let dataDir: string;
    let created: Awaited<ReturnType<typeof target.create>>;
    let env: Record<string, string>;
    before(async () => {
      created = await target.create();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-cluster-'));
      // behind one proxy (the test's requests name their address in X-Forwarded-For)
      env = { DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, WEB_CONCURRENCY: '2', LOG_LEVEL: 'info', TRUST_PROXY: 'true', ...(created.databaseUrl ? { DATABASE_URL: created.databaseUrl } : {}) };
      s = await serve(env);
    });
    after(async () => {
      if (s.child.exitCode === null) {
        s.child.kill('SIGTERM');
        await exited(s.child);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      await created.drop();
    });

    test('the pid file holds the primary; it runs two workers, one of them with the jobs', () => {
      assert.match(s.out(), /Prongsai ready at http:\/\/localhost:\d+ \(\w+, 2 workers,/);
      const workers = childrenOf(s.pid());
      assert.equal(workers.length, 2, 'two worker processes under the primary');
      assert.deepEqual(workers.map(slotOf).sort(), ['0', '1'], 'slot 0 (the jobs) and slot 1');
    });

    test('a document published through one worker is on the list and the home page of every worker at once', async () => {
      // both workers have the pages in their caches
      for (let i = 0; i < 4; i++) for (const p of ['/', '/documents']) assert.equal((await fresh(`${s.url}${p}`)).status, 200);
      const title = `ประกาศทดสอบหลายกระบวนการ ${Date.now()}`;
      const writer = new Client(s.url);
      assert.equal(await writer.login('publisher'), 303);
      await writer.send('GET', '/staff/content/new?kind=document');
      const fd = new FormData();
      fd.append('_csrf', writer.csrf);
      for (const [k, v] of Object.entries({ title_th: title, title_en: '', summary_th: '', summary_en: '', category: 'announcement', fiscal_year: '2570', period: '', body_format: 'markdown', body_th: 'เนื้อหา', body_en: '', slug: 'cluster-test-notice', signoff_name: '', signoff_position: '', signoff_date: '' })) fd.append(k, v);
      const made = await writer.send('POST', '/staff/content/new?kind=document', fd);
      assert.equal(made.status, 303, made.text.slice(0, 300));
      const id = /\/staff\/content\/(\d+)/.exec(made.location!)![1];
      await writer.send('GET', `/staff/content/${id}`);
      assert.equal((await writer.send('POST', `/staff/content/${id}/submit`, new URLSearchParams({ _csrf: writer.csrf }))).status, 303);
      const boss = new Client(s.url);
      assert.equal(await boss.login('executive'), 303);
      const page = await boss.send('GET', `/staff/content/${id}/approve`);
      const revision = /name="revision" value="(\d+)"/.exec(page.text)![1]!;
      const mark = s.out().length;
      const ok = await boss.send('POST', `/staff/content/${id}/approve`, new URLSearchParams({ _csrf: boss.csrf, revision, publish_at: '' }));
      assert.equal(ok.status, 303, ok.text.slice(0, 300));
      // at once, on new connections, so through both workers
      for (let i = 0; i < 4; i++) {
        for (const p of ['/documents', '/']) {
          const r = await fresh(`${s.url}${p}`);
          assert.equal(r.status, 200);
          assert.ok(r.body.includes(title), `${p} shows the new document (request ${i + 1})`);
        }
      }
      // which worker did what (each log line carries its process id): the publication was made in one worker, and
      // the other, which had /documents in its cache, rendered it again after the publisher's answer
      const logged = () => logLines(s.out(), mark);
      const publisher = () => logged().find((l) => l.msg === 'request' && l.method === 'POST' && l.route === '/staff/content/:id/approve')?.pid;
      const renderedBy = () => new Set(logged().filter((l) => l.msg === 'request' && l.method === 'GET' && l.route === '/documents').map((l) => l.pid));
      await until('the log lines', () => publisher() !== undefined && [...renderedBy()].some((pid) => pid !== publisher()), 5_000).catch(() => {});
      assert.ok(publisher(), 'the approval was logged');
      assert.ok([...renderedBy()].some((pid) => pid !== publisher()), `a worker other than the publisher's (${publisher()}) rendered the new list: ${[...renderedBy()]}`);
      assert.deepEqual(new Set(childrenOf(s.pid())), new Set([publisher()!, ...renderedBy()]), 'both workers took part');
    });

    test('both workers write at once: concurrent sign-ins all succeed, and nothing is "locked" in the log', async () => {
      const users = ['admin', 'publisher', 'service', 'complaint', 'asset', 'procurement', 'integrity', 'executive'];
      const results = await Promise.all([...users, ...users].map((u) => new Client(s.url).login(u)));
      assert.deepEqual(results, results.map(() => 303), `every sign-in went through\n${s.out().split('\n').filter((l) => /"level":(50|60)|error/i.test(l)).join('\n')}`);
      assert.doesNotMatch(s.out(), /database is locked|SQLITE_BUSY|"status":500/);
    });

    test('a per-address limit kept in memory counts once for the server, whichever worker takes each try', async () => {
      // ten receipt tries per address in 15 minutes (complaints/follow.ts): the eleventh is refused even though the
      // tries went to both workers, each on a new connection
      const mark = s.out().length;
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const c = new Client(s.url);
        assert.equal((await c.send('GET', '/complaints/follow')).status, 200);
        const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        statuses.push((await freshPost(`${s.url}/complaints/follow`, cookie, { _csrf: c.csrf, receipt: `9999 0000 1111 ${2000 + i}` })).status);
      }
      assert.deepEqual(statuses, [...Array(10).fill(422), 429], 'ten tries told "not found", the eleventh "wait"');
      const tried = new Set(logLines(s.out(), mark).filter((l) => l.msg === 'request' && l.method === 'POST' && l.route === '/complaints/follow').map((l) => l.pid));
      assert.equal(tried.size, 2, `both workers took tries: ${[...tried]}`);
    });

    test('receipts are checked a few at a time for the whole server, not per worker', async () => {
      // 80 tries at once from 80 addresses: the server checks 2 at a time with 32 waiting (complaints/throttle.ts),
      // so most are told to retry; with a queue in each worker, twice as many would be taken
      const c = new Client(s.url);
      assert.equal((await c.send('GET', '/complaints/follow')).status, 200);
      const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const mark = s.out().length;
      const statuses = await Promise.all(
        Array.from({ length: 80 }, (_, i) => freshPost(`${s.url}/complaints/follow`, cookie, { _csrf: c.csrf, receipt: `8888 0000 2222 ${3000 + i}` }, { 'x-forwarded-for': `10.70.${i >> 8}.${i & 255}` }).then((r) => r.status)),
      );
      const count = (status: number) => statuses.filter((x) => x === status).length;
      assert.equal(count(422) + count(503), 80, `only "not found" and "retry": ${statuses}`);
      assert.ok(count(422) <= 34 + 10, `at most the server's 34 places (2 + 32 waiting), and the few that finished as the others came: ${count(422)} checked`);
      const tried = new Set(logLines(s.out(), mark).filter((l) => l.msg === 'request' && l.method === 'POST' && l.route === '/complaints/follow').map((l) => l.pid));
      assert.equal(tried.size, 2, `both workers took tries: ${[...tried]}`);
    });

    test('SIGHUP replaces the workers one by one, three times under load; every request is answered', async () => {
      // a connection handed to a worker as it left used to stay open unanswered (2 in 20,000 requests over ten
      // restarts on PostgreSQL); the worker now stays until the primary has nothing more on the way to it
      const statuses = new Map<number, number>();
      let loading = true;
      const load = Array.from({ length: 12 }, async () => {
        while (loading) {
          const r = await fresh(`${s.url}/documents`).catch(() => ({ status: 0 }));
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
      });
      try {
        for (let round = 0; round < 3; round++) {
          const old = childrenOf(s.pid());
          process.kill(s.pid(), 'SIGHUP');
          await until('new workers', () => {
            const now = childrenOf(s.pid());
            return now.length === 2 && now.every((pid) => !old.includes(pid));
          }, 20_000).catch(() => {});
          const now = childrenOf(s.pid());
          assert.equal(now.length, 2, `${old} → ${now}\n${s.out().split('\n').filter((l) => /worker|restart/.test(l)).join('\n')}`);
          assert.ok(now.every((pid) => !old.includes(pid)), 'new workers');
          assert.deepEqual(now.map(slotOf).sort(), ['0', '1']);
        }
      } finally {
        loading = false;
        await Promise.all(load);
      }
      assert.deepEqual([...statuses.keys()], [200], `every request answered 200 during the restarts: ${JSON.stringify([...statuses])}`);
      assert.ok(statuses.get(200)! > 100, 'the load ran');
    });

    test('SIGTERM stops the workers, then the primary: exit 0, pid file removed', async () => {
      const primary = s.pid();
      const workers = childrenOf(primary);
      s.child.kill('SIGTERM');
      assert.equal(await exited(s.child), 0);
      assert.ok(!fs.existsSync(path.join(dataDir, 'server.pid')));
      assert.ok(!alive(primary) && workers.every((w) => !alive(w)), 'no process left');
    });

    test('SIGKILL of the primary takes the workers with it and frees the port; a restart on the same data serves', async () => {
      s = await serve(env);
      const primary = s.pid();
      const workers = childrenOf(primary);
      assert.equal(workers.length, 2);
      process.kill(primary, 'SIGKILL');
      await exited(s.child);
      await until('the workers to exit', () => workers.every((w) => !alive(w)));
      await assert.rejects(fresh(`${s.url}/`), /ECONNREFUSED/, 'nobody serves the port any more');
      s = await serve(env);
      assert.equal((await fresh(`${s.url}/`)).status, 200);
    });
  });
}
