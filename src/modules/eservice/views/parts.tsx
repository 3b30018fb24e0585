// Pieces shared by the public and staff pages: status tags, the steps table (declared against actual time), the
// history, the answers, the manual's sections, and the fields of a request form built from the service definition.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { DateInput, Field, FileField, Select, TextArea, Time, type FormState } from '../../../platform/views/components.tsx';
import { pickText } from '../../../platform/views/text.tsx';
import { fieldName } from '../forms.ts';
import { totalMinutes, type Answer, type Field as FormField, type ServiceDef } from '../store.ts';
import { formatDuration, formatMinutes, type StepTiming } from '../timing.ts';

export const STATUS_CLASS: Record<string, string> = {
  submitted: 'tag',
  in_progress: 'tag status-in_progress',
  info_requested: 'tag status-overdue',
  completed: 'tag status-done',
  rejected: 'tag status-cancelled',
};

export function StatusTag({ ctx, status }: { ctx: ViewCtx; status: string }) {
  return <strong class={STATUS_CLASS[status] ?? 'tag'} safe>{ctx.t(`eservice.status.${status}` as 'eservice.status.submitted')}</strong>;
}

/** A service's name in the page's language, marked Thai when an English page falls back to it. */
export function Name({ ctx, th, en }: { ctx: ViewCtx; th: string; en: string }) {
  const p = pickText(ctx, th, en);
  return <span lang={p.lang} safe>{p.text}</span>;
}
export const nameText = (ctx: ViewCtx, th: string, en: string) => pickText(ctx, th, en).text;

/** lang="th" for text typed in Thai (answers, notes, names) shown on an English page. */
export const thaiLang = (ctx: ViewCtx, text: string | null | undefined): 'th' | undefined => (ctx.lang === 'en' && /[\u0E00-\u0E7F]/.test(text ?? '') ? 'th' : undefined);

