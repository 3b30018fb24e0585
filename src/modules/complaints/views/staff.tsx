// Officers' pages: the case list, a case, the identity shown for a reason, recording a case from another channel.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, Checkbox, EmptyState, ErrorSummary, Field, FileField, Form, Pagination, Select, TextArea, Time, type FormState, type PageInfo } from '../../../platform/views/components.tsx';
import { formatBytes } from '../../../platform/i18n/index.ts';
import { CATEGORIES, CHANNELS, FORWARD_TO, LANES, NEXT, STATUSES, type Lane, type Status } from '../kinds.ts';
import { caseNumber, type Complaint } from '../store.ts';
import type { CaseView } from '../handling.ts';
import type { Identity } from '../intake.ts';
import { MAX_FILES } from '../intake.ts';
import { CaseFields, caseLabels } from './public.tsx';
import type { ReaderRow } from '../readers.ts';

const crumbs = (ctx: ViewCtx) => [{ href: '/staff', label: ctx.t('nav.staff') }, { href: '/staff/complaints', label: ctx.t('complaints.staff.title') }];
const statusWord = (ctx: ViewCtx, s: string) => ctx.t(`complaints.status.${s}` as 'complaints.status.received');
const catWord = (ctx: ViewCtx, c: string) => ctx.t(`complaints.cat.${c}` as 'complaints.cat.other');

export function isOverdue(c: Pick<Complaint, 'acknowledged_at' | 'ack_due' | 'concluded_at' | 'conclude_due'>, now: string): boolean {
  return (!c.acknowledged_at && c.ack_due < now) || (!c.concluded_at && c.conclude_due < now);
}

export interface ListQuery {
  lane: string;
  status: string;
  state: string;
  mine: boolean;
}

