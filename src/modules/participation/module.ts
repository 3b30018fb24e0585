// Participation (การเปิดโอกาสให้มีส่วนร่วม, issue #12 item 3): the agency's forums, hearings, consultations, meetings
// with community representatives and surveys, with participants by group, documents, proposals and what the agency
// did about each ("you said, we did"), online consultations with moderated comments, and the yearly report.
import { defineModule } from '../../platform/module.ts';
import { en, th } from './messages.ts';
import { registerPublicRoutes } from './routes-public.tsx';
import { registerStaffRoutes } from './routes-staff.tsx';
import { participationEvidence, participationFileAccess, participationSitemap, participationTodo } from './public.ts';
import { seedDemoParticipation } from './demo.ts';
import { MANAGE } from './rules.ts';
import * as m018 from './migrations/018_participation.ts';
import { syncAllSearch } from './service.ts';

export const participationModule = defineModule({
  name: 'participation',
  tables: ['participation_activity', 'participation_document', 'participation_proposal', 'participation_comment'],
  migrations: { '018_participation': m018 },
  permissions: {
    // activities, their documents, proposals and responses, publication, and moderating comments
    [MANAGE]: ['admin', 'publisher', 'integrity_officer'],
  },
  messages: { th, en },
  routes(app, p) {
    registerPublicRoutes(app, p);
    registerStaffRoutes(app, p);
  },
  nav: {
    public: [{ href: '/participation', label: 'participation.nav', order: 57 }],
    staff: [{ href: '/staff/participation', label: 'participation.nav.staff', permission: MANAGE, order: 36 }],
  },
  searchKinds: { participation: { th: 'การมีส่วนร่วม', en: 'Participation' } },
  searchSync: syncAllSearch,
  sitemap: participationSitemap,
  evidence: [participationEvidence],
  files: { participation: participationFileAccess },
  todo: participationTodo,
  // after No Gift (45) and before the OIT items are checked (90)
  demo: [{ order: 47, run: seedDemoParticipation }],
});
