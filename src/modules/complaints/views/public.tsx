// The public side of complaints: the two lanes, the form, the receipt, following a case, the guideline.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, Checkbox, DateInput, EmptyState, ErrorSummary, Field, FileField, Form, Select, TextArea, Time, type FormState } from '../../../platform/views/components.tsx';
import { formatBytes } from '../../../platform/i18n/index.ts';
import { CATEGORIES, type Lane } from '../kinds.ts';
import { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, type Report } from '../intake.ts';

const crumbs = (ctx: ViewCtx) => [{ href: '/', label: ctx.t('nav.home') }, { href: '/complaints', label: ctx.t('complaints.title') }];
const QUICK_EXIT = 'https://www.tmd.go.th/';

export function ComplaintsIndexPage({ ctx, nacc, pacc, ready }: { ctx: ViewCtx; nacc: string; pacc: string; ready: boolean }) {
  const t = ctx.t;
  const s = ctx.site;
  return (
    <Page ctx={ctx} title={t('complaints.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('complaints.title')}</h1>
      <p class="lead" safe>{t('complaints.intro')}</p>
      {ready ? '' : <div class="notice" role="note"><p safe>{t('complaints.err.notReady')}</p></div>}
      <ul class="cards">
        {(['general', 'corruption'] as const).map((lane) => (
          <li class="card">
            <h2 safe>{t(`complaints.lane.${lane}`)}</h2>
            <p safe>{t(`complaints.lane.${lane}.about`)}</p>
            {ready ? <p><a class="btn btn-primary" href={`/complaints/new?type=${lane}`} safe>{t('complaints.start', { lane: t(`complaints.lane.${lane}`) })}</a></p> : ''}
          </li>
        ))}
      </ul>
      <p><a class="btn btn-secondary" href="/complaints/follow" safe>{t('complaints.follow.link')}</a></p>
      <section aria-labelledby="channels-title">
        <h2 id="channels-title" safe>{t('complaints.channels')}</h2>
        <ul>
          <li safe>{t('complaints.channels.web')}</li>
          {s.phone ? <li safe>{t('complaints.channels.phone', { phone: s.phone })}</li> : ''}
          {s.email ? <li safe>{t('complaints.channels.email', { email: s.email })}</li> : ''}
          {s.address ? <li safe>{t('complaints.channels.letter', { address: s.address })}</li> : ''}
          {s.hours ? <li safe>{t('complaints.channels.inPerson', { hours: s.hours })}</li> : ''}
          {s.channels.map((c) => <li><a href={c.url} safe>{c.label}</a></li>)}
        </ul>
        <h3 safe>{t('complaints.national')}</h3>
        <ul>
          <li><a href={nacc} rel="noreferrer" safe>{t('complaints.national.nacc')}</a></li>
          <li><a href={pacc} rel="noreferrer" safe>{t('complaints.national.pacc')}</a></li>
          <li safe>{t('complaints.national.damrongtham')}</li>
        </ul>
      </section>
      <ul class="plain">
        <li><a href="/complaints/guideline" safe>{t('complaints.guideline.link')}</a></li>
        <li><a href={`/complaints/statistics/${ctx.fiscalYear}`} safe>{t('complaints.statistics.link')}</a></li>
      </ul>
    </Page>
  );
}

export const caseLabels = (ctx: ViewCtx): Record<string, string> => ({
  category: ctx.t('complaints.field.category'), subject: ctx.t('complaints.field.subject'), description: ctx.t('complaints.field.description'), who: ctx.t('complaints.field.who'),
  when: ctx.t('complaints.field.when'), where: ctx.t('complaints.field.where'), name: ctx.t('complaints.field.name'), national_id: ctx.t('complaints.field.national_id'),
  phone: ctx.t('complaints.field.phone'), email: ctx.t('complaints.field.email'), address: ctx.t('complaints.field.address'), consent: ctx.t('complaints.privacy.title'),
  channel: ctx.t('complaints.field.channel'), _form: '',
  ...Object.fromEntries(Array.from({ length: MAX_FILES }, (_, i) => [`file${i + 1}`, ctx.t('complaints.field.fileN', { n: i + 1 })])),
});

/** The fields of a case, shared by the public form and the officers' record form. */
export function CaseFields({ ctx, form, lane, retentionDays, staff }: { ctx: ViewCtx; form: FormState; lane: Lane; retentionDays: number; staff?: boolean }) {
  const t = ctx.t;
  const l = caseLabels(ctx);
  const quiet = staff || lane === 'corruption';
  return (
    <>
      <Select ctx={ctx} form={form} name="category" label={l.category!} required options={[{ value: '', label: '—' }, ...CATEGORIES[lane].map((c) => ({ value: c, label: t(`complaints.cat.${c}` as 'complaints.cat.other') }))]} />
      <Field ctx={ctx} form={form} name="subject" label={l.subject!} hint={t('complaints.field.subjectHint')} required maxlength={200} size="wide" />
      <TextArea ctx={ctx} form={form} name="description" label={l.description!} hint={t('complaints.field.descriptionHint')} required rows={8} maxlength={10000} />
      <Field ctx={ctx} form={form} name="who" label={l.who!} hint={t('complaints.field.whoHint')} maxlength={500} size="wide" />
      <DateInput ctx={ctx} form={form} name="when" label={l.when!} />
      <Field ctx={ctx} form={form} name="where" label={l.where!} maxlength={300} size="wide" />
      <fieldset class="field">
        <legend safe>{t('complaints.field.files')}</legend>
        <p class="hint" safe>{t('complaints.field.filesHint', { n: MAX_FILES, each: MAX_FILE_BYTES / 1024 / 1024, total: MAX_TOTAL_BYTES / 1024 / 1024 })}</p>
        {Array.from({ length: MAX_FILES }, (_, i) => <FileField ctx={ctx} form={form} name={`file${i + 1}`} label={l[`file${i + 1}`]!} accept="image/jpeg,image/png,image/webp,application/pdf" />)}
      </fieldset>
      {/* a whistleblower's details are neither offered from nor saved to a (maybe shared) browser's autofill */}
      <details class="identity" open={lane === 'general' || staff || ['name', 'national_id', 'phone', 'email', 'address'].some((k) => form.values[k] || form.errors[k])}>
        <summary safe>{t('complaints.identity.title')}</summary>
        <Field ctx={ctx} form={form} name="name" label={l.name!} maxlength={200} autocomplete={quiet ? 'off' : 'name'} />
        <Field ctx={ctx} form={form} name="national_id" label={l.national_id!} hint={t('complaints.field.national_idHint')} inputmode="numeric" maxlength={30} size="short" autocomplete="off" />
        <Field ctx={ctx} form={form} name="phone" label={l.phone!} type="tel" maxlength={40} autocomplete={quiet ? 'off' : 'tel'} />
        <Field ctx={ctx} form={form} name="email" label={l.email!} type="email" maxlength={200} autocomplete={quiet ? 'off' : 'email'} />
        <TextArea ctx={ctx} form={form} name="address" label={l.address!} rows={2} maxlength={1000} />
      </details>
      {staff ? '' : (
        <section class="notice" aria-labelledby="privacy-title">
          <h2 id="privacy-title" safe>{t('complaints.privacy.title')}</h2>
          <p safe>{t('complaints.privacy.body', { days: retentionDays })}</p>
          <div class={form.errors.consent ? 'field-has-error' : undefined}>
            {form.errors.consent ? <p class="field-error" id="f-consent-error" safe>{form.errors.consent}</p> : ''}
            <Checkbox form={form} name="consent" label={t('complaints.field.consent')} />
          </div>
        </section>
      )}
    </>
  );
}

export function ComplaintFormPage({ ctx, form, lane, retentionDays }: { ctx: ViewCtx; form: FormState; lane: Lane; retentionDays: number }) {
  const t = ctx.t;
  const title = t('complaints.form.title', { lane: t(`complaints.lane.${lane}`) });
  return (
    <Page ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <p class="quick-exit"><a class="btn btn-danger" href={QUICK_EXIT} rel="noreferrer" safe>{t('complaints.quickExit')}</a> <span class="hint" safe>{t('complaints.quickExit.hint')}</span></p>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={caseLabels(ctx)} />
      {lane === 'corruption' ? <p safe>{t('complaints.form.anonymous')}</p> : ''}
      <Form ctx={ctx} action={`/complaints/new?type=${lane}`} multipart>
        <CaseFields ctx={ctx} form={form} lane={lane} retentionDays={retentionDays} />
        <Button label={t('complaints.send')} />
      </Form>
    </Page>
  );
}

export function ReceiptPage({ ctx, receipt, lane, at, ackDays }: { ctx: ViewCtx; receipt: string; lane: Lane; at: string; ackDays: number }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('complaints.receipt.title')} breadcrumbs={crumbs(ctx)}>
      <div class="panel-confirm" role="status">
        <h1 safe>{t('complaints.receipt.title')}</h1>
        <p safe>{t(`complaints.lane.${lane}`)}</p>
        <p><span safe>{t('complaints.receipt.code')}</span><br /><strong class="receipt" safe>{receipt}</strong></p>
        <p><Time ctx={ctx} at={at} withTime /></p>
      </div>
      <p><strong safe>{t('complaints.receipt.keep')}</strong></p>
      <p safe>{t('complaints.receipt.print')}</p>
      <p safe>{t('complaints.receipt.next', { days: ackDays })}</p>
      <p><a href="/complaints/follow" safe>{t('complaints.follow.link')}</a></p>
    </Page>
  );
}