export function CaseListPage({ ctx, rows, info, query, subjects, now }: { ctx: ViewCtx; rows: Complaint[]; info: PageInfo; query: ListQuery; subjects: Map<number, string | null>; now: string }) {
  const t = ctx.t;
  const qs = new URLSearchParams(Object.entries({ ...query, mine: query.mine ? 'on' : '' }).filter(([, v]) => v) as Array<[string, string]>);
  return (
    <Page ctx={ctx} title={t('complaints.staff.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{t('complaints.staff.title')}</h1>
      <ul class="plain inline-list">
        {LANES.map((lane) => <li><a class="btn btn-secondary" href={`/staff/complaints/new?type=${lane}`} safe>{`${t('complaints.staff.new')}: ${t(`complaints.lane.${lane}`)}`}</a></li>)}
        <li><a href={`/staff/complaints/statistics/${ctx.fiscalYear}`} safe>{t('complaints.staff.statistics')}</a></li>
        <li><a href="/staff/complaints/readers" safe>{t('complaints.readers.title')}</a></li>
      </ul>
      <form method="get" action="/staff/complaints" class="filters">
        <div class="field">
          <label for="f-state" safe>{t('complaints.staff.state')}</label>
          <select id="f-state" name="state">
            {(['open', 'overdue', 'all'] as const).map((s) => <option value={s} selected={query.state === s} safe>{t(`complaints.staff.state.${s}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-lane" safe>{t('complaints.staff.lane')}</label>
          <select id="f-lane" name="lane">
            <option value="">—</option>
            {LANES.map((l) => <option value={l} selected={query.lane === l} safe>{t(`complaints.lane.${l}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-status" safe>{t('complaints.case.status')}</label>
          <select id="f-status" name="status">
            <option value="">—</option>
            {STATUSES.map((s) => <option value={s} selected={query.status === s} safe>{statusWord(ctx, s)}</option>)}
          </select>
        </div>
        <Checkbox form={{ values: { mine: query.mine ? 'on' : '' }, errors: {} }} name="mine" label={t('complaints.staff.mine')} />
        <div class="actions"><button type="submit" class="btn btn-secondary" safe>{t('form.filter')}</button></div>
      </form>
      {rows.length === 0 ? <EmptyState text={t('complaints.staff.empty')} /> : (
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('complaints.staff.title')}>
          <table>
            <thead><tr><th scope="col" safe>{t('complaints.staff.number')}</th><th scope="col" safe>{t('complaints.field.subject')}</th><th scope="col" safe>{t('complaints.staff.lane')}</th><th scope="col" safe>{t('complaints.case.status')}</th><th scope="col" safe>{t('complaints.staff.received')}</th><th scope="col" safe>{t('complaints.staff.due')}</th></tr></thead>
            <tbody>
              {rows.map((c) => (
                <tr>
                  <td><a href={`/staff/complaints/${c.id}`} class="code" safe>{caseNumber(c)}</a></td>
                  <td safe>{subjects.get(c.id) ?? '—'}</td>
                  <td safe>{`${t(`complaints.lane.${c.lane as Lane}`)} · ${catWord(ctx, c.category)}`}</td>
                  <td><span class="tag" safe>{statusWord(ctx, c.status)}</span></td>
                  <td><Time ctx={ctx} at={c.received_at} /></td>
                  <td>{isOverdue(c, now) ? <strong class="tag tag-urgent" safe>{t('complaints.staff.overdue')}</strong> : c.concluded_at ? '—' : <Time ctx={ctx} at={c.acknowledged_at ? c.conclude_due : c.ack_due} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} info={info} baseHref={`/staff/complaints${qs.size ? `?${qs}` : ''}`} />
    </Page>
  );
}

export function CasePageStaff({ ctx, v, form, identity, divisions, staff, now }: { ctx: ViewCtx; v: CaseView; form: FormState; identity: { shown: Identity | null; reason: string } | null; divisions: Array<{ id: number; name: string }>; staff: Array<{ id: number; name: string }>; now: string }) {
  const t = ctx.t;
  const c = v.c;
  const next = NEXT[c.status as Status] ?? [];
  const filesOf = (messageId: number | null) => v.files.filter((f) => f.messageId === messageId);
  const FileLinks = ({ list }: { list: CaseView['files'] }) =>
    list.length ? <ul class="attachments">{list.map((f) => <li>{f.meta ? <><a href={`/staff/complaints/${c.id}/files/${f.id}`} safe>{f.meta.name}</a> <span class="muted nowrap" safe>{`(${f.meta.ext.toUpperCase()}, ${formatBytes(ctx.lang, f.meta.size)})`}</span></> : <span safe>{t('complaints.staff.fileUnreadable')}</span>}</li>)}</ul> : '';
  const labels: Record<string, string> = { ...caseLabels(ctx), status: t('complaints.staff.newStatus'), forwarded_to: t('complaints.staff.forwardedTo'), body: t('complaints.case.replyBody'), reason: t('complaints.staff.reason'), assigned_user_id: t('complaints.staff.assignUser'), user_id: t('complaints.staff.excludeUser') };
  return (
    <Page ctx={ctx} title={`${t('complaints.staff.number')} ${v.number}`} staff breadcrumbs={crumbs(ctx)}>
      <h1><span safe>{`${t('complaints.staff.number')} `}</span><span class="code" safe>{v.number}</span></h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <dl class="meta">
        <dt safe>{t('complaints.staff.lane')}</dt><dd safe>{`${t(`complaints.lane.${c.lane as Lane}`)} · ${catWord(ctx, c.category)}`}</dd>
        <dt safe>{t('complaints.field.channel')}</dt><dd safe>{t(`complaints.channel.${c.channel}` as 'complaints.channel.web')}</dd>
        <dt safe>{t('complaints.case.status')}</dt><dd><span class="tag" safe>{statusWord(ctx, c.status)}</span>{c.forwarded_to ? <span safe>{` → ${t(`complaints.forward.${c.forwarded_to}` as 'complaints.forward.other')}`}</span> : ''}</dd>
        <dt safe>{t('complaints.staff.received')}</dt><dd><Time ctx={ctx} at={c.received_at} withTime /></dd>
        <dt safe>{t('complaints.staff.due')}</dt>
        <dd>
          {!c.acknowledged_at ? <span safe>{t('complaints.staff.ackDue', { date: '' })}</span> : <span safe>{t('complaints.staff.concludeDue', { date: '' })}</span>}
          <Time ctx={ctx} at={c.acknowledged_at ? c.conclude_due : c.ack_due} />
          {isOverdue(c, now) ? <strong class="tag tag-urgent" safe>{t('complaints.staff.overdue')}</strong> : ''}
        </dd>
        <dt safe>{t('complaints.staff.assigned')}</dt><dd safe>{v.officers.find((o) => o.id === c.assigned_user_id)?.displayName ?? t('complaints.staff.nobody')}</dd>
        <dt safe>{t('complaints.staff.assignDivision')}</dt><dd safe>{divisions.find((d) => d.id === c.assigned_division_id)?.name ?? '—'}</dd>
      </dl>

      {!v.report ? <div class="notice" role="note"><p safe>{t('complaints.staff.noKey')}</p></div> : (
        <section aria-labelledby="report-title">
          <h2 id="report-title" safe>{v.report.subject}</h2>
          <p class="pre" safe>{v.report.description}</p>
          <dl class="meta">
            {v.report.who ? <><dt safe>{t('complaints.field.who')}</dt><dd safe>{v.report.who}</dd></> : ''}
            {v.report.when ? <><dt safe>{t('complaints.field.when')}</dt><dd><Time ctx={ctx} at={v.report.when} /></dd></> : ''}
            {v.report.where ? <><dt safe>{t('complaints.field.where')}</dt><dd safe>{v.report.where}</dd></> : ''}
          </dl>
          <FileLinks list={filesOf(null)} />
        </section>
      )}

      <section aria-labelledby="identity-title">
        <h2 id="identity-title" safe>{t('complaints.staff.identity')}</h2>
        {!c.is_identified ? <p safe>{t('complaints.staff.anonymous')}</p> : identity?.shown ? (
          <>
            <p class="notice" safe>{t('complaints.staff.identityShown', { reason: identity.reason })}</p>
            <dl class="meta">
              {(['name', 'national_id', 'phone', 'email', 'address'] as const).filter((k) => identity.shown![k]).map((k) => <><dt safe>{labels[k]}</dt><dd safe>{identity.shown![k]}</dd></>)}
            </dl>
          </>
        ) : v.report ? (
          <Form ctx={ctx} action={`/staff/complaints/${c.id}/identity`}>
            <p safe>{t('complaints.staff.identityHidden')}</p>
            <Field ctx={ctx} form={form} name="reason" label={t('complaints.staff.reason')} required maxlength={300} size="wide" />
            <Button kind="secondary" label={t('complaints.staff.showIdentity')} />
          </Form>
        ) : ''}
      </section>

      <section aria-labelledby="messages-title">
        <h2 id="messages-title" safe>{t('complaints.case.messages')}</h2>
        {v.messages.length === 0 ? <EmptyState text={t('complaints.case.noMessages')} /> : (
          <ol class="messages">
            {v.messages.map((m) => (
              <li class={`message message-${m.author}`}>
                <p class="muted"><strong safe>{m.author === 'complainant' ? t('complaints.staff.fromComplainant') : m.name ?? t('complaints.case.fromOfficer')}</strong>{m.author === 'note' ? <span class="tag" safe>{t('complaints.staff.internal')}</span> : ''} · <Time ctx={ctx} at={m.at} withTime /></p>
                <p class="pre" safe>{m.text ?? '—'}</p>
                <FileLinks list={filesOf(m.id)} />
              </li>
            ))}
          </ol>
        )}
        {v.report && c.status !== 'closed' ? (
          <Form ctx={ctx} action={`/staff/complaints/${c.id}/message`} multipart>
            <TextArea ctx={ctx} form={form} name="body" label={t('complaints.staff.write')} hint={t('complaints.staff.writeHint')} rows={4} maxlength={10000} />
            {Array.from({ length: MAX_FILES }, (_, i) => <FileField ctx={ctx} form={form} name={`file${i + 1}`} label={t('complaints.field.fileN', { n: i + 1 })} accept="image/jpeg,image/png,image/webp,application/pdf" />)}
            <Checkbox form={form} name="note" label={t('complaints.staff.saveNote')} hint={t('complaints.staff.noteHint')} />
            <Button label={t('complaints.staff.sendMessage')} />
          </Form>
        ) : ''}
      </section>

      {next.length ? (
        <section aria-labelledby="status-title">
          <h2 id="status-title" safe>{t('complaints.staff.changeStatus')}</h2>
          <Form ctx={ctx} action={`/staff/complaints/${c.id}/status`}>
            <Select ctx={ctx} form={form} name="status" label={t('complaints.staff.newStatus')} options={next.map((s) => ({ value: s, label: statusWord(ctx, s) }))} />
            <Select ctx={ctx} form={form} name="forwarded_to" label={t('complaints.staff.forwardedTo')} options={[{ value: '', label: '—' }, ...FORWARD_TO.map((f) => ({ value: f, label: t(`complaints.forward.${f}`) }))]} />
            <Button label={t('complaints.staff.changeStatus')} />
          </Form>
        </section>
      ) : ''}

      <section aria-labelledby="assign-title">
        <h2 id="assign-title" safe>{t('complaints.staff.assign')}</h2>
        <Form ctx={ctx} action={`/staff/complaints/${c.id}/assign`}>
          <Select ctx={ctx} form={{ values: { assigned_user_id: c.assigned_user_id ? String(c.assigned_user_id) : '', assigned_division_id: c.assigned_division_id ? String(c.assigned_division_id) : '' }, errors: form.errors }} name="assigned_user_id" label={t('complaints.staff.assignUser')} options={[{ value: '', label: t('complaints.staff.nobody') }, ...v.officers.filter((o) => !v.excluded.includes(o.id)).map((o) => ({ value: String(o.id), label: o.displayName }))]} />
          <Select ctx={ctx} form={{ values: { assigned_division_id: c.assigned_division_id ? String(c.assigned_division_id) : '' }, errors: {} }} name="assigned_division_id" label={t('complaints.staff.assignDivision')} options={[{ value: '', label: '—' }, ...divisions.map((d) => ({ value: String(d.id), label: d.name }))]} />
          <Button kind="secondary" label={t('complaints.staff.assign')} />
        </Form>
      </section>

      <section aria-labelledby="exclude-title">
        <h2 id="exclude-title" safe>{t('complaints.staff.exclude')}</h2>
        <p safe>{t('complaints.staff.excludedList', { n: v.excluded.length })}</p>
        {v.excluded.length ? (
          <ul class="plain">
            {v.excluded.map((id) => (
              <li>
                <Form ctx={ctx} action={`/staff/complaints/${c.id}/include`} class="inline-form">
                  <span safe>{staff.find((s) => s.id === id)?.name ?? String(id)}</span>{' '}
                  <input type="hidden" name="user_id" value={String(id)} />
                  <button type="submit" class="btn-inline" safe>{t('complaints.staff.include')}</button>
                </Form>
              </li>
            ))}
          </ul>
        ) : ''}
        <Form ctx={ctx} action={`/staff/complaints/${c.id}/exclude`}>
          <Select ctx={ctx} form={form} name="user_id" label={t('complaints.staff.excludeUser')} options={[{ value: '', label: '—' }, ...staff.filter((s) => s.id !== ctx.user?.id && !v.excluded.includes(s.id)).map((s) => ({ value: String(s.id), label: s.name }))]} />
          <Field ctx={ctx} form={form} name="reason" label={t('complaints.staff.excludeReason')} required maxlength={300} size="wide" />
          <Button kind="danger" label={t('complaints.staff.exclude')} />
        </Form>
      </section>

      {c.lane === 'general' ? (
        <section aria-labelledby="lane-title">
          <h2 id="lane-title" safe>{t('complaints.staff.moveLane')}</h2>
          <Form ctx={ctx} action={`/staff/complaints/${c.id}/lane`}>
            <Select ctx={ctx} form={form} name="category" label={t('complaints.field.category')} options={CATEGORIES.corruption.map((x) => ({ value: x, label: catWord(ctx, x) }))} />
            <Button kind="secondary" label={t('complaints.staff.moveLane')} />
          </Form>
        </section>
      ) : ''}

      <section aria-labelledby="history-title">
        <h2 id="history-title" safe>{t('complaints.staff.history')}</h2>
        <ol class="timeline">{v.history.map((h) => <li><Time ctx={ctx} at={h.at} withTime /> — <span safe>{statusWord(ctx, h.status)}</span></li>)}</ol>
      </section>
    </Page>
  );
}

export function RecordCasePage({ ctx, form, lane, recorded }: { ctx: ViewCtx; form: FormState; lane: Lane; recorded?: { number: string; receipt: string } }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('complaints.staff.newTitle')} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('complaints.staff.newTitle')}</h1>
      {recorded ? <div class="panel-confirm" role="status"><p safe>{t('complaints.staff.recorded', recorded)}</p><p><strong class="receipt" safe>{recorded.receipt}</strong></p></div> : ''}
      <ErrorSummary ctx={ctx} form={form} labels={caseLabels(ctx)} />
      <p safe>{t(`complaints.lane.${lane}`)}</p>
      <Form ctx={ctx} action={`/staff/complaints/new?type=${lane}`} multipart>
        <Select ctx={ctx} form={form} name="channel" label={t('complaints.field.channel')} required options={CHANNELS.filter((c) => c !== 'web').map((c) => ({ value: c, label: t(`complaints.channel.${c}`) }))} />
        <CaseFields ctx={ctx} form={form} lane={lane} retentionDays={0} staff />
        <Button label={t('complaints.send')} />
      </Form>
    </Page>
  );
}

/** Who receives case keys: approved readers, and officers waiting for an approved reader to approve them. */
export function ReadersPage({ ctx, rows, form, canApprove }: { ctx: ViewCtx; rows: ReaderRow[]; form?: FormState; canApprove: boolean }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('complaints.readers.title')} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('complaints.readers.title')}</h1>
      <p safe>{t('complaints.readers.intro')}</p>
      {form ? <ErrorSummary ctx={ctx} form={form} labels={{ user_id: t('complaints.readers.officer') }} /> : ''}
      {!canApprove ? <p class="notice" safe>{t('complaints.readers.waiting')}</p> : ''}
      <table>
        <caption class="visually-hidden" safe>{t('complaints.readers.title')}</caption>
        <thead><tr><th scope="col" safe>{t('complaints.readers.officer')}</th><th scope="col" safe>{t('complaints.readers.state')}</th><th scope="col"><span class="visually-hidden" safe>{t('complaints.readers.action')}</span></th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td safe>{r.name}</td>
              <td>
                {r.approved ? (
                  <>
                    <span safe>{t('complaints.readers.approved')}</span>{' '}
                    {r.approvedAt ? <Time ctx={ctx} at={r.approvedAt} /> : ''}{' '}
                    <span safe>{r.approvedBy ? t('complaints.readers.by', { name: r.approvedBy }) : t('complaints.readers.byServer')}</span>
                  </>
                ) : <span safe>{t('complaints.readers.pending')}</span>}
              </td>
              <td>
                {canApprove && r.id !== ctx.user?.id ? (
                  <Form ctx={ctx} action={`/staff/complaints/readers/${r.approved ? 'revoke' : 'approve'}`} class="inline-form">
                    <input type="hidden" name="user_id" value={String(r.id)} />
                    <button type="submit" class="btn-inline" safe>{t(r.approved ? 'complaints.readers.revoke' : 'complaints.readers.approve')}</button>
                  </Form>
                ) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
