// What the surveys module offers the rest of the site: the EIT block other modules' pages show during the window,
// the public home page's section, its public page in the sitemap (only while open), and to-do lines on the staff home.
import type { DbLike } from '../../platform/db/index.ts';
import type { Platform } from '../../platform/platform.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import type { SitemapSource } from '../../platform/sitemap.ts';
import type { TodoLine } from '../../platform/todo.ts';
import type { ViewCtx } from '../../platform/views/ctx.ts';
import { can } from '../../platform/auth/roles.ts';
import { bangkokDay, fiscalYear } from '../../platform/thai/index.ts';
import { activeLink, ANSWER, MANAGE, missingOf, takingAnswers, type Part } from './rules.ts';
import { mayAnswer } from './service.ts';
import { getSettings, hasAnswered, openRound, type Settings } from './store.ts';
import { EitSection, HomeSection, type EitView } from './views/public.tsx';
import { IitHomeSection } from './views/staff.tsx';

/** A survey open today with its link, from the settings of the fiscal year of today; null otherwise. */
export async function activeSurvey(db: DbLike, agencyId: number, part: Part, today = bangkokDay()): Promise<(EitView & { settings: Settings }) | null> {
  const year = fiscalYear(today);
  const s = await getSettings(db, agencyId, year);
  const link = activeLink(s, part, today);
  return link && s ? { year, url: link.url, code: link.code, start: s.window_start!, end: link.end, settings: s } : null;
}

/**
 * A block another page shows: never the reason that page fails. A survey link the QR encoder refuses (saved before
 * the settings refused them, or written to the database directly) or any other fault leaves the block out, logged
 * without the link or any person.
 */
async function guarded(p: Platform, ctx: ViewCtx, block: string, draw: () => Promise<string>): Promise<string> {
  try {
    return await draw();
  } catch (err) {
    p.log.error({ module: 'surveys', block, agencyId: ctx.site.agencyId, err: err instanceof Error ? err.message : String(err) }, 'survey block left out');
    return '';
  }
}

/**
 * The EIT block for another module's public page (the E-Service confirmation and tracking pages): the link, code and
 * QR code while the EIT is open and has its link; '' otherwise. `id` is the heading's id, unique on that page.
 */
export function eitBlock(p: Platform, ctx: ViewCtx, id = 'ita-eit-title'): Promise<string> {
  return guarded(p, ctx, 'eit', async () => {
    const eit = await activeSurvey(p.db, ctx.site.agencyId, 'eit', ctx.today);
    return eit ? EitSection({ ctx, eit, id }) : '';
  });
}

export function homeBlock(p: Platform, ctx: ViewCtx): Promise<string> {
  return guarded(p, ctx, 'home', async () => {
    const eit = await activeSurvey(p.db, ctx.site.agencyId, 'eit', ctx.today);
    return eit ? HomeSection({ ctx, eit }) : '';
  });
}

/** The staff home's IIT block (link, code, QR code) for every member of staff while the IIT is open. */
export function staffHomeBlock(p: Platform, ctx: ViewCtx): Promise<string> {
  return guarded(p, ctx, 'staffHome', async () => {
    if (!ctx.user || !can(ctx.user, ANSWER)) return '';
    const iit = await activeSurvey(p.db, ctx.site.agencyId, 'iit', ctx.today);
    return iit ? IitHomeSection({ ctx, iit }) : '';
  });
}

export const surveysSitemap: SitemapSource = async (db, agencyId) => ((await activeSurvey(db, agencyId, 'eit')) ? [{ path: '/ita-survey' }] : []);

/**
 * The staff home: during the IIT window, every member of staff is asked to answer it (with its code; the link and
 * QR code are one click away); an open pre-assessment round not yet answered by someone who may answer it; for the
 * managers, what the current
 * year's settings still lack.
 */
export async function surveysTodo(p: Platform, user: CurrentUser): Promise<TodoLine[]> {
  const lines: TodoLine[] = [];
  const today = bangkokDay();
  if (can(user, ANSWER)) {
    const iit = await activeSurvey(p.db, user.agencyId, 'iit', today);
    if (iit) {
      lines.push(iit.code
        ? { kind: 'task', order: 5, label: 'surveys.todo.iitCode', vars: { year: iit.year, code: iit.code }, count: 1, href: '/staff/surveys#iit' }
        : { kind: 'task', order: 5, label: 'surveys.todo.iit', vars: { year: iit.year }, count: 1, href: '/staff/surveys#iit' });
    }
    const round = await openRound(p.db, user.agencyId);
    if (round && takingAnswers(round, today) && (await mayAnswer(p.db, round, user.id)) && !(await hasAnswered(p.db, round.id, user.id))) {
      lines.push({ kind: 'task', order: 6, label: 'surveys.todo.pre', vars: { year: round.fiscal_year, round: round.round_no }, count: 1, href: '/staff/surveys/pre-assessment' });
    }
  }
  if (can(user, MANAGE)) {
    const year = fiscalYear(today);
    const missing = missingOf(await getSettings(p.db, user.agencyId, year));
    lines.push({ kind: 'task', order: 46, label: 'surveys.todo.settings', vars: { year }, count: missing.length, href: `/staff/surveys/settings/${year}` });
  }
  return lines;
}
