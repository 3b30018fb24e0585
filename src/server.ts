// Builds the platform (settings, database, keys, mail, files) and the Fastify app: platform plugins first, then modules.
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Config } from './platform/config.ts';
import { deriveKeys, resolveSecretKey } from './platform/crypto.ts';
import { openDb } from './platform/db/index.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { keyLegacyAudit } from './platform/audit/index.ts';
import { FileStore } from './platform/files/index.ts';
import { createMailer } from './platform/mail/index.ts';
import type { Platform } from './platform/platform.ts';
import { registerHttp } from './platform/http/plugin.ts';
import { PageCache, registerPageCache, registerPageCapture } from './platform/http/pagecache.ts';
import { parseQueryString } from './platform/http/urlencoded.ts';
import { registerAuth } from './platform/auth/plugin.ts';
import { registerAuthRoutes } from './platform/auth/routes.tsx';
import { registerFileRoutes } from './platform/files/routes.ts';
import { platformMigrations } from './platform/db/migrations/index.ts';
import { allMigrations, installModules, type ModuleDef } from './platform/module.ts';
import { registerOpenDataRoutes } from './platform/opendata/routes.ts';
import { registerSitemapRoutes } from './platform/sitemap.ts';
import { registerFeedRoute } from './platform/feed.ts';
import { MODULES } from './modules/index.ts';
import { refoldAgencies } from './platform/search/refold.ts';

/** Every migration, the platform's and the modules', applied together in name order. */
export const migrations = allMigrations(platformMigrations, MODULES);

export { MODULES };

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    // belt and braces: request logs never carry these even if a log call passes the request
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.body', 'req.query', 'req.remoteAddress', 'req.ip'], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}

export async function createPlatform(config: Config, log = createLogger(config), modules: readonly ModuleDef[] = MODULES): Promise<Platform> {
  installModules(modules);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const keys = deriveKeys(resolveSecretKey(config.secretKey, config.dataDir));
  db.auditKey = keys.auditKey;
  return {
    modules,
    config,
    db,
    keys,
    mail: createMailer(config, log),
    files: new FileStore(path.join(config.dataDir, 'files'), config.uploadMaxBytes),
    log,
  };
}

export async function migrate(p: Platform): Promise<string[]> {
  const done = await migrateToLatest(p.db, p.modules === MODULES ? migrations : allMigrations(platformMigrations, p.modules));
  // a log written before the chain was keyed is verified once and sealed with the key
  const k = await keyLegacyAudit(p.db, p.config.dataDir);
  if (k && 'refused' in k) p.log.error({ reason: k.refused }, 'audit chain not re-keyed');
  else if (k) p.log[k.keyed.ok ? 'info' : 'error']({ events: k.keyed.checked, reason: k.keyed.firstBad?.reason }, k.keyed.ok ? 'audit chain keyed' : 'audit chain left unkeyed: it was already broken');
  // search entries indexed under older normalisation rules are folded again, once (platform/search/refold.ts)
  const refolded = await refoldAgencies(p.db, { onlyStale: true });
  if (refolded.changed) p.log.info(refolded, 'search index folded again under the current Thai normalisation');
  return done;
}

export async function buildApp(p: Platform): Promise<FastifyInstance> {
  const pageCache = new PageCache({ maxBytes: p.config.pageCache.maxBytes, maxAgeMs: p.config.pageCache.maxAgeMs, trustProxy: p.config.trustProxy !== false, db: p.db, log: p.log });
  const app = Fastify({
    // the HTTP server answers from the page cache before Fastify sees the request (pagecache.ts); the rest as Fastify
    // would set it up itself
    serverFactory: (handler, opts) => {
      const server = http.createServer((req, res) => {
        if (!pageCache.serve(req, res)) handler(req, res);
      });
      const o = opts as { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number };
      server.keepAliveTimeout = o.keepAliveTimeout ?? 72_000;
      server.requestTimeout = o.requestTimeout ?? 0;
      server.setTimeout(o.connectionTimeout ?? 0);
      return server;
    },
    loggerInstance: p.log,
    // our own onResponse log carries the route pattern only (no paths, queries or addresses)
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxyOf(p.config.trustProxy),
    // urlencoded forms: a 10,000-character Thai field is about 90 KB percent-encoded; files come as multipart
    bodyLimit: 256 * 1024,
    // a request must arrive whole in time (by default 5 minutes: a 50 MB upload over a slow mobile link fits), and
    // an idle socket is closed: connections cannot be held open to pin memory or upload slots
    requestTimeout: p.config.requestTimeoutMs,
    connectionTimeout: p.config.idleTimeoutMs,
    genReqId: () => crypto.randomUUID(),
    // query strings decode as strict UTF-8 too, so broken bytes are refused like in forms
    routerOptions: { maxParamLength: 300, querystringParser: parseQueryString },
  });
  registerPageCache(app, pageCache);
  const sites = p.modules.filter((m) => m.site);
  if (sites.length !== 1) throw new Error(`exactly one module must declare site (the agency module); found ${sites.length}`);
  await registerHttp(app, p, { resolveAgency: sites[0]!.site!(p) });
  registerAuth(app, p);
  registerAuthRoutes(app, p);
  registerFileRoutes(app, p);
  registerOpenDataRoutes(app, p);
  registerSitemapRoutes(app, p);
  registerFeedRoute(app, p);
  // the GET routes of a module that signals every public change (ModuleDef.pageCache) may be answered from the page
  // cache; the others (integrity, complaints and nogift today) are rendered for every request
  let cachedModule = false;
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (cachedModule && methods.includes('GET') && route.config?.pageCache === undefined) {
      route.config = { ...route.config, pageCache: true };
    }
  });
  for (const m of p.modules) {
    cachedModule = m.pageCache === true;
    m.routes?.(app, p);
    cachedModule = false;
    app.nav.public.push(...(m.nav?.public ?? []));
    app.nav.staff.push(...(m.nav?.staff ?? []));
    app.homeBlocks.push(...(m.home ?? []));
  }
  // last of the onSend hooks: it sees the headers every other hook has set
  registerPageCapture(app, pageCache);
  app.nav.public.sort((a, b) => a.order - b.order);
  app.nav.staff.sort((a, b) => a.order - b.order);
  await app.ready();
  return app;
}

/** TRUST_PROXY as Fastify takes it: a number of proxies is trusted by hop (the first n addresses from the socket's). */
function trustProxyOf(t: false | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_address, hop) => hop < t : t;
}