/** The steps of a request with the time the manual declares and the time each actually took. */
export function StepsTable({ ctx, steps, caption }: { ctx: ViewCtx; steps: StepTiming[]; caption: string }) {
  const t = ctx.t;
  return (
    <div class="table-wrap" tabindex="0" role="region" aria-label={caption}>
      <table>
        <caption safe>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" safe>{t('eservice.manual.no')}</th>
            <th scope="col" safe>{t('eservice.manual.step')}</th>
            <th scope="col" safe>{t('eservice.track.declared')}</th>
            <th scope="col" safe>{t('eservice.track.actual')}</th>
            <th scope="col" safe>{t('eservice.track.stepState')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr aria-current={s.state === 'current' || s.state === 'waiting' ? 'step' : undefined}>
              <td class="num" safe>{String(s.position + 1)}</td>
              <td><Name ctx={ctx} th={s.name_th} en={s.name_en} /></td>
              <td class="nowrap" safe>{formatMinutes(ctx.lang, s.declaredMinutes)}</td>
              <td class="nowrap" safe>{s.actualMinutes === null ? '—' : formatMinutes(ctx.lang, s.actualMinutes)}</td>
              <td>
                <span safe>{t(`eservice.stepState.${s.state}`)}</span>
                {s.late ? <> <strong class="tag status-overdue" safe>{t('eservice.track.late')}</strong></> : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface HistoryItem {
  at: string;
  kind: string;
  position: number | null;
  note: string;
  stepName?: string;
  /** staff only: who did it */
  by?: string | null;
  file?: { name: string; href?: string } | null;
}

/** What happened, with the step's name marked Thai when an English page shows it in Thai. */
function EventText({ ctx, kind, step }: { ctx: ViewCtx; kind: string; step: string }) {
  const [before, after = ''] = ctx.t(`eservice.event.${kind}` as 'eservice.event.submitted', { step: '\u0000' }).split('\u0000');
  return <span><span safe>{before}</span>{step ? <span lang={thaiLang(ctx, step)} safe>{step}</span> : ''}<span safe>{after}</span></span>;
}

export function History({ ctx, items }: { ctx: ViewCtx; items: HistoryItem[] }) {
  return (
    <ol class="timeline">
      {items.map((e) => (
        <li>
          <Time ctx={ctx} at={e.at} withTime /> — <EventText ctx={ctx} kind={e.kind} step={e.stepName ?? ''} />
          {e.by ? <span class="muted" lang={thaiLang(ctx, e.by)} safe>{` (${e.by})`}</span> : ''}
          {e.note ? <p class="pre" lang={thaiLang(ctx, e.note)} safe>{e.note}</p> : ''}
          {e.file ? <p>{e.file.href ? <a href={e.file.href} safe>{e.file.name}</a> : <span safe>{e.file.name}</span>}</p> : ''}
        </li>
      ))}
    </ol>
  );
}

/** A national ID shown to the requester as x-xxxx-xxxxx-12-3: the holder of a code never reads a whole ID. */
export const maskId = (v: string) => (/^\d{13}$/.test(v) ? `x-xxxx-xxxxx-${v.slice(10, 12)}-${v.slice(12)}` : v);

export function Answers({ ctx, answers, masked, fileHref }: { ctx: ViewCtx; answers: Answer[]; masked: boolean; fileHref?: (a: Answer) => string }) {
  if (!answers.length) return <p class="muted" safe>{ctx.t('eservice.track.noAnswers')}</p>;
  return (
    <dl class="meta">
      {answers.map((a) => (
        <>
          <dt lang={ctx.lang === 'en' ? 'th' : undefined} safe>{a.label}</dt>
          <dd>
            {a.file && fileHref ? <a href={fileHref(a)} safe>{a.file.name}</a> : a.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(a.value) ? <Time ctx={ctx} at={a.value} /> : <span class="pre" lang={thaiLang(ctx, a.value)} safe>{masked && a.kind === 'national_id' ? maskId(a.value) : a.value}</span>}
          </dd>
        </>
      ))}
    </dl>
  );
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

function TextList({ ctx, items, none }: { ctx: ViewCtx; items: string[]; none: string }) {
  if (!items.length) return <p safe>{none}</p>;
  const lang = ctx.lang === 'en' ? 'th' : undefined;
  if (items.length === 1) return <p lang={lang} safe>{items[0]}</p>;
  return <ol lang={lang}>{items.map((i) => <li safe>{i}</li>)}</ol>;
}

/** The manual as a page: every heading, none left empty. */
export function ManualSections({ ctx, def, unit, stepUnits, baseUrl }: { ctx: ViewCtx; def: ServiceDef; unit: string; stepUnits: string[]; baseUrl: string }) {
  const t = ctx.t;
  const s = def.service;
  const th = ctx.lang === 'en' ? 'th' : undefined;
  const complaint = lines(s.complaint_channel);
  return (
    <>
      <section aria-labelledby="m-unit"><h2 id="m-unit" safe>{t('eservice.manual.unit')}</h2><p lang={th} safe>{unit}</p></section>
      <section aria-labelledby="m-legal"><h2 id="m-legal" safe>{t('eservice.manual.legal')}</h2><TextList ctx={ctx} items={lines(s.legal_basis)} none={t('eservice.manual.none')} /></section>
      <section aria-labelledby="m-channels">
        <h2 id="m-channels" safe>{t('eservice.manual.channels')}</h2>
        <TextList ctx={ctx} items={lines(s.channels)} none={t('eservice.manual.none')} />
        <p><a href={`/e-service/${s.slug}/request`} safe>{t('eservice.manual.onlineLink')}</a></p>
      </section>
      <section aria-labelledby="m-conditions"><h2 id="m-conditions" safe>{t('eservice.manual.conditions')}</h2><TextList ctx={ctx} items={lines(s.conditions)} none={t('eservice.manual.none')} /></section>
      <section aria-labelledby="m-steps">
        <h2 id="m-steps" safe>{t('eservice.manual.steps')}</h2>
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('eservice.manual.steps')}>
          <table>
            <caption safe>{t('eservice.manual.stepsCaption', { total: formatMinutes(ctx.lang, totalMinutes(def.steps)) })}</caption>
            <thead><tr><th scope="col" safe>{t('eservice.manual.no')}</th><th scope="col" safe>{t('eservice.manual.step')}</th><th scope="col" safe>{t('eservice.manual.time')}</th><th scope="col" safe>{t('eservice.manual.responsible')}</th></tr></thead>
            <tbody>
              {def.steps.map((st, i) => (
                <tr>
                  <td class="num" safe>{String(i + 1)}</td>
                  <td><Name ctx={ctx} th={st.name_th} en={st.name_en} />{st.detail_th ? <p class="hint" lang={th} safe>{st.detail_th}</p> : ''}</td>
                  <td class="nowrap" safe>{formatDuration(ctx.lang, st.duration, st.unit)}</td>
                  <td lang={th} safe>{stepUnits[i] ?? unit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="m-documents"><h2 id="m-documents" safe>{t('eservice.manual.documents')}</h2><TextList ctx={ctx} items={lines(s.documents)} none={t('eservice.manual.noDocuments')} /></section>
      <section aria-labelledby="m-fees"><h2 id="m-fees" safe>{t('eservice.manual.fees')}</h2><TextList ctx={ctx} items={lines(s.fees)} none={t('eservice.manual.noFee')} /></section>
      <section aria-labelledby="m-complain">
        <h2 id="m-complain" safe>{t('eservice.manual.complain')}</h2>
        {complaint.length ? <TextList ctx={ctx} items={complaint} none="" /> : <p safe>{t('eservice.manual.complainDefault', { url: `${baseUrl}/complaints`, agency: ctx.site.name })}</p>}
        <p><a href="/complaints" safe>{t('eservice.manual.complainLink')}</a></p>
      </section>
      <section aria-labelledby="m-samples">
        <h2 id="m-samples" safe>{t('eservice.manual.samples')}</h2>
        <ul>
          {lines(s.sample_forms).map((l) => <li lang={th} safe>{l}</li>)}
          <li><a href={`/e-service/${s.slug}/form.pdf`} safe>{t('eservice.manual.blankFormLink')}</a></li>
        </ul>
      </section>
    </>
  );
}

/** The label of a field in the page's language. */
export const fieldLabel = (ctx: ViewCtx, f: FormField) => pickText(ctx, f.label_th, f.label_en).text;

/** One field of a request form, as its kind asks. */
export function RequestField({ ctx, form, f }: { ctx: ViewCtx; form: FormState; f: FormField }) {
  const name = fieldName(f.field_key);
  const label = fieldLabel(ctx, f);
  // hints are written in Thai only: an English page keeps to its own words
  const hint = f.hint_th && ctx.lang === 'th' ? f.hint_th : undefined;
  const req = f.is_required;
  switch (f.kind) {
    case 'text':
      return <Field ctx={ctx} form={form} name={name} label={label} hint={hint} required={req} maxlength={300} size="wide" />;
    case 'block':
      return <TextArea ctx={ctx} form={form} name={name} label={label} hint={hint} required={req} maxlength={4000} rows={5} />;
    case 'address':
      return <TextArea ctx={ctx} form={form} name={name} label={label} hint={hint} required={req} maxlength={500} rows={3} />;
    case 'number':
      return <Field ctx={ctx} form={form} name={name} label={label} hint={hint} required={req} inputmode="numeric" maxlength={12} size="short" />;
    case 'date':
      return <DateInput ctx={ctx} form={form} name={name} label={label} hint={hint} required={req} />;
    case 'choice':
      return <Select ctx={ctx} form={form} name={name} label={label} hint={hint} required={req} options={[{ value: '', label: ctx.t('eservice.form.choose') }, ...f.options.map((o) => ({ value: o.key, label: pickText(ctx, o.th, o.en).text }))]} />;
    case 'file':
      return <FileField ctx={ctx} form={form} name={name} label={label} hint={hint ?? ctx.t('eservice.form.fileHint')} required={req} accept="application/pdf,image/jpeg,image/png,image/webp" />;
    case 'national_id':
      return <Field ctx={ctx} form={form} name={name} label={label} hint={hint ?? ctx.t('eservice.form.nationalIdHint')} required={req} inputmode="numeric" maxlength={30} size="short" autocomplete="off" />;
    case 'phone':
      return <Field ctx={ctx} form={form} name={name} label={label} hint={hint} required={req} type="tel" maxlength={40} autocomplete="tel" />;
    case 'email':
      return <Field ctx={ctx} form={form} name={name} label={label} hint={hint} required={req} type="email" maxlength={200} autocomplete="email" />;
  }
}

/** Labels for the error summary of a request form. */
export function requestLabels(ctx: ViewCtx, def: ServiceDef): Record<string, string> {
  return {
    name: ctx.t('eservice.field.name'), email: ctx.t('eservice.field.email'), phone: ctx.t('eservice.field.phone'), consent: ctx.t('eservice.form.privacy'), channel: ctx.t('eservice.field.channel'), _form: '',
    ...Object.fromEntries(def.fields.map((f) => [fieldName(f.field_key), fieldLabel(ctx, f)])),
  };
}
