import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { navLabel } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { EmptyState } from '../../../platform/views/components.tsx';
import { roleLabelKey } from '../../../platform/auth/roles.ts';
import type { TodoLine } from '../../../platform/todo.ts';
import { Msg } from '../../../platform/views/text.tsx';

function TodoList({ ctx, lines, id }: { ctx: ViewCtx; lines: TodoLine[]; id: string }) {
  return (
    <ul class="todo" aria-labelledby={id}>
      {lines.map((l) => (
        <li class={`todo-item${l.urgent ? ' todo-urgent' : ''}`}>
          <a href={l.href}><Msg ctx={ctx} k={l.label} vars={{ n: l.count, ...l.vars }} /></a>
          {l.kind === 'task' ? <span class="todo-count" aria-hidden="true" safe>{String(l.count)}</span> : ''}
        </li>
      ))}
    </ul>
  );
}

/** The staff home: what waits for this person (with counts, each a link to the filtered list), then what they can open. */
export function DashboardPage({ ctx, tasks, statuses, blocks }: { ctx: ViewCtx; tasks: TodoLine[]; statuses: TodoLine[]; blocks: string[] }) {
  const t = ctx.t;
  const u = ctx.user!;
  const places = ctx.staffNav.filter((n) => n.href !== '/staff');
  const safeBlocks = blocks.join(''); // HTML rendered by the modules' views
  return (
    <Page ctx={ctx} title={t('staff.title')} staff>
      <h1><Msg ctx={ctx} k="staff.hello" vars={{ name: u.displayName }} /></h1>
      <p safe>{t('staff.yourRoles', { roles: u.roles.map((r) => t(roleLabelKey(r))).join(', ') })}</p>
      {u.isDemo ? <p class="tag" safe>{t('staff.demoWarning')}</p> : ''}
      <section aria-labelledby="todo-title">
        <h2 id="todo-title" safe>{t('staff.todo')}</h2>
        {tasks.length ? <TodoList ctx={ctx} lines={tasks} id="todo-title" /> : <EmptyState text={t('staff.todoNone')} />}
      </section>
      {safeBlocks}
      {statuses.length ? (
        <section aria-labelledby="overview-title">
          <h2 id="overview-title" safe>{t('staff.overview')}</h2>
          <TodoList ctx={ctx} lines={statuses} id="overview-title" />
        </section>
      ) : ''}
      <h2 safe>{t('staff.tasks')}</h2>
      <ul class="cards">
        {places.map((n) => (
          <li class="card"><a href={n.href} safe>{navLabel(ctx, n.label)}</a></li>
        ))}
      </ul>
    </Page>
  );
}
