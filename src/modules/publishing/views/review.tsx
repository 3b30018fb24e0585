// The confirmation steps of publishing: the check page before sending for approval, the approval page that shows what
// is approved, and the question before a file is removed (GOV.UK check-answers and confirmation patterns).
import { escapeHtml } from '@kitajs/html';
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, DateInput, ErrorSummary, Form, TextArea, type FormState } from '../../../platform/views/components.tsx';
import { formatBytes } from '../../../platform/i18n/index.ts';
import { formatDate, formatMonth } from '../../../platform/thai/index.ts';
import { catKey, kindKey } from '../kinds.ts';
import type { Attachment, Content } from '../store.ts';
import { Msg, thaiLang, thaiPart } from '../../../platform/views/text.tsx';

const crumbs = (ctx: ViewCtx, c: Content) => [
  { href: '/staff', label: ctx.t('nav.staff') },
  { href: '/staff/content', label: ctx.t('pub.staff.title') },
  { href: `/staff/content/${c.id}`, label: c.title_th },
];

/** What will be sent or approved, as a summary list; each part the writer can change links to the form. */
export function Summary({ ctx, c, attachments, revision, change }: { ctx: ViewCtx; c: Content; attachments: Attachment[]; revision: number; change: boolean }) {
  const t = ctx.t;
  const none = t('pub.check.none');
  const safeChange = escapeHtml(t('pub.check.change'));
  const row = (label: string, value: string, lang?: string) => (
    <div class="summary-row">
      <dt safe>{label}</dt>
      <dd lang={lang ?? thaiLang(ctx, value)} safe>{value || none}</dd>
      {change ? <dd class="summary-action"><a href={`/staff/content/${c.id}/edit`}>{safeChange}<span class="visually-hidden" safe>{` ${label}`}</span></a></dd> : ''}
    </div>
  );
  const signoff = c.is_signoff_required ? [c.signoff_name, c.signoff_position, c.signoff_date ? formatDate(c.signoff_date, { lang: ctx.lang }) : ''].filter(Boolean).join(' · ') : t('pub.check.noSignoff');
  return (
    <dl class="summary-list">
      {row(t('pub.field.title_th'), c.title_th)}
      {row(t('pub.field.title_en'), c.title_en, 'en')}
      {row(t('pub.field.kind'), t(kindKey(c.kind)))}
      {c.kind === 'document' ? row(t('pub.field.category'), c.category ? t(catKey(c.category)) : '') : ''}
      {row(t('pub.field.fiscalYear'), c.fiscal_year ? String(c.fiscal_year) : '')}
      {c.kind === 'document' ? row(t('pub.meta.period'), c.period ? formatMonth(c.period, ctx.lang) : '') : ''}
      {c.kind === 'document' ? row(t('pub.meta.signoff'), signoff) : ''}
      <div class="summary-row">
        <dt safe>{t('pub.staff.attachments')}</dt>
        <dd>
          {attachments.length ? (
            <ul class="plain">{attachments.map((a) => <li><span lang={thaiLang(ctx, a.label || a.original_name)} safe>{a.label || a.original_name}</span> <span class="muted nowrap" safe>{`(${a.ext.toUpperCase()}, ${formatBytes(ctx.lang, a.size_bytes)})`}</span></li>)}</ul>
          ) : <span safe>{none}</span>}
        </dd>
        {change ? <dd class="summary-action"><a href={`/staff/content/${c.id}#attachments`}>{safeChange}<span class="visually-hidden" safe>{` ${t('pub.staff.attachments')}`}</span></a></dd> : ''}
      </div>
      {row(t('pub.check.revision'), String(revision))}
    </dl>
  );
}

