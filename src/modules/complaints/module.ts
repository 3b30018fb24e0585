// The complaints module: two lanes of intake (general, and corruption in confidence), receipts, follow-up, case
// handling with sealed content, statistics, and the published guideline and channels.
import { defineModule } from '../../platform/module.ts';
import { en, th } from './messages.ts';
import { registerPublicRoutes } from './routes-public.tsx';
import { registerStaffRoutes } from './routes-staff.tsx';
import { registerStatsRoutes } from './routes-stats.tsx';
import { complaintFileAccess, complaintsEvidence, complaintsSitemap, complaintsTodo } from './public.ts';
import { purgeExpired, sendOverdueAlerts } from './jobs.ts';
import { seedDemoComplaints } from './demo.ts';
import * as m014 from './migrations/014_complaints.ts';

export const complaintsModule = defineModule({
  name: 'complaints',
  tables: ['complaint', 'complaint_key', 'complaint_reader', 'complaint_exclusion', 'complaint_message', 'complaint_file', 'complaint_status', 'complaint_visit', 'complaint_alert'],
  migrations: { '014_complaints': m014 },
  permissions: {
    // reads and handles cases of both lanes; admins and executives see the statistics, not the cases
    'complaints.handle': ['complaint_officer'],
    // every count, without any content: for the officers, the integrity team, executives and administrators
    'complaints.stats': ['complaint_officer', 'integrity_officer', 'executive', 'admin'],
  },
  keyHolders: ['complaints.handle'],
  messages: { th, en },
  routes(app, p) {
    registerPublicRoutes(app, p);
    registerStatsRoutes(app, p);
    registerStaffRoutes(app, p);
  },
  nav: {
    public: [{ href: '/complaints', label: 'complaints.nav', order: 55 }],
    staff: [{ href: '/staff/complaints', label: 'complaints.nav.staff', permission: 'complaints.handle', order: 30 }],
  },
  sitemap: complaintsSitemap,
  evidence: [complaintsEvidence],
  files: { complaint: complaintFileAccess },
  jobs: [
    { name: 'complaint-deadlines', everyMinutes: 60, run: async (p) => `${await sendOverdueAlerts(p)} overdue alerts sent` },
    { name: 'complaint-retention', everyMinutes: 24 * 60, run: async (p) => `${await purgeExpired(p)} closed cases deleted at the end of retention` },
  ],
  todo: complaintsTodo,
  demo: [{ order: 50, run: seedDemoComplaints }],
});
