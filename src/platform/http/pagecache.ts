// The rendered-page cache of anonymous public pages, one per worker process.
//
// What is kept: the 200 text/html answer to a GET of a route marked `pageCache`, rendered for nobody — the request
// carried no cookie but `lang` and `_csrf`, no credentials, and the page used no session, no flash message and no
// CSRF token, and set no cookie and no Cache-Control of its own. The key is the visitor's language, the host (the
// agency) and the path with its query.
//
// How it answers: before Fastify sees the request (serve(), called by the HTTP server itself), with the stored
// bytes and headers: no routing, hooks, session lookup or database query. `ETag` + `If-None-Match` give 304;
// gzip and brotli variants are made once per page, off the event loop, the first time a visitor accepts them, and
// served from then on (`Vary: Accept-Encoding, Cookie`). Hits are logged as a count per route every 10 seconds.
//
// How long: until something public of that agency changes (publicChanged, also from the other workers, see
// changes.ts and cluster.ts), the next scheduled publication of that agency (search_doc.published_at in the
// future), midnight in Bangkok (the footer shows the day and the fiscal year), or PAGE_CACHE_SECONDS (the bound for
// changes this server is not told about: another host, the command line), whichever comes first. A page whose
// rendering began before a change is not stored (the generation check), so a render racing a publish cannot keep
// the old page.
import crypto from 'node:crypto';
import type http from 'node:http';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { onPublicChange, receivePublicChange } from '../changes.ts';
import type { Db } from '../db/index.ts';
import './types.ts';

const ALLOWED_COOKIES = new Set(['lang', '_csrf']);
const VARY = 'Accept-Encoding, Cookie';
// a browser or proxy may keep the page but must ask again each time (a 304 when nothing changed)
const CACHE_CONTROL = 'no-cache';
// headers that belong to one response, not to the page
const NOT_KEPT = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'set-cookie', 'etag', 'vary', 'cache-control', 'content-encoding']);
const PRIVATE_PATH = /^\/(staff|account|login)(\/|\?|$)/;
const LOG_EVERY_MS = 10_000;
const BANGKOK_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

const GZIP = 1;
const BR = 2;

interface Variant {
  body: Buffer;
  /** flat header list for writeHead: [name, value, name, value, …] */
  head: string[];
  notModified: string[];
}

interface Entry {
  key: string;
  agencyId: number;
  route: string;
  expires: number;
  /** the ETag of the uncompressed page, without quotes; variants add -gz / -br */
  tag: string;
  headers: Array<[string, string]>;
  plain: Variant;
  gzip?: Variant;
  br?: Variant;
  /** compressions started (GZIP | BR) */
  started: number;
  bytes: number;
}

export interface PageCacheOptions {
  /** bytes kept at most (pages and their compressed variants); 0 turns the cache off */
  maxBytes: number;
  /** the longest an entry is kept */
  maxAgeMs: number;
  trustProxy: boolean;
  db: Db;
  log: { info(obj: object, msg: string): void };
}

/**
 * The key of a request, or null when no cached page may answer it: a cookie other than `lang` and `_csrf` (a session,
 * a flash message, a complainant's case), credentials, or a language cookie the platform would not read the same way.
 * The key begins with the language.
 */
export function cacheKey(req: http.IncomingMessage, trustProxy: boolean): string | null {
  const h = req.headers;
  if (h.authorization !== undefined) return null;
  let lang = 'th';
  const cookie = h.cookie;
  if (cookie) {
    let seenLang = false;
    for (const part of cookie.split(';')) {
      const eq = part.indexOf('=');
      const name = (eq < 0 ? part : part.slice(0, eq)).trim();
      if (!name) continue;
      if (!ALLOWED_COOKIES.has(name)) return null;
      if (name === 'lang') {
        const v = eq < 0 ? '' : part.slice(eq + 1).trim();
        if (seenLang || (v !== 'th' && v !== 'en')) return null;
        seenLang = true;
        lang = v;
      }
    }
  }
  const host = trustProxy ? `${h.host ?? ''}\u0001${h['x-forwarded-host'] ?? ''}\u0001${h['x-forwarded-proto'] ?? ''}` : (h.host ?? '');
  return `${lang}\u0000${host}\u0000${req.url ?? ''}`;
}