/** Before sending for approval: is this what should be sent? */
export function SubmitCheckPage({ ctx, c, attachments, revision, warnings, form }: { ctx: ViewCtx; c: Content; attachments: Attachment[]; revision: number; warnings: string[]; form: FormState }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('pub.check.title')} staff breadcrumbs={crumbs(ctx, c)}>
      <h1 safe>{t('pub.check.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ _form: '' }} />
      <p safe>{t('pub.check.intro')}</p>
      <Summary ctx={ctx} c={c} attachments={attachments} revision={revision} change />
      {warnings.length ? <div class="notice" role="note"><ul>{warnings.map((w) => <li safe>{w}</li>)}</ul></div> : ''}
      <p><a href={`/staff/content/${c.id}/preview`} safe>{t('pub.staff.preview')}</a></p>
      <Form ctx={ctx} action={`/staff/content/${c.id}/submit`}>
        <div class="actions">
          <Button label={t('pub.check.send')} />
          <a href={`/staff/content/${c.id}`} safe>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}

/** Approval: the text being approved, then the decision — approve (now or at a time) or return with a note. */
export function ApprovePage({ ctx, c, attachments, revision, changes, bar, form }: { ctx: ViewCtx; c: Content; attachments: Attachment[]; revision: number; changes: boolean; bar: string | null; form: FormState }) {
  const t = ctx.t;
  const labels = { publish_at: t('pub.field.publish_at'), note: t('pub.field.returnNote'), revision: t('pub.check.revision'), _form: '' };
  const safeBody = c.body_html_th; // sanitised when saved
  return (
    <Page ctx={ctx} title={t('pub.approve.title', { title: c.title_th })} staff breadcrumbs={crumbs(ctx, c)}>
      <h1><Msg ctx={ctx} k="pub.approve.title" vars={{ title: c.title_th }} /></h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <p safe>{t(changes ? 'pub.approve.introChanges' : 'pub.approve.intro')}</p>
      <Summary ctx={ctx} c={c} attachments={attachments} revision={revision} change={false} />
      <section aria-labelledby="approve-body" class="review-body">
        <h2 id="approve-body" safe>{t('pub.approve.text')}</h2>
        {c.summary_th ? <p class="lead" lang={thaiLang(ctx, c.summary_th)} safe>{c.summary_th}</p> : ''}
        <div class="body" lang={thaiPart(ctx)}>{safeBody}</div>
        <p><a href={`/staff/content/${c.id}/preview`} safe>{t('pub.approve.preview')}</a></p>
      </section>
      {bar ? <div class="notice" role="note"><p safe>{bar}</p></div> : (
        <section aria-labelledby="approve-decide">
          <h2 id="approve-decide" safe>{t('pub.approve.decide')}</h2>
          <Form ctx={ctx} action={`/staff/content/${c.id}/approve`}>
            <input type="hidden" name="revision" value={String(revision)} />
            {changes ? '' : <DateInput ctx={ctx} form={form} name="publish_at" kind="dateTime" label={t('pub.field.publish_at')} hint={t('pub.field.publishAtHint')} />}
            <Button label={t(changes ? 'pub.approve.confirmChanges' : 'pub.approve.confirm', { revision })} />
          </Form>
        </section>
      )}
      <section aria-labelledby="return-title">
        <h2 id="return-title" safe>{t('pub.staff.return')}</h2>
        <Form ctx={ctx} action={`/staff/content/${c.id}/return`}>
          <TextArea ctx={ctx} form={form} name="note" label={t('pub.field.returnNote')} hint={t('pub.field.returnNoteHint')} required rows={3} maxlength={1000} />
          <Button kind="secondary" label={t('pub.staff.return')} />
        </Form>
      </section>
    </Page>
  );
}

/** Removing a file asks first: which file, from which item. */
export function RemoveAttachmentPage({ ctx, c, attachment }: { ctx: ViewCtx; c: Content; attachment: Attachment }) {
  const t = ctx.t;
  const name = attachment.label || attachment.original_name;
  return (
    <Page ctx={ctx} title={t('pub.removeAtt.title')} staff breadcrumbs={crumbs(ctx, c)}>
      <h1 safe>{t('pub.removeAtt.title')}</h1>
      <p><Msg ctx={ctx} k="pub.removeAtt.question" vars={{ name, title: c.title_th }} /></p>
      <p class="muted"><span lang={thaiLang(ctx, attachment.original_name)} safe>{attachment.original_name}</span><span safe>{` (${attachment.ext.toUpperCase()}, ${formatBytes(ctx.lang, attachment.size_bytes)})`}</span></p>
      <p safe>{t(c.status === 'published' ? 'pub.removeAtt.published' : 'pub.removeAtt.draft')}</p>
      <Form ctx={ctx} action={`/staff/content/${c.id}/attachments/${attachment.id}/remove`}>
        <div class="actions">
          <Button kind="danger" label={t('pub.removeAtt.confirm')} />
          <a href={`/staff/content/${c.id}`} safe>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}
