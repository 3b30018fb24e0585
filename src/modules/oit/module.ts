// The OIT map: the catalogue per year (data), evidence bindings, public item pages, readiness and the answer sheet.
import { defineModule } from '../../platform/module.ts';
import { en, th } from './messages.ts';
import { registerOitRoutes } from './routes.tsx';
import { oitDataset, oitSitemap } from './datasets.ts';
import { importDemoCatalogues, seedDemoOit } from './demo.ts';
import * as m004 from './migrations/004_oit.ts';
import * as m012 from './migrations/012_oit_english.ts';
import * as m017 from './migrations/017_oit_provisional.ts';
import * as m019 from './migrations/019_evidence_health.ts';
import { dailyHealthCheck } from './health.ts';
import { oitTodo } from './todo.ts';
import { syncAllSearch } from './service.ts';

export const oitModule = defineModule({
  name: 'oit',
  // every change to its public pages is signalled with publicChanged: anonymous visitors may get them from the page cache
  pageCache: true,
  tables: ['oit_year', 'oit_item', 'oit_binding', 'oit_tick', 'oit_health', 'oit_health_item', 'oit_health_alert', 'oit_health_run', 'oit_signing_key', 'oit_freeze', 'oit_freeze_entry'],
  migrations: { '004_oit': m004, '012_oit_english': m012, '017_oit_provisional': m017, '019_evidence_health': m019 },
  permissions: {
    'oit.manage': ['admin', 'integrity_officer'],
    // confirming that a provisional (copied) year's catalogue is the one to answer
    'oit.confirm': ['admin'],
    // freezing a year's answer sheet once it is sent to ITAS (its evidence recorded and the manifest signed)
    'oit.freeze': ['admin'],
    'oit.read': ['admin', 'integrity_officer', 'executive', 'publisher'],
    // whose to-do list shows the items still without evidence: those who bind it and those who publish it
    'oit.followUp': ['admin', 'integrity_officer', 'publisher'],
  },
  messages: { th, en },
  routes: registerOitRoutes,
  nav: {
    public: [{ href: '/oit', label: 'oit.nav', order: 60 }],
    staff: [{ href: '/staff/oit', label: 'oit.nav.staff', permission: 'oit.read', order: 20 }],
  },
  searchKinds: { oit: { th: 'รายการ OIT', en: 'OIT item' } },
  searchSync: syncAllSearch,
  datasets: [oitDataset],
  sitemap: oitSitemap,
  todo: oitTodo,
  // the daily evidence health check: runs hourly, each agency checked once a day (claimed in oit_health_run)
  jobs: [{ name: 'oit-evidence-health', everyMinutes: 60, run: (p) => dailyHealthCheck(p) }],
  demo: [
    { order: 30, run: importDemoCatalogues },
    // last: items are checked once their evidence (the integrity report among it) is in place
    { order: 90, run: seedDemoOit },
  ],
});
