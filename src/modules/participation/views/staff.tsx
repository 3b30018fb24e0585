// Staff pages: the list of activities with filters, the activity form, an activity's page (publication, participants
// by group, documents, proposals with the agency's response), a proposal's page, and the comment moderation queue.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, DateInput, EmptyState, ErrorSummary, Field, FileField, Form, Pagination, Select, TextArea, Time, type FormState, type PageInfo } from '../../../platform/views/components.tsx';
import { thaiLang, thaiPart } from '../../../platform/views/text.tsx';
import { COMMENT_STATES, DOC_KINDS, GROUPS, KINDS, RESPONSES, STATUSES, commentState, countColumn, shownStatus, type CommentState, type Status } from '../rules.ts';
import type { Activity, CommentRow, DocumentRow, Proposal } from '../store.ts';
import { daysText, docKindLabel, groupLabel, kindLabel, responseLabel, statusLabel } from '../report.ts';
import { Documents, SaidDid, StatusTag } from './public.tsx';

const base = (ctx: ViewCtx) => [{ href: '/staff', label: ctx.t('nav.staff') }, { href: '/staff/participation', label: ctx.t('participation.staff.title') }];

export function StaffListPage({ ctx, rows, info, year, status, years, pending, pendingTotal, now }: {
  ctx: ViewCtx; rows: Activity[]; info: PageInfo; year: number | null; status: Status | null; years: number[]; pending: Map<number, number>; pendingTotal: number; now: Date;
}) {
  const t = ctx.t;
  const query = new URLSearchParams();
  if (year) query.set('year', String(year));
  if (status) query.set('status', status);
  const allYears = [...new Set([ctx.fiscalYear, ...years])].sort((a, b) => b - a);
  return (
    <Page ctx={ctx} title={t('participation.staff.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{t('participation.staff.title')}</h1>
      <ul class="plain inline-list">
        <li><a class="btn btn-primary" href="/staff/participation/new" safe>{t('participation.staff.new')}</a></li>
        <li><a href="/staff/participation/comments?status=pending" safe>{t('participation.staff.moderate', { n: pendingTotal })}</a></li>
        <li><a href="/participation" safe>{t('participation.staff.publicList')}</a></li>
      </ul>
      <form method="get" action="/staff/participation" class="filters">
        <div class="field">
          <label for="f-year" safe>{t('participation.field.fiscal_year')}</label>
          <select id="f-year" name="year">
            <option value="" safe>{t('participation.filter.any')}</option>
            {allYears.map((y) => <option value={String(y)} selected={y === year} safe>{String(y)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-status" safe>{t('participation.field.status')}</label>
          <select id="f-status" name="status">
            <option value="" safe>{t('participation.filter.any')}</option>
            {STATUSES.map((s) => <option value={s} selected={s === status} safe>{statusLabel(ctx.lang, s)}</option>)}
          </select>
        </div>
        <button type="submit" class="btn btn-secondary" safe>{t('participation.filter.apply')}</button>
      </form>
      {rows.length ? (
        <>
          <div class="table-wrap" tabindex="0" role="region" aria-label={t('participation.staff.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col" safe>{t('participation.field.title_th')}</th><th scope="col" safe>{t('participation.field.kind')}</th><th scope="col" safe>{t('participation.report.when')}</th>
                  <th scope="col" safe>{t('participation.field.status')}</th><th scope="col" safe>{t('participation.staff.published')}</th><th scope="col" class="num" safe>{t('participation.staff.pending')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr>
                    <td><a href={`/staff/participation/${a.id}`} lang={thaiPart(ctx)} safe>{a.title_th}</a></td>
                    <td safe>{kindLabel(ctx.lang, a.kind)}</td>
                    <td safe>{daysText(a, ctx.lang)}</td>
                    <td><StatusTag ctx={ctx} s={shownStatus(a, now)} /></td>
                    <td safe>{a.is_published ? t('participation.staff.yes') : t('participation.staff.no')}</td>
                    <td class="num" safe>{String(pending.get(a.id) ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination ctx={ctx} info={info} baseHref={`/staff/participation${query.size ? `?${query}` : ''}`} />
        </>
      ) : <EmptyState text={t('participation.staff.empty')} />}
    </Page>
  );
}

const activityLabels = (ctx: ViewCtx) => Object.fromEntries([
  'kind', 'title_th', 'title_en', 'slug', 'subject_th', 'subject_en', 'summary_th', 'summary_en', 'starts_on', 'ends_on', 'place_th', 'place_en', 'invited_th', 'is_commentable', 'comments_close_at', 'status', 'results_th', 'results_en',
].map((k) => [k, ctx.t(`participation.field.${k}` as 'participation.field.kind')]).concat([['_form', '']]));

export function ActivityFormPage({ ctx, form, a }: { ctx: ViewCtx; form: FormState; a?: Activity }) {
  const t = ctx.t;
  const title = a ? t('participation.staff.edit') : t('participation.staff.new');
  const action = a ? `/staff/participation/${a.id}/edit` : '/staff/participation/new';
  const commentable = form.values.is_commentable === 'on' || form.values.is_commentable === 'true';
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={[...base(ctx), ...(a ? [{ href: `/staff/participation/${a.id}`, label: a.title_th }] : [])]}>
      <h1 safe>{title}</h1>
      <Form ctx={ctx} action={action} novalidate>
        <ErrorSummary ctx={ctx} form={form} labels={activityLabels(ctx)} />
        <Select ctx={ctx} form={form} name="kind" label={t('participation.field.kind')} required options={[{ value: '', label: t('participation.choose') }, ...KINDS.map((k) => ({ value: k, label: kindLabel(ctx.lang, k) }))]} />
        <Field ctx={ctx} form={form} name="title_th" label={t('participation.field.title_th')} required maxlength={300} size="wide" />
        <Field ctx={ctx} form={form} name="title_en" label={t('participation.field.title_en')} hint={t('participation.field.title_en.hint')} maxlength={300} size="wide" lang="en" />
        <Field ctx={ctx} form={form} name="slug" label={t('participation.field.slug')} hint={t('participation.field.slug.hint')} maxlength={80} lang="en" />
        <Field ctx={ctx} form={form} name="subject_th" label={t('participation.field.subject_th')} hint={t('participation.field.subject_th.hint')} maxlength={500} size="wide" />
        <Field ctx={ctx} form={form} name="subject_en" label={t('participation.field.subject_en')} maxlength={500} size="wide" lang="en" />
        <TextArea ctx={ctx} form={form} name="summary_th" label={t('participation.field.summary_th')} rows={5} maxlength={10000} />
        <TextArea ctx={ctx} form={form} name="summary_en" label={t('participation.field.summary_en')} rows={3} maxlength={10000} lang="en" />
        <DateInput ctx={ctx} form={form} name="starts_on" label={t('participation.field.starts_on')} required />
        <DateInput ctx={ctx} form={form} name="ends_on" label={t('participation.field.ends_on')} hint={t('participation.field.ends_on.hint')} />
        <Field ctx={ctx} form={form} name="place_th" label={t('participation.field.place_th')} hint={t('participation.field.place_th.hint')} maxlength={300} size="wide" />
        <Field ctx={ctx} form={form} name="place_en" label={t('participation.field.place_en')} maxlength={300} size="wide" lang="en" />
        <TextArea ctx={ctx} form={form} name="invited_th" label={t('participation.field.invited_th')} hint={t('participation.field.invited_th.hint')} rows={3} maxlength={2000} />
        <fieldset class="field">
          <legend safe>{t('participation.staff.online')}</legend>
          <div class="field check">
            <input type="checkbox" id="f-is_commentable" name="is_commentable" checked={commentable} aria-describedby="f-is_commentable-hint" />
            <label for="f-is_commentable" safe>{t('participation.field.is_commentable')}</label>
            <p class="hint" id="f-is_commentable-hint" safe>{t('participation.field.is_commentable.hint')}</p>
          </div>
          <DateInput ctx={ctx} form={form} name="comments_close_at" kind="dateTime" label={t('participation.field.comments_close_at')} hint={t('participation.field.comments_close_at.hint')} />
        </fieldset>
        <Select ctx={ctx} form={form} name="status" label={t('participation.field.status')} required hint={t('participation.field.status.hint')} options={STATUSES.map((s) => ({ value: s, label: statusLabel(ctx.lang, s) }))} />
        <TextArea ctx={ctx} form={form} name="results_th" label={t('participation.field.results_th')} hint={t('participation.field.results_th.hint')} rows={6} maxlength={20000} />
        <TextArea ctx={ctx} form={form} name="results_en" label={t('participation.field.results_en')} rows={3} maxlength={20000} lang="en" />
        <Button label={a ? t('participation.staff.save') : t('participation.staff.create')} />
      </Form>
    </Page>
  );
}

const proposalLabels = (ctx: ViewCtx) => ({
  proposal: ctx.t('participation.field.proposal'), proposed_by: ctx.t('participation.field.proposed_by'), response_status: ctx.t('participation.field.response_status'), response: ctx.t('participation.field.response'), _form: '',
});

function ProposalFields({ ctx, form }: { ctx: ViewCtx; form: FormState }) {
  const t = ctx.t;
  return (
    <>
      <ErrorSummary ctx={ctx} form={form} labels={proposalLabels(ctx)} />
      <TextArea ctx={ctx} form={form} name="proposal" label={t('participation.field.proposal')} required rows={3} maxlength={3000} />
      <Field ctx={ctx} form={form} name="proposed_by" label={t('participation.field.proposed_by')} hint={t('participation.field.proposed_by.hint')} maxlength={200} size="wide" />
      <Select ctx={ctx} form={form} name="response_status" label={t('participation.field.response_status')} required options={RESPONSES.map((s) => ({ value: s, label: responseLabel(ctx.lang, s) }))} />
      <TextArea ctx={ctx} form={form} name="response" label={t('participation.field.response')} hint={t('participation.field.response.hint')} rows={4} maxlength={5000} />
    </>
  );
}

export interface ActivityForms {
  counts: FormState;
  document: FormState;
  proposal: FormState;
}

export function StaffActivityPage({ ctx, a, docs, proposals, pending, forms, now }: { ctx: ViewCtx; a: Activity; docs: DocumentRow[]; proposals: Proposal[]; pending: number; forms: ActivityForms; now: Date }) {
  const t = ctx.t;
  const id = a.id;
  const state = commentState(a, now);
  return (
    <Page ctx={ctx} title={a.title_th} staff breadcrumbs={base(ctx)}>
      <h1 lang={thaiPart(ctx)} safe>{a.title_th}</h1>
      <p><span class="tag" safe>{kindLabel(ctx.lang, a.kind)}</span> <StatusTag ctx={ctx} s={shownStatus(a, now)} /> <span class="tag" safe>{a.is_published ? t('participation.staff.isPublished') : t('participation.staff.notPublished')}</span></p>
      <ul class="plain inline-list">
        <li><a href={`/staff/participation/${id}/edit`} safe>{t('participation.staff.edit')}</a></li>
        {a.is_published ? <li><a href={`/participation/${a.slug}`} safe>{t('participation.staff.viewPublic')}</a></li> : ''}
        {a.is_commentable ? <li><a href={`/staff/participation/comments?status=pending&activity=${id}`} safe>{t('participation.staff.moderate', { n: pending })}</a></li> : ''}
      </ul>
      <dl class="summary-list">
        <div class="summary-row"><dt safe>{t('participation.field.slug')}</dt><dd><code safe>{`/participation/${a.slug}`}</code></dd></div>
        <div class="summary-row"><dt safe>{t('participation.report.when')}</dt><dd safe>{daysText(a, ctx.lang)}</dd></div>
        <div class="summary-row"><dt safe>{t('participation.field.fiscal_year')}</dt><dd safe>{String(a.fiscal_year)}</dd></div>
        {a.is_commentable && a.comments_close_at ? (
          <div class="summary-row"><dt safe>{t('participation.field.comments_close_at')}</dt><dd><Time ctx={ctx} at={a.comments_close_at} withTime /> <span safe>{`(${t(`participation.state.${state}`)})`}</span></dd></div>
        ) : ''}
      </dl>
      <section aria-labelledby="publication">
        <h2 id="publication" safe>{t('participation.staff.publication')}</h2>
        <p safe>{a.is_published ? t('participation.staff.publishedHint') : t('participation.staff.unpublishedHint')}</p>
        <Form ctx={ctx} action={`/staff/participation/${id}/${a.is_published ? 'unpublish' : 'publish'}`}>
          <Button label={a.is_published ? t('participation.staff.unpublish') : t('participation.staff.publish')} kind={a.is_published ? 'secondary' : 'primary'} />
        </Form>
      </section>
      <section aria-labelledby="counts">
        <h2 id="counts" safe>{t('participation.counts.title')}</h2>
        <Form ctx={ctx} action={`/staff/participation/${id}/counts`} novalidate>
          <ErrorSummary ctx={ctx} form={forms.counts} labels={Object.fromEntries(GROUPS.map((g) => [countColumn(g), groupLabel(ctx.lang, g)]))} />
          {GROUPS.map((g) => <Field ctx={ctx} form={forms.counts} name={countColumn(g)} label={groupLabel(ctx.lang, g)} size="short" inputmode="numeric" required />)}
          <Button label={t('participation.counts.save')} />
        </Form>
      </section>
      <section aria-labelledby="documents">
        <h2 id="documents" safe>{t('participation.documents.title')}</h2>
        {docs.length ? (
          <ul class="plain">
            {docs.map((d) => (
              <li>
                <Documents ctx={ctx} docs={[d]} />
                <Form ctx={ctx} action={`/staff/participation/${id}/documents/${d.id}/remove`} class="inline-form">
                  <button type="submit" class="btn-link" aria-label={t('participation.documents.removeNamed', { name: d.label })} safe>{t('participation.documents.remove')}</button>
                </Form>
              </li>
            ))}
          </ul>
        ) : <EmptyState text={t('participation.documents.empty')} />}
        <Form ctx={ctx} action={`/staff/participation/${id}/documents`} multipart novalidate>
          <h3 safe>{t('participation.documents.add')}</h3>
          <ErrorSummary ctx={ctx} form={forms.document} labels={{ file: t('participation.field.file'), kind: t('participation.field.doc_kind'), label: t('participation.field.doc_label'), _form: '' }} />
          <FileField ctx={ctx} form={forms.document} name="file" label={t('participation.field.file')} hint={t('participation.field.file.hint')} required />
          <Select ctx={ctx} form={forms.document} name="kind" label={t('participation.field.doc_kind')} required options={DOC_KINDS.map((k) => ({ value: k, label: docKindLabel(ctx.lang, k) }))} />
          <Field ctx={ctx} form={forms.document} name="label" label={t('participation.field.doc_label')} hint={t('participation.field.doc_label.hint')} maxlength={200} size="wide" />
          <Button label={t('participation.documents.upload')} />
        </Form>
      </section>
      <section aria-labelledby="said-did">
        <h2 id="said-did" safe>{t('participation.saidDid.title')}</h2>
        {proposals.length ? (
          <>
            <SaidDid ctx={ctx} proposals={proposals} />
            <ul class="plain inline-list">
              {proposals.map((x, i) => <li><a href={`/staff/participation/${id}/proposals/${x.id}`} safe>{t('participation.proposal.editN', { n: i + 1 })}</a></li>)}
            </ul>
          </>
        ) : <EmptyState text={t('participation.saidDid.empty')} />}
        <Form ctx={ctx} action={`/staff/participation/${id}/proposals`} novalidate>
          <h3 safe>{t('participation.proposal.add')}</h3>
          <ProposalFields ctx={ctx} form={forms.proposal} />
          <Button label={t('participation.proposal.save')} />
        </Form>
      </section>
    </Page>
  );
}

export function ProposalPage({ ctx, a, x, n, form }: { ctx: ViewCtx; a: Activity; x: Proposal; n: number; form: FormState }) {
  const t = ctx.t;
  const title = t('participation.proposal.editN', { n });
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={[...base(ctx), { href: `/staff/participation/${a.id}`, label: a.title_th }]}>
      <h1 safe>{title}</h1>
      <Form ctx={ctx} action={`/staff/participation/${a.id}/proposals/${x.id}`} novalidate>
        <ProposalFields ctx={ctx} form={form} />
        <Button label={t('participation.proposal.save')} />
      </Form>
      <Form ctx={ctx} action={`/staff/participation/${a.id}/proposals/${x.id}/remove`}>
        <Button label={t('participation.proposal.remove')} kind="danger" />
      </Form>
    </Page>
  );
}

export function CommentsPage({ ctx, rows, info, status, activity, forms }: { ctx: ViewCtx; rows: CommentRow[]; info: PageInfo; status: CommentState; activity: Activity | null; forms: Map<number, FormState> }) {
  const t = ctx.t;
  const q = (s: CommentState) => `/staff/participation/comments?status=${s}${activity ? `&activity=${activity.id}` : ''}`;
  return (
    <Page ctx={ctx} title={t('participation.moderation.title')} staff breadcrumbs={base(ctx)}>
      <h1 safe>{t('participation.moderation.title')}</h1>
      {activity ? <p lang={thaiPart(ctx)} safe>{activity.title_th}</p> : ''}
      <p safe>{t('participation.comments.rule')}</p>
      <nav aria-label={t('participation.moderation.states')}>
        <ul class="plain inline-list">
          {COMMENT_STATES.map((s) => <li>{s === status ? <strong aria-current="page" safe>{t(`participation.comment.state.${s}`)}</strong> : <a href={q(s)} safe>{t(`participation.comment.state.${s}`)}</a>}</li>)}
        </ul>
      </nav>
      {rows.length ? (
        <>
          <ol class="plain">
            {rows.map((c) => {
              const form = forms.get(c.id) ?? { values: {}, errors: {}, idPrefix: `c${c.id}-` };
              return (
                <li class="card">
                  <h2>
                    <a href={`/staff/participation/${c.activity_id}`} lang={thaiPart(ctx)} safe>{c.activity_title}</a>
                  </h2>
                  <p>
                    <strong lang={thaiLang(ctx, c.author_name)} safe>{c.author_name || t('participation.comment.anonymous')}</strong>
                    {' · '}<Time ctx={ctx} at={c.created_at} withTime />
                  </p>
                  <p lang={thaiLang(ctx, c.body)} safe>{c.body}</p>
                  {c.status === 'hidden' && c.moderation_note ? <p class="muted"><span safe>{`${t('participation.moderation.reason')}: `}</span><span lang={thaiLang(ctx, c.moderation_note)} safe>{c.moderation_note}</span></p> : ''}
                  <Form ctx={ctx} action={`/staff/participation/comments/${c.id}${q(status).slice('/staff/participation/comments'.length)}`} novalidate>
                    <ErrorSummary ctx={ctx} form={form} labels={{ note: t('participation.moderation.reason'), _form: '' }} />
                    <Field ctx={ctx} form={form} name="note" label={t('participation.moderation.reason')} hint={t('participation.moderation.reasonHint')} maxlength={500} size="wide" />
                    <div class="actions">
                      {c.status !== 'approved' ? <Button label={t('participation.moderation.approve')} name="decision" value="approve" /> : ''}
                      {c.status !== 'hidden' ? <Button label={t('participation.moderation.hide')} name="decision" value="hide" kind="secondary" /> : ''}
                    </div>
                  </Form>
                </li>
              );
            })}
          </ol>
          <Pagination ctx={ctx} info={info} baseHref={q(status)} />
        </>
      ) : <EmptyState text={t(`participation.moderation.empty.${status}`)} />}
    </Page>
  );
}
