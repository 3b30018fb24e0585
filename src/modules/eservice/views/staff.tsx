// Staff pages: the queue per unit, a request with its actions, recording a request from the counter or the phone,
// the catalogue editor, Open311 API keys, and the equal-service view.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, Checkbox, EmptyState, ErrorSummary, Field, Form, Pagination, Select, TextArea, Time, type FormState, type PageInfo } from '../../../platform/views/components.tsx';
import { CHANNELS, FIELD_KINDS, STAFF_CHANNELS, STATUSES, UNITS } from '../kinds.ts';
import { EMPTY_ROWS, MAX_ROWS } from '../forms.ts';
import { requestNumber, totalMinutes, type Answer, type QueueRow, type Request, type ServiceDef, type Service } from '../store.ts';
import { share, type YearStats } from '../stats.ts';
import { formatMinutes, type StepTiming } from '../timing.ts';
import { Answers, History, Name, nameText, RequestField, requestLabels, StatusTag, StepsTable, thaiLang, type HistoryItem } from './parts.tsx';

const staffCrumbs = (ctx: ViewCtx, more: Array<{ href: string; label: string }> = []) => [{ href: '/staff', label: ctx.t('nav.staff') }, { href: '/staff/e-service', label: ctx.t('eservice.staff.title') }, ...more];

export interface Division {
  id: number;
  name: string;
}

export interface QueueQuery {
  state: 'open' | 'overdue' | 'closed' | 'all';
  status: string;
  unit: number | null;
  service: number | null;
}

export function queueHref(q: QueueQuery, over: Partial<QueueQuery> = {}): string {
  const v = { ...q, ...over };
  const p = new URLSearchParams();
  if (v.state !== 'open') p.set('state', v.state);
  if (v.status) p.set('status', v.status);
  if (v.unit) p.set('unit', String(v.unit));
  if (v.service) p.set('service', String(v.service));
  const s = p.toString();
  return `/staff/e-service${s ? `?${s}` : ''}`;
}

