import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { navLabel } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { roleLabelKey } from '../../../platform/auth/roles.ts';

export function DashboardPage({ ctx }: { ctx: ViewCtx }) {
  const t = ctx.t;
  const u = ctx.user!;
  const tasks = ctx.staffNav.filter((n) => n.href !== '/staff');
  return (
    <Page ctx={ctx} title={t('staff.title')} staff>
      <h1 safe>{t('staff.hello', { name: u.displayName })}</h1>
      <p safe>{t('staff.yourRoles', { roles: u.roles.map((r) => t(roleLabelKey(r))).join(', ') })}</p>
      {u.isDemo ? <p class="tag" safe>{t('staff.demoWarning')}</p> : ''}
      <h2 safe>{t('staff.tasks')}</h2>
      <ul class="cards">
        {tasks.map((n) => (
          <li class="card"><a href={n.href} safe>{navLabel(ctx, n.label)}</a></li>
        ))}
      </ul>
    </Page>
  );
}
