// The public side: the catalogue, a service's manual, its request form, the confirmation with the tracking code,
// the tracking page (steps declared against actual time, history, answering, rating), and the user guide.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, Checkbox, EmptyState, ErrorSummary, Field, FileField, Form, TextArea, Time, type FormState } from '../../../platform/views/components.tsx';
import { totalMinutes, type Answer, type Request, type ServiceDef } from '../store.ts';
import { formatMinutes, type StepTiming } from '../timing.ts';
import { Answers, History, ManualSections, Name, nameText, RequestField, requestLabels, StatusTag, StepsTable, type HistoryItem } from './parts.tsx';

const crumbs = (ctx: ViewCtx) => [{ href: '/', label: ctx.t('nav.home') }, { href: '/e-service', label: ctx.t('eservice.title') }];

export function CataloguePage({ ctx, defs }: { ctx: ViewCtx; defs: ServiceDef[] }) {
  const t = ctx.t;
  const groups = [...new Set(defs.map((d) => nameText(ctx, d.service.group_th, d.service.group_en)))];
  return (
    <Page ctx={ctx} title={t('eservice.title')} description={t('eservice.intro')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('eservice.title')}</h1>
      <p class="lead" safe>{t('eservice.intro')}</p>
      <ul class="plain inline-list">
        <li><a class="btn btn-secondary" href="/e-service/track" safe>{t('eservice.track.link')}</a></li>
        <li><a href="/e-service/guide" safe>{t('eservice.guide.link')}</a></li>
        <li><a href={`/e-service/statistics/${ctx.fiscalYear}`} safe>{t('eservice.stats.link')}</a></li>
        <li><a href="/e-service/poster.pdf" safe>{t('eservice.poster.link')}</a></li>
      </ul>
      {defs.length === 0 ? <EmptyState text={t('eservice.catalogue.none')} /> : groups.map((g, gi) => (
        <section aria-labelledby={`group-${gi}`}>
          <h2 id={`group-${gi}`} lang={ctx.lang === 'en' && /[\u0E00-\u0E7F]/.test(g) ? 'th' : undefined} safe>{g || t('eservice.catalogue.other')}</h2>
          <ul class="cards">
            {defs.filter((d) => nameText(ctx, d.service.group_th, d.service.group_en) === g).map((d) => (
              <li class="card">
                <h3><a href={`/e-service/${d.service.slug}`}><Name ctx={ctx} th={d.service.name_th} en={d.service.name_en} /></a></h3>
                {d.service.summary_th ? <p><Name ctx={ctx} th={d.service.summary_th} en={d.service.summary_en} /></p> : ''}
                <p class="muted" safe>{t('eservice.catalogue.time', { time: formatMinutes(ctx.lang, totalMinutes(d.steps)), steps: d.steps.length })}</p>
                <p><a class="btn btn-primary" href={`/e-service/${d.service.slug}/request`}><span safe>{t('eservice.request.start')}</span><span class="visually-hidden" safe>{`: ${nameText(ctx, d.service.name_th, d.service.name_en)}`}</span></a></p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}

export function ServicePage({ ctx, def, unit, stepUnits }: { ctx: ViewCtx; def: ServiceDef; unit: string; stepUnits: string[] }) {
  const t = ctx.t;
  const s = def.service;
  const title = nameText(ctx, s.name_th, s.name_en);
  const base = `/e-service/${s.slug}`;
  return (
    <Page ctx={ctx} title={title} description={s.summary_th || t('eservice.intro')} breadcrumbs={crumbs(ctx)}>
      <h1><Name ctx={ctx} th={s.name_th} en={s.name_en} /></h1>
      {s.summary_th ? <p class="lead"><Name ctx={ctx} th={s.summary_th} en={s.summary_en} /></p> : ''}
      <p><a class="btn btn-primary" href={`${base}/request`} safe>{t('eservice.request.start')}</a></p>
      <p>
        <span safe>{`${t('eservice.manual.download')}: `}</span>
        <a href={`${base}/manual.pdf`} safe>{t('eservice.manual.pdf')}</a>{' · '}
        <a href={`${base}/manual.docx`} safe>{t('eservice.manual.docx')}</a>{' · '}
        <a href={`${base}/summary.pdf`} safe>{t('eservice.summary.link')}</a>{' · '}
        <a href={`${base}/form.pdf`} safe>{t('eservice.manual.blankFormLink')}</a>
      </p>
      <ManualSections ctx={ctx} def={def} unit={unit} stepUnits={stepUnits} baseUrl={ctx.baseUrl} />
    </Page>
  );
}

export function RequestFormPage({ ctx, def, form }: { ctx: ViewCtx; def: ServiceDef; form: FormState }) {
  const t = ctx.t;
  const s = def.service;
  const hasFile = def.fields.some((f) => f.kind === 'file');
  const title = t('eservice.request.title', { name: nameText(ctx, s.name_th, s.name_en) });
  return (
    <Page ctx={ctx} title={title} breadcrumbs={[...crumbs(ctx), { href: `/e-service/${s.slug}`, label: nameText(ctx, s.name_th, s.name_en) }]}>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={requestLabels(ctx, def)} />
      <p safe>{t('eservice.request.lead', { time: formatMinutes(ctx.lang, totalMinutes(def.steps)) })}</p>
      <Form ctx={ctx} action={`/e-service/${s.slug}/request`} multipart={hasFile}>
        <fieldset class="field">
          <legend safe>{t('eservice.request.about')}</legend>
          {def.fields.map((f) => <RequestField ctx={ctx} form={form} f={f} />)}
        </fieldset>
        <fieldset class="field">
          <legend safe>{t('eservice.request.you')}</legend>
          <p class="hint" safe>{t('eservice.request.youHint')}</p>
          <Field ctx={ctx} form={form} name="name" label={t('eservice.field.name')} required maxlength={200} autocomplete="name" />
          <Field ctx={ctx} form={form} name="phone" label={t('eservice.field.phone')} type="tel" maxlength={40} autocomplete="tel" />
          <Field ctx={ctx} form={form} name="email" label={t('eservice.field.email')} hint={t('eservice.field.emailHint')} type="email" maxlength={200} autocomplete="email" />
        </fieldset>
        <section class="notice" aria-labelledby="privacy-title">
          <h2 id="privacy-title" safe>{t('eservice.form.privacy')}</h2>
          <p safe>{t('eservice.form.privacyBody')}</p>
          {s.is_location_public ? <p safe>{t('eservice.form.publicPlace')}</p> : ''}
          <div class={form.errors.consent ? 'field-has-error' : undefined}>
            {form.errors.consent ? <p class="field-error" id="f-consent-error" safe>{form.errors.consent}</p> : ''}
            <Checkbox form={form} name="consent" label={t('eservice.form.consent')} />
          </div>
        </section>
        <Button label={t('eservice.request.send')} />
      </Form>
    </Page>
  );
}

export function ConfirmationPage({ ctx, def, number, code, at, dueAt, email, safeEit = '' }: { ctx: ViewCtx; def: ServiceDef; number: string; code: string; at: string; dueAt: string; email: boolean; safeEit?: string }) {
  const t = ctx.t;
  const href = `/e-service/track?code=${encodeURIComponent(code)}`;
  return (
    <Page ctx={ctx} title={t('eservice.confirm.title')} breadcrumbs={crumbs(ctx)}>
      <div class="panel-confirm" role="status">
        <h1 safe>{t('eservice.confirm.title')}</h1>
        <p><Name ctx={ctx} th={def.service.name_th} en={def.service.name_en} /></p>
        <p><span safe>{t('eservice.confirm.code')}</span><br /><strong class="receipt code" safe>{code}</strong></p>
        <p safe>{t('eservice.confirm.number', { number })}</p>
        <p><Time ctx={ctx} at={at} withTime /></p>
      </div>
      <p><strong safe>{t('eservice.confirm.keep')}</strong></p>
      <p safe>{t('eservice.confirm.due')} <Time ctx={ctx} at={dueAt} withTime /></p>
      {email ? <p safe>{t('eservice.confirm.mailed')}</p> : ''}
      <p><a class="btn btn-primary" href={href} safe>{t('eservice.confirm.track')}</a></p>
      <p class="muted" safe>{`${ctx.baseUrl}${href}`}</p>
      {safeEit}
    </Page>
  );
}

export function TrackLookupPage({ ctx, form }: { ctx: ViewCtx; form: FormState }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('eservice.track.title')} breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('eservice.track.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ code: t('eservice.confirm.code') }} />
      {form.errors.code ? <div class="notice" role="note"><p safe>{t('eservice.track.help')}</p></div> : ''}
      <form method="get" action="/e-service/track">
        <Field ctx={ctx} form={form} name="code" label={t('eservice.confirm.code')} hint={t('eservice.track.hint')} required maxlength={40} autocomplete="off" />
        <button type="submit" class="btn btn-primary" safe>{t('eservice.track.submit')}</button>
      </form>
      <p><a href="/e-service" safe>{t('eservice.track.back')}</a></p>
    </Page>
  );
}

export interface TrackView {
  code: string;
  r: Request;
  def: { name_th: string; name_en: string; slug: string };
  steps: StepTiming[];
  history: HistoryItem[];
  answers: Answer[];
  question: string | null;
}

export function TrackPage({ ctx, v, form, safeEit = '' }: { ctx: ViewCtx; v: TrackView; form: FormState; safeEit?: string }) {
  const t = ctx.t;
  const r = v.r;
  const current = v.steps[r.current_step];
  const open = ['submitted', 'in_progress', 'info_requested'].includes(r.status);
  return (
    <Page ctx={ctx} title={t('eservice.track.title')} breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('eservice.track.title')}</h1>
      <dl class="meta">
        <dt safe>{t('eservice.track.service')}</dt><dd><Name ctx={ctx} th={v.def.name_th} en={v.def.name_en} /></dd>
        <dt safe>{t('eservice.track.number')}</dt><dd class="nowrap" safe>{`${r.fiscal_year}-${String(r.seq).padStart(4, '0')}`}</dd>
        <dt safe>{t('eservice.track.status')}</dt><dd><StatusTag ctx={ctx} status={r.status} /></dd>
        {open && current ? <><dt safe>{t('eservice.track.currentStep')}</dt><dd><Name ctx={ctx} th={current.name_th} en={current.name_en} /></dd></> : ''}
        <dt safe>{t('eservice.track.received')}</dt><dd><Time ctx={ctx} at={r.received_at} withTime /></dd>
        {open ? <><dt safe>{t('eservice.track.due')}</dt><dd><Time ctx={ctx} at={r.due_at} withTime /></dd></> : ''}
        {r.closed_at ? <><dt safe>{t('eservice.track.closed')}</dt><dd><Time ctx={ctx} at={r.closed_at} withTime /></dd></> : ''}
      </dl>

      {r.status === 'info_requested' ? (
        <section class="notice" aria-labelledby="answer-title" id="answer">
          <h2 id="answer-title" safe>{t('eservice.track.asked')}</h2>
          {v.question ? <p class="pre" safe>{v.question}</p> : ''}
          <ErrorSummary ctx={ctx} form={form} labels={{ answer: t('eservice.track.answer'), file: t('eservice.track.answerFile') }} />
          <Form ctx={ctx} action="/e-service/track/answer" multipart>
            <input type="hidden" name="code" value={v.code} />
            <TextArea ctx={ctx} form={form} name="answer" label={t('eservice.track.answer')} required rows={5} maxlength={4000} />
            <FileField ctx={ctx} form={form} name="file" label={t('eservice.track.answerFile')} hint={t('eservice.form.fileHint')} accept="application/pdf,image/jpeg,image/png,image/webp" />
            <Button label={t('eservice.track.sendAnswer')} />
          </Form>
        </section>
      ) : ''}

      {r.status === 'completed' ? (
        <section aria-labelledby="rate-title" id="rate">
          <h2 id="rate-title" safe>{t('eservice.rate.title')}</h2>
          {r.rated_at ? <p role="status" safe>{t('eservice.rate.thanks', { n: r.rating ?? 0 })}</p> : (
            <>
              <ErrorSummary ctx={ctx} form={form} labels={{ rating: t('eservice.rate.legend'), comment: t('eservice.rate.comment') }} />
              <Form ctx={ctx} action="/e-service/track/rate">
                <input type="hidden" name="code" value={v.code} />
                <fieldset class={`field${form.errors.rating ? ' field-has-error' : ''}`} aria-describedby={form.errors.rating ? 'f-rating-error' : undefined}>
                  <legend><span safe>{t('eservice.rate.legend')}</span> <span class="req" safe>{t('form.required')}</span></legend>
                  {form.errors.rating ? <p class="field-error" id="f-rating-error" safe>{form.errors.rating}</p> : ''}
                  {[5, 4, 3, 2, 1].map((n) => (
                    <div class="check">
                      <input type="radio" id={n === 5 ? 'f-rating' : `f-rating-${n}`} name="rating" value={String(n)} checked={form.values.rating === String(n)} />
                      <label for={n === 5 ? 'f-rating' : `f-rating-${n}`} safe>{t(`eservice.rate.${n}` as 'eservice.rate.5')}</label>
                    </div>
                  ))}
                </fieldset>
                <TextArea ctx={ctx} form={form} name="comment" label={t('eservice.rate.comment')} hint={t('eservice.rate.commentHint')} rows={3} maxlength={1000} />
                <Button label={t('eservice.rate.send')} />
              </Form>
            </>
          )}
        </section>
      ) : ''}
      {safeEit}

      <section aria-labelledby="steps-title">
        <h2 id="steps-title" safe>{t('eservice.track.steps')}</h2>
        <StepsTable ctx={ctx} steps={v.steps} caption={t('eservice.track.stepsCaption')} />
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title" safe>{t('eservice.track.history')}</h2>
        <History ctx={ctx} items={v.history} />
      </section>
      <section aria-labelledby="yours-title">
        <h2 id="yours-title" safe>{t('eservice.track.yours')}</h2>
        <dl class="meta"><dt safe>{t('eservice.field.name')}</dt><dd lang={ctx.lang === 'en' && /[\u0E00-\u0E7F]/.test(r.requester_name) ? 'th' : undefined} safe>{r.requester_name || '—'}</dd></dl>
        <Answers ctx={ctx} answers={v.answers} masked />
      </section>
      <p class="muted" safe>{t('eservice.track.private')}</p>
    </Page>
  );
}

export function GuidePage({ ctx, sections }: { ctx: ViewCtx; sections: Array<{ heading: string; items: string[] }> }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('eservice.guide.title')} breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('eservice.guide.title')}</h1>
      <p><span safe>{`${t('eservice.manual.download')}: `}</span><a href="/e-service/guide.pdf">PDF</a>{' · '}<a href="/e-service/guide.docx">DOCX</a></p>
      {sections.map((s, i) => (
        <section aria-labelledby={`guide-${i}`}>
          <h2 id={`guide-${i}`} safe>{s.heading}</h2>
          <ol>{s.items.map((x) => <li lang={ctx.lang === 'en' && /[\u0E00-\u0E7F]/.test(x) ? 'th' : undefined} safe>{x}</li>)}</ol>
        </section>
      ))}
    </Page>
  );
}