export function FollowPage({ ctx, form }: { ctx: ViewCtx; form: FormState }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('complaints.follow.title')} breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('complaints.follow.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ receipt: t('complaints.receipt.code') }} />
      <Form ctx={ctx} action="/complaints/follow">
        <Field ctx={ctx} form={form} name="receipt" label={t('complaints.receipt.code')} hint={t('complaints.follow.hint')} required inputmode="numeric" maxlength={40} autocomplete="off" />
        <Button label={t('complaints.follow.submit')} />
      </Form>
    </Page>
  );
}

export interface ComplainantView {
  status: string;
  lane: Lane;
  receivedAt: string;
  report: Report;
  history: Array<{ status: string; at: string }>;
  messages: Array<{ id: number; author: string; at: string; text: string }>;
  files: Array<{ id: number; messageId: number | null; name: string; ext: string; size: number }>;
}

export function CasePage({ ctx, v, form }: { ctx: ViewCtx; v: ComplainantView; form: FormState }) {
  const t = ctx.t;
  const filesOf = (messageId: number | null) => v.files.filter((f) => f.messageId === messageId);
  const FileLinks = ({ list }: { list: ComplainantView['files'] }) =>
    list.length ? <ul class="attachments">{list.map((f) => <li><a href={`/complaints/case/files/${f.id}`} safe>{f.name}</a> <span class="muted nowrap" safe>{`(${f.ext.toUpperCase()}, ${formatBytes(ctx.lang, f.size)})`}</span></li>)}</ul> : '';
  return (
    <Page ctx={ctx} title={t('complaints.case.title')} breadcrumbs={crumbs(ctx)}>
      <p class="quick-exit"><a class="btn btn-danger" href={QUICK_EXIT} rel="noreferrer" safe>{t('complaints.quickExit')}</a></p>
      <h1 safe>{t('complaints.case.title')}</h1>
      <dl class="meta">
        <dt safe>{t('complaints.case.status')}</dt><dd><strong class="tag" safe>{t(`complaints.status.${v.status}` as 'complaints.status.received')}</strong></dd>
        <dt safe>{t('complaints.staff.lane')}</dt><dd safe>{t(`complaints.lane.${v.lane}`)}</dd>
        <dt safe>{t('complaints.staff.received')}</dt><dd><Time ctx={ctx} at={v.receivedAt} withTime /></dd>
      </dl>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title" safe>{t('complaints.case.timeline')}</h2>
        <ol class="timeline">{v.history.map((h) => <li><Time ctx={ctx} at={h.at} withTime /> — <span safe>{t(`complaints.status.${h.status}` as 'complaints.status.received')}</span></li>)}</ol>
      </section>
      <section aria-labelledby="report-title">
        <h2 id="report-title" safe>{t('complaints.case.report')}</h2>
        <h3 safe>{v.report.subject}</h3>
        <p class="pre" safe>{v.report.description}</p>
        <FileLinks list={filesOf(null)} />
      </section>
      <section aria-labelledby="messages-title">
        <h2 id="messages-title" safe>{t('complaints.case.messages')}</h2>
        {v.messages.length === 0 ? <EmptyState text={t('complaints.case.noMessages')} /> : (
          <ol class="messages">
            {v.messages.map((m) => (
              <li class={`message message-${m.author}`}>
                <p class="muted"><strong safe>{t(m.author === 'complainant' ? 'complaints.case.fromYou' : 'complaints.case.fromOfficer')}</strong> · <Time ctx={ctx} at={m.at} withTime /></p>
                <p class="pre" safe>{m.text}</p>
                <FileLinks list={filesOf(m.id)} />
              </li>
            ))}
          </ol>
        )}
      </section>
      {v.status === 'closed' ? <p class="notice" safe>{t('complaints.case.closedNote')}</p> : (
        <section aria-labelledby="reply-title">
          <h2 id="reply-title" safe>{t('complaints.case.reply')}</h2>
          <ErrorSummary ctx={ctx} form={form} labels={{ body: t('complaints.case.replyBody'), ...Object.fromEntries(Array.from({ length: MAX_FILES }, (_, i) => [`file${i + 1}`, t('complaints.field.fileN', { n: i + 1 })])) }} />
          <Form ctx={ctx} action="/complaints/case/reply" multipart>
            <TextArea ctx={ctx} form={form} name="body" label={t('complaints.case.replyBody')} rows={4} maxlength={10000} />
            {Array.from({ length: MAX_FILES }, (_, i) => <FileField ctx={ctx} form={form} name={`file${i + 1}`} label={t('complaints.field.fileN', { n: i + 1 })} accept="image/jpeg,image/png,image/webp,application/pdf" />)}
            <Button label={t('complaints.case.send')} />
          </Form>
        </section>
      )}
      <Form ctx={ctx} action="/complaints/case/leave"><Button kind="secondary" label={t('complaints.case.leave')} /></Form>
    </Page>
  );
}

export function GuidelinePage({ ctx, paragraphs }: { ctx: ViewCtx; paragraphs: Array<{ heading?: string; items: string[] }> }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('complaints.guideline.title')} breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('complaints.guideline.title')}</h1>
      {paragraphs.map((p) => (
        <section>
          {p.heading ? <h2 safe>{p.heading}</h2> : ''}
          <ol>{p.items.map((i) => <li safe>{i}</li>)}</ol>
        </section>
      ))}
    </Page>
  );
}