const acceptMemo = new Map<string, number>();
/** GZIP | BR as the client accepts them (q=0 refuses; * accepts both). */
export function acceptedEncodings(header: string | string[] | undefined): number {
  if (!header) return 0;
  const h = Array.isArray(header) ? header.join(',') : header;
  let r = acceptMemo.get(h);
  if (r !== undefined) return r;
  r = 0;
  for (const part of h.split(',')) {
    const [name, ...params] = part.split(';');
    const n = name!.trim().toLowerCase();
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    if (q !== undefined && !(Number(q) > 0)) continue;
    if (n === 'gzip' || n === 'x-gzip') r |= GZIP;
    else if (n === 'br') r |= BR;
    else if (n === '*') r |= GZIP | BR;
  }
  if (acceptMemo.size < 256) acceptMemo.set(h, r);
  return r;
}

/** True when If-None-Match names this page (any of its variants) or is `*`. */
export function etagMatches(header: string | string[], tag: string): boolean {
  const h = Array.isArray(header) ? header.join(',') : header;
  if (!h.includes(tag) && !h.includes('*')) return false;
  for (const raw of h.split(',')) {
    let t = raw.trim();
    if (t === '*') return true;
    if (t.startsWith('W/')) t = t.slice(2);
    t = t.replace(/^"|"$/g, '');
    if (t === tag || t === `${tag}-gz` || t === `${tag}-br`) return true;
  }
  return false;
}

