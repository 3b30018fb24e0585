import type { ViewCtx } from '../views/ctx.ts';
import { Page } from '../views/layout.tsx';
import { Button, ErrorSummary, Field, Form, type FormState } from '../views/components.tsx';
import { roleLabelKey } from './roles.ts';
import { thaiLang } from '../views/text.tsx';
import type { CurrentUser } from './users.ts';

export function LoginPage({ ctx, form, next, message }: { ctx: ViewCtx; form: FormState; next: string; message?: string }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('auth.login.title')}>
      <h1 safe>{t('auth.login.title')}</h1>
      {message ? <div class="error-summary" role="alert"><p safe>{message}</p></div> : ''}
      <ErrorSummary ctx={ctx} form={form} labels={{ username: t('auth.login.username'), password: t('auth.login.password') }} />
      <Form ctx={ctx} action={`/login?next=${encodeURIComponent(next)}`}>
        <Field ctx={ctx} form={form} name="username" label={t('auth.login.username')} required autocomplete="username" maxlength={40} lang="en" />
        <Field ctx={ctx} form={form} name="password" type="password" label={t('auth.login.password')} required autocomplete="current-password" />
        <Button label={t('auth.login.submit')} />
      </Form>
    </Page>
  );
}

export function SecondFactorPage({ ctx, form }: { ctx: ViewCtx; form: FormState }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('auth.2fa.title')}>
      <h1 safe>{t('auth.2fa.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ code: t('auth.2fa.code') }} />
      <p safe>{t('auth.2fa.intro')}</p>
      <Form ctx={ctx} action="/login/2fa">
        <Field ctx={ctx} form={form} name="code" label={t('auth.2fa.code')} required autocomplete="one-time-code" inputmode="text" size="short" maxlength={20} />
        <Button label={t('auth.2fa.submit')} />
      </Form>
    </Page>
  );
}

export function AccountPage({ ctx, user }: { ctx: ViewCtx; user: CurrentUser }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('account.title')} staff>
      <h1 safe>{t('account.title')}</h1>
      <dl class="meta">
        <dt safe>{t('users.username')}</dt>
        <dd safe>{user.username}</dd>
        <dt safe>{t('users.displayName')}</dt>
        <dd lang={thaiLang(ctx, user.displayName)} safe>{user.displayName}</dd>
        <dt safe>{t('account.roles')}</dt>
        <dd safe>{user.roles.map((r) => t(roleLabelKey(r))).join(', ')}</dd>
        <dt safe>{t('account.2fa.title')}</dt>
        <dd safe>{user.totpEnabled ? t('account.2fa.on') : t('account.2fa.off')}</dd>
      </dl>
      <ul>
        <li><a href="/account/password" safe>{t('account.password.title')}</a></li>
        <li><a href="/account/2fa" safe>{t('account.2fa.title')}</a></li>
      </ul>
    </Page>
  );
}

export function PasswordPage({ ctx, form, forced }: { ctx: ViewCtx; form: FormState; forced: boolean }) {
  const t = ctx.t;
  const labels = { current_password: t('account.password.current'), new_password: t('account.password.new'), confirm_password: t('account.password.confirm') };
  return (
    <Page ctx={ctx} title={t('account.password.title')} staff>
      <h1 safe>{t('account.password.title')}</h1>
      {forced ? <div class="flash flash-info" role="status"><p safe>{t('account.password.mustChange')}</p></div> : ''}
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <Form ctx={ctx} action="/account/password">
        <Field ctx={ctx} form={form} name="current_password" type="password" label={labels.current_password} required autocomplete="current-password" />
        <Field ctx={ctx} form={form} name="new_password" type="password" label={labels.new_password} hint={t('account.password.newHint')} required autocomplete="new-password" />
        <Field ctx={ctx} form={form} name="confirm_password" type="password" label={labels.confirm_password} required autocomplete="new-password" />
        <Button label={t('form.save')} />
      </Form>
    </Page>
  );
}

export function TwoFactorPage({ ctx, user, pending, form }: { ctx: ViewCtx; user: CurrentUser; pending: { secret: string; qr: string } | null; form: FormState }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('account.2fa.title')} staff>
      <h1 safe>{t('account.2fa.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ code: t('auth.2fa.code'), password: t('account.2fa.confirmPassword') }} />
      <p>
        <strong safe>{user.totpEnabled ? t('account.2fa.on') : t('account.2fa.off')}</strong>
      </p>
      {user.totpEnabled ? (
        <Form ctx={ctx} action="/account/2fa/disable">
          <Field ctx={ctx} form={form} name="password" type="password" label={t('account.2fa.confirmPassword')} required autocomplete="current-password" />
          <Button kind="danger" label={t('account.2fa.disable')} />
        </Form>
      ) : pending ? (
        <>
          <p safe>{t('account.2fa.scan')}</p>
          <img class="qr" src={pending.qr} alt={t('account.2fa.qrAlt')} width="220" height="220" />
          <p safe>{t('account.2fa.manual')}</p>
          <p class="secret" id="totp-secret" safe>{pending.secret}</p>
          <Form ctx={ctx} action="/account/2fa/confirm">
            <Field ctx={ctx} form={form} name="code" label={t('auth.2fa.code')} required autocomplete="one-time-code" inputmode="numeric" size="short" maxlength={6} />
            <Button label={t('account.2fa.enable')} />
          </Form>
        </>
      ) : (
        <Form ctx={ctx} action="/account/2fa/start">
          <Button label={t('account.2fa.start')} />
        </Form>
      )}
    </Page>
  );
}

export function RecoveryCodesPage({ ctx, codes }: { ctx: ViewCtx; codes: string[] }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('account.2fa.recoveryTitle')} staff>
      <div class="flash flash-success" role="status"><p safe>{t('account.2fa.enabled')}</p></div>
      <h1 safe>{t('account.2fa.recoveryTitle')}</h1>
      <p safe>{t('account.2fa.recoveryIntro')}</p>
      <ul class="codes" id="recovery-codes">
        {codes.map((c) => <li safe>{c}</li>)}
      </ul>
      <p><a class="btn btn-secondary" href="/account" safe>{t('nav.account')}</a></p>
    </Page>
  );
}
