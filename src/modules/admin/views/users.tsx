import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, Checkbox, Checkboxes, EmptyState, ErrorSummary, Field, Form, Pagination, Time, type FormState, type PageInfo } from '../../../platform/views/components.tsx';
import { ROLES, roleLabelKey } from '../../../platform/auth/roles.ts';
import { thaiLang } from '../../../platform/views/text.tsx';
import type { UserRow } from '../../../platform/auth/users.ts';

const crumbs = (ctx: ViewCtx) => [{ href: '/staff', label: ctx.t('nav.staff') }, { href: '/staff/users', label: ctx.t('users.title') }];

export function UsersPage({ ctx, rows, info, q }: { ctx: ViewCtx; rows: UserRow[]; info: PageInfo; q: string }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('users.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{t('users.title')}</h1>
      <p><a class="btn btn-primary" href="/staff/users/new" safe>{t('users.new')}</a></p>
      <form method="get" action="/staff/users" role="search">
        <div class="field">
          <label for="f-q" safe>{t('users.search')}</label>
          <input type="search" id="f-q" name="q" value={q} maxlength={100} />
        </div>
        <div class="actions"><button type="submit" class="btn btn-secondary" safe>{t('form.search')}</button></div>
      </form>
      {rows.length === 0 ? (
        <EmptyState text={t('users.empty')} />
      ) : (
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('users.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col" safe>{t('users.username')}</th>
                <th scope="col" safe>{t('users.displayName')}</th>
                <th scope="col" safe>{t('users.roles')}</th>
                <th scope="col" safe>{t('users.status')}</th>
                <th scope="col" safe>{t('users.2fa')}</th>
                <th scope="col" safe>{t('users.lastLogin')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr>
                  <td>
                    <a href={`/staff/users/${u.id}`} safe>{u.username}</a> {u.is_demo ? <span class="tag" safe>{t('users.demo')}</span> : ''}
                  </td>
                  <td lang={thaiLang(ctx, u.display_name)} safe>{u.display_name}</td>
                  <td safe>{u.roles.map((r) => t(roleLabelKey(r))).join(', ')}</td>
                  <td safe>{u.is_disabled ? t('users.disabled') : t('users.active')}</td>
                  <td safe>{u.is_totp_enabled ? t('account.2fa.on') : t('account.2fa.off')}</td>
                  <td>{u.last_login_at ? <Time ctx={ctx} at={u.last_login_at} style="medium" withTime /> : <span safe>{t('users.never')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} info={info} baseHref={`/staff/users${q ? `?q=${encodeURIComponent(q)}` : ''}`} />
    </Page>
  );
}

export const userLabels = (ctx: ViewCtx): Record<string, string> => ({
  username: ctx.t('users.username'), display_name: ctx.t('users.displayName'), email: ctx.t('users.email'), roles: ctx.t('users.roles'),
});

const roleOptions = (ctx: ViewCtx) => ROLES.map((r) => ({ value: r, label: ctx.t(roleLabelKey(r)) }));

export function UserForm({ ctx, form, user }: { ctx: ViewCtx; form: FormState; user: UserRow | null }) {
  const t = ctx.t;
  const l = userLabels(ctx);
  const title = user ? t('users.edit') : t('users.new');
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{user ? `${title}: ${user.username}` : title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={l} />
      <Form ctx={ctx} action={user ? `/staff/users/${user.id}` : '/staff/users/new'}>
        {user ? '' : <Field ctx={ctx} form={form} name="username" label={l.username!} hint={t('users.usernameHint')} required maxlength={40} autocomplete="off" lang="en" />}
        <Field ctx={ctx} form={form} name="display_name" label={l.display_name!} required maxlength={200} autocomplete="off" />
        <Field ctx={ctx} form={form} name="email" type="email" label={l.email!} maxlength={200} autocomplete="off" />
        <Checkboxes ctx={ctx} form={form} name="roles" legend={l.roles!} required options={roleOptions(ctx)} />
        {user ? <Checkbox form={form} name="disabled" label={t('users.disable')} /> : ''}
        <div class="actions">
          <Button label={t('form.save')} />
          <a href="/staff/users" safe>{t('form.cancel')}</a>
        </div>
      </Form>
      {user ? (
        <section aria-labelledby="reset-title">
          <h2 id="reset-title" safe>{t('users.resetPassword')}</h2>
          <p><a class="btn btn-secondary" href={`/staff/users/${user.id}/reset-password`} safe>{t('users.resetPassword')}</a></p>
        </section>
      ) : ''}
    </Page>
  );
}

export function ResetConfirmPage({ ctx, user }: { ctx: ViewCtx; user: UserRow }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('users.resetPassword')} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('users.resetPassword')}</h1>
      <p safe>{t('users.resetConfirm', { username: user.username })}</p>
      <Form ctx={ctx} action={`/staff/users/${user.id}/reset-password`}>
        <div class="actions">
          <Button kind="danger" label={t('form.confirm')} />
          <a href={`/staff/users/${user.id}`} safe>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}

export function TempPasswordPage({ ctx, username, password }: { ctx: ViewCtx; username: string; password: string }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('users.tempPassword', { username })} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('users.tempPassword', { username })}</h1>
      <p class="secret" id="temp-password" safe>{password}</p>
      <p safe>{t('users.tempPasswordNote')}</p>
      <p><a class="btn btn-secondary" href="/staff/users" safe>{t('users.title')}</a></p>
    </Page>
  );
}