/** The next midnight in Bangkok (UTC+7, no daylight saving) after t: the day and the fiscal year the pages show change. */
export function nextBangkokMidnight(t: number): number {
  return Math.floor((t + BANGKOK_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - BANGKOK_OFFSET_MS;
}

function variant(headers: Array<[string, string]>, body: Buffer, etag: string, encoding?: 'gzip' | 'br'): Variant {
  const common = ['etag', `"${etag}"`, 'vary', VARY, 'cache-control', CACHE_CONTROL];
  const head: string[] = [];
  for (const [k, v] of headers) head.push(k, v);
  head.push(...common, 'content-length', String(body.length));
  if (encoding) head.push('content-encoding', encoding);
  return { body, head, notModified: common };
}

export class PageCache {
  readonly enabled: boolean;
  /** goes up at every public change: a page whose rendering began under an older generation is not stored */
  generation = 0;
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  readonly #scheduled = new Map<number, { gen: number; since: number; at: number }>();
  readonly #timers = new Map<number, { at: number; timer: NodeJS.Timeout }>();
  readonly #counts = new Map<string, { hits: number; notModified: number }>();
  readonly #stopListening: () => void;
  readonly #timer: NodeJS.Timeout | null;

  constructor(readonly o: PageCacheOptions) {
    this.enabled = o.maxBytes > 0;
    this.#stopListening = onPublicChange((agencyId) => this.invalidate(agencyId));
    this.#timer = this.enabled ? setInterval(() => this.flushLog(), LOG_EVERY_MS) : null;
    this.#timer?.unref();
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Answers the request from the cache when it can (true), before any framework code runs. */
  serve(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (this.#entries.size === 0) return false;
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const key = cacheKey(req, this.o.trustProxy);
    if (key === null) return false;
    const e = this.#entries.get(key);
    if (!e) return false;
    if (Date.now() >= e.expires) {
      this.#drop(e);
      return false;
    }
    // least recently used first: a hit moves to the end
    this.#entries.delete(key);
    this.#entries.set(key, e);
    const v = this.#pick(e, req.headers['accept-encoding']);
    const inm = req.headers['if-none-match'];
    const count = this.#counts.get(e.route) ?? this.#counts.set(e.route, { hits: 0, notModified: 0 }).get(e.route)!;
    if (inm !== undefined && etagMatches(inm, e.tag)) {
      count.notModified++;
      res.writeHead(304, v.notModified);
      res.end();
      return true;
    }
    count.hits++;
    res.writeHead(200, v.head);
    if (method === 'HEAD') res.end();
    else res.end(v.body);
    return true;
  }

  #pick(e: Entry, acceptEncoding: string | string[] | undefined): Variant {
    const accepts = acceptedEncodings(acceptEncoding);
    if (accepts & BR) {
      if (e.br) return e.br;
      this.#compress(e, BR);
    }
    if (accepts & GZIP) {
      if (e.gzip) return e.gzip;
      this.#compress(e, GZIP);
    }
    return e.plain;
  }

  /** Makes a compressed variant once, on the thread pool; until it is there, visitors get what is. */
  #compress(e: Entry, which: number): void {
    if (e.started & which) return;
    e.started |= which;
    const body = e.plain.body;
    const done = (err: Error | null, out: Buffer) => {
      if (err || this.#entries.get(e.key) !== e) return;
      const smaller = out.length < body.length;
      const v = smaller ? variant(e.headers, out, `${e.tag}-${which === BR ? 'br' : 'gz'}`, which === BR ? 'br' : 'gzip') : e.plain;
      if (which === BR) e.br = v;
      else e.gzip = v;
      if (smaller) {
        e.bytes += out.length;
        this.#bytes += out.length;
        this.#evict();
      }
    };
    if (which === BR) {
      zlib.brotliCompress(body, { params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }, done);
    } else {
      zlib.gzip(body, { level: 9 }, done);
    }
  }

  /** Drops every page of the agency (a public change there). */
  invalidate(agencyId: number): void {
    this.generation++;
    this.#scheduled.delete(agencyId);
    for (const e of this.#entries.values()) if (e.agencyId === agencyId) this.#drop(e);
  }

  clear(): void {
    this.generation++;
    this.#scheduled.clear();
    this.#entries.clear();
    this.#bytes = 0;
  }

  #drop(e: Entry): void {
    if (this.#entries.get(e.key) !== e) return;
    this.#entries.delete(e.key);
    this.#bytes -= e.bytes;
  }

  #evict(): void {
    for (const e of this.#entries.values()) {
      if (this.#bytes <= this.o.maxBytes) return;
      this.#drop(e);
    }
  }

  /** When the next scheduled publication of the agency after `since` becomes public (Infinity: none). */
  async #nextScheduled(agencyId: number, since: number): Promise<number> {
    const gen = this.generation;
    const memo = this.#scheduled.get(agencyId);
    if (memo && memo.gen === gen && memo.since <= since && since < memo.at) return memo.at;
    const row = await this.o.db.k
      .selectFrom('search_doc')
      .select((eb) => eb.fn.min('published_at').as('next'))
      .where('agency_id', '=', agencyId)
      .where('published_at', '>', new Date(since).toISOString())
      .executeTakeFirst();
    const parsed = row?.next ? Date.parse(String(row.next)) : Infinity;
    const at = Number.isNaN(parsed) ? since : parsed;
    this.#scheduled.set(agencyId, { gen, since, at });
    this.#wakeAt(agencyId, at);
    return at;
  }

  /**
   * At a scheduled publication's time, this process's caches of the agency clear as if it had been published then
   * (the TTL caches of lists and blocks too, so the page rendered next shows it).
   */
  #wakeAt(agencyId: number, at: number): void {
    const now = Date.now();
    if (!Number.isFinite(at) || at <= now || this.#timers.get(agencyId)?.at === at) return;
    clearTimeout(this.#timers.get(agencyId)?.timer);
    const timer = setTimeout(() => {
      this.#timers.delete(agencyId);
      receivePublicChange(agencyId);
    }, Math.min(at - now + 1, 2 ** 31 - 1));
    timer.unref();
    this.#timers.set(agencyId, { at, timer });
  }

  readonly #pending = new Set<Promise<void>>();

  /** Keeps a page rendered under generation `gen`, for a request that began at `since` (stored once a query says until when). */
  store(key: string, agencyId: number, route: string, headers: Array<[string, string]>, body: Buffer, tag: string, gen: number, since: number): Promise<void> {
    const p: Promise<void> = this.#store(key, agencyId, route, headers, body, tag, gen, since).finally(() => this.#pending.delete(p));
    this.#pending.add(p);
    return p;
  }

  /** Resolves once the pages being stored now are stored (or refused): for tests. */
  async idle(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }

  async #store(key: string, agencyId: number, route: string, headers: Array<[string, string]>, body: Buffer, tag: string, gen: number, since: number): Promise<void> {
    const bytes = body.length + key.length * 2 + 512;
    if (bytes > this.o.maxBytes / 8) return; // one page never takes much of the cache
    const expires = Math.min(since + this.o.maxAgeMs, nextBangkokMidnight(since), await this.#nextScheduled(agencyId, since));
    if (gen !== this.generation || Date.now() >= expires) return;
    const old = this.#entries.get(key);
    if (old) this.#drop(old);
    this.#entries.set(key, { key, agencyId, route, expires, tag, headers, plain: variant(headers, body, tag), started: 0, bytes });
    this.#bytes += bytes;
    this.#evict();
  }

  /** The counts of pages answered from the cache since the last call, one log line per route. */
  flushLog(): void {
    for (const [route, c] of this.#counts) {
      if (c.hits || c.notModified) this.o.log.info({ method: 'GET', route, status: 200, count: c.hits, notModified: c.notModified, cached: true }, 'cached requests');
    }
    this.#counts.clear();
  }

  close(): void {
    this.#stopListening();
    for (const t of this.#timers.values()) clearTimeout(t.timer);
    this.#timers.clear();
    if (this.#timer) clearInterval(this.#timer);
    this.flushLog();
    this.clear();
  }
}

/** A page that must not be kept (it holds a CSRF token, say): called by the view helpers. */
export function markPrivate(req: FastifyRequest): void {
  req.pageCachePrivate = true;
}

function headerList(reply: FastifyReply): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(reply.getHeaders())) {
    if (v === undefined || NOT_KEPT.has(k)) continue;
    if (Array.isArray(v)) for (const x of v) out.push([k, String(x)]);
    else out.push([k, String(v)]);
  }
  return out;
}

/**
 * The Fastify side: notes the generation when a request begins (first hook of all), and in the last onSend hook
 * stores what may be stored, adding ETag, Vary and Cache-Control (and answering 304 when the client has the page).
 */
export function registerPageCache(app: FastifyInstance, cache: PageCache): void {
  app.decorate('pageCache', cache);
  app.decorateRequest('pageCacheGen', -1);
  app.decorateRequest('pageCacheAt', 0);
  app.decorateRequest('pageCachePrivate', false);
  app.addHook('onRequest', (req, _reply, done) => {
    req.pageCacheGen = cache.generation;
    req.pageCacheAt = Date.now();
    done();
  });
  app.addHook('onClose', (_app, done) => {
    cache.close();
    done();
  });
}

/** The onSend hook that keeps pages; registered after every other hook so that it sees the final headers. */
export function registerPageCapture(app: FastifyInstance, cache: PageCache): void {
  if (!cache.enabled) return;
  app.addHook('onSend', async (req, reply, payload) => {
    if (
      req.method !== 'GET' ||
      reply.statusCode !== 200 ||
      typeof payload !== 'string' ||
      !req.routeOptions.config?.pageCache ||
      req.user || req.sessionToken || req.mfaUserId || req.flash || req.pageCachePrivate ||
      reply.hasHeader('set-cookie') ||
      reply.hasHeader('cache-control') ||
      !String(reply.getHeader('content-type') ?? '').startsWith('text/html') ||
      PRIVATE_PATH.test(req.routeOptions.url ?? req.url)
    ) {
      return payload;
    }
    const key = cacheKey(req.raw, cache.o.trustProxy);
    // the language the key says must be the one the page was made in
    if (key === null || !key.startsWith(`${req.lang}\u0000`)) return payload;
    const body = Buffer.from(payload);
    const tag = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27);
    const headers = headerList(reply);
    cache.store(key, req.agency.id, req.routeOptions.url ?? '(none)', headers, body, tag, req.pageCacheGen, req.pageCacheAt).catch((err: Error) => {
      req.log.warn({ err: { message: err.message } }, 'page not cached');
    });
    reply.header('etag', `"${tag}"`).header('vary', VARY).header('cache-control', CACHE_CONTROL);
    const inm = req.headers['if-none-match'];
    if (inm !== undefined && etagMatches(inm, tag)) {
      reply.code(304).removeHeader('content-type');
      return null;
    }
    return body;
  });
}
