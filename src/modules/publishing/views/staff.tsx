import { escapeHtml } from '@kitajs/html';
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, DateInput, Time, Checkbox, emptyForm, EmptyState, ErrorSummary, Field, FileField, Form, Pagination, Select, TextArea, type FormState, type PageInfo } from '../../../platform/views/components.tsx';
import { can } from '../../../platform/auth/roles.ts';
import { fileUrl } from '../../../platform/files/index.ts';
import { formatBytes } from '../../../platform/i18n/index.ts';
import { formatDate } from '../../../platform/thai/index.ts';
import { catKey, contentUrl, FORMATS, KINDS, kindKey, STATUSES, statusKey } from '../kinds.ts';
import { TEMPLATES } from '../templates.ts';
import { categoryChoices, categoryLabel } from './parts.tsx';
import type { Attachment, Content, ContentDraft } from '../store.ts';
import { approvalBar, pendingOf, type Pending } from '../review.ts';
import { isPublic } from '../store.ts';
import { revisionNote } from '../history.ts';
import { Msg, thaiLang, thaiPart } from '../../../platform/views/text.tsx';

const crumbs = (ctx: ViewCtx) => [{ href: '/staff', label: ctx.t('nav.staff') }, { href: '/staff/content', label: ctx.t('pub.staff.title') }];

export function statusLabel(ctx: ViewCtx, c: Pick<Content, 'status' | 'published_at'>): string {
  if (c.status === 'published' && !isPublic(c)) return ctx.t('pub.status.scheduled');
  return ctx.t(statusKey(c.status));
}

