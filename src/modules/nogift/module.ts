// The No Gift Policy (issue #10, item 7): the executive's declaration for each fiscal year with its activities, the
// rules on accepting gifts explained, staff declaring gifts received, and the yearly public report of them.
import { defineModule } from '../../platform/module.ts';
import { ROLES } from '../../platform/auth/roles.ts';
import { en, th } from './messages.ts';
import { registerPublicRoutes } from './routes-public.tsx';
import { registerStaffRoutes } from './routes-staff.tsx';
import { nogiftEvidence, nogiftSitemap, nogiftTodo } from './public.ts';
import { seedDemoNogift } from './demo.ts';
import { DECLARE, MANAGE } from './rules.ts';
import * as m015 from './migrations/015_nogift.ts';

export const nogiftModule = defineModule({
  name: 'nogift',
  tables: ['nogift_year', 'gift_declaration'],
  migrations: { '015_nogift': m015 },
  permissions: {
    // the year's declaration and activities, and every declaration with the givers' and declarers' names
    [MANAGE]: ['admin', 'integrity_officer'],
    // every member of staff declares what they received and sees their own declarations
    [DECLARE]: ROLES,
  },
  messages: { th, en },
  routes(app, p) {
    registerPublicRoutes(app, p);
    registerStaffRoutes(app, p);
  },
  nav: {
    public: [{ href: '/no-gift', label: 'nogift.nav', order: 58 }],
    staff: [{ href: '/staff/no-gift', label: 'nogift.nav.staff', permission: DECLARE, order: 35 }],
  },
  sitemap: nogiftSitemap,
  evidence: [nogiftEvidence],
  todo: nogiftTodo,
  demo: [{ order: 45, run: seedDemoNogift }],
});
