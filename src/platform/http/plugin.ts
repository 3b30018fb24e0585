// Cross-cutting HTTP: cookies, bodies, security headers, CSRF, static assets, language, flash, error pages.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyHelmet from '@fastify/helmet';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import type { Platform } from '../platform.ts';
import { isLang, translate, type Lang, type MessageKey } from '../i18n/index.ts';
import { PUBLIC_DIR } from '../views/assets.ts';
import { ErrorPage } from '../views/errors.tsx';
import { HttpError, ValidationError } from './errors.ts';
import { parseUrlEncoded } from './urlencoded.ts';
import { readFlash, safeNext, sendHtml, viewCtx } from './render.ts';
import { Gate, isMultipartRequest, MEMORY_UPLOAD_BYTES, setupUploads, textControls } from './multipart.ts';
import { hasControlChars } from '../thai/index.ts';
import type { AgencySite } from './types.ts';
import { publicChangesDelivered } from '../changes.ts';
import './types.ts';

export const LANG_COOKIE = 'lang';
const kCsrfToken = Symbol('csrfToken');

/**
 * True when a key or a value holds a control character (C0 but tab and line breaks, DEL, C1), a bidi override or
 * isolate, or a noncharacter (platform/thai hasControlChars); values are strings, arrays and, in JSON, objects.
 */
export function valuesHaveControls(values: unknown, depth = 0): boolean {
  if (typeof values === 'string') return hasControlChars(values);
  if (!values || typeof values !== 'object' || depth > 20) return false;
  for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
    if (hasControlChars(k) || valuesHaveControls(v, depth + 1)) return true;
  }
  return false;
}

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('@fontsource/sarabun/package.json')), 'files');

export interface HttpOptions {
  /** finds the agency (tenant) for a host name */
  resolveAgency: (hostname: string) => Promise<AgencySite>;
}

