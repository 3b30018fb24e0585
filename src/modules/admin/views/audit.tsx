import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { EmptyState, Pagination, type PageInfo } from '../../../platform/views/components.tsx';
import type { AuditEvent } from '../../../platform/audit/index.ts';
import { formatDate } from '../../../platform/thai/index.ts';

export interface AuditQuery {
  action: string;
  actor: string;
  from: string;
  to: string;
}

export function AuditPage({ ctx, rows, info, query, actions, chain }: { ctx: ViewCtx; rows: AuditEvent[]; info: PageInfo; query: AuditQuery; actions: string[]; chain: { ok: boolean; checked: number; firstBad?: { id: number; reason: string } } | null }) {
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
            {actions.map((a) => <option value={a} selected={a === query.action} safe>{a}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-actor" safe>{t('audit.actor')}</label>
          <input type="text" id="f-actor" name="actor" value={query.actor} maxlength={100} lang="en" />
        </div>
        <div class="field">
          <label for="f-from" safe>{t('audit.from')}</label>
          <input type="date" id="f-from" name="from" value={query.from} />
        </div>
        <div class="field">
          <label for="f-to" safe>{t('audit.to')}</label>
          <input type="date" id="f-to" name="to" value={query.to} />
        </div>
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
              {rows.map((e) => (
                <tr>
                  <td safe>{String(e.id)}</td>
                  <td safe>{formatDate(e.at, { lang: ctx.lang, style: 'medium', withTime: true })}</td>
                  <td safe>{e.actor_label}</td>
                  <td safe>{e.action}</td>
                  <td safe>{`${e.target_type} ${e.target_id}`}</td>
                  <td safe>{e.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} info={info} baseHref={`/staff/audit${qs ? `?${qs}` : ''}`} />
    </Page>
  );
}
