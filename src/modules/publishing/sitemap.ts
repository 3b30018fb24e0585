// Modules name their public URLs for /sitemap.xml.
import type { DbLike } from '../../platform/db/index.ts';

export interface SitemapEntry {
  path: string;
  lastmod?: string | null;
}

const sources = new Map<string, (db: DbLike, agencyId: number) => Promise<SitemapEntry[]>>();

export function registerSitemapSource(name: string, fn: (db: DbLike, agencyId: number) => Promise<SitemapEntry[]>): void {
  sources.set(name, fn);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function sitemapXml(db: DbLike, agencyId: number, baseUrl: string): Promise<string> {
  const entries = (await Promise.all([...sources.values()].map((fn) => fn(db, agencyId)))).flat();
  const urls = entries.map((e) => `<url><loc>${xml(baseUrl + e.path)}</loc>${e.lastmod ? `<lastmod>${xml(e.lastmod.slice(0, 10))}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