export async function registerHttp(app: FastifyInstance, p: Platform, opts: HttpOptions): Promise<void> {
  const https = p.config.baseUrl.startsWith('https://');
  app.decorate('nav', { public: [], staff: [] });
  app.decorate('baseUrl', p.config.baseUrl);
  app.decorate('homeBlocks', []);
  app.decorateRequest('lang', 'th');
  app.decorateRequest('agency', null as unknown as AgencySite);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('mfaUserId', null);
  app.decorateRequest('flash', null);

  await app.register(fastifyCookie, { secret: p.keys.cookieSecret });
  await app.register(fastifyFormbody, { parser: parseUrlEncoded });
  // multipart is parsed only by upload routes, as a stream, after their guards (see multipart.ts)
  await app.register(fastifyMultipart, { limits: { fileSize: p.config.uploadMaxBytes, files: 1, fields: 1, fieldSize: 1024, parts: 2 } });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    // the same as CSP frame-ancestors 'none', for browsers that only know this header
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: https ? { maxAge: 31536000, includeSubDomains: false } : false,
  });
  await app.register(fastifyCsrf, {
    cookieKey: '_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: https },
    getToken: (req: FastifyRequest) => {
      const given = (req as FastifyRequest & { [kCsrfToken]?: string })[kCsrfToken];
      if (given !== undefined) return given;
      const v = (req.body as Record<string, unknown> | undefined)?._csrf;
      if (typeof v === 'string') return v;
      if (v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string') return (v as { value: string }).value;
      return (req.headers['x-csrf-token'] as string | undefined) ?? '';
    },
  });

  const immutable = { maxAge: '365d', immutable: true };
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/assets/', ...immutable, index: false });
  await app.register(fastifyStatic, { root: FONT_DIR, prefix: '/assets/fonts/', decorateReply: false, ...immutable, index: false, allowedPath: (p) => /^\/sarabun-[\w-]+\.woff2?$/.test(p) });
  if (p.config.staticExtraDir) await app.register(fastifyStatic, { root: p.config.staticExtraDir, prefix: '/_static/', decorateReply: false, index: false });

  setupUploads(app, {
    tmpDir: path.join(p.config.dataDir, 'tmp', 'uploads'),
    defaults: { maxFileBytes: p.config.uploadMaxBytes, maxTotalBytes: p.config.uploadTotalBytes, maxFiles: 10 },
    gate: new Gate(p.config.uploadConcurrency, p.config.uploadConcurrency * 4, 15_000),
    memory: new Gate(MEMORY_UPLOAD_BYTES, 16, 15_000),
    stallMs: p.config.uploadStallMs,
    checkCsrf: (req, reply, token) =>
      new Promise<void>((resolve, reject) => {
        (req as FastifyRequest & { [kCsrfToken]?: string })[kCsrfToken] = token;
        const shim = { unsignCookie: reply.unsignCookie.bind(reply), send: (err: Error) => reject(err) } as unknown as FastifyReply;
        app.csrfProtection(req, shim, () => resolve());
      }),
  });

  // the edge: control characters and bidi overrides in a path, a query or any text of a body never reach a route
  // (PostgreSQL refuses NUL; ESC and U+202E would be stored and shown to others; no form needs them). Multipart text
  // fields are checked as they are read (multipart.ts); file names are cleaned (files/index.ts cleanFileName).
  app.addHook('onRequest', async (req) => {
    const q = req.url.indexOf('?');
    const pathPart = q < 0 ? req.url : req.url.slice(0, q);
    if (/%(?:[01][0-9a-f]|7f)/i.test(pathPart) || valuesHaveControls(req.query)) throw new HttpError(400, 'error.400.title', 'error.400.controls');
  });
  app.addHook('preValidation', async (req) => {
    if (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) && valuesHaveControls(req.body)) throw textControls();
  });

  app.addHook('onRequest', async (req) => {
    const c = req.cookies[LANG_COOKIE];
    req.lang = isLang(c) ? c : 'th';
    req.agency = await opts.resolveAgency(req.hostname);
  });
  app.addHook('preHandler', (req, reply, done) => {
    if (req.cookies.flash) req.flash = readFlash(req, reply);
    const m = req.method;
    // a multipart form's token is its first part, checked when the platform reads the upload (multipart.ts)
    const readsUpload = !!req.routeOptions.config.upload && isMultipartRequest(req);
    if ((m === 'POST' || m === 'PUT' || m === 'PATCH' || m === 'DELETE') && !req.routeOptions.config.skipCsrf && !readsUpload) {
      app.csrfProtection(req, reply, done);
      return;
    }
    done();
  });
  // nothing a signed-in person sees is kept by a browser or a proxy, unless the route says it is public (files)
  app.addHook('onSend', async (req, reply) => {
    // a change made by this request reaches every worker's caches before its answer leaves (changes.ts)
    const delivered = publicChangesDelivered();
    if (delivered) await delivered;
    // the route's pattern, not the URL: a request may name its target in absolute form (GET http://host/login)
    if ((req.sessionToken || /^\/(staff|account|login)(\/|\?|$)/.test(req.routeOptions.url ?? req.url)) && !req.routeOptions.config?.publicCache) {
      reply.header('cache-control', 'no-store');
    }
  });
  // request logs carry the route pattern, never the path, query, body or address (personal data)
  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, route: req.routeOptions.url ?? '(none)', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.get('/lang/:lang', async (req, reply) => {
    const lang = (req.params as { lang: string }).lang;
    if (isLang(lang)) reply.setCookie(LANG_COOKIE, lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true, secure: https });
    return reply.redirect(safeNext((req.query as { next?: string }).next), 303);
  });

  app.get('/healthz', async (_req, reply) => {
    try {
      await p.db.k.selectFrom('agency').select('id').limit(1).execute();
      return reply.header('cache-control', 'no-store').send({ status: 'ok', database: p.db.dialect });
    } catch {
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable', database: p.db.dialect });
    }
  });

  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/')) return reply.code(404).send({ error: 'not_found', message: translate(req.lang, 'error.404.title') });
    return errorPage(req, reply, 404, 'error.404.title', 'error.404.body');
  });

  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const maxMb = `${Math.round((p.config.uploadMaxBytes / 1024 / 1024) * 10) / 10} MB`;
    if (err instanceof HttpError) return errorPage(req, reply, err.status, err.titleKey, err.bodyKey, err.vars);
    if (err instanceof ValidationError) return errorPage(req, reply, 422, 'error.400.title', 'error.400.body');
    const code = err.code ?? '';
    if (code.startsWith('FST_CSRF')) return errorPage(req, reply, 403, 'error.csrf.title', 'error.csrf.body');
    if (err.statusCode === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE' || code.startsWith('FST_PARTS') || code.startsWith('FST_FILES') || code.startsWith('FST_FIELDS')) {
      return errorPage(req, reply, 413, 'error.413.title', 'error.413.body', { max: maxMb });
    }
    if (err.statusCode === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return errorPage(req, reply, 415, 'error.415.title', 'error.415.body');
    if (err.statusCode === 429) return errorPage(req, reply, 429, 'error.429.title', 'error.400.body');
    if (code === 'FST_MP_PREMATURE_CLOSE' || code === 'FST_PROTO_VIOLATION') return errorPage(req, reply, 400, 'error.400.title', 'error.400.body');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return errorPage(req, reply, err.statusCode, 'error.400.title', 'error.400.body');
    req.log.error({ err: { message: err.message, stack: err.stack, code }, route: req.routeOptions?.url }, 'unhandled error');
    return errorPage(req, reply, 500, 'error.500.title', 'error.500.body');
  });
}

const API_ERRORS: Record<number, string> = { 400: 'bad_request', 403: 'forbidden', 404: 'not_found', 413: 'too_large', 415: 'unsupported_media_type', 422: 'invalid', 429: 'too_many_requests', 500: 'server_error', 503: 'busy' };

async function errorPage(req: FastifyRequest, reply: FastifyReply, status: number, titleKey: MessageKey, bodyKey: MessageKey, vars?: Record<string, string | number>) {
  const lang: Lang = req.lang ?? 'th';
  // the API's errors are named as its own are (missing_query…), with the message in English and Thai
  if (req.url.startsWith('/api/')) return reply.code(status).send({ error: API_ERRORS[status] ?? 'error', message: `${translate('en', bodyKey, vars)} / ${translate('th', bodyKey, vars)}` });
  // Open311 clients read the GeoReport error list, also for what fails before the route (a body that is not JSON)
  if (req.url.startsWith('/open311/')) return reply.code(status).send([{ code: status, description: status === 429 ? `${translate('en', titleKey, vars)}: ${translate('en', bodyKey, vars)}` : translate('en', titleKey, vars) }]);
  if (!req.agency) {
    // the agency could not be loaded (database down): a plain page without the agency's header
    const title = translate(lang, titleKey, vars);
    return reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${translate(lang, bodyKey, vars)}</p></main></body></html>`);
  }
  return sendHtml(reply, ErrorPage({ ctx: viewCtx(req, reply), status, titleKey, bodyKey, vars }), status);
}
