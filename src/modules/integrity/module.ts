// Integrity management: ITA results, recommendations and measures, risks, the action plan, ethics,
// and the yearly report generated as DOCX and PDF.
import { defineModule } from '../../platform/module.ts';
import { en, th } from './messages.ts';
import { registerPublicRoutes } from './routes-public.tsx';
import { registerStaffRoutes } from './routes-staff.tsx';
import { registerReportRoutes } from './routes-reports.tsx';
import { registerRegisterRoutes } from './routes-registers.tsx';
import { sendReminders } from './reminders.ts';
import { integritySitemap, reportEvidence, reportFileAccess, resultsDataset } from './public.ts';
import { seedDemoIntegrity } from './demo.ts';
import { integrityTodo } from './todo.ts';
import * as m005 from './migrations/005_integrity.ts';
import * as m009 from './migrations/009_integrity_files.ts';
import { syncAllSearch } from './reports.ts';

export const integrityModule = defineModule({
  name: 'integrity',
  tables: [
    'ita_rules', 'ita_result', 'integrity_issue', 'integrity_recommendation', 'integrity_measure', 'integrity_milestone', 'integrity_outcome',
    'integrity_evidence', 'integrity_report', 'integrity_reminder', 'integrity_risk', 'integrity_project', 'ethics_activity',
  ],
  migrations: { '005_integrity': m005, '009_integrity_files': m009 },
  permissions: {
    'integrity.manage': ['admin', 'integrity_officer'],
    'integrity.read': ['admin', 'integrity_officer', 'executive'],
    'integrity.publish': ['admin', 'executive'],
  },
  messages: { th, en },
  routes(app, p) {
    registerPublicRoutes(app, p);
    registerStaffRoutes(app, p);
    registerReportRoutes(app, p);
    registerRegisterRoutes(app, p);
  },
  nav: {
    public: [{ href: '/integrity', label: 'integrity.nav', order: 65 }],
    staff: [{ href: '/staff/integrity', label: 'integrity.nav.staff', permission: 'integrity.read', order: 25 }],
  },
  searchKinds: { integrity: { th: 'รายงานคุณธรรมและความโปร่งใส', en: 'Integrity report' } },
  searchSync: syncAllSearch,
  datasets: [resultsDataset],
  sitemap: integritySitemap,
  evidence: [reportEvidence],
  files: { integrity: reportFileAccess },
  jobs: [{ name: 'integrity-reminders', everyMinutes: 60, run: async (p) => `${(await sendReminders(p)).sent} reminders sent` }],
  todo: integrityTodo,
  demo: [{ order: 40, run: seedDemoIntegrity }],
});
