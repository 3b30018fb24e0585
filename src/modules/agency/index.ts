// The agency module's face: the tenant root, its public profile pages, and the demo.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { registerAgencyRoutes } from './routes.tsx';
import { registerFileOwner } from '../../platform/files/index.ts';
import { can } from '../../platform/auth/roles.ts';

export { siteResolver, clearSiteCache } from './service.ts';
export { addHomeBlock, type HomeBlock } from './home.ts';
export { seedDemoAgency, resetDemoPasswords, demoUsernames, readSeed, type DemoResult } from './demo.ts';
export { getAgency, listExecutives, listDivisions, type Agency, type Executive, type Division } from './store.ts';

export function registerAgency(app: FastifyInstance, p: Platform): void {
  // a portrait is public while an executive shows it
  registerFileOwner('agency', async (db, file, reader) => {
    const shown = await db.k.selectFrom('executive').select('id').where('portrait_file_id', '=', file.id).limit(1).executeTakeFirst();
    return shown ? 'public' : can(reader, 'agency.edit') ? 'private' : null;
  });
  app.nav.public.push(
    { href: '/', label: 'nav.home', order: 0 },
    { href: '/about/structure', label: 'nav.structure', order: 10 },
    { href: '/about/executives', label: 'nav.executives', order: 11 },
    { href: '/contact', label: 'nav.contact', order: 90 },
  );
  app.nav.staff.push({ href: '/staff/agency', label: 'nav.agencyAdmin', permission: 'agency.edit', order: 80 });
  registerAgencyRoutes(app, p);
}
