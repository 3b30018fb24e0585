// The publishing module: documents, pages and news with four-eyes review, public pages and search, staff notices.
import { defineModule } from '../../platform/module.ts';
import { en, th } from './messages.ts';
import { registerPublicRoutes } from './routes-public.tsx';
import { registerStaffRoutes } from './routes-staff.tsx';
import { homeBlock } from './home.tsx';
import { publishingDatasets, publishingFeed, publishingSitemap } from './datasets.ts';
import { contentEvidence } from './evidence.ts';
import { contentFileAccess } from './files.ts';
import { seedDemoPublishing } from './demo.ts';
import * as m003 from './migrations/003_publishing.ts';
import * as m007 from './migrations/007_content_files.ts';
import * as m010 from './migrations/010_content_review.ts';
import * as m022 from './migrations/022_content_category_year.ts';
import { publishingTodo } from './todo.ts';
import { syncAllSearch } from './service.ts';

const EDITORS = ['publisher', 'admin', 'integrity_officer', 'procurement_officer'] as const;

export const publishingModule = defineModule({
  name: 'publishing',
  // every change to its public pages is signalled with publicChanged: anonymous visitors may get them from the page cache
  pageCache: true,
  tables: ['content', 'content_revision', 'content_attachment', 'content_draft', 'slug_redirect', 'staff_notice', 'staff_notice_ack'],
  migrations: { '003_publishing': m003, '007_content_files': m007, '010_content_review': m010, '022_content_category_year': m022 },
  permissions: {
    'content.edit': EDITORS,
    'content.publish': ['admin', 'executive'],
    // drafts, previews and their files: only those who write or approve content
    'content.view': [...EDITORS, 'executive'],
    'notice.manage': ['admin', 'publisher', 'integrity_officer'],
    'notice.report': ['admin', 'publisher', 'integrity_officer', 'executive'],
  },
  messages: { th, en },
  routes(app, p) {
    registerPublicRoutes(app, p);
    registerStaffRoutes(app, p);
  },
  nav: {
    public: [
      { href: '/documents', label: 'pub.nav.documents', order: 20 },
      { href: '/news', label: 'pub.nav.news', order: 30 },
      { href: '/open-data', label: 'pub.nav.openData', order: 70 },
      { href: '/search', label: 'pub.nav.search', order: 80 },
    ],
    staff: [
      { href: '/staff/content', label: 'pub.nav.staffContent', permission: 'content.view', order: 10 },
      { href: '/staff/notices', label: 'pub.nav.notices', order: 15 },
    ],
  },
  home: [(p, ctx) => homeBlock(p.db, ctx)],
  searchKinds: { document: { th: 'เอกสาร', en: 'Document' }, news: { th: 'ข่าว', en: 'News' }, page: { th: 'หน้าเว็บ', en: 'Page' } },
  searchSync: syncAllSearch,
  datasets: publishingDatasets,
  sitemap: publishingSitemap,
  feed: publishingFeed,
  evidence: [contentEvidence],
  files: { content: contentFileAccess },
  todo: publishingTodo,
  demo: [{ order: 20, run: seedDemoPublishing }],
});
