// The OIT map's public sources: its pages for the sitemap and the items of every year as open data.
import type { Dataset } from '../../platform/opendata/index.ts';
import type { SitemapSource } from '../../platform/sitemap.ts';
import { itemUrl } from './service.ts';
import { listItems, listYears } from './store.ts';

async function allItems(db: Parameters<SitemapSource>[0], agencyId: number) {
  const years = await listYears(db, agencyId);
  return { years, items: (await Promise.all(years.map((y) => listItems(db, agencyId, y)))).flat() };
}

export const oitSitemap: SitemapSource = async (db, agencyId) => {
  const { years, items } = await allItems(db, agencyId);
  return [{ path: '/oit' }, ...years.map((y) => ({ path: `/oit/${y}` })), ...items.map((i) => ({ path: itemUrl(i.year, i.code) }))];
};

export const oitDataset: Dataset = {
  key: 'oit-items',
  title: { th: 'รายการเปิดเผยข้อมูลสาธารณะ (OIT)', en: 'Public disclosure items (OIT)' },
  description: { th: 'ข้อการประเมิน OIT ทุกปี พร้อมที่อยู่เว็บของหน้าหลักฐาน', en: 'OIT items of every year with the address of their evidence page' },
  keywords: ['ITA', 'OIT', 'ความโปร่งใส'],
  columns: [
    { key: 'year', title: { th: 'ปีการประเมิน', en: 'Assessment year (B.E.)' } },
    { key: 'code', title: { th: 'ข้อ', en: 'Code' } },
    { key: 'title_th', title: { th: 'หัวข้อ', en: 'Title (Thai)' } },
    { key: 'indicator', title: { th: 'ตัวชี้วัด', en: 'Indicator' } },
    { key: 'url', title: { th: 'ที่อยู่เว็บ', en: 'Address' } },
  ],
  async rows(db, agencyId) {
    const { items } = await allItems(db, agencyId);
    return items.map((i) => ({ year: i.year, code: i.code, title_th: i.title_th, indicator: i.indicator, url: itemUrl(i.year, i.code) }));
  },
};