export function QueuePage({ ctx, rows, info, query, divisions, counts, services, now, can }: {
  ctx: ViewCtx; rows: QueueRow[]; info: PageInfo; query: QueueQuery; divisions: Division[]; counts: Map<number | null, number>; services: Service[]; now: string;
  can: { manage: boolean; read: boolean; keys: boolean };
}) {
  const t = ctx.t;
  const all = [...counts.values()].reduce((a, b) => a + b, 0);
  const unitName = (id: number | null) => divisions.find((d) => d.id === id)?.name ?? t('eservice.staff.noUnit');
  return (
    <Page ctx={ctx} title={t('eservice.staff.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{t('eservice.staff.title')}</h1>
      <ul class="plain inline-list">
        <li><a class="btn btn-primary" href="/staff/e-service/new" safe>{t('eservice.staff.record')}</a></li>
        {can.manage ? <li><a href="/staff/e-service/services" safe>{t('eservice.staff.catalogue')}</a></li> : ''}
        {can.read ? <li><a href={`/staff/e-service/equality/${ctx.fiscalYear}`} safe>{t('eservice.equality.title')}</a></li> : ''}
        <li><a href={`/e-service/statistics/${ctx.fiscalYear}`} safe>{t('eservice.stats.link')}</a></li>
        {can.keys ? <li><a href="/staff/e-service/api-keys" safe>{t('eservice.keys.title')}</a></li> : ''}
      </ul>
      <nav aria-label={t('eservice.staff.units')}>
        <h2 safe>{t('eservice.staff.units')}</h2>
        <ul class="plain inline-list">
          <li><a href={queueHref(query, { unit: null })} aria-current={query.unit === null ? 'page' : undefined} safe>{t('eservice.staff.allUnits', { n: all })}</a></li>
          {[...counts.entries()].filter(([id]) => id !== null).map(([id, n]) => (
            <li><a href={queueHref(query, { unit: id })} aria-current={query.unit === id ? 'page' : undefined} safe>{`${unitName(id)} (${n})`}</a></li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/staff/e-service" class="filters">
        {query.unit ? <input type="hidden" name="unit" value={String(query.unit)} /> : ''}
        <div class="field">
          <label for="f-state" safe>{t('eservice.staff.state')}</label>
          <select id="f-state" name="state">{(['open', 'overdue', 'closed', 'all'] as const).map((s) => <option value={s} selected={s === query.state} safe>{t(`eservice.staff.state.${s}`)}</option>)}</select>
        </div>
        <div class="field">
          <label for="f-status" safe>{t('eservice.track.status')}</label>
          <select id="f-status" name="status"><option value="" safe>{t('eservice.staff.any')}</option>{STATUSES.map((s) => <option value={s} selected={s === query.status} safe>{t(`eservice.status.${s}`)}</option>)}</select>
        </div>
        <div class="field">
          <label for="f-service" safe>{t('eservice.track.service')}</label>
          <select id="f-service" name="service"><option value="" safe>{t('eservice.staff.any')}</option>{services.map((s) => <option value={String(s.id)} selected={s.id === query.service} lang={ctx.lang === 'en' && !s.name_en ? 'th' : undefined} safe>{nameText(ctx, s.name_th, s.name_en)}</option>)}</select>
        </div>
        <div class="actions"><button type="submit" class="btn btn-secondary" safe>{t('form.filter')}</button></div>
      </form>
      {rows.length === 0 ? <EmptyState text={t('eservice.staff.empty')} /> : (
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('eservice.staff.list')}>
          <table>
            <caption safe>{t('eservice.staff.list')}</caption>
            <thead><tr>
              <th scope="col" safe>{t('eservice.track.number')}</th><th scope="col" safe>{t('eservice.track.service')}</th><th scope="col" safe>{t('eservice.track.received')}</th>
              <th scope="col" safe>{t('eservice.field.channel')}</th><th scope="col" safe>{t('eservice.track.status')}</th><th scope="col" safe>{t('eservice.track.currentStep')}</th><th scope="col" safe>{t('eservice.staff.stepDue')}</th>
            </tr></thead>
            <tbody>
              {rows.map((r) => {
                const late = !!r.step_due_at && r.step_due_at < now && (r.status === 'submitted' || r.status === 'in_progress');
                return (
                  <tr>
                    <td class="nowrap"><a href={`/staff/e-service/requests/${r.id}`} safe>{requestNumber(r)}</a></td>
                    <td><Name ctx={ctx} th={r.service_name_th} en={r.service_name_en} /></td>
                    <td><Time ctx={ctx} at={r.received_at} withTime /></td>
                    <td safe>{t(`eservice.channel.${r.channel}` as 'eservice.channel.online')}</td>
                    <td><StatusTag ctx={ctx} status={r.status} /></td>
                    <td>{r.step_name_th && (r.status === 'submitted' || r.status === 'in_progress' || r.status === 'info_requested') ? <Name ctx={ctx} th={r.step_name_th} en={r.step_name_en ?? ''} /> : '—'}</td>
                    <td>{r.step_due_at ? <><Time ctx={ctx} at={r.step_due_at} withTime />{late ? <> <strong class="tag status-overdue" safe>{t('eservice.track.late')}</strong></> : ''}</> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} info={info} baseHref={queueHref(query)} />
    </Page>
  );
}

/** /staff/e-service for those who do not work the queue: what they may open. */
export function HubPage({ ctx, can }: { ctx: ViewCtx; can: { manage: boolean; read: boolean; keys: boolean } }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('eservice.staff.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{t('eservice.staff.title')}</h1>
      <p safe>{t('eservice.staff.hub')}</p>
      <ul>
        {can.read ? <li><a href={`/staff/e-service/equality/${ctx.fiscalYear}`} safe>{t('eservice.equality.title')}</a></li> : ''}
        {can.manage ? <li><a href="/staff/e-service/services" safe>{t('eservice.staff.catalogue')}</a></li> : ''}
        {can.keys ? <li><a href="/staff/e-service/api-keys" safe>{t('eservice.keys.title')}</a></li> : ''}
        <li><a href={`/e-service/statistics/${ctx.fiscalYear}`} safe>{t('eservice.stats.link')}</a></li>
      </ul>
    </Page>
  );
}

export interface StaffRequestView {
  r: Request;
  service: { name_th: string; name_en: string; slug: string };
  steps: StepTiming[];
  history: HistoryItem[];
  answers: Answer[];
  unit: string;
}

export function RequestPage({ ctx, v, form, now }: { ctx: ViewCtx; v: StaffRequestView; form: FormState; now: string }) {
  const t = ctx.t;
  const r = v.r;
  const number = requestNumber(r);
  const base = `/staff/e-service/requests/${r.id}`;
  const last = r.current_step >= v.steps.length - 1;
  const next = v.steps[r.current_step + 1];
  const late = !!r.step_due_at && r.step_due_at < now;
  const stepField = <input type="hidden" name="step" value={String(r.current_step)} />;
  const labels = { question: t('eservice.staff.question'), reason: t('eservice.staff.reason'), note: t('eservice.staff.note'), step: '', _form: '' };
  return (
    <Page ctx={ctx} title={t('eservice.staff.requestTitle', { number })} staff breadcrumbs={staffCrumbs(ctx)}>
      <h1 safe>{t('eservice.staff.requestTitle', { number })}</h1>
      <p class="lead"><Name ctx={ctx} th={v.service.name_th} en={v.service.name_en} /></p>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <dl class="meta">
        <dt safe>{t('eservice.track.status')}</dt><dd><StatusTag ctx={ctx} status={r.status} /></dd>
        <dt safe>{t('eservice.field.channel')}</dt><dd safe>{t(`eservice.channel.${r.channel}` as 'eservice.channel.online')}</dd>
        <dt safe>{t('eservice.staff.publicId')}</dt><dd class="nowrap"><code safe>{r.public_id}</code></dd>
        <dt safe>{t('eservice.track.received')}</dt><dd><Time ctx={ctx} at={r.received_at} withTime /></dd>
        <dt safe>{t('eservice.staff.unit')}</dt><dd lang={ctx.lang === 'en' ? 'th' : undefined} safe>{v.unit}</dd>
        {r.step_due_at ? <><dt safe>{t('eservice.staff.stepDue')}</dt><dd><Time ctx={ctx} at={r.step_due_at} withTime />{late ? <> <strong class="tag status-overdue" safe>{t('eservice.track.late')}</strong></> : ''}</dd></> : ''}
        <dt safe>{t('eservice.track.due')}</dt><dd><Time ctx={ctx} at={r.due_at} withTime /></dd>
        {r.rating ? <><dt safe>{t('eservice.rate.title')}</dt><dd><span safe>{`${r.rating}/5`}</span>{r.rating_comment ? <span lang={thaiLang(ctx, r.rating_comment)} safe>{` — ${r.rating_comment}`}</span> : ''}</dd></> : ''}
      </dl>

      {r.status === 'submitted' || r.status === 'in_progress' || r.status === 'info_requested' ? (
        <section aria-labelledby="act-title" class="actions-panel">
          <h2 id="act-title" safe>{t('eservice.staff.actions')}</h2>
          {r.status === 'submitted' ? (
            <Form ctx={ctx} action={`${base}/accept`}>{stepField}<Button label={t('eservice.staff.accept')} /></Form>
          ) : ''}
          {r.status === 'in_progress' && !last && next ? (
            <Form ctx={ctx} action={`${base}/next`}>{stepField}<Button label={t('eservice.staff.next', { step: nameText(ctx, next.name_th, next.name_en) })} /></Form>
          ) : ''}
          {r.status === 'in_progress' && last ? (
            <Form ctx={ctx} action={`${base}/complete`}>
              {stepField}
              <TextArea ctx={ctx} form={form} name="note" label={t('eservice.staff.note')} hint={t('eservice.staff.noteHint')} rows={2} maxlength={2000} />
              <Button label={t('eservice.staff.complete')} />
            </Form>
          ) : ''}
          {r.status === 'info_requested' ? <p class="notice" safe>{t('eservice.staff.waiting')}</p> : (
            <details open={!!form.errors.question}>
              <summary safe>{t('eservice.staff.askInfo')}</summary>
              <Form ctx={ctx} action={`${base}/info`}>
                {stepField}
                <TextArea ctx={ctx} form={form} name="question" label={t('eservice.staff.question')} hint={t('eservice.staff.questionHint')} required rows={3} maxlength={2000} />
                <Button kind="secondary" label={t('eservice.staff.sendQuestion')} />
              </Form>
            </details>
          )}
          <details open={!!form.errors.reason}>
            <summary safe>{t('eservice.staff.reject')}</summary>
            <Form ctx={ctx} action={`${base}/reject`}>
              {stepField}
              <TextArea ctx={ctx} form={form} name="reason" label={t('eservice.staff.reason')} hint={t('eservice.staff.reasonHint')} required rows={3} maxlength={2000} />
              <Button kind="danger" label={t('eservice.staff.rejectButton')} />
            </Form>
          </details>
        </section>
      ) : ''}

      <section aria-labelledby="steps-title">
        <h2 id="steps-title" safe>{t('eservice.track.steps')}</h2>
        <StepsTable ctx={ctx} steps={v.steps} caption={t('eservice.track.stepsCaption')} />
      </section>
      <section aria-labelledby="req-title">
        <h2 id="req-title" safe>{t('eservice.staff.requester')}</h2>
        <dl class="meta">
          <dt safe>{t('eservice.field.name')}</dt><dd lang={ctx.lang === 'en' ? 'th' : undefined} safe>{r.requester_name || '—'}</dd>
          <dt safe>{t('eservice.field.phone')}</dt><dd safe>{r.requester_phone || '—'}</dd>
          <dt safe>{t('eservice.field.email')}</dt><dd safe>{r.requester_email || '—'}</dd>
          {r.address ? <><dt safe>{t('eservice.staff.place')}</dt><dd lang={ctx.lang === 'en' ? 'th' : undefined} safe>{r.address}</dd></> : ''}
          {r.lat && r.lng ? <><dt safe>{t('eservice.staff.coordinates')}</dt><dd safe>{`${r.lat}, ${r.lng}`}</dd></> : ''}
          {r.media_url ? <><dt safe>{t('eservice.staff.media')}</dt><dd><a href={r.media_url} rel="noreferrer nofollow" safe>{r.media_url}</a></dd></> : ''}
        </dl>
        <h3 safe>{t('eservice.staff.answers')}</h3>
        <Answers ctx={ctx} answers={v.answers} masked={false} fileHref={(a) => `/files/${a.file!.publicId}/${encodeURIComponent(a.file!.name)}`} />
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title" safe>{t('eservice.track.history')}</h2>
        <History ctx={ctx} items={v.history} />
      </section>
    </Page>
  );
}

export function ChooseServicePage({ ctx, services }: { ctx: ViewCtx; services: Service[] }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('eservice.staff.record')} staff breadcrumbs={staffCrumbs(ctx)}>
      <h1 safe>{t('eservice.staff.record')}</h1>
      <p safe>{t('eservice.staff.chooseService')}</p>
      <ul>{services.map((s) => <li><a href={`/staff/e-service/new?service=${encodeURIComponent(s.slug)}`}><Name ctx={ctx} th={s.name_th} en={s.name_en} /></a></li>)}</ul>
    </Page>
  );
}

export function RecordPage({ ctx, def, form, recorded }: { ctx: ViewCtx; def: ServiceDef; form: FormState; recorded?: { number: string; code: string } }) {
  const t = ctx.t;
  const s = def.service;
  const title = t('eservice.staff.recordFor', { name: nameText(ctx, s.name_th, s.name_en) });
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={staffCrumbs(ctx, [{ href: '/staff/e-service/new', label: t('eservice.staff.record') }])}>
      {recorded ? (
        <div class="panel-confirm" role="status">
          <h2 safe>{t('eservice.staff.recorded', { number: recorded.number })}</h2>
          <p><span safe>{t('eservice.confirm.code')}</span><br /><strong class="receipt code" safe>{recorded.code}</strong></p>
          <p safe>{t('eservice.staff.giveCode')}</p>
        </div>
      ) : ''}
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={requestLabels(ctx, def)} />
      <Form ctx={ctx} action={`/staff/e-service/new?service=${encodeURIComponent(s.slug)}`} multipart={def.fields.some((f) => f.kind === 'file')}>
        <Select ctx={ctx} form={form} name="channel" label={t('eservice.field.channel')} required options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`eservice.channel.${c}`) }))} />
        <Field ctx={ctx} form={form} name="name" label={t('eservice.field.name')} required maxlength={200} autocomplete="off" />
        <Field ctx={ctx} form={form} name="phone" label={t('eservice.field.phone')} type="tel" maxlength={40} autocomplete="off" />
        <Field ctx={ctx} form={form} name="email" label={t('eservice.field.email')} hint={t('eservice.field.emailHint')} type="email" maxlength={200} autocomplete="off" />
        {def.fields.map((f) => <RequestField ctx={ctx} form={form} f={f} />)}
        <Button label={t('eservice.staff.recordSave')} />
      </Form>
    </Page>
  );
}

export function ServicesPage({ ctx, defs }: { ctx: ViewCtx; defs: ServiceDef[] }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('eservice.staff.catalogue')} staff breadcrumbs={staffCrumbs(ctx)}>
      <h1 safe>{t('eservice.staff.catalogue')}</h1>
      <p><a class="btn btn-primary" href="/staff/e-service/services/new" safe>{t('eservice.staff.newService')}</a></p>
      {defs.length === 0 ? <EmptyState text={t('eservice.catalogue.none')} /> : (
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('eservice.staff.catalogue')}>
          <table>
            <caption safe>{t('eservice.staff.catalogue')}</caption>
            <thead><tr><th scope="col" safe>{t('eservice.edit.name_th')}</th><th scope="col" safe>{t('eservice.edit.slug')}</th><th scope="col" safe>{t('eservice.edit.steps')}</th><th scope="col" safe>{t('eservice.edit.fields')}</th><th scope="col" safe>{t('eservice.edit.published')}</th></tr></thead>
            <tbody>
              {defs.map((d) => (
                <tr>
                  <td><a href={`/staff/e-service/services/${d.service.id}`}><Name ctx={ctx} th={d.service.name_th} en={d.service.name_en} /></a></td>
                  <td class="nowrap"><code safe>{d.service.slug}</code></td>
                  <td safe>{t('eservice.edit.stepCount', { n: d.steps.length, time: formatMinutes(ctx.lang, totalMinutes(d.steps)) })}</td>
                  <td class="num" safe>{String(d.fields.length)}</td>
                  <td safe>{d.service.is_published ? t('eservice.edit.yes') : t('eservice.edit.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

export function editLabels(ctx: ViewCtx): Record<string, string> {
  const t = ctx.t;
  const out: Record<string, string> = { _form: '' };
  for (const k of ['slug', 'position', 'name_th', 'name_en', 'summary_th', 'summary_en', 'group_th', 'group_en', 'keywords', 'legal_basis', 'division_id', 'channels', 'conditions', 'documents', 'fees', 'complaint_channel', 'sample_forms'] as const) out[k] = t(`eservice.edit.${k}`);
  for (let i = 1; i <= MAX_ROWS; i++) {
    for (const k of ['name', 'name_en', 'detail', 'duration', 'unit', 'division'] as const) out[`step-${i}-${k}`] = `${t('eservice.edit.stepN', { n: i })} — ${t(`eservice.edit.step.${k}`)}`;
    for (const k of ['key', 'label', 'label_en', 'hint', 'kind', 'options'] as const) out[`field-${i}-${k}`] = `${t('eservice.edit.fieldN', { n: i })} — ${t(`eservice.edit.field.${k}`)}`;
  }
  return out;
}

/** Rows to show: every filled one, then a few empty ones to add. */
function rowCount(values: FormState['values'], prefix: 'step' | 'field', keys: string[]): number {
  let last = 0;
  for (let i = 1; i <= MAX_ROWS; i++) if (keys.some((k) => String(values[`${prefix}-${i}-${k}`] ?? '').trim())) last = i;
  return Math.min(MAX_ROWS, last + EMPTY_ROWS);
}

export function ServiceEditPage({ ctx, form, id, divisions }: { ctx: ViewCtx; form: FormState; id: number | null; divisions: Division[] }) {
  const t = ctx.t;
  const title = id === null ? t('eservice.staff.newService') : t('eservice.edit.title', { name: String(form.values.name_th ?? '') });
  const divisionOptions = [{ value: '', label: t('eservice.edit.noDivision') }, ...divisions.map((d) => ({ value: String(d.id), label: d.name }))];
  const steps = rowCount(form.values, 'step', ['name', 'duration', 'detail', 'name_en']);
  const fields = rowCount(form.values, 'field', ['key', 'label']);
  const f = (name: string, extra: { hint?: string; required?: boolean; size?: 'wide' | 'short' } = {}) => <Field ctx={ctx} form={form} name={name} label={t(`eservice.edit.${name}` as 'eservice.edit.slug')} hint={extra.hint} required={extra.required} size={extra.size} maxlength={300} />;
  const a = (name: string, hint?: string, required?: boolean) => <TextArea ctx={ctx} form={form} name={name} label={t(`eservice.edit.${name}` as 'eservice.edit.slug')} hint={hint} required={required} rows={3} maxlength={4000} />;
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={staffCrumbs(ctx, [{ href: '/staff/e-service/services', label: t('eservice.staff.catalogue') }])}>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={editLabels(ctx)} />
      <Form ctx={ctx} action={id === null ? '/staff/e-service/services/new' : `/staff/e-service/services/${id}`}>
        <fieldset class="field">
          <legend safe>{t('eservice.edit.about')}</legend>
          {f('name_th', { required: true, size: 'wide' })}
          {f('name_en', { size: 'wide' })}
          {f('slug', { hint: t('eservice.edit.slugHint'), required: true })}
          {a('summary_th')}
          {a('summary_en')}
          {f('group_th', { hint: t('eservice.edit.groupHint') })}
          {f('group_en')}
          {f('keywords', { hint: t('eservice.edit.keywordsHint'), size: 'wide' })}
          <Select ctx={ctx} form={form} name="division_id" label={t('eservice.edit.division_id')} options={divisionOptions} />
          {f('position', { hint: t('eservice.edit.positionHint'), size: 'short' })}
          <Checkbox form={form} name="is_published" label={t('eservice.edit.is_published')} />
          <Checkbox form={form} name="is_location_public" label={t('eservice.edit.is_location_public')} hint={t('eservice.edit.locationHint')} />
        </fieldset>
        <fieldset class="field">
          <legend safe>{t('eservice.edit.manual')}</legend>
          <p class="hint" safe>{t('eservice.edit.linesHint')}</p>
          {a('legal_basis')}
          {a('channels', t('eservice.edit.channelsHint'), true)}
          {a('conditions')}
          {a('documents', t('eservice.edit.documentsHint'))}
          {a('fees', t('eservice.edit.feesHint'))}
          {a('complaint_channel', t('eservice.edit.complainHint'))}
          {a('sample_forms')}
        </fieldset>
        <h2 safe>{t('eservice.edit.steps')}</h2>
        <p class="hint" safe>{t('eservice.edit.stepsHint')}</p>
        {Array.from({ length: steps }, (_, k) => {
          const i = k + 1;
          const p = `step-${i}-`;
          return (
            <fieldset class="field">
              <legend safe>{t('eservice.edit.stepN', { n: i })}</legend>
              <Field ctx={ctx} form={form} name={`${p}name`} label={t('eservice.edit.step.name')} maxlength={200} size="wide" />
              <Field ctx={ctx} form={form} name={`${p}name_en`} label={t('eservice.edit.step.name_en')} maxlength={200} size="wide" />
              <Field ctx={ctx} form={form} name={`${p}detail`} label={t('eservice.edit.step.detail')} maxlength={1000} size="wide" />
              <Field ctx={ctx} form={form} name={`${p}duration`} label={t('eservice.edit.step.duration')} inputmode="numeric" maxlength={6} size="short" />
              <Select ctx={ctx} form={{ ...form, values: { ...form.values, [`${p}unit`]: form.values[`${p}unit`] || 'day' } }} name={`${p}unit`} label={t('eservice.edit.step.unit')} options={UNITS.map((u) => ({ value: u, label: t(`eservice.unit.${u}`) }))} />
              <Select ctx={ctx} form={form} name={`${p}division`} label={t('eservice.edit.step.division')} options={divisionOptions} />
            </fieldset>
          );
        })}
        <h2 safe>{t('eservice.edit.fields')}</h2>
        <p class="hint" safe>{t('eservice.edit.fieldsHint')}</p>
        {Array.from({ length: fields }, (_, k) => {
          const i = k + 1;
          const p = `field-${i}-`;
          return (
            <fieldset class="field">
              <legend safe>{t('eservice.edit.fieldN', { n: i })}</legend>
              <Field ctx={ctx} form={form} name={`${p}key`} label={t('eservice.edit.field.key')} hint={t('eservice.edit.keyHint')} maxlength={40} size="short" />
              <Field ctx={ctx} form={form} name={`${p}label`} label={t('eservice.edit.field.label')} maxlength={200} size="wide" />
              <Field ctx={ctx} form={form} name={`${p}label_en`} label={t('eservice.edit.field.label_en')} maxlength={200} size="wide" />
              <Field ctx={ctx} form={form} name={`${p}hint`} label={t('eservice.edit.field.hint')} maxlength={300} size="wide" />
              <Select ctx={ctx} form={form} name={`${p}kind`} label={t('eservice.edit.field.kind')} options={[{ value: '', label: t('eservice.form.choose') }, ...FIELD_KINDS.map((k) => ({ value: k, label: t(`eservice.kind.${k}`) }))]} />
              <Field ctx={ctx} form={form} name={`${p}options`} label={t('eservice.edit.field.options')} hint={t('eservice.edit.optionsHint')} maxlength={2000} size="wide" />
              <Checkbox form={form} name={`${p}required`} label={t('eservice.edit.field.required')} />
              <Checkbox form={form} name={`${p}public`} label={t('eservice.edit.field.public')} />
            </fieldset>
          );
        })}
        <Button label={t('eservice.edit.save')} />
      </Form>
    </Page>
  );
}

export function ApiKeysPage({ ctx, keys, form, created }: {
  ctx: ViewCtx; form: FormState; created?: { key: string; name: string };
  keys: Array<{ id: number; name: string; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null; created_by_name: string | null }>;
}) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('eservice.keys.title')} staff breadcrumbs={staffCrumbs(ctx)}>
      <h1 safe>{t('eservice.keys.title')}</h1>
      <p safe>{t('eservice.keys.intro')}</p>
      {created ? (
        <div class="panel-confirm" role="status">
          <h2 safe>{t('eservice.keys.created', { name: created.name })}</h2>
          <p><code class="secret" safe>{created.key}</code></p>
          <p><strong safe>{t('eservice.keys.once')}</strong></p>
        </div>
      ) : ''}
      <ErrorSummary ctx={ctx} form={form} labels={{ name: t('eservice.keys.name') }} />
      <Form ctx={ctx} action="/staff/e-service/api-keys">
        <Field ctx={ctx} form={form} name="name" label={t('eservice.keys.name')} hint={t('eservice.keys.nameHint')} required maxlength={100} />
        <Button label={t('eservice.keys.create')} />
      </Form>
      {keys.length === 0 ? <EmptyState text={t('eservice.keys.none')} /> : (
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('eservice.keys.list')}>
          <table>
            <caption safe>{t('eservice.keys.list')}</caption>
            <thead><tr><th scope="col" safe>{t('eservice.keys.name')}</th><th scope="col" safe>{t('eservice.keys.prefix')}</th><th scope="col" safe>{t('eservice.keys.createdAt')}</th><th scope="col" safe>{t('eservice.keys.lastUsed')}</th><th scope="col" safe>{t('eservice.keys.state')}</th></tr></thead>
            <tbody>
              {keys.map((k) => (
                <tr>
                  <td safe>{k.name}</td>
                  <td><code safe>{`${k.prefix}…`}</code></td>
                  <td><Time ctx={ctx} at={k.created_at} />{k.created_by_name ? <span class="muted" safe>{` (${k.created_by_name})`}</span> : ''}</td>
                  <td>{k.last_used_at ? <Time ctx={ctx} at={k.last_used_at} withTime /> : '—'}</td>
                  <td>
                    {k.revoked_at ? <span safe>{t('eservice.keys.revoked')}</span> : (
                      <Form ctx={ctx} action={`/staff/e-service/api-keys/${k.id}/revoke`} class="inline-form"><Button kind="danger" label={t('eservice.keys.revoke')} /></Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

/** Which services are served unequally: little online, long waits, late, or poorly rated. */
export function EqualityPage({ ctx, s, years, comments }: {
  ctx: ViewCtx; s: YearStats; years: number[];
  comments: Array<{ id: number; fiscal_year: number; seq: number; rating: number | null; rating_comment: string; rated_at: string | null; name_th: string; name_en: string }>;
}) {
  const t = ctx.t;
  const pct = (x: number | null) => (x === null ? '—' : `${x}%`);
  const time = (m: number | null) => (m === null ? '—' : formatMinutes(ctx.lang, m));
  return (
    <Page ctx={ctx} title={t('eservice.equality.titleYear', { year: s.year })} staff breadcrumbs={staffCrumbs(ctx)}>
      <h1 safe>{t('eservice.equality.titleYear', { year: s.year })}</h1>
      <p class="lead" safe>{t('eservice.equality.intro')}</p>
      {s.total === 0 ? <EmptyState text={t('eservice.stats.none')} /> : (
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('eservice.equality.table')}>
          <table>
            <caption safe>{t('eservice.equality.table')}</caption>
            <thead><tr>
              <th scope="col" safe>{t('eservice.stats.service')}</th><th scope="col" class="num" safe>{t('eservice.stats.total')}</th>
              {CHANNELS.map((c) => <th scope="col" class="num" safe>{t(`eservice.channel.${c}`)}</th>)}
              <th scope="col" safe>{t('eservice.equality.wait')}</th><th scope="col" safe>{t('eservice.stats.median')}</th><th scope="col" safe>{t('eservice.stats.declared')}</th>
              <th scope="col" class="num" safe>{t('eservice.stats.onTimeShare')}</th><th scope="col" class="num" safe>{t('eservice.stats.average')}</th><th scope="col" safe>{t('eservice.equality.flags')}</th>
            </tr></thead>
            <tbody>
              {s.services.filter((v) => v.total > 0).map((v) => {
                const online = share(v.channels.online + v.channels.api, v.total);
                const flags = [
                  ...(online !== null && online < 50 ? [t('eservice.equality.flag.offline')] : []),
                  ...(v.medianMinutes !== null && v.medianMinutes > v.declaredMinutes ? [t('eservice.equality.flag.slow')] : []),
                  ...(v.medianWaitMinutes !== null && v.steps[0] && v.medianWaitMinutes > v.steps[0].declaredMinutes ? [t('eservice.equality.flag.wait')] : []),
                  ...(v.ratings.average !== null && v.ratings.average < 3.5 ? [t('eservice.equality.flag.rating')] : []),
                ];
                return (
                  <tr>
                    <td><a href={`/staff/e-service?state=all&service=${v.serviceId}`}><Name ctx={ctx} th={v.name_th} en={v.name_en} /></a></td>
                    <td class="num" safe>{String(v.total)}</td>
                    {CHANNELS.map((c) => <td class="num" safe>{`${v.channels[c]} (${pct(share(v.channels[c], v.total))})`}</td>)}
                    <td class="nowrap" safe>{time(v.medianWaitMinutes)}</td>
                    <td class="nowrap" safe>{time(v.medianMinutes)}</td>
                    <td class="nowrap" safe>{time(v.declaredMinutes)}</td>
                    <td class="num" safe>{pct(share(v.onTime, v.completed))}</td>
                    <td class="num" safe>{v.ratings.average === null ? '—' : v.ratings.average.toFixed(2)}</td>
                    <td>{flags.length ? <ul class="plain">{flags.map((f) => <li><strong class="tag status-overdue" safe>{f}</strong></li>)}</ul> : <span safe>{t('eservice.equality.ok')}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint" safe>{t('eservice.equality.flagsNote')}</p>
      <section aria-labelledby="comments-title">
        <h2 id="comments-title" safe>{t('eservice.equality.comments')}</h2>
        {comments.length === 0 ? <EmptyState text={t('eservice.equality.noComments')} /> : (
          <ul class="plain">
            {comments.map((c) => (
              <li>
                <p><strong safe>{`${c.rating ?? '-'}/5`}</strong> · <Name ctx={ctx} th={c.name_th} en={c.name_en} /> · <a href={`/staff/e-service/requests/${c.id}`} safe>{requestNumber(c)}</a>{c.rated_at ? <> · <Time ctx={ctx} at={c.rated_at} /></> : ''}</p>
                <p class="pre" lang={ctx.lang === 'en' ? 'th' : undefined} safe>{c.rating_comment}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {years.length > 1 ? (
        <nav aria-label={t('eservice.stats.otherYears')}>
          <h2 safe>{t('eservice.stats.otherYears')}</h2>
          <ul class="plain inline-list">{years.filter((y) => y !== s.year).map((y) => <li><a href={`/staff/e-service/equality/${y}`} safe>{String(y)}</a></li>)}</ul>
        </nav>
      ) : ''}
    </Page>
  );
}
