import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { DateInput, EmptyState, Pagination, type FormState, type PageInfo } from '../../../platform/views/components.tsx';
import type { AuditRow } from '../../../platform/audit/index.ts';
import { formatDate } from '../../../platform/thai/index.ts';
import { actionLabel, actorLabel, targetOf } from '../audit-labels.ts';
import { thaiLang } from '../../../platform/views/text.tsx';

export interface AuditQuery {
  action: string;
  actor: string;
  from: string;
  to: string;
}

export function AuditPage({ ctx, rows, info, query, dates, actions, chain }: { ctx: ViewCtx; rows: AuditRow[]; info: PageInfo; query: AuditQuery; dates: FormState; actions: string[]; chain: { ok: boolean; checked: number; firstBad?: { id: number; reason: string } } | null }) {
  const t = ctx.t;
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as Array<[string, string]>).toString();
  return (
    <Page ctx={ctx} title={t('audit.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{t('audit.title')}</h1>
      {chain ? (
        <div class={`flash ${chain.ok ? 'flash-success' : 'flash-error'}`} role="status">
          <p safe>{chain.ok ? t('audit.chainOk', { n: chain.checked }) : t('audit.chainBad', { id: chain.firstBad!.id, reason: chain.firstBad!.reason })}</p>
        </div>
      ) : (
        <p><a class="btn btn-secondary" href="/staff/audit?verify=1" safe>{t('audit.verify')}</a></p>
      )}
      <form method="get" action="/staff/audit" class="filters" role="search">
        <div class="field">
          <label for="f-action" safe>{t('audit.action')}</label>
          <select id="f-action" name="action">
            <option value="" safe>{t('audit.anyAction')}</option>
            {actions.map((a) => <option value={a} selected={a === query.action} safe>{actionLabel(t, a)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-actor" safe>{t('audit.actor')}</label>
          <p class="hint" id="f-actor-hint" safe>{t('audit.actorHint')}</p>
          <input type="text" id="f-actor" name="actor" value={query.actor} maxlength={100} aria-describedby="f-actor-hint" autocomplete="off" />
        </div>
        <DateInput ctx={ctx} form={dates} name="from" label={t('audit.from')} />
        <DateInput ctx={ctx} form={dates} name="to" label={t('audit.to')} />
        <div class="actions">
          <button type="submit" class="btn btn-secondary" safe>{t('form.filter')}</button>
          <a href="/staff/audit" safe>{t('form.clear')}</a>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState text={t('audit.empty')} />
      ) : (
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('audit.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col" safe>{t('audit.at')}</th>
                <th scope="col" safe>{t('audit.actor')}</th>
                <th scope="col" safe>{t('audit.action')}</th>
                <th scope="col" safe>{t('audit.target')}</th>
                <th scope="col" safe>{t('audit.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const actor = actorLabel(t, e);
                const action = actionLabel(t, e.action);
                const target = targetOf(t, e, ctx.user);
                return (
                  <tr>
                    <td safe>{String(e.id)}</td>
                    {/* Bangkok time, Buddhist-era year */}
                    <td><time datetime={e.at} safe>{formatDate(e.at, { lang: ctx.lang, style: 'medium', withTime: true })}</time></td>
                    <td>
                      <span lang={thaiLang(ctx, actor)} safe>{actor}</span>
                      {e.actor_user_id !== null && actor !== e.actor_label ? <><br /><span class="muted" lang="en" safe>{e.actor_label}</span></> : ''}
                    </td>
                    <td>
                      <span safe>{action}</span>
                      {/* the code as recorded, for matching with exports and the chain check */}
                      {action !== e.action ? <><br /><code class="muted" lang="en" safe>{e.action}</code></> : ''}
                    </td>
                    <td>{target.href ? <a href={target.href} lang={thaiLang(ctx, target.text)} safe>{target.text}</a> : <span lang={thaiLang(ctx, target.text)} safe>{target.text}</span>}</td>
                    <td lang={thaiLang(ctx, e.summary)} safe>{e.summary}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} info={info} baseHref={`/staff/audit${qs ? `?${qs}` : ''}`} />
    </Page>
  );
}
