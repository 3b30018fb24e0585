// The executives' overview: results by year, measures overdue and due within 14 days, the current year's progress.
import type { Platform } from '../../platform/platform.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { isOverdue, levelOf, type Level } from './rules.ts';
import { integrityYears, listResults, rulesFor, yearPlan, type Measure, type Result } from './store.ts';

export interface Dashboard {
  /** each year's result and its level by that year's rules */
  years: Array<{ year: number; result: Result | null; level: Level | null }>;
  overdue: Measure[];
  dueSoon: Measure[];
  current: { year: number; total: number; done: number; percent: number };
}

export const DUE_SOON_DAYS = 14;

/** Whether a measure is the person's own: its owner's e-mail is theirs (measures name owners by e-mail, not account). */
export function ownedBy(user: CurrentUser): (m: { owner_email: string }) => boolean {
  const email = user.email.trim().toLowerCase();
  return (m) => email !== '' && m.owner_email.trim().toLowerCase() === email;
}

/** `mine`: only the person's own measures in the overdue and due-soon lists (the to-do home links there). */
export async function loadDashboard(p: Platform, actor: CurrentUser, today: string, o: { mine?: boolean } = {}): Promise<Dashboard> {
  requirePermission(actor, 'integrity.read');
  const agencyId = actor.agencyId;
  const current = fiscalYear();
  const [years, results] = await Promise.all([integrityYears(p.db, agencyId), listResults(p.db, agencyId)]);
  const plans = await Promise.all(years.map((y) => yearPlan(p.db, agencyId, y)));
  const own = ownedBy(actor);
  const open = plans.flatMap((x) => x.measures).filter((m) => (m.status === 'planned' || m.status === 'in_progress') && (!o.mine || own(m)));
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + DUE_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const mine = (plans[years.indexOf(current)] ?? (await yearPlan(p.db, agencyId, current))).measures.filter((m) => m.status !== 'cancelled');
  return {
    years: await Promise.all(years.map(async (year) => {
      const result = results.find((r) => r.year === year) ?? null;
      return { year, result, level: result ? levelOf(await rulesFor(p.db, agencyId, year), result.total, result) : null };
    })),
    overdue: open.filter((m) => isOverdue(m, today)),
    dueSoon: open.filter((m) => m.due_date && m.due_date >= today && m.due_date <= soon),
    current: { year: current, total: mine.length, done: mine.filter((m) => m.status === 'done').length, percent: mine.length ? Math.round(mine.reduce((a, m) => a + m.percent, 0) / mine.length) : 0 },
  };
}
