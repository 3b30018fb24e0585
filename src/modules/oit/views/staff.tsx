import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, Checkbox, Checkboxes, EmptyState, ErrorSummary, Field, FileField, Form, Select, TextArea, type FormState } from '../../../platform/views/components.tsx';
import { can } from '../../../platform/auth/roles.ts';
import { formatDateFor, pick } from '../../../platform/i18n/index.ts';
import type { Evidence, EvidenceCandidate } from '../../../platform/evidence.ts';
import { requirementKey, summary, type ItemReadiness, type Outlook, type Reason, type ReadinessStatus } from '../readiness.ts';
import { itemUrl } from '../service.ts';
import { RECENCY } from '../store.ts';
import { grouped, itemTitle, requirementTexts } from './public.tsx';
import { Msg, pickText, Text, thaiLang, thaiPart } from '../../../platform/views/text.tsx';
import type { BindingHealth, ItemHealth } from '../health.ts';
import { BindingHealthLine, HealthSection, type HealthView } from './health.tsx';

const crumbs = (ctx: ViewCtx, year?: number) => [
  { href: '/staff', label: ctx.t('nav.staff') },
  { href: '/staff/oit/years', label: ctx.t('oit.staff.title') },
  ...(year ? [{ href: `/staff/oit/${year}`, label: String(year) }] : []),
];

// a symbol as well as a colour, so the status reads without colour vision; the word is what screen readers say
const STATUS_ICON: Record<ReadinessStatus, string> = { ready: '✓', incomplete: '!', wrong_year: '↻', missing: '✕' };

export function StatusTag({ ctx, status }: { ctx: ViewCtx; status: ReadinessStatus }) {
  const safeIcon = STATUS_ICON[status];
  return <span class={`tag status-${status}`}><span class="status-icon" aria-hidden="true">{safeIcon}</span> <span safe>{ctx.t(`oit.status.${status}`)}</span></span>;
}

/** A reason as HTML: the Thai titles and elements in it marked as Thai on an English page. */
export const ReasonText = ({ ctx, r }: { ctx: ViewCtx; r: Reason }) => <Msg ctx={ctx} k={r.key} vars={r.vars} />;

function Reasons({ ctx, reasons }: { ctx: ViewCtx; reasons: Reason[] }) {
  return <ul class="reasons">{reasons.map((x) => <li><ReasonText ctx={ctx} r={x} /></li>)}</ul>;
}

export function StaffYearsPage({ ctx, years, form }: { ctx: ViewCtx; years: Array<{ year: number; provisional: boolean; s: ReturnType<typeof summary> }>; form: FormState }) {
  const t = ctx.t;
  const manage = can(ctx.user, 'oit.manage');
  return (
    <Page ctx={ctx} title={t('oit.staff.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{t('oit.staff.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ year: t('oit.staff.importYear'), file: t('oit.staff.importFile'), from: t('oit.staff.copyFrom'), to: t('oit.staff.copyTo') }} />
      {years.length === 0 ? <EmptyState text={t('oit.staff.noYears')} /> : (
        <ul class="cards">
          {years.map(({ year, provisional, s }) => (
            <li class="card">
              <h2><a href={`/staff/oit/${year}`} safe>{t('oit.staff.yearTitle', { year })}</a></h2>
              {provisional ? <p><span class="tag provisional" safe>{t('oit.staff.provisional')}</span></p> : ''}
              <p safe>{t('oit.staff.readiness', { ready: s.ready, total: s.total, percent: s.percent })}</p>
              <meter min="0" max="100" value={String(s.percent)} aria-label={t('oit.staff.yearTitle', { year })} safe>{`${s.percent}%`}</meter>
            </li>
          ))}
        </ul>
      )}
      {manage ? (
        <>
          <section aria-labelledby="import-title">
            <h2 id="import-title" safe>{t('oit.staff.import')}</h2>
            <Form ctx={ctx} action="/staff/oit/import" multipart>
              <Field ctx={ctx} form={form} name="year" label={t('oit.staff.importYear')} required inputmode="numeric" size="short" maxlength={4} />
              <FileField ctx={ctx} form={form} name="file" label={t('oit.staff.importFile')} hint={t('oit.staff.importHint')} required accept=".json,.csv,application/json,text/csv" />
              <Button label={t('oit.staff.import')} />
            </Form>
          </section>
          <section aria-labelledby="copy-title">
            <h2 id="copy-title" safe>{t('oit.staff.copy')}</h2>
            <Form ctx={ctx} action="/staff/oit/copy">
              <Field ctx={ctx} form={form} name="from" label={t('oit.staff.copyFrom')} required inputmode="numeric" size="short" maxlength={4} />
              <Field ctx={ctx} form={form} name="to" label={t('oit.staff.copyTo')} required inputmode="numeric" size="short" maxlength={4} />
              <Checkbox form={form} name="with_bindings" label={t('oit.staff.copyBindings')} />
              <Button kind="secondary" label={t('oit.staff.copy')} />
            </Form>
          </section>
        </>
      ) : ''}
    </Page>
  );
}

