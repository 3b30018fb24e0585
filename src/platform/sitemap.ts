// /sitemap.xml gathers the public URLs modules name; /robots.txt points to it and keeps crawlers out of staff pages.
import type { FastifyInstance } from 'fastify';
import type { DbLike } from './db/index.ts';
import { xmlEscape } from './feed.ts';
import type { Platform } from './platform.ts';

export interface SitemapEntry {
  path: string;
  lastmod?: string | null;
}

export type SitemapSource = (db: DbLike, agencyId: number) => Promise<SitemapEntry[]>;

const sources = new Map<string, SitemapSource>();

export function registerSitemapSource(name: string, fn: SitemapSource): void {
  sources.set(name, fn);
}

export async function sitemapXml(db: DbLike, agencyId: number, baseUrl: string): Promise<string> {
  // the platform's own public page first, then every module's
  const entries = [{ path: '/open-data' }, ...(await Promise.all([...sources.values()].map((fn) => fn(db, agencyId)))).flat()];
  const urls = entries.map((e) => `<url><loc>${xmlEscape(baseUrl + e.path)}</loc>${e.lastmod ? `<lastmod>${xmlEscape(e.lastmod.slice(0, 10))}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

export function registerSitemapRoutes(app: FastifyInstance, p: Platform): void {
  app.get('/sitemap.xml', async (req, reply) =>
    reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(await sitemapXml(p.db, req.agency.id, req.agency.url)),
  );
  app.get('/robots.txt', async (req, reply) =>
    reply.type('text/plain; charset=utf-8').send(`User-agent: *\nDisallow: /staff\nDisallow: /login\nDisallow: /account\nDisallow: /lang/\nAllow: /\n\nSitemap: ${req.agency.url}/sitemap.xml\n`),
  );
}
