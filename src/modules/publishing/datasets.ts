import type { DbLike } from '../../platform/db/index.ts';
import type { Dataset } from '../../platform/opendata/index.ts';
import type { SitemapEntry } from '../../platform/sitemap.ts';
import { contentUrl } from './kinds.ts';
import { latestWithBodies, listAttachments } from './store.ts';
import type { FeedSource } from '../../platform/feed.ts';

const now = () => new Date().toISOString();

async function published(db: DbLike, agencyId: number, kind: string) {
  return db.k.selectFrom('content').selectAll().where('agency_id', '=', agencyId).where('kind', '=', kind).where('status', '=', 'published').where('published_at', '<=', now()).orderBy('published_at', 'desc').execute();
}

export const publishingDatasets: Dataset[] = [
  {
    key: 'documents',
    title: { th: 'ทะเบียนเอกสารเผยแพร่', en: 'Published documents' },
    description: { th: 'รายการเอกสารที่หน่วยงานเผยแพร่ พร้อมหมวดหมู่ ปีงบประมาณ วันที่เผยแพร่ และที่อยู่เว็บ', en: 'Documents the agency publishes, with category, fiscal year, publication date and address' },
    keywords: ['เอกสาร', 'ITA', 'OIT', 'documents'],
    columns: [
      { key: 'title_th', title: { th: 'ชื่อเรื่อง', en: 'Title (Thai)' } },
      { key: 'title_en', title: { th: 'ชื่อเรื่อง (อังกฤษ)', en: 'Title (English)' } },
      { key: 'category', title: { th: 'หมวดหมู่', en: 'Category' } },
      { key: 'fiscal_year', title: { th: 'ปีงบประมาณ', en: 'Fiscal year (B.E.)' } },
      { key: 'period', title: { th: 'งวด', en: 'Period (YYYY-MM)' } },
      { key: 'published_at', title: { th: 'วันที่เผยแพร่', en: 'Published at (UTC)' } },
      { key: 'attachments', title: { th: 'จำนวนไฟล์แนบ', en: 'Attachments' } },
      { key: 'url', title: { th: 'ที่อยู่เว็บ', en: 'Address' } },
    ],
    async rows(db, agencyId) {
      const docs = await published(db, agencyId, 'document');
      const atts = await listAttachments(db, agencyId, docs.map((d) => d.id));
      return docs.map((d) => ({
        title_th: d.title_th, title_en: d.title_en, category: d.category, fiscal_year: d.fiscal_year, period: d.period,
        published_at: d.published_at, attachments: atts.get(d.id)?.length ?? 0, url: contentUrl(d.kind, d.slug),
      }));
    },
  },
  {
    key: 'news',
    title: { th: 'ข่าวประชาสัมพันธ์', en: 'News' },
    description: { th: 'ข่าวประชาสัมพันธ์ของหน่วยงาน', en: 'News items the agency publishes' },
    keywords: ['ข่าว', 'news'],
    columns: [
      { key: 'title_th', title: { th: 'หัวข่าว', en: 'Title (Thai)' } },
      { key: 'summary_th', title: { th: 'สรุปข่าว', en: 'Summary (Thai)' } },
      { key: 'published_at', title: { th: 'วันที่เผยแพร่', en: 'Published at (UTC)' } },
      { key: 'url', title: { th: 'ที่อยู่เว็บ', en: 'Address' } },
    ],
    async rows(db, agencyId) {
      return (await published(db, agencyId, 'news')).map((n) => ({ title_th: n.title_th, summary_th: n.summary_th, published_at: n.published_at, url: contentUrl(n.kind, n.slug) }));
    },
  },
];

/** The newest public news for /feed.xml, in the visitor's language (Thai when there is no English). */
export const publishingFeed: FeedSource = async (db, agencyId, lang, limit) => {
  const news = await latestWithBodies(db, { agencyId, kind: 'news', limit, offset: 0 });
  const pick = (th: string, en: string) => (lang === 'en' && en) || th;
  return news.map((n) => ({ title: pick(n.title_th, n.title_en), path: contentUrl(n.kind, n.slug), updated: n.published_at!, summary: pick(n.summary_th, n.summary_en), html: pick(n.body_html_th, n.body_html_en) }));
};

export async function publishingSitemap(db: DbLike, agencyId: number): Promise<SitemapEntry[]> {
  const rows = await db.k.selectFrom('content').select(['kind', 'slug', 'updated_at']).where('agency_id', '=', agencyId).where('status', '=', 'published').where('published_at', '<=', now()).execute();
  return [
    { path: '/documents' },
    { path: '/news' },
    ...rows.map((r) => ({ path: contentUrl(r.kind, r.slug), lastmod: r.updated_at })),
  ];
}
