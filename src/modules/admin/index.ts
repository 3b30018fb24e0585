// Administration: the staff home, users and roles, the audit log.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { registerAdminRoutes } from './routes.tsx';

export function registerAdmin(app: FastifyInstance, p: Platform): void {
  app.nav.staff.push(
    { href: '/staff', label: 'nav.staff', order: 0 },
    { href: '/staff/users', label: 'nav.users', permission: 'users.manage', order: 90 },
    { href: '/staff/audit', label: 'nav.audit', permission: 'audit.read', order: 95 },
    { href: '/account', label: 'nav.account', order: 100 },
  );
  registerAdminRoutes(app, p);
}