export function ContentListPage({ ctx, rows, info, filter }: { ctx: ViewCtx; rows: Content[]; info: PageInfo; filter: { kind: string; status: string; q: string; queue: string } }) {
  const t = ctx.t;
  const qs = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as Array<[string, string]>);
  return (
    <Page ctx={ctx} title={t('pub.staff.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{filter.queue ? `${t('pub.staff.title')}: ${t(filter.queue === 'approve' ? 'pub.queue.approve' : 'pub.queue.returned')}` : t('pub.staff.title')}</h1>
      {can(ctx.user, 'content.edit') ? (
        <ul class="plain inline-list">
          {KINDS.map((k) => <li><a class="btn btn-primary" href={`/staff/content/new?kind=${k}`} safe>{t('pub.staff.newKind', { kind: t(kindKey(k)) })}</a></li>)}
        </ul>
      ) : ''}
      <form method="get" action="/staff/content" class="filters" role="search">
        <div class="field">
          <label for="f-q" safe>{t('pub.staff.search')}</label>
          <input type="search" id="f-q" name="q" value={filter.q} maxlength="100" />
        </div>
        <div class="field">
          <label for="f-kind" safe>{t('pub.field.kind')}</label>
          <select id="f-kind" name="kind">
            <option value="" safe>{t('pub.field.anyKind')}</option>
            {KINDS.map((k) => <option value={k} selected={k === filter.kind} safe>{t(kindKey(k))}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-status" safe>{t('pub.staff.status')}</label>
          <select id="f-status" name="status">
            <option value="" safe>{t('pub.staff.anyStatus')}</option>
            {STATUSES.map((s) => <option value={s} selected={s === filter.status} safe>{t(statusKey(s))}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-queue" safe>{t('pub.staff.queue')}</label>
          <select id="f-queue" name="queue">
            <option value="" safe>{t('pub.staff.anyQueue')}</option>
            {can(ctx.user, 'content.publish') ? <option value="approve" selected={filter.queue === 'approve'} safe>{t('pub.queue.approve')}</option> : ''}
            {can(ctx.user, 'content.edit') ? <option value="returned" selected={filter.queue === 'returned'} safe>{t('pub.queue.returned')}</option> : ''}
          </select>
        </div>
        <div class="actions"><button type="submit" class="btn btn-secondary" safe>{t('form.filter')}</button></div>
      </form>
      {rows.length === 0 ? <EmptyState text={t('pub.staff.empty')} /> : (
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('pub.staff.title')}>
          <table>
            <thead><tr><th scope="col" safe>{t('pub.field.title_th')}</th><th scope="col" safe>{t('pub.field.kind')}</th><th scope="col" safe>{t('pub.staff.status')}</th><th scope="col" safe>{t('pub.field.fiscalYear')}</th><th scope="col" safe>{t('pub.staff.lastChange')}</th></tr></thead>
            <tbody>
              {rows.map((c) => (
                <tr>
                  <td><a href={`/staff/content/${c.id}`} lang={thaiLang(ctx, c.title_th)} safe>{c.title_th}</a></td>
                  <td safe>{t(kindKey(c.kind))}</td>
                  <td safe>{statusLabel(ctx, c)}</td>
                  <td>{c.fiscal_year ? String(c.fiscal_year) : '—'}</td>
                  <td><Time ctx={ctx} at={c.updated_at} style="medium" withTime /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} info={info} baseHref={`/staff/content${qs.size ? `?${qs}` : ''}`} />
    </Page>
  );
}

/** Files that can be attached on the form that creates an item (more are added on its page). */
export const ATTACHMENT_SLOTS = 3;
const ATTACHMENT_ACCEPT = '.pdf,.docx,.xlsx,image/png,image/jpeg,image/webp';

export const contentLabels = (ctx: ViewCtx): Record<string, string> => ({
  title_th: ctx.t('pub.field.title_th'), title_en: ctx.t('pub.field.title_en'), summary_th: ctx.t('pub.field.summary_th'), summary_en: ctx.t('pub.field.summary_en'),
  category: ctx.t('pub.field.category'), fiscal_year: ctx.t('pub.field.fiscalYear'), period: ctx.t('pub.field.period'), body_format: ctx.t('pub.field.body_format'),
  body_th: ctx.t('pub.field.body_th'), body_en: ctx.t('pub.field.body_en'), slug: ctx.t('pub.field.slug'), signoff_name: ctx.t('pub.field.signoff_name'),
  signoff_position: ctx.t('pub.field.signoff_position'), signoff_date: ctx.t('pub.field.signoff_date'), cover: ctx.t('pub.field.cover'), kind: ctx.t('pub.field.kind'), _form: '',
  ...Object.fromEntries(Array.from({ length: ATTACHMENT_SLOTS }, (_, i) => [[`attachment${i + 1}`, ctx.t('pub.field.attachmentN', { n: i + 1 })], [`attachment${i + 1}_label`, ctx.t('pub.field.attachmentLabel')]]).flat()),
});

/** The templates a new document can start from (a GET form: nothing is saved), grouped like the categories. */
function TemplatePicker({ ctx, chosen }: { ctx: ViewCtx; chosen: { template: string; year: number } | null }) {
  const t = ctx.t;
  const form = { ...emptyForm({ template: chosen?.template ?? '', fy: chosen ? String(chosen.year) : '' }), idPrefix: 'tpl-' };
  const keys = Object.keys(TEMPLATES);
  const choices = categoryChoices(ctx);
  const only = (os: Array<{ value: string; label: string }>) => os.filter((o) => keys.includes(o.value));
  return (
    <section class="panel" aria-labelledby="tpl-title">
      <h2 id="tpl-title" safe>{t('pub.tpl.title')}</h2>
      <p class="hint" safe>{t('pub.tpl.intro')}</p>
      <form method="get" action="/staff/content/new" class="filters">
        <input type="hidden" name="kind" value="document" />
        <Select ctx={ctx} form={form} name="template" label={t('pub.tpl.field')} options={only(choices.options)} groups={choices.groups.map((g) => ({ label: g.label, options: only(g.options) })).filter((g) => g.options.length)} />
        <Field ctx={ctx} form={form} name="fy" label={t('pub.tpl.year')} hint={t('pub.tpl.yearHint')} inputmode="numeric" size="short" maxlength={4} />
        <div class="actions"><button type="submit" class="btn btn-secondary" safe>{t('pub.tpl.use')}</button></div>
      </form>
    </section>
  );
}

export function ContentFormPage({ ctx, form, kind, content, pending, template }: { ctx: ViewCtx; form: FormState; kind: string; content: Content | null; pending?: boolean; template?: { template: string; year: number } | null }) {
  const t = ctx.t;
  const l = contentLabels(ctx);
  const title = content ? `${t('pub.staff.edit')}: ${content.title_th}` : t('pub.staff.newKind', { kind: t(kindKey(kind)) });
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={crumbs(ctx)}>
      {content ? <h1><span safe>{`${t('pub.staff.edit')}: `}</span><span lang={thaiLang(ctx, content.title_th)} safe>{content.title_th}</span></h1> : <h1 safe>{title}</h1>}
      <ErrorSummary ctx={ctx} form={form} labels={l} />
      {pending ? <div class="notice" role="note"><p safe>{t('pub.staff.editPublishedHint')}</p></div> : ''}
      {template ? <div class="flash flash-info" role="status"><p safe>{t('pub.tpl.applied', { name: t(catKey(template.template)), year: template.year })}</p></div> : ''}
      {!content && kind === 'document' ? <TemplatePicker ctx={ctx} chosen={template ?? null} /> : ''}
      <Form ctx={ctx} action={content ? `/staff/content/${content.id}/edit` : `/staff/content/new?kind=${kind}`} multipart>
        <input type="hidden" name="kind" value={kind} />
        <Field ctx={ctx} form={form} name="title_th" label={l.title_th!} required maxlength={300} size="wide" lang={thaiPart(ctx)} />
        <Field ctx={ctx} form={form} name="title_en" label={l.title_en!} maxlength={300} size="wide" lang="en" />
        <TextArea ctx={ctx} form={form} name="summary_th" label={l.summary_th!} rows={2} maxlength={1000} lang={thaiPart(ctx)} />
        <TextArea ctx={ctx} form={form} name="summary_en" label={l.summary_en!} rows={2} maxlength={1000} lang="en" />
        {kind === 'document' ? <Select ctx={ctx} form={form} name="category" label={l.category!} required {...categoryChoices(ctx)} /> : <input type="hidden" name="category" value="" />}
        <Field ctx={ctx} form={form} name="fiscal_year" label={l.fiscal_year!} inputmode="numeric" size="short" maxlength={4} />
        {kind === 'document' ? <DateInput ctx={ctx} form={form} name="period" kind="month" label={l.period!} /> : ''}
        <Select ctx={ctx} form={form} name="body_format" label={l.body_format!} options={FORMATS.map((f) => ({ value: f, label: t(`pub.format.${f}`) }))} />
        <TextArea ctx={ctx} form={form} name="body_th" label={l.body_th!} hint={t('pub.field.bodyHint')} rows={12} maxlength={100000} lang={thaiPart(ctx)} />
        <TextArea ctx={ctx} form={form} name="body_en" label={l.body_en!} rows={6} maxlength={100000} lang="en" />
        <Field ctx={ctx} form={form} name="slug" label={l.slug!} hint={t('pub.field.slugHint')} maxlength={80} lang="en" />
        {kind === 'document' ? (
          <fieldset class="field">
            <legend safe>{t('pub.meta.signoff')}</legend>
            <Checkbox form={form} name="is_signoff_required" label={t('pub.field.signoff')} />
            <Field ctx={ctx} form={form} name="signoff_name" label={l.signoff_name!} maxlength={200} />
            <Field ctx={ctx} form={form} name="signoff_position" label={l.signoff_position!} maxlength={200} />
            <DateInput ctx={ctx} form={form} name="signoff_date" label={l.signoff_date!} />
          </fieldset>
        ) : ''}
        {kind !== 'page' ? <FileField ctx={ctx} form={form} name="cover" label={l.cover!} accept="image/png,image/jpeg,image/webp" /> : ''}
        {content ? '' : (
          <fieldset class="field">
            <legend safe>{t('pub.staff.attachments')}</legend>
            <p class="hint" safe>{t('pub.field.newAttachmentsHint', { n: ATTACHMENT_SLOTS })}</p>
            {Array.from({ length: ATTACHMENT_SLOTS }, (_, i) => (
              <div class="attachment-slot">
                <FileField ctx={ctx} form={form} name={`attachment${i + 1}`} label={t('pub.field.attachmentN', { n: i + 1 })} accept={ATTACHMENT_ACCEPT} />
                <Field ctx={ctx} form={form} name={`attachment${i + 1}_label`} label={t('pub.field.attachmentLabel')} maxlength={200} size="wide" />
              </div>
            ))}
          </fieldset>
        )}
        <div class="actions">
          <Button label={t('form.save')} />
          <a href={content ? `/staff/content/${content.id}` : '/staff/content'} safe>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}

export interface RevisionRow {
  revision: number;
  status: string;
  changed_at: string;
  note: string;
  username: string | null;
  display_name: string | null;
}

/** The attachments of the version under work, with removal and upload when it may be changed. */
function AttachmentsSection({ ctx, c, attachments, mayEdit, form, title }: { ctx: ViewCtx; c: Content; attachments: Attachment[]; mayEdit: boolean; form: FormState; title: string }) {
  const t = ctx.t;
  const safeRemove = escapeHtml(t('pub.staff.removeAttachment'));
  return (
    <section id="attachments" aria-labelledby="att-title">
      <h2 id="att-title" safe>{title}</h2>
      {attachments.length === 0 ? <p safe>{t('pub.staff.noAttachments')}</p> : (
        <ul class="attachments">
          {attachments.map((a) => (
            <li>
              <a href={fileUrl(a)} lang={thaiLang(ctx, a.label || a.original_name)} safe>{a.label || a.original_name}</a> <span class="muted" safe>{`(${a.ext.toUpperCase()}, ${formatBytes(ctx.lang, a.size_bytes)})`}</span>
              {mayEdit ? (
                <a href={`/staff/content/${c.id}/attachments/${a.id}/remove`}>{safeRemove}<span class="visually-hidden">{': '}</span><span class="visually-hidden" lang={thaiLang(ctx, a.label || a.original_name)} safe>{a.label || a.original_name}</span></a>
              ) : ''}
            </li>
          ))}
        </ul>
      )}
      {mayEdit ? (
        <Form ctx={ctx} action={`/staff/content/${c.id}/attachments`} multipart>
          <FileField ctx={ctx} form={form} name="file" label={t('pub.field.attachment')} required accept={ATTACHMENT_ACCEPT} />
          <Field ctx={ctx} form={form} name="label" label={t('pub.field.attachmentLabel')} maxlength={200} size="wide" />
          <Button kind="secondary" label={t('pub.staff.upload')} />
        </Form>
      ) : ''}
    </section>
  );
}

/** Submit, or approve and return, for the version under work (the item, or its pending changes): each opens its confirmation page. */
function ReviewActions({ ctx, c, pending }: { ctx: ViewCtx; c: Content; pending: Pending }) {
  const t = ctx.t;
  if (pending.status === 'draft') {
    return can(ctx.user, 'content.edit') ? <p><a class="btn btn-primary" href={`/staff/content/${c.id}/submit`} safe>{t('pub.staff.submit')}</a></p> : '';
  }
  if (pending.status !== 'in_review') return '';
  if (!can(ctx.user, 'content.publish')) return <p safe>{t('pub.staff.waitingFor')}</p>;
  const bar = ctx.user ? approvalBar(pending, ctx.user.id) : null;
  return (
    <>
      {bar ? <p safe>{t(bar)}</p> : ''}
      <p><a class={`btn ${bar ? 'btn-secondary' : 'btn-primary'}`} href={`/staff/content/${c.id}/approve`} safe>{t(bar ? 'pub.staff.reviewToReturn' : pending.draft ? 'pub.staff.reviewChanges' : 'pub.staff.review')}</a></p>
    </>
  );
}

export function ContentDetailPage({ ctx, c, attachments, revisions, form, pending: draft }: { ctx: ViewCtx; c: Content; attachments: Attachment[]; revisions: RevisionRow[]; form: FormState; pending: { draft: ContentDraft; attachments: Attachment[] } | null }) {
  const t = ctx.t;
  const approver = can(ctx.user, 'content.publish');
  const editor = can(ctx.user, 'content.edit');
  const pending = pendingOf(c, draft?.draft);
  const mayEdit = editor && c.status !== 'archived';
  const labels = { ...contentLabels(ctx), publish_at: t('pub.field.publish_at'), note: t('pub.field.note'), file: t('pub.field.attachment'), label: t('pub.field.attachmentLabel'), revision: t('pub.staff.revision', { n: '' }).trim() };
  return (
    <Page ctx={ctx} title={c.title_th} staff breadcrumbs={crumbs(ctx)}>
      <h1 lang={thaiLang(ctx, c.title_th)} safe>{c.title_th}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <p><span class="tag" safe>{t(kindKey(c.kind))}</span> <span class="tag status" safe>{statusLabel(ctx, c)}</span></p>
      <dl class="meta">
        <dt safe>{t('pub.field.slug')}</dt><dd><code safe>{contentUrl(c.kind, c.slug)}</code></dd>
        {c.published_at ? <><dt safe>{t('pub.meta.published')}</dt><dd safe>{formatDate(c.published_at, { lang: ctx.lang, withTime: true })}</dd></> : ''}
        {c.category ? <><dt safe>{t('pub.field.category')}</dt><dd safe>{categoryLabel(ctx, c.category)}</dd></> : ''}
        {c.fiscal_year ? <><dt safe>{t('pub.field.fiscalYear')}</dt><dd safe>{String(c.fiscal_year)}</dd></> : ''}
      </dl>
      {c.review_note && c.status === 'draft' ? <div class="flash flash-error" role="status"><p><Msg ctx={ctx} k="pub.staff.returnNote" vars={{ note: c.review_note }} /></p></div> : ''}
      <div class="actions">
        {mayEdit ? <a class="btn btn-secondary" href={`/staff/content/${c.id}/edit`} safe>{c.status === 'published' ? t('pub.staff.proposeChanges') : t('pub.staff.edit')}</a> : ''}
        {isPublic(c) ? <a href={contentUrl(c.kind, c.slug)} safe>{t('pub.staff.viewPublic')}</a> : ''}
        {!isPublic(c) || draft ? <a href={`/staff/content/${c.id}/preview`} safe>{draft ? t('pub.staff.previewChanges') : t('pub.staff.preview')}</a> : ''}
      </div>

      {draft ? (
        <section aria-labelledby="pending-title" class="pending">
          <h2 id="pending-title" safe>{t('pub.staff.pendingTitle', { revision: draft.draft.revision })}</h2>
          <p safe>{t('pub.staff.pendingIntro')}</p>
          <p><span class="tag status" safe>{t(statusKey(draft.draft.status))}</span></p>
          {draft.draft.review_note && draft.draft.status === 'draft' ? <div class="flash flash-error" role="status"><p><Msg ctx={ctx} k="pub.staff.returnNote" vars={{ note: draft.draft.review_note }} /></p></div> : ''}
          <ReviewActions ctx={ctx} c={c} pending={pending} />
          {editor ? <Form ctx={ctx} action={`/staff/content/${c.id}/discard`}><Button kind="secondary" label={t('pub.staff.discard')} /></Form> : ''}
        </section>
      ) : ''}

      <section aria-labelledby="workflow-title">
        <h2 id="workflow-title" safe>{t('pub.staff.workflow')}</h2>
        {draft ? '' : <ReviewActions ctx={ctx} c={c} pending={pending} />}
        {c.status === 'published' && approver ? (
          <Form ctx={ctx} action={`/staff/content/${c.id}/archive`}><Button kind="danger" label={t('pub.staff.archive')} /></Form>
        ) : ''}
        {c.status === 'archived' && approver ? (
          <Form ctx={ctx} action={`/staff/content/${c.id}/reopen`}><Button kind="secondary" label={t('pub.staff.reopen')} /></Form>
        ) : ''}
      </section>

      {draft ? (
        <>
          <AttachmentsSection ctx={ctx} c={c} attachments={draft.attachments} mayEdit={mayEdit} form={form} title={t('pub.staff.pendingAttachments')} />
          <section aria-labelledby="live-att-title">
            <h2 id="live-att-title" safe>{t('pub.staff.liveAttachments')}</h2>
            {attachments.length === 0 ? <p safe>{t('pub.staff.noAttachments')}</p> : <ul class="attachments">{attachments.map((a) => <li><a href={fileUrl(a)} lang={thaiLang(ctx, a.label || a.original_name)} safe>{a.label || a.original_name}</a></li>)}</ul>}
          </section>
        </>
      ) : (
        <AttachmentsSection ctx={ctx} c={c} attachments={attachments} mayEdit={mayEdit} form={form} title={c.status === 'published' ? t('pub.staff.liveAttachments') : t('pub.staff.attachments')} />
      )}

      <section aria-labelledby="rev-title">
        <h2 id="rev-title" safe>{t('pub.staff.history')}</h2>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="rev-title">
          <table>
            <thead><tr><th scope="col">#</th><th scope="col" safe>{t('audit.at')}</th><th scope="col" safe>{t('audit.actor')}</th><th scope="col" safe>{t('pub.staff.status')}</th><th scope="col" safe>{t('audit.summary')}</th></tr></thead>
            <tbody>
              {revisions.map((r) => (
                <tr>
                  <td safe>{String(r.revision)}</td>
                  <td><Time ctx={ctx} at={r.changed_at} style="medium" withTime /></td>
                  <td lang={thaiLang(ctx, r.display_name)} safe>{r.display_name ?? r.username ?? t('audit.who.system')}</td>
                  <td safe>{t(statusKey(r.status))}</td>
                  <td lang={thaiLang(ctx, revisionNote(t, ctx.lang, r.note))} safe>{revisionNote(t, ctx.lang, r.note)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Page>
  );
}
