// The ITA surveys (issue #12, item 6): each fiscal year's ITAS links and codes for the national IIT (staff) and EIT
// (service users) with their window, shown with QR codes on the staff pages, the public home page, the E-Service
// pages, /ita-survey and a printable poster while the window is open; and an anonymous internal pre-assessment on
// the IIT's topics whose results per topic appear only for a closed round with enough respondents.
import { defineModule } from '../../platform/module.ts';
import { ROLES } from '../../platform/auth/roles.ts';
import { en, th } from './messages.ts';
import { registerPublicRoutes } from './routes-public.tsx';
import { registerStaffRoutes } from './routes-staff.tsx';
import { homeBlock, staffHomeBlock, surveysSitemap, surveysTodo } from './public.ts';
import { seedDemoSurveys } from './demo.ts';
import { ANSWER, MANAGE, RESULTS } from './rules.ts';
import * as m021 from './migrations/021_surveys.ts';

export const surveysModule = defineModule({
  name: 'surveys',
  tables: ['survey_settings', 'survey_round', 'survey_respondent', 'survey_tally'],
  migrations: { '021_surveys': m021 },
  permissions: {
    [MANAGE]: ['admin', 'integrity_officer'],
    [RESULTS]: ['admin', 'integrity_officer', 'executive'],
    [ANSWER]: ROLES,
  },
  messages: { th, en },
  routes(app, p) {
    registerPublicRoutes(app, p);
    registerStaffRoutes(app, p);
  },
  nav: {
    staff: [{ href: '/staff/surveys', label: 'surveys.nav.staff', permission: ANSWER, order: 36 }],
  },
  home: [(p, ctx) => homeBlock(p, ctx)],
  staffHome: [(p, ctx) => staffHomeBlock(p, ctx)],
  sitemap: surveysSitemap,
  todo: surveysTodo,
  demo: [{ order: 47, run: seedDemoSurveys }],
});
