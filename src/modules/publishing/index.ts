// Publishing: documents, pages and news with an editorial workflow; search, open data, sitemap, staff notices.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { registerSearchKind } from '../../platform/search/index.ts';
import { registerFileOwner } from '../../platform/files/index.ts';
import { contentFileAccess } from './files.ts';
import { addHomeBlock } from '../agency/index.ts';
import './messages.ts';
import { registerPublicRoutes } from './routes-public.tsx';
import { registerStaffRoutes } from './routes-staff.tsx';
import { homeBlock } from './home.tsx';
import { registerDataset } from './opendata.ts';
import { registerSitemapSource } from './sitemap.ts';
import { publishingDatasets, publishingSitemap } from './datasets.ts';

export { registerDataset, type Dataset, type Cell } from './opendata.ts';
export { registerSitemapSource, type SitemapEntry } from './sitemap.ts';
export { createContent, submitContent, approveContent, syncSearch, addAttachment as addAttachmentToContent, type ContentInput } from './service.ts';
export { contentUrl, CATEGORIES, type Kind } from './kinds.ts';
export { getContent, getBySlug, isPublic, listAttachments, type Content, type Attachment } from './store.ts';
export { createNotice, acknowledge } from './notices.ts';
export { seedDemoPublishing, type PublishingSeed } from './demo.ts';

export function registerPublishing(app: FastifyInstance, p: Platform): void {
  registerFileOwner('content', contentFileAccess);
  registerSearchKind('document', { th: 'เอกสาร', en: 'Document' });
  registerSearchKind('news', { th: 'ข่าว', en: 'News' });
  registerSearchKind('page', { th: 'หน้าเว็บ', en: 'Page' });
  for (const d of publishingDatasets) registerDataset(d);
  registerSitemapSource('publishing', publishingSitemap);
  app.nav.public.push(
    { href: '/documents', label: 'pub.nav.documents', order: 20 },
    { href: '/news', label: 'pub.nav.news', order: 30 },
    { href: '/open-data', label: 'pub.nav.openData', order: 70 },
    { href: '/search', label: 'pub.nav.search', order: 80 },
  );
  app.nav.staff.push(
    { href: '/staff/content', label: 'pub.nav.staffContent', permission: 'content.view', order: 10 },
    { href: '/staff/notices', label: 'pub.nav.notices', order: 15 },
  );
  addHomeBlock(app, (ctx) => homeBlock(p.db, ctx));
  registerPublicRoutes(app, p);
  registerStaffRoutes(app, p);
}
