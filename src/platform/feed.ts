// The site's Atom feed (RFC 4287) at /feed.xml: the newest public entries that modules feed into it.
// Titles and summaries are text; only sanitised bodies are HTML. Written here because the feed library
// declares every title as HTML, which a reader would then interpret.
import type { FastifyInstance } from 'fastify';
import type { DbLike } from './db/index.ts';
import type { Lang } from './i18n/index.ts';
import { translate } from './i18n/index.ts';
import type { Platform } from './platform.ts';

export interface FeedEntry {
  title: string;
  /** a path on the site */
  path: string;
  /** ISO instant */
  updated: string;
  summary: string;
  /** sanitised HTML */
  html: string;
}

/** A module's newest public entries in the visitor's language. */
export type FeedSource = (db: DbLike, agencyId: number, lang: Lang, limit: number) => Promise<FeedEntry[]>;

const sources = new Map<string, FeedSource>();

export function registerFeedSource(name: string, source: FeedSource): void {
  sources.set(name, source);
}

// characters XML 1.0 cannot carry at all (form input refuses them already; this keeps the document well-formed)
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function atomFeed(o: { baseUrl: string; title: string; agencyName: string; entries: FeedEntry[]; lang: Lang }): string {
  const updated = o.entries[0]?.updated ?? new Date(0).toISOString();
  const entries = o.entries.map((e) => {
    const url = `${o.baseUrl}${e.path}`;
    return [
      '  <entry>',
      `    <title type="text">${xmlEscape(e.title)}</title>`,
      `    <id>${xmlEscape(url)}</id>`,
      `    <link href="${xmlEscape(url)}"/>`,
      `    <updated>${new Date(e.updated).toISOString()}</updated>`,
      e.summary ? `    <summary type="text">${xmlEscape(e.summary)}</summary>` : '',
      `    <content type="html">${xmlEscape(e.html)}</content>`,
      '  </entry>',
    ].filter(Boolean).join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${o.lang}">`,
    `  <id>${xmlEscape(`${o.baseUrl}/feed.xml`)}</id>`,
    `  <title type="text">${xmlEscape(o.title)}</title>`,
    `  <updated>${new Date(updated).toISOString()}</updated>`,
    `  <link rel="alternate" href="${xmlEscape(`${o.baseUrl}/`)}"/>`,
    `  <link rel="self" href="${xmlEscape(`${o.baseUrl}/feed.xml`)}"/>`,
    `  <author><name>${xmlEscape(o.agencyName)}</name></author>`,
    `  <rights type="text">${xmlEscape(o.agencyName)}</rights>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

const FEED_SIZE = 20;

export function registerFeedRoute(app: FastifyInstance, p: Platform): void {
  app.get('/feed.xml', async (req, reply) => {
    const lists = await Promise.all([...sources.values()].map((s) => s(p.db, req.agency.id, req.lang, FEED_SIZE)));
    const entries = lists.flat().sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0)).slice(0, FEED_SIZE);
    const site = req.agency[req.lang];
    const xml = atomFeed({ baseUrl: req.agency.url, title: translate(req.lang, 'feed.title', { name: site.name }), agencyName: site.name, entries, lang: req.lang });
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
  });
}
