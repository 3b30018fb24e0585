// The agency module: the tenant root (profile, structure, executives, channels), its public pages and the home page.
import { defineModule } from '../../platform/module.ts';
import { can } from '../../platform/auth/roles.ts';
import { agencyEvidence } from './evidence.ts';
import { portraitShown } from './store.ts';
import { en, th } from './messages.ts';
import { registerAgencyRoutes } from './routes.tsx';
import { siteResolver } from './service.ts';
import * as m002 from './migrations/002_agency.ts';
import * as m008 from './migrations/008_agency_files.ts';

export const agencyModule = defineModule({
  name: 'agency',
  // every change to its public pages is signalled with publicChanged: anonymous visitors may get them from the page cache
  pageCache: true,
  tables: ['division', 'executive', 'channel'],
  migrations: { '002_agency': m002, '008_agency_files': m008 },
  permissions: { 'agency.edit': ['admin'] },
  messages: { th, en },
  routes: registerAgencyRoutes,
  site: siteResolver,
  nav: {
    public: [
      { href: '/', label: 'nav.home', order: 0 },
      { href: '/about/structure', label: 'nav.structure', order: 10 },
      { href: '/about/executives', label: 'nav.executives', order: 11 },
      { href: '/contact', label: 'nav.contact', order: 90 },
    ],
    staff: [{ href: '/staff/agency', label: 'nav.agencyAdmin', permission: 'agency.edit', order: 80 }],
  },
  evidence: [agencyEvidence],
  files: {
    // a portrait is public while an executive shows it
    agency: async (db, file, reader) => ((await portraitShown(db, file.id)) ? 'public' : can(reader, 'agency.edit') ? 'private' : null),
  },
});
