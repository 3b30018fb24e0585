// The admin module: the staff home, users and roles, the audit log pages (the services are the platform's).
import { defineModule } from '../../platform/module.ts';
import { en, th } from './messages.ts';
import { registerAdminRoutes } from './routes.tsx';

export const adminModule = defineModule({
  name: 'admin',
  tables: [],
  messages: { th, en },
  routes: registerAdminRoutes,
  nav: {
    staff: [
      { href: '/staff', label: 'nav.staff', order: 0 },
      { href: '/staff/users', label: 'nav.users', permission: 'users.manage', order: 90 },
      { href: '/staff/audit', label: 'nav.audit', permission: 'audit.read', order: 95 },
      { href: '/account', label: 'nav.account', order: 100 },
    ],
  },
});
