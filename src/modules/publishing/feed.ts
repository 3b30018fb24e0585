import { Feed } from 'feed';
import type { Content } from './store.ts';
import { contentUrl } from './kinds.ts';

/** Atom feed of the latest news. */
export function atomFeed(o: { baseUrl: string; title: string; agencyName: string; news: Content[]; lang: 'th' | 'en' }): string {
  const feed = new Feed({
    title: o.title,
    id: `${o.baseUrl}/news`,
    link: `${o.baseUrl}/news`,
    language: o.lang,
    copyright: o.agencyName,
    updated: o.news[0]?.published_at ? new Date(o.news[0].published_at) : new Date(0),
    feedLinks: { atom: `${o.baseUrl}/feed.xml` },
    author: { name: o.agencyName },
  });
  for (const n of o.news) {
    const url = `${o.baseUrl}${contentUrl(n.kind, n.slug)}`;
    feed.addItem({
      title: (o.lang === 'en' && n.title_en) || n.title_th,
      id: url,
      link: url,
      description: (o.lang === 'en' && n.summary_en) || n.summary_th,
      content: (o.lang === 'en' && n.body_html_en) || n.body_html_th,
      date: new Date(n.published_at!),
    });
  }
  return feed.atom1();
}
