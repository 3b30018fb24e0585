// A running app for HTTP tests (Fastify inject, no network), on SQLite or PostgreSQL, with the demo agency loaded.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { Platform } from '../../src/platform/platform.ts';
import { buildApp, createLogger, createPlatform, migrate, MODULES } from '../../src/server.ts';
import type { ModuleDef } from '../../src/platform/module.ts';
import { bareAgency } from './fixtures.ts';
import { receivePublicChange } from '../../src/platform/changes.ts';
import { firstAgencyId } from '../../src/platform/tenant.ts';
import { seedDemo } from '../../src/demo.ts';
import { copyDatabase, type DbTarget } from './db.ts';
import { templateKey, templatesRoot, withTemplate, type Template } from './template.ts';
import fs from 'node:fs';

export const DEMO_PASSWORD = 'demo-password-for-tests';

export interface TestApp {
  app: FastifyInstance;
  p: Platform;
  config: Config;
  agent(): Agent;
  close(): Promise<void>;
}

export interface StartOptions {
  /** settings beyond the test defaults */
  env?: Record<string, string>;
  /** collects the JSON log lines */
  logLines?: string[];
  /** false: an empty agency from the fixture builders instead of the whole demo (faster, explicit data) */
  demo?: boolean;
  /** the installation's modules (an example module added, say); the real list by default */
  modules?: readonly ModuleDef[];
}

/** A running app on the target database: migrated, with the demo agency (or a bare one), ready for agent(). */
export async function startApp(target: DbTarget, o: StartOptions = {}): Promise<TestApp> {
  const root = o.demo === false || o.modules ? undefined : templatesRoot();
  const template = root ? await withTemplate(root, templateKey(root, target.name, o.env), (t) => buildTemplate(target, o, t)) : null;
  const created = await target.create(template ? { fromDatabase: template.database } : {});
  if (template) fs.cpSync(template.dataDir, created.dataDir, { recursive: true });
  const config = testConfig(created, o);
  const p = await createPlatform(config, createLogger(config, o.logLines ? { write: (line: string) => void o.logLines!.push(line) } : undefined), o.modules ?? MODULES);
  await migrate(p);
  if (o.demo === false) await bareAgency(p);
  else if (!template) await seedDemo(p);
  // a seed clears this process's caches of public data (publicChanged); a copied demo must too, or an app started
  // after another one in the same test file would be answered from the other database's cached pages and evidence
  else receivePublicChange((await firstAgencyId(p.db))!);
  const app = await buildApp(p);
  return {
    app,
    p,
    config,
    agent: () => new Agent(app),
    async close() {
      await app.close();
      await p.db.close();
      await created.drop();
    },
  };
}

function testConfig(created: { databaseUrl?: string; dataDir: string }, o: StartOptions): Config {
  return loadConfig({
    DATA_DIR: created.dataDir,
    DEMO_PASSWORD,
    LOG_LEVEL: 'silent',
    BASE_URL: 'http://localhost:3000',
    ...(created.databaseUrl ? { DATABASE_URL: created.databaseUrl } : {}),
    ...o.env,
  });
}

/** Seeds the demo once into the template's folder (and database), closed so that both can be copied as they are. */
async function buildTemplate(target: DbTarget, o: StartOptions, t: Template): Promise<void> {
  const created = await target.create();
  try {
    const config = testConfig(created, { ...o, env: { ...o.env, LOG_LEVEL: 'silent' } });
    const p = await createPlatform(config, createLogger(config));
    try {
      await migrate(p);
      await seedDemo(p);
    } finally {
      await p.db.close();
    }
    if (created.databaseUrl) t.markPostgres();
    if (created.databaseUrl) await copyDatabase(new URL(created.databaseUrl).pathname.slice(1), t.database!);
    fs.cpSync(created.dataDir, t.dataDir, { recursive: true });
  } finally {
    await created.drop();
  }
}

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  raw: Buffer;
  location?: string;
}

/** A browser-like client over app.inject: keeps cookies, fills in the CSRF token of the last page. */
export class Agent {
  cookies = new Map<string, string>();
  csrf = '';
  /** the address requests come from (throttles count per address) */
  ip = '127.0.0.1';
  constructor(readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private absorb(res: { headers: Record<string, unknown>; payload: string }): void {
    const set = res.headers['set-cookie'];
    for (const c of (Array.isArray(set) ? set : set ? [set] : []) as string[]) {
      const [pair, ...attrs] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.payload);
    if (m) this.csrf = m[1]!;
  }

  async request(method: 'GET' | 'POST', url: string, opts: { payload?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Res> {
    const res = await this.app.inject({ method, url, payload: opts.payload, remoteAddress: this.ip, headers: { cookie: this.cookieHeader(), ...opts.headers } });
    this.absorb(res);
    return { status: res.statusCode, headers: res.headers as Res['headers'], body: res.payload, raw: res.rawPayload, location: res.headers.location as string | undefined };
  }

  get(url: string): Promise<Res> {
    return this.request('GET', url);
  }

  /** Posts a urlencoded form; `_csrf` is added unless given. Arrays become repeated fields. */
  post(url: string, fields: Record<string, string | string[]>, opts: { csrf?: boolean } = {}): Promise<Res> {
    const body = new URLSearchParams();
    if (opts.csrf !== false && !('_csrf' in fields)) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.request('POST', url, { payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** Posts multipart/form-data with files. */
  async postMultipart(url: string, fields: Record<string, string>, files: Record<string, { name: string; data: Buffer; type?: string }>): Promise<Res> {
    const fd = new FormData();
    fd.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    for (const [k, f] of Object.entries(files)) fd.append(k, new Blob([f.data], { type: f.type ?? 'application/octet-stream' }), f.name);
    const r = new Response(fd);
    const payload = Buffer.from(await r.arrayBuffer());
    return this.request('POST', url, { payload, headers: { 'content-type': r.headers.get('content-type')! } });
  }

  /** Signs in with a demo account (no 2FA). */
  async login(username: string, password = DEMO_PASSWORD): Promise<Res> {
    await this.get('/login');
    return this.post('/login', { username, password });
  }
}

/** Text of the page without tags, for assertions on what a reader sees. */
export function textOf(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
}
