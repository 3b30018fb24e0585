// The E-Service module (issue #11): one definition per service drives the citizen's manual (page, PDF, DOCX, leaflet),
// the online request form, tracking with declared against actual time per step, the staff workflow, satisfaction,
// the statistics, the equal-service view, the channels poster and Open311 GeoReport v2.
import { defineModule } from '../../platform/module.ts';
import { en, th } from './messages.ts';
import { registerPublicRoutes } from './routes-public.tsx';
import { registerStaffRoutes } from './routes-staff.tsx';
import { registerStatsRoutes } from './routes-stats.tsx';
import { registerOpen311Routes } from './routes-open311.ts';
import { eserviceEvidence, eserviceFileAccess, eserviceSitemap, eserviceTodo, statisticsDataset } from './public.ts';
import { sendOverdueAlerts } from './jobs.ts';
import { seedDemoEservice } from './demo.ts';
import { homeBlock } from './views/home.tsx';
import { AREA, HANDLE, KEYS, MANAGE, READ } from './kinds.ts';
import * as m016 from './migrations/016_eservice.ts';
import { syncAllSearch } from './catalogue.ts';

export const eserviceModule = defineModule({
  name: 'eservice',
  tables: ['eservice_service', 'eservice_step', 'eservice_field', 'eservice_api_key', 'eservice_request', 'eservice_request_step', 'eservice_event', 'eservice_alert'],
  migrations: { '016_eservice': m016 },
  permissions: {
    // the queue: accept, move through the steps, ask for information, complete, reject; record counter and phone requests
    [HANDLE]: ['service_officer'],
    // the catalogue: services, their manuals, steps and forms
    [MANAGE]: ['service_officer', 'admin'],
    // the equal-service view and the requesters' comments
    [READ]: ['service_officer', 'admin', 'executive', 'integrity_officer'],
    // Open311 API keys
    [KEYS]: ['admin'],
    // the menu entry: the queue for officers, links to what they may use for the others
    [AREA]: ['service_officer', 'admin', 'executive', 'integrity_officer'],
  },
  messages: { th, en },
  searchKinds: { eservice: { th: 'งานบริการ (E-Service)', en: 'Services (E-Service)' } },
  searchSync: syncAllSearch,
  routes(app, p) {
    registerStatsRoutes(app, p);
    registerPublicRoutes(app, p);
    registerStaffRoutes(app, p);
    registerOpen311Routes(app, p);
  },
  nav: {
    public: [{ href: '/e-service', label: 'eservice.nav', order: 40 }],
    staff: [{ href: '/staff/e-service', label: 'eservice.nav.staff', permission: AREA, order: 25 }],
  },
  datasets: [statisticsDataset],
  home: [(p, ctx) => homeBlock(p.db, ctx)],
  sitemap: eserviceSitemap,
  evidence: [eserviceEvidence],
  files: { eservice: eserviceFileAccess },
  jobs: [{ name: 'eservice-overdue', everyMinutes: 60, run: async (p) => `${await sendOverdueAlerts(p)} overdue alerts sent` }],
  todo: eserviceTodo,
  demo: [{ order: 55, run: seedDemoEservice }],
});