/** Which items the year's list shows: all, or those not ready (all of them, or of one kind). */
export const SHOW = ['notready', 'missing', 'wrong_year', 'incomplete', 'flagged'] as const;
export type Show = (typeof SHOW)[number];

/** A provisional year (copied, NACC's list not out yet): said on the year's page, with the admin's confirm button. */
function ProvisionalNotice({ ctx, year }: { ctx: ViewCtx; year: number }) {
  const t = ctx.t;
  return (
    <div class="notice" role="note" id="provisional">
      <p><span class="tag provisional" safe>{t('oit.staff.provisional')}</span> <span safe>{t('oit.staff.provisionalBody', { year })}</span></p>
      {can(ctx.user, 'oit.confirm') ? (
        <Form ctx={ctx} action={`/staff/oit/${year}/confirm`}>
          <Button kind="secondary" label={t('oit.staff.confirm', { year })} />
        </Form>
      ) : <p class="muted" safe>{t('oit.staff.confirmByAdmin')}</p>}
    </div>
  );
}

export function StaffYearPage({ ctx, year, rs, show, provisional, form, health, items }: { ctx: ViewCtx; year: number; rs: ItemReadiness[]; show: Show | ''; provisional: boolean; form: FormState; health: HealthView; items: Map<number, ItemHealth> }) {
  const t = ctx.t;
  const s = summary(rs);
  const shown = show === '' ? rs : rs.filter((r) => (show === 'flagged' ? !!items.get(r.item.id)?.flagged : show === 'notready' ? r.status !== 'ready' : r.status === show));
  // what the last check found beyond readiness (links, files, frozen evidence), beside the readiness reasons
  const found = (id: number) => (items.get(id)?.problems ?? []).filter((x) => x.key.startsWith('oit.health.'));
  const byItem = new Map(shown.map((r) => [r.item.id, r]));
  return (
    <Page ctx={ctx} title={t('oit.staff.yearTitle', { year })} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('oit.staff.yearTitle', { year })}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ year: t('oit.staff.provisional') }} />
      {provisional ? <ProvisionalNotice ctx={ctx} year={year} /> : ''}
      <p class="lead" role="status"><strong safe>{t('oit.staff.readiness', { ready: s.ready, total: s.total, percent: s.percent })}</strong></p>
      <p safe>{t('oit.staff.counts', s)}</p>
      <p>
        <span safe>{`${t('oit.staff.export')}: `}</span>
        <a href={`/staff/oit/${year}/export.csv`} safe>{t('oit.staff.exportCsv')}</a>{' · '}
        <a href={`/staff/oit/${year}/export.xlsx`} safe>{t('oit.staff.exportXlsx')}</a>{' · '}
        <a href={`/oit/${year}`} safe>{t('oit.nav')}</a>{' · '}
        <a href="/staff/oit/years" safe>{t('oit.staff.otherYears')}</a>
      </p>
      <form method="get" action={`/staff/oit/${year}`} class="filters">
        <div class="field">
          <label for="f-show" safe>{t('oit.staff.show')}</label>
          <select id="f-show" name="show">
            <option value="" safe>{t('oit.staff.showAll')}</option>
            {SHOW.map((x) => <option value={x} selected={x === show} safe>{t(`oit.staff.show.${x}`)}</option>)}
          </select>
        </div>
        <div class="actions"><button type="submit" class="btn btn-secondary" safe>{t('form.filter')}</button></div>
      </form>
      <HealthSection ctx={ctx} year={year} h={health} />
      {shown.length === 0 ? <EmptyState text={t(show ? 'oit.staff.showNone' : 'oit.staff.noItems')} /> : ''}
      {grouped(shown.map((r) => r.item)).map((ind) => {
        const name = pickText(ctx, ind.indicator, ind.indicator_en);
        return (
        <section aria-label={name.text || t('oit.indicator')}>
          {name.text ? <h2 lang={name.lang} safe>{name.text}</h2> : ''}
          {ind.groups.map((g) => {
            const group = pickText(ctx, g.group, g.group_en);
            return (
            <div class="table-wrap" tabindex="0" role="region" aria-label={group.text || name.text || t('oit.indicator')}>
              <table>
                {group.text ? <caption lang={group.lang} safe>{group.text}</caption> : ''}
                <thead><tr><th scope="col" safe>{t('oit.field.code')}</th><th scope="col" safe>{t('oit.field.title_th')}</th><th scope="col" safe>{t('pub.staff.status')}</th><th scope="col" safe>{t('oit.staff.reasons')}</th></tr></thead>
                <tbody>
                  {g.items.map((i) => {
                    const r = byItem.get(i.id)!;
                    return (
                      <tr>
                        <td><a href={`/staff${itemUrl(year, i.code)}`} safe>{i.code}</a></td>
                        <td lang={thaiLang(ctx, i.title_th)} safe>{i.title_th}</td>
                        <td><StatusTag ctx={ctx} status={r.status} /></td>
                        <td>{r.reasons.length || found(i.id).length ? <Reasons ctx={ctx} reasons={[...r.reasons, ...found(i.id)]} /> : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            );
          })}
        </section>
        );
      })}
    </Page>
  );
}

export interface PickResult extends EvidenceCandidate {
  evidence: Evidence;
  outlook: Outlook;
  bound: boolean;
}

/** The evidence picker: its search (words, and '' for the years the item asks for, 'any' or one year) and what it found. */
export interface Picker {
  q: string;
  fy: string;
  expected: number[];
  results: PickResult[];
  /** more matched than are shown */
  capped: boolean;
  /** a failed bind from the picker */
  form: FormState | null;
}

export interface BindOptions {
  providers: Array<{ key: string; label: string; candidates: EvidenceCandidate[] }>;
  picker: Picker;
}

function Verdict({ ctx, o }: { ctx: ViewCtx; o: Outlook }) {
  const t = ctx.t;
  const [cls, safeIcon, text, reasons]: [string, string, string, Reason[]] = o.problems.length
    ? ['verdict-bad', '✕', t('oit.pick.unusable'), o.problems]
    : o.status === 'ready'
      ? ['verdict-ok', '✓', t('oit.pick.ready'), []]
      : o.statusIfTicked === 'ready'
        ? ['verdict-ok', '✓', t('oit.pick.readyIfTicked'), []]
        : ['verdict-warn', '!', t('oit.pick.notEnough'), o.remaining];
  return (
    <div class={`verdict ${cls}`}>
      <p><span aria-hidden="true">{safeIcon}</span> <strong safe>{text}</strong></p>
      {reasons.length ? <Reasons ctx={ctx} reasons={reasons} /> : ''}
    </div>
  );
}

/** Years offered besides the item's own: around the item's year and today's, and whatever was asked for. */
function yearChoices(ctx: ViewCtx, year: number, fy: string): number[] {
  const top = Math.max(year, ctx.fiscalYear) + 1;
  const years = Array.from({ length: top - (year - 3) + 1 }, (_, i) => top - i);
  return /^\d{4}$/.test(fy) && !years.includes(Number(fy)) ? [...years, Number(fy)].sort((a, b) => b - a) : years;
}

function PickerSection({ ctx, r, picker, base }: { ctx: ViewCtx; r: ItemReadiness; picker: Picker; base: string }) {
  const t = ctx.t;
  const it = r.item;
  const ticked = it.requirements.filter((x) => r.ticked.has(requirementKey(x)));
  const options = tickOptions(ctx, it);
  return (
    <section aria-labelledby="pick-title" id="f-pick-ref" tabindex="-1">
      <h2 id="pick-title" safe>{t('oit.pick.title')}</h2>
      <p safe>{t('oit.pick.intro')}</p>
      <form method="get" action={`${base}#pick-results`} role="search" class="pick-search">
        <div class="field">
          <label for="f-pick-q" safe>{t('oit.pick.q')}</label>
          <p class="hint" id="f-pick-q-hint" safe>{t('oit.pick.qHint')}</p>
          <input type="search" id="f-pick-q" name="q" value={picker.q} maxlength="100" aria-describedby="f-pick-q-hint" />
        </div>
        <div class="field">
          <label for="f-pick-fy" safe>{t('oit.pick.fy')}</label>
          <select id="f-pick-fy" name="fy">
            <option value="" safe>{picker.expected.length ? t('oit.pick.fyItem', { years: picker.expected.join(t('oit.pick.or')) }) : t('oit.pick.fyAny')}</option>
            {picker.expected.length ? <option value="any" selected={picker.fy === 'any'} safe>{t('oit.pick.fyAny')}</option> : ''}
            {yearChoices(ctx, it.year, picker.fy).map((y) => <option value={String(y)} selected={picker.fy === String(y)} safe>{t('oit.pick.fyOne', { year: y })}</option>)}
          </select>
        </div>
        <div class="actions"><button type="submit" class="btn btn-secondary" safe>{t('form.search')}</button></div>
      </form>
      <h3 id="pick-results" safe>{t('oit.pick.results', { n: picker.results.length })}</h3>
      {picker.results.length === 0 ? <EmptyState text={t('oit.pick.none')} /> : (
        <ul class="pick-results" id="f-pick-requirements">
          {picker.results.map((c, i) => (
            <li class="pick-result">
              <h4 id={`pick-${i}`}><a href={c.evidence.url} lang={thaiLang(ctx, c.title)} safe>{c.title}</a></h4>
              <p class="muted" safe>{c.detail}</p>
              {c.evidence.publishedAt ? <p class="muted" safe>{t('oit.pick.publishedAt', { date: formatDateFor(ctx.lang, c.evidence.publishedAt, { style: 'medium' }) })}</p> : ''}
              {c.bound ? <p class="ok" safe>{t('oit.pick.bound')}</p> : (
                <>
                  <Verdict ctx={ctx} o={c.outlook} />
                  <Form ctx={ctx} action={`${base}/pick`} class="pick-form">
                    <input type="hidden" name="ref" value={c.ref} />
                    <input type="hidden" name="q" value={picker.q} />
                    <input type="hidden" name="fy" value={picker.fy} />
                    {it.requirements.length ? (
                      <Checkboxes ctx={ctx} form={{ values: { requirements: ticked }, errors: {}, idPrefix: `pick${i}-` }} name="requirements" legend={t('oit.pick.ticks')} options={options} />
                    ) : ''}
                    <Button label={t('oit.pick.bind')} />
                  </Form>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {picker.capped ? <p class="pick-more" safe>{t('oit.pick.more', { n: picker.results.length })}</p> : ''}
    </section>
  );
}

/** The required elements to tick: the Thai text is the value (what a tick records), the label in the page's language. */
function tickOptions(ctx: ViewCtx, it: ItemReadiness['item']) {
  return requirementTexts(ctx, it).map((x, n) => ({ value: it.requirements[n]!, label: x.text, lang: x.lang }));
}

export function StaffItemPage({ ctx, r, options, form, health }: { ctx: ViewCtx; r: ItemReadiness; options: BindOptions; form: FormState; health: Map<number, BindingHealth> }) {
  const t = ctx.t;
  const it = r.item;
  const name = itemTitle(ctx, it);
  const manage = can(ctx.user, 'oit.manage');
  const base = `/staff${itemUrl(it.year, it.code)}`;
  const labels = {
    ref: t('oit.staff.chooseContent'), url: t('oit.staff.url'), label: t('oit.staff.urlLabel'), title_th: t('oit.field.title_th'), title_en: t('oit.field.title_en'),
    indicator: t('oit.field.indicator'), group_name: t('oit.field.group'), requirements: t('oit.field.requirements'), recency: t('oit.field.recency'), sort_order: t('oit.field.sort_order'), note: t('oit.field.note'),
    indicator_en: t('oit.field.indicator_en'), group_en: t('oit.field.group_en'), requirements_en: t('oit.field.requirements_en'),
  };
  return (
    <Page ctx={ctx} title={`${it.code} ${name.text}`} staff breadcrumbs={crumbs(ctx, it.year)}>
      <h1><span safe>{it.code}</span> <Text ctx={ctx} th={it.title_th} en={it.title_en} /></h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      {options.picker.form ? <ErrorSummary ctx={ctx} form={{ ...options.picker.form, idPrefix: 'pick-' }} labels={{ ref: t('oit.pick.title'), requirements: t('oit.pick.ticks') }} /> : ''}
      <p><StatusTag ctx={ctx} status={r.status} /> <a href={itemUrl(it.year, it.code)} safe>{t('oit.staff.publicPage')}</a></p>
      {r.reasons.length ? <Reasons ctx={ctx} reasons={r.reasons} /> : ''}
      {it.note ? <p class="muted" lang={thaiLang(ctx, it.note)} safe>{it.note}</p> : ''}

      <section aria-labelledby="bindings-title">
        <h2 id="bindings-title" safe>{t('oit.staff.bindings')}</h2>
        {r.evidence.length === 0 ? <EmptyState text={t('oit.noEvidence')} /> : (
          <ul class="evidence">
            {r.evidence.map((e) => (
              <li>
                {e.evidence ? <a href={e.evidence.url} lang={thaiLang(ctx, pick(ctx.lang, e.evidence.title))} safe>{pick(ctx.lang, e.evidence.title)}</a> : <span safe>{t('oit.reason.gone')}</span>}
                {e.external ? <span class="tag" safe>{t('oit.external')}</span> : ''}
                {e.problems.length ? <Reasons ctx={ctx} reasons={e.problems} /> : <span class="ok">{' ✓'}</span>}
                <BindingHealthLine ctx={ctx} h={health.get(e.binding.id)} />
                {manage ? (
                  <Form ctx={ctx} action={`${base}/bindings/${e.binding.id}/remove`} class="inline-form">
                    <button type="submit" class="btn-inline" safe>{t('oit.staff.unbind')}</button>
                  </Form>
                ) : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      {manage ? (
        <>
          <PickerSection ctx={ctx} r={r} picker={options.picker} base={base} />
          <h2 id="f-ref" tabindex="-1" safe>{t('oit.staff.bindOther')}</h2>
          {options.providers.map((pv) => (
            <section aria-label={pv.label}>
              <h3 safe>{`${t('oit.staff.bindProvider')}: ${pv.label}`}</h3>
              <Form ctx={ctx} action={`${base}/bindings`}>
                <input type="hidden" name="provider" value={pv.key} />
                <label for={`f-ref-${pv.key}`} safe>{t('oit.staff.choosePage')}</label>
                <select id={`f-ref-${pv.key}`} name="ref" required>
                  {pv.candidates.map((c) => <option value={c.ref} lang={thaiLang(ctx, c.title)} safe>{`${c.title} (${c.detail})`}</option>)}
                </select>
                <div class="actions"><Button kind="secondary" label={t('oit.staff.bind')} /></div>
              </Form>
            </section>
          ))}
          <section aria-labelledby="bind-url-title">
            <h3 id="bind-url-title" safe>{t('oit.staff.bindUrl')}</h3>
            <Form ctx={ctx} action={`${base}/bindings`}>
              <input type="hidden" name="provider" value="url" />
              <Field ctx={ctx} form={form} name="url" type="url" label={labels.url} required maxlength={1000} size="wide" />
              <Field ctx={ctx} form={form} name="label" label={labels.label} required maxlength={300} size="wide" />
              <Button kind="secondary" label={t('oit.staff.bind')} />
            </Form>
          </section>
          {it.requirements.length ? (
            <section aria-labelledby="ticks-title">
              <h2 id="ticks-title" safe>{t('oit.staff.ticks')}</h2>
              <Form ctx={ctx} action={`${base}/ticks`}>
                <fieldset class="field">
                  <legend safe>{t('oit.staff.ticksHint')}</legend>
                  {tickOptions(ctx, it).map((req, i) => (
                    <div class="check">
                      <input type="checkbox" id={`f-req-${i}`} name="requirements" value={req.value} checked={r.ticked.has(requirementKey(req.value))} />
                      <label for={`f-req-${i}`} lang={req.lang} safe>{req.label}</label>
                    </div>
                  ))}
                </fieldset>
                <Button label={t('oit.staff.saveTicks')} />
              </Form>
            </section>
          ) : ''}
          <section aria-labelledby="edit-title">
            <h2 id="edit-title" safe>{t('oit.staff.editItem')}</h2>
            <Form ctx={ctx} action={`${base}/edit`}>
              <Field ctx={ctx} form={form} name="title_th" label={labels.title_th} required maxlength={500} size="wide" lang={thaiPart(ctx)} />
              <Field ctx={ctx} form={form} name="title_en" label={labels.title_en} maxlength={500} size="wide" lang="en" />
              <Field ctx={ctx} form={form} name="indicator" label={labels.indicator} maxlength={300} size="wide" lang={thaiPart(ctx)} />
              <Field ctx={ctx} form={form} name="indicator_en" label={labels.indicator_en} maxlength={300} size="wide" lang="en" />
              <Field ctx={ctx} form={form} name="group_name" label={labels.group_name} maxlength={300} size="wide" lang={thaiPart(ctx)} />
              <Field ctx={ctx} form={form} name="group_en" label={labels.group_en} maxlength={300} size="wide" lang="en" />
              <TextArea ctx={ctx} form={form} name="requirements" label={labels.requirements} rows={5} maxlength={20000} lang={thaiPart(ctx)} />
              <TextArea ctx={ctx} form={form} name="requirements_en" label={labels.requirements_en} hint={t('oit.field.requirementsEnHint')} rows={5} maxlength={20000} lang="en" />
              <Select ctx={ctx} form={form} name="recency" label={labels.recency} options={RECENCY.map((x) => ({ value: x, label: t(`oit.recency.${x}`) }))} />
              <Field ctx={ctx} form={form} name="sort_order" label={labels.sort_order} inputmode="numeric" size="short" maxlength={4} />
              <TextArea ctx={ctx} form={form} name="note" label={labels.note} rows={2} maxlength={2000} />
              <Button label={t('form.save')} />
            </Form>
          </section>
          <p><a class="btn btn-danger" href={`${base}/delete`} safe>{t('oit.staff.deleteItem')}</a></p>
        </>
      ) : ''}
    </Page>
  );
}

export function DeleteItemPage({ ctx, year, code }: { ctx: ViewCtx; year: number; code: string }) {
  const t = ctx.t;
  const base = `/staff${itemUrl(year, code)}`;
  return (
    <Page ctx={ctx} title={t('oit.staff.deleteItem')} staff breadcrumbs={crumbs(ctx, year)}>
      <h1 safe>{t('oit.staff.deleteItem')}</h1>
      <p safe>{t('oit.staff.deleteConfirm', { code })}</p>
      <Form ctx={ctx} action={`${base}/delete`}>
        <div class="actions"><Button kind="danger" label={t('form.confirm')} /><a href={base} safe>{t('form.cancel')}</a></div>
      </Form>
    </Page>
  );
}
