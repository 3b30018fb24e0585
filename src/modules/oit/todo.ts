// What the OIT checklist has waiting: items of the current assessment year without evidence or with evidence of
// the wrong year (for those who bind or publish evidence), and the year's readiness (for executives).
import { can } from '../../platform/auth/roles.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import type { DbLike } from '../../platform/db/index.ts';
import type { Platform } from '../../platform/platform.ts';
import type { TodoLine } from '../../platform/todo.ts';
import { fiscalYear } from '../../platform/thai/index.ts';
import { itemReadiness, summary } from './readiness.ts';
import { listItems, listYears } from './store.ts';

/** The assessment year staff work on: this fiscal year's checklist once imported, else the latest before it. */
export async function currentAssessmentYear(db: DbLike, agencyId: number): Promise<number | null> {
  const years = await listYears(db, agencyId);
  const fy = fiscalYear();
  return years.includes(fy) ? fy : (years.find((y) => y < fy) ?? years[0] ?? null);
}

export async function oitTodo(p: Platform, user: CurrentUser): Promise<TodoLine[]> {
  if (!can(user, 'oit.read')) return [];
  const year = await currentAssessmentYear(p.db, user.agencyId);
  if (year === null) return [];
  const rs = await itemReadiness(p.db, user.agencyId, await listItems(p.db, user.agencyId, year));
  const lines: TodoLine[] = [];
  if (can(user, 'oit.followUp')) {
    const missing = rs.filter((r) => r.status === 'missing').length;
    const wrongYear = rs.filter((r) => r.status === 'wrong_year').length;
    lines.push({ kind: 'task', order: 50, label: 'oit.todo.missing', vars: { year }, count: missing, href: `/staff/oit/${year}?show=missing` });
    lines.push({ kind: 'task', order: 51, urgent: true, label: 'oit.todo.wrongYear', vars: { year }, count: wrongYear, href: `/staff/oit/${year}?show=wrong_year` });
  }
  if (can(user, 'oit.manage')) {
    // what the daily evidence check found newly wrong, in every year it checks (the frozen one too)
    const rows = await p.db.k.selectFrom('oit_health_item').select(['year', (eb) => eb.fn.countAll<number>().as('n')])
      .where('agency_id', '=', user.agencyId).where('is_flagged', '=', true).where('year', '>=', year - 1).groupBy('year').orderBy('year', 'desc').execute();
    for (const r of rows) lines.push({ kind: 'task', order: 49, urgent: true, label: 'oit.todo.flagged', vars: { year: r.year }, count: Number(r.n), href: `/staff/oit/${r.year}?show=flagged` });
  }
  if (user.roles.includes('executive')) {
    const s = summary(rs);
    lines.push({ kind: 'status', order: 10, label: 'oit.todo.readiness', vars: { year, ready: s.ready, total: s.total, percent: s.percent }, count: s.total - s.ready, href: `/staff/oit/${year}?show=notready` });
  }
  return lines;
}
