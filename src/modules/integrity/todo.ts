// What integrity management has waiting for a person: measures overdue and due soon (all of them for the officer
// who manages the plan, one's own by e-mail for others), and for executives the latest ITA result and the overdue count.
import { can } from '../../platform/auth/roles.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import type { Platform } from '../../platform/platform.ts';
import type { TodoLine } from '../../platform/todo.ts';
import { bangkokDay } from '../../platform/thai/index.ts';
import { loadDashboard, ownedBy } from './dashboard.ts';
import { fmtScore, levelOf } from './rules.ts';
import { rulesFor } from './store.ts';

export async function integrityTodo(p: Platform, user: CurrentUser): Promise<TodoLine[]> {
  if (!can(user, 'integrity.read')) return [];
  const d = await loadDashboard(p, user, bangkokDay());
  const manager = can(user, 'integrity.manage');
  const own = ownedBy(user);
  const mine = (m: { owner_email: string }) => manager || own(m);
  // the link opens the list of exactly what was counted: all measures for the officer, one's own for others
  const list = manager ? '/staff/integrity' : '/staff/integrity?owner=me';
  const lines: TodoLine[] = [
    { kind: 'task', order: 30, urgent: true, label: 'integrity.todo.overdue', count: d.overdue.filter(mine).length, href: `${list}#overdue` },
    { kind: 'task', order: 40, label: 'integrity.todo.dueSoon', count: d.dueSoon.filter(mine).length, href: `${list}#due-soon` },
  ];
  if (user.roles.includes('executive')) {
    const latest = d.years.filter((y) => y.result).sort((a, b) => b.year - a.year)[0];
    if (latest?.result) {
      const level = levelOf(await rulesFor(p.db, user.agencyId, latest.year), latest.result.total, latest.result);
      lines.push({ kind: 'status', order: 20, label: 'integrity.todo.result', vars: { year: latest.year, score: fmtScore(latest.result.total), level: level.level_th, levelEn: level.level_en }, count: 0, href: `/staff/integrity/${latest.year}` });
    } else {
      lines.push({ kind: 'status', order: 20, label: 'integrity.todo.noResult', count: 0, href: '/staff/integrity' });
    }
    lines.push({ kind: 'status', order: 30, label: 'integrity.todo.overdueAll', count: d.overdue.length, href: '/staff/integrity#overdue', urgent: d.overdue.length > 0 });
  }
  return lines;
}
