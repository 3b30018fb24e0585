// The staff home's to-do list: each module says what waits for the signed-in person, with a count and a link to
// the filtered list. Read by the admin module's /staff page; declared as `todo` in a module's definition.
import type { CurrentUser } from './auth/users.ts';
import type { MessageKey, Vars } from './i18n/index.ts';
import type { Platform } from './platform.ts';

export interface TodoLine {
  /** the line's text; gets {n} (the count) and any vars */
  label: MessageKey;
  vars?: Vars;
  count: number;
  /** the list this count comes from, filtered to these items */
  href: string;
  /**
   * 'task': something for this person to do, shown only when count > 0; 'status': a fact an executive follows
   * (readiness, the ITA result), shown always, in its own section
   */
  kind: 'task' | 'status';
  /** a task past its time (overdue, returned) is shown first and marked */
  urgent?: boolean;
  /** order within the section; lower first */
  order: number;
  /** a status line's value as text when it is not a count (a score, a percentage) */
  value?: string;
}

export type TodoSource = (p: Platform, user: CurrentUser) => Promise<TodoLine[]>;

/** What waits for this person, from every module, tasks then statuses, each in order. */
export async function collectTodo(p: Platform, user: CurrentUser): Promise<{ tasks: TodoLine[]; statuses: TodoLine[] }> {
  const lines = (await Promise.all(p.modules.map((m) => (m.todo ? m.todo(p, user) : [])))).flat();
  const byOrder = (a: TodoLine, b: TodoLine) => Number(!!b.urgent) - Number(!!a.urgent) || a.order - b.order;
  return {
    tasks: lines.filter((l) => l.kind === 'task' && l.count > 0).sort(byOrder),
    statuses: lines.filter((l) => l.kind === 'status').sort(byOrder),
  };
}
