// The Atom feed of the latest news (RFC 4287). Titles and summaries are text; only the sanitised body is HTML.
// Written here because the feed library declares every title as HTML, which a reader would then interpret.
import type { Content } from './store.ts';
import { contentUrl } from './kinds.ts';

// characters XML 1.0 cannot carry at all (form input refuses them already; this keeps the document well-formed)
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function atomFeed(o: { baseUrl: string; title: string; agencyName: string; news: Content[]; lang: 'th' | 'en' }): string {
  const updated = o.news[0]?.published_at ?? new Date(0).toISOString();
  const entries = o.news.map((n) => {
    const url = `${o.baseUrl}${contentUrl(n.kind, n.slug)}`;
    const pick = (th: string, en: string) => (o.lang === 'en' && en) || th;
    const summary = pick(n.summary_th, n.summary_en);
    return [
      '  <entry>',
      `    <title type="text">${xmlEscape(pick(n.title_th, n.title_en))}</title>`,
      `    <id>${xmlEscape(url)}</id>`,
      `    <link href="${xmlEscape(url)}"/>`,
      `    <updated>${new Date(n.published_at!).toISOString()}</updated>`,
      summary ? `    <summary type="text">${xmlEscape(summary)}</summary>` : '',
      `    <content type="html">${xmlEscape(pick(n.body_html_th, n.body_html_en))}</content>`,
      '  </entry>',
    ].filter(Boolean).join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${o.lang}">`,
    `  <id>${xmlEscape(`${o.baseUrl}/news`)}</id>`,
    `  <title type="text">${xmlEscape(o.title)}</title>`,
    `  <updated>${new Date(updated).toISOString()}</updated>`,
    `  <link rel="alternate" href="${xmlEscape(`${o.baseUrl}/news`)}"/>`,
    `  <link rel="self" href="${xmlEscape(`${o.baseUrl}/feed.xml`)}"/>`,
    `  <author><name>${xmlEscape(o.agencyName)}</name></author>`,
    `  <rights type="text">${xmlEscape(o.agencyName)}</rights>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
