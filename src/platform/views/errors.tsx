import type { ViewCtx } from './ctx.ts';
import { Page } from './layout.tsx';
import type { MessageKey } from '../i18n/index.ts';

export function ErrorPage({ ctx, status, titleKey, bodyKey, vars }: { ctx: ViewCtx; status: number; titleKey: MessageKey; bodyKey: MessageKey; vars?: Record<string, string | number> }) {
  const title = ctx.t(titleKey, vars);
  return (
    <Page ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t(bodyKey, vars)}</p>
      <p class="muted" safe>{ctx.t('error.code', { code: status })}</p>
      <p>
        {status === 401 ? <a href="/login" class="btn" safe>{ctx.t('auth.login.title')}</a> : ''}{' '}
        <a href="/" class="btn btn-secondary" safe>{ctx.t('error.backHome')}</a>
      </p>
    </Page>
  );
}
