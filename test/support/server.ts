// The real server process (`npm start`), and a raw HTTP client that streams large bodies the way an attacker would.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

export interface Served {
  child: ChildProcess;
  url: string;
  out: () => string;
  /** pid of the node process that serves (npm runs it as a grandchild) */
  pid(): number;
  stop(): Promise<number | null>;
}

/** `npm start`, exactly as a user runs it. */
export function serve(env: Record<string, string>): Promise<Served> {
  const child = spawn('npm', ['start'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...env } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = exited(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 180_000);
    child.stdout!.on('data', () => {
      const m = /Prongsai ready at (http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          url: m[1]!.replace('localhost', '127.0.0.1'),
          out: () => out,
          pid: () => Number(fs.readFileSync(path.join(env.DATA_DIR!, 'server.pid'), 'utf8')),
          async stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exit;
          },
        });
      }
    });
    child.on('exit', () => reject(new Error(`server exited:\n${out}`)));
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.on('exit', (code) => r(code)));
}

/** Resident and peak memory of a process, in MB (Linux). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** body bytes the client had written when the answer came */
  sentWhenAnswered: number;
}

/**
 * POSTs a body produced chunk by chunk, without holding it in memory. Resolves as soon as the server answers,
 * even if the body is not all sent; then stops sending. pauseAfterBytes stops sending early and waits, which
 * proves the server answered without the rest of the body.
 */
export function rawPost(url: string, headers: Record<string, string>, chunks: () => Iterable<Buffer>, opts: { pauseAfterBytes?: number; localAddress?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    // a keep-alive connection, as browsers use: Node then reads and throws away a body it refused, and the client
    // gets the answer (with `Connection: close` the server resets the connection on the unread bytes instead)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // localAddress (127.0.0.2 …) sends from another address of the loopback network, as a second laptop would
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' }, agent, localAddress: opts.localAddress });
    req.on('close', () => agent.destroy());
    req.on('response', (res) => {
      answered = true;
      const at = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentWhenAnswered: at });
        req.destroy();
      });
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentWhenAnswered: at }));
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const it = chunks()[Symbol.iterator]();
    // one chunk at a time, with a turn of the event loop between: an early answer is read before the next write,
    // as a browser does (Node closes a connection whose request body it did not read)
    const pump = () => {
      if (answered || req.destroyed) return;
      if (opts.pauseAfterBytes !== undefined && sent >= opts.pauseAfterBytes) return; // keep the connection open, send no more
      const n = it.next();
      if (n.done) {
        req.end();
        return;
      }
      sent += n.value.length;
      req.write(n.value, () => setImmediate(pump));
    };
    pump();
  });
}

/** A multipart body built lazily: fields first, then files of `fileBytes` each, from one reused buffer. */
export function* multipartChunks(boundary: string, fields: Array<[string, string | Buffer]>, files: Array<{ name: string; filename: string; bytes: number }>): Generator<Buffer> {
  const block = Buffer.alloc(1024 * 1024, 0x61);
  for (const [name, value] of fields) {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`);
    yield typeof value === 'string' ? Buffer.from(value) : value;
    yield Buffer.from('\r\n');
  }
  for (const f of files) {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
    for (let left = f.bytes; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
    yield Buffer.from('\r\n');
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

/** A signed-in session on a real server: cookies and the CSRF token of the last page. */
export class HttpSession {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private absorb(res: Response, body: string) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) this.csrf = m[1]!;
  }

  async get(p: string): Promise<{ status: number; body: string }> {
    const res = await fetch(this.base + p, { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    const body = await res.text();
    this.absorb(res, body);
    return { status: res.status, body };
  }

  async post(p: string, fields: Record<string, string>): Promise<{ status: number; body: string; location: string | null }> {
    const res = await fetch(this.base + p, {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
      redirect: 'manual',
    });
    const body = await res.text();
    this.absorb(res, body);
    return { status: res.status, body, location: res.headers.get('location') };
  }

  async login(username: string, password: string): Promise<void> {
    await this.get('/login');
    const r = await this.post('/login', { username, password });
    if (r.status !== 303) throw new Error(`login as ${username} failed: ${r.status}`);
  }
}
