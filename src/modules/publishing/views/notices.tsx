import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, EmptyState, ErrorSummary, Field, Form, Select, TextArea, type FormState } from '../../../platform/views/components.tsx';
import { can } from '../../../platform/auth/roles.ts';
import { formatDate } from '../../../platform/thai/index.ts';
import type { NoticeReport, NoticeRow } from '../notices.ts';
import { thaiLang } from '../../../platform/views/text.tsx';

const crumbs = (ctx: ViewCtx) => [{ href: '/staff', label: ctx.t('nav.staff') }, { href: '/staff/notices', label: ctx.t('notice.title') }];

export function NoticeItem({ ctx, n }: { ctx: ViewCtx; n: NoticeRow }) {
  const t = ctx.t;
  return (
    <li class="card">
      <h3 lang={thaiLang(ctx, n.title)} safe>{n.title}</h3>
      <p class="muted" safe>{formatDate(n.created_at, { lang: ctx.lang })}</p>
      {n.body ? <p class="pre" lang={thaiLang(ctx, n.body)} safe>{n.body}</p> : ''}
      {n.content_id ? <p><a href={`/staff/content/${n.content_id}`} safe>{t('notice.field.document')}</a></p> : ''}
      {n.acked_at ? (
        <p class="ok" safe>{`✓ ${t('notice.ackedAt', { date: formatDate(n.acked_at, { lang: ctx.lang, withTime: true }) })}`}</p>
      ) : (
        <Form ctx={ctx} action={`/staff/notices/${n.id}/ack`}><Button label={t('notice.ack')} /></Form>
      )}
      {can(ctx.user, 'notice.report') ? <p><a href={`/staff/notices/${n.id}`} safe>{t('notice.report')}</a></p> : ''}
    </li>
  );
}

export function NoticesPage({ ctx, notices }: { ctx: ViewCtx; notices: NoticeRow[] }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('notice.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{t('notice.title')}</h1>
      {can(ctx.user, 'notice.manage') ? <p><a class="btn btn-primary" href="/staff/notices/new" safe>{t('notice.new')}</a></p> : ''}
      {notices.length === 0 ? <EmptyState text={t('notice.empty')} /> : <ul class="cards notices">{notices.map((n) => <NoticeItem ctx={ctx} n={n} />)}</ul>}
    </Page>
  );
}

export function NoticeFormPage({ ctx, form, documents }: { ctx: ViewCtx; form: FormState; documents: Array<{ id: number; title_th: string }> }) {
  const t = ctx.t;
  const labels = { title: t('notice.field.title'), body: t('notice.field.body'), content_id: t('notice.field.document'), fiscal_year: t('notice.field.fiscalYear') };
  return (
    <Page ctx={ctx} title={t('notice.new')} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('notice.new')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <Form ctx={ctx} action="/staff/notices/new">
        <Field ctx={ctx} form={form} name="title" label={labels.title} required maxlength={300} size="wide" />
        <TextArea ctx={ctx} form={form} name="body" label={labels.body} rows={6} maxlength={10000} />
        <Select ctx={ctx} form={form} name="content_id" label={labels.content_id} options={[{ value: '', label: t('notice.field.noDocument') }, ...documents.map((d) => ({ value: String(d.id), label: d.title_th }))]} />
        <Field ctx={ctx} form={form} name="fiscal_year" label={labels.fiscal_year} inputmode="numeric" size="short" maxlength={4} />
        <div class="actions"><Button label={t('form.save')} /><a href="/staff/notices" safe>{t('form.cancel')}</a></div>
      </Form>
    </Page>
  );
}

export function NoticeReportPage({ ctx, report }: { ctx: ViewCtx; report: NoticeReport }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={`${t('notice.report')}: ${report.notice.title}`} staff breadcrumbs={crumbs(ctx)}>
      <h1 lang={thaiLang(ctx, report.notice.title)} safe>{report.notice.title}</h1>
      <p class="muted" safe>{formatDate(report.notice.created_at, { lang: ctx.lang })}</p>
      <h2 safe>{t('notice.report')}</h2>
      <p role="status"><strong safe>{t('notice.readers', { n: report.acked, total: report.people.length })}</strong></p>
      <p><a href={`/staff/notices/${report.notice.id}/report.csv`} safe>{t('notice.exportCsv')}</a></p>
      <div class="table-wrap" tabindex="0" role="region" aria-label={t('notice.report')}>
        <table>
          <thead><tr><th scope="col" safe>{t('notice.person')}</th><th scope="col" safe>{t('users.username')}</th><th scope="col" safe>{t('notice.ack')}</th></tr></thead>
          <tbody>
            {report.people.map((r) => (
              <tr>
                <td lang={thaiLang(ctx, r.display_name)} safe>{r.display_name}</td>
                <td safe>{r.username}</td>
                <td safe>{r.acked_at ? formatDate(r.acked_at, { lang: ctx.lang, style: 'medium', withTime: true }) : t('notice.notYet')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
