// The OIT map: the catalogue per year (data), evidence bindings, public item pages, readiness and the answer sheet.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { registerSearchKind } from '../../platform/search/index.ts';
import { registerDataset, registerSitemapSource } from '../publishing/index.ts';
import './messages.ts';
import { registerEvidenceProvider } from './evidence.ts';
import { agencyEvidence, contentEvidence } from './providers.ts';
import { registerOitRoutes } from './routes.tsx';
import { itemUrl } from './service.ts';
import { listItems, listYears } from './store.ts';

export { registerEvidenceProvider, type Evidence, type EvidenceProvider, type EvidenceCandidate, type EvidenceIssue } from './evidence.ts';
export { importCatalogue, addBinding, saveTicks, itemUrl } from './service.ts';
export { parseCatalogue, type CatalogueItem } from './catalogue.ts';
export { itemReadiness, summary } from './readiness.ts';
export { listItems, listYears, getItem } from './store.ts';
export { seedDemoOit, importDemoCatalogues } from './demo.ts';

// available as soon as the module is loaded (the demo binds evidence before any app is built)
registerEvidenceProvider(contentEvidence);
registerEvidenceProvider(agencyEvidence);

export function registerOit(app: FastifyInstance, p: Platform): void {
  registerSearchKind('oit', { th: 'รายการ OIT', en: 'OIT item' });
  registerSitemapSource('oit', async (db, agencyId) => {
    const years = await listYears(db, agencyId);
    const items = (await Promise.all(years.map((y) => listItems(db, agencyId, y)))).flat();
    return [{ path: '/oit' }, ...years.map((y) => ({ path: `/oit/${y}` })), ...items.map((i) => ({ path: itemUrl(i.year, i.code) }))];
  });
  registerDataset({
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
      const years = await listYears(db, agencyId);
      const items = (await Promise.all(years.map((y) => listItems(db, agencyId, y)))).flat();
      return items.map((i) => ({ year: i.year, code: i.code, title_th: i.title_th, indicator: i.indicator, url: itemUrl(i.year, i.code) }));
    },
  });
  app.nav.public.push({ href: '/oit', label: 'oit.nav', order: 60 });
  app.nav.staff.push({ href: '/staff/oit', label: 'oit.nav.staff', permission: 'oit.read', order: 20 });
  registerOitRoutes(app, p);
}
