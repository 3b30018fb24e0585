import { isOverdue } from '../rules.ts';
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, DateInput, EmptyState, ErrorSummary, Field, FileField, Form, Select, TextArea, type FormState } from '../../../platform/views/components.tsx';
import { can } from '../../../platform/auth/roles.ts';
import { formatDate } from '../../../platform/thai/index.ts';
import type { Missing } from '../report.ts';
import { reportPath } from '../reports.ts';
import { fmtScore, levelIn, levelOf, type Level, type Rules } from '../rules.ts';
import { pickText, thaiLang, thaiPart } from '../../../platform/views/text.tsx';
import { MEASURE_KINDS, MEASURE_STATUSES, REPORT_KINDS, type Issue, type Measure, type Milestone, type Recommendation, type Report, type Result, type YearPlan } from '../store.ts';
import { IssueHeading, ResultBox } from './public.tsx';


const crumbs = (ctx: ViewCtx, year?: number) => [
  { href: '/staff', label: ctx.t('nav.staff') },
  { href: '/staff/integrity', label: ctx.t('integrity.staff.title') },
  ...(year ? [{ href: `/staff/integrity/${year}`, label: ctx.t('integrity.staff.year', { year }) }] : []),
];

function MeasureLine({ ctx, m, today }: { ctx: ViewCtx; m: Measure; today: string }) {
  const t = ctx.t;
  return (
    <li>
      <a href={`/staff/integrity/measures/${m.id}`} lang={thaiLang(ctx, m.title_th)} safe>{m.title_th}</a>{' '}
      <span class={`tag status-${m.status}`} safe>{t(`integrity.status.${m.status as 'done'}`)}</span>
      {isOverdue(m, today) ? <span class="tag status-overdue" safe>{`${t('integrity.overdue')} ${formatDate(m.due_date!, { lang: ctx.lang, style: 'medium' })}`}</span> : ''}
      <meter min="0" max="100" value={String(m.percent)} aria-label={t('integrity.public.progress', { percent: m.percent })} safe>{`${m.percent}%`}</meter>
      <span class="muted"><span safe>{` ${m.percent}% · `}</span><span lang={thaiLang(ctx, m.division_name ?? m.owner_name)} safe>{m.division_name ?? m.owner_name}</span><span>{m.due_date ? ` · ${t('integrity.field.due')} ${formatDate(m.due_date, { lang: ctx.lang, style: 'medium' })}` : ''}</span></span>
    </li>
  );
}

export function DashboardPage({ ctx, years, overdue, dueSoon, current, today, mine }: { ctx: ViewCtx; years: Array<{ year: number; result: Result | null; level: Level | null }>; overdue: Measure[]; dueSoon: Measure[]; current: { year: number; percent: number; done: number; total: number }; today: string; mine?: boolean }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('integrity.staff.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{t('integrity.staff.title')}</h1>
      <section aria-labelledby="dash-title" class="hero">
        <h2 id="dash-title" safe>{`${t('integrity.staff.dashboard')} — ${t('integrity.staff.year', { year: current.year })}`}</h2>
        <p safe>{t('integrity.staff.progressAll', current)}</p>
        <meter min="0" max="100" value={String(current.percent)} aria-label={t('integrity.staff.progressAll', current)} safe>{`${current.percent}%`}</meter>
      </section>
      {mine ? <p class="flash flash-info"><span safe>{`${t('integrity.staff.mineOnly')} `}</span><a href="/staff/integrity" safe>{t('integrity.staff.showAll')}</a></p> : ''}
      <section id="overdue" aria-labelledby="overdue-title">
        <h2 id="overdue-title" safe>{t(mine ? 'integrity.staff.overdueMine' : 'integrity.staff.overdueList')}</h2>
        {overdue.length ? <ul class="measure-list">{overdue.map((m) => <MeasureLine ctx={ctx} m={m} today={today} />)}</ul> : <EmptyState text={t('integrity.staff.nothingOverdue')} />}
      </section>
      {dueSoon.length ? (
        <section id="due-soon" aria-labelledby="soon-title">
          <h2 id="soon-title" safe>{t(mine ? 'integrity.staff.dueSoonMine' : 'integrity.staff.dueSoon')}</h2>
          <ul class="measure-list">{dueSoon.map((m) => <MeasureLine ctx={ctx} m={m} today={today} />)}</ul>
        </section>
      ) : ''}
      <h2 safe>{t('integrity.public.years')}</h2>
      <ul class="cards">
        {years.map(({ year, result, level }) => {
          const name = level ? levelIn(level, ctx.lang).name : result?.level_th ?? '';
          return (
            <li class="card">
              <h3><a href={`/staff/integrity/${year}`} safe>{t('integrity.staff.year', { year })}</a></h3>
              {result ? <p><span safe>{`${fmtScore(result.total)} · `}</span><span lang={thaiLang(ctx, name)} safe>{name}</span></p> : ''}
            </li>
          );
        })}
      </ul>
    </Page>
  );
}

export const resultLabels = (ctx: ViewCtx, rules: Rules): Record<string, string> => ({
  iit: ctx.t('integrity.field.iit'), eit: ctx.t('integrity.field.eit'), oit: ctx.t('integrity.field.oit'), file: ctx.t('integrity.field.csv'),
  ...Object.fromEntries(rules.indicators.map((i) => [`i${i.no}`, ctx.t('integrity.field.indicator', { no: i.no, name: (ctx.lang === 'en' && i.name_en) || i.name_th })])),
  no: ctx.t('integrity.field.no'), title_th: ctx.t('integrity.field.issueTitle'), title_en: ctx.t('integrity.field.issueTitleEn'), indicators: ctx.t('integrity.field.indicators'), oit_codes: ctx.t('integrity.field.oitCodes'), _form: '',
});

export function YearPage(p: { ctx: ViewCtx; year: number; rules: Rules; result: Result | null; plan: YearPlan; reports: Report[]; missing: Missing[]; today: string; resultForm: FormState; headingForm: FormState; rulesForm: FormState }) {
  const { ctx, year, rules, result, plan, reports } = p;
  const t = ctx.t;
  const manage = can(ctx.user, 'integrity.manage');
  const labels = resultLabels(ctx, rules);
  const rulesForm: FormState = { ...p.rulesForm, idPrefix: 'rules-' };
  return (
    <Page ctx={ctx} title={t('integrity.staff.year', { year })} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{`${t('integrity.staff.title')} — ${t('integrity.staff.year', { year })}`}</h1>
      <ErrorSummary ctx={ctx} form={p.resultForm} labels={labels} />
      <ErrorSummary ctx={ctx} form={p.headingForm} labels={labels} />
      <ErrorSummary ctx={ctx} form={rulesForm} labels={rulesLabels(ctx, rules)} />
      <p class="muted" safe>{`${t('integrity.staff.rules', { year })}: ${t('integrity.staff.weights', rules.weights)}`}</p>
      {result ? <ResultBox ctx={ctx} result={result} rules={rules} /> : ''}
      {manage ? (
        <details open={!result}>
          <summary safe>{t('integrity.staff.results')}</summary>
          <Form ctx={ctx} action={`/staff/integrity/${year}/result`}>
            <Field ctx={ctx} form={p.resultForm} name="iit" label={labels.iit!} hint={t('integrity.field.scoreHint')} inputmode="text" size="short" maxlength={6} />
            <Field ctx={ctx} form={p.resultForm} name="eit" label={labels.eit!} inputmode="text" size="short" maxlength={6} />
            <Field ctx={ctx} form={p.resultForm} name="oit" label={labels.oit!} inputmode="text" size="short" maxlength={6} />
            {rules.indicators.map((i) => <Field ctx={ctx} form={p.resultForm} name={`i${i.no}`} label={labels[`i${i.no}`]!} inputmode="text" size="short" maxlength={6} />)}
            <Button label={t('form.save')} />
          </Form>
        </details>
      ) : ''}

      {manage ? <RulesForm ctx={ctx} year={year} rules={rules} form={rulesForm} /> : ''}

      <section aria-labelledby="report-title">
        <h2 id="report-title" safe>{t('integrity.staff.report')}</h2>
        {p.missing.length ? (
          <div class="flash flash-info" role="status">
            <p safe>{t('integrity.public.missingBody', { year })}</p>
            <ul>{p.missing.map((m) => <li safe>{t(m.key, m.vars)}</li>)}</ul>
          </div>
        ) : (
          REPORT_KINDS.map((kind) => {
            const published = reports.find((r) => r.kind === kind);
            return (
              <div class="report-kind">
                <h3 safe>{t(`integrity.kind.${kind}`)}</h3>
                <p>
                  <a href={`/staff/integrity/${year}/report/${kind}.pdf`} safe>{t('integrity.staff.preview', { format: 'PDF' })}</a>{' · '}
                  <a href={`/staff/integrity/${year}/report/${kind}.docx`} safe>{t('integrity.staff.preview', { format: 'DOCX' })}</a>
                </p>
                {published ? <p safe>{`${t('integrity.staff.publishedAt', { date: formatDate(published.published_at, { lang: ctx.lang, withTime: true }) })} — ${p.ctx.baseUrl}${reportPath(year, kind, 'pdf')}`}</p> : ''}
                {can(ctx.user, 'integrity.publish') ? (
                  <Form ctx={ctx} action={`/staff/integrity/${year}/report/${kind}/publish`}>
                    <Button kind={published ? 'secondary' : 'primary'} label={published ? t('integrity.staff.republish') : t('integrity.staff.publish', { kind: t(`integrity.kind.${kind}`) })} />
                  </Form>
                ) : ''}
              </div>
            );
          })
        )}
        <p><a href={`/integrity/${year}`} safe>{t('integrity.public.title', { year })}</a></p>
      </section>

      <section aria-labelledby="headings-title">
        <h2 id="headings-title" safe>{t('integrity.staff.headings')}</h2>
        {plan.issues.length === 0 ? <EmptyState text={t('integrity.staff.noHeadings')} /> : ''}
        {plan.issues.map((issue) => (
          <div class="issue card">
            <IssueHeading ctx={ctx} issue={issue} level={3} href={`/staff/integrity/headings/${issue.id}`} />
            <ul lang={thaiPart(ctx)}>{plan.recommendations.filter((r) => r.issue_id === issue.id).map((r) => <li safe>{r.text_th}</li>)}</ul>
            {plan.measures.filter((m) => m.issue_id === issue.id).length ? (
              <ul class="measure-list">{plan.measures.filter((m) => m.issue_id === issue.id).map((m) => <MeasureLine ctx={ctx} m={m} today={p.today} />)}</ul>
            ) : <p class="muted" safe>{t('integrity.staff.noMeasures')}</p>}
            {manage ? <p><a class="btn btn-secondary" href={`/staff/integrity/headings/${issue.id}/measures/new`} safe>{t('integrity.staff.newMeasure')}</a></p> : ''}
          </div>
        ))}
        {manage ? (
          <details>
            <summary safe>{t('integrity.staff.newHeading')}</summary>
            <HeadingFields ctx={ctx} form={p.headingForm} action={`/staff/integrity/${year}/headings`} labels={labels} />
          </details>
        ) : ''}
      </section>

      {manage ? (
        <section aria-labelledby="more-title">
          <h2 id="more-title" safe>{t('integrity.staff.analysis')}</h2>
          <Form ctx={ctx} action={`/staff/integrity/${year}/analysis`}><Button kind="secondary" label={t('integrity.staff.draftAnalysis', { from: year - 1, year })} /></Form>
          <ul>
            <li><a href={`/staff/integrity/${year}/risks`} safe>{t('integrity.staff.risks')}</a></li>
            <li><a href={`/staff/integrity/${year}/projects`} safe>{t('integrity.staff.projects')}</a></li>
            <li><a href={`/staff/integrity/${year}/ethics`} safe>{t('integrity.staff.ethics')}</a></li>
          </ul>
          <details>
            <summary safe>{t('integrity.staff.importResults')}</summary>
            <Form ctx={ctx} action="/staff/integrity/results/import" multipart>
              <FileField ctx={ctx} form={p.resultForm} name="file" label={labels.file!} required accept=".csv,text/csv" />
              <Button kind="secondary" label={t('integrity.staff.importResults')} />
            </Form>
          </details>
        </section>
      ) : ''}
    </Page>
  );
}

const rulesLabels = (ctx: ViewCtx, rules: Rules): Record<string, string> => ({
  w_iit: ctx.t('integrity.rules.weight', { tool: 'IIT' }), w_eit: ctx.t('integrity.rules.weight', { tool: 'EIT' }), w_oit: ctx.t('integrity.rules.weight', { tool: 'OIT' }),
  ...Object.fromEntries(rules.levels.flatMap((l, i) => {
    const level = levelIn(l, ctx.lang).name;
    return [[`l${i}_total`, ctx.t('integrity.rules.minTotal', { level })], [`l${i}_each`, ctx.t('integrity.rules.minEach', { level })]];
  })),
  _form: '',
});

function RulesForm({ ctx, year, rules, form }: { ctx: ViewCtx; year: number; rules: Rules; form: FormState }) {
  const l = rulesLabels(ctx, rules);
  return (
    <details open={Object.keys(form.errors).length > 0}>
      <summary safe>{ctx.t('integrity.rules.title')}</summary>
      <p class="hint" safe>{ctx.t('integrity.rules.hint')}</p>
      <Form ctx={ctx} action={`/staff/integrity/${year}/rules`}>
        {['w_iit', 'w_eit', 'w_oit'].map((name) => <Field ctx={ctx} form={form} name={name} label={l[name]!} required inputmode="numeric" size="short" maxlength={3} />)}
        {rules.levels.flatMap((_, i) => [
          <Field ctx={ctx} form={form} name={`l${i}_total`} label={l[`l${i}_total`]!} required inputmode="text" size="short" maxlength={6} />,
          <Field ctx={ctx} form={form} name={`l${i}_each`} label={l[`l${i}_each`]!} inputmode="text" size="short" maxlength={6} />,
        ])}
        <Button label={ctx.t('form.save')} />
      </Form>
    </details>
  );
}

function HeadingFields({ ctx, form, action, labels }: { ctx: ViewCtx; form: FormState; action: string; labels: Record<string, string> }) {
  return (
    <Form ctx={ctx} action={action}>
      <Field ctx={ctx} form={form} name="no" label={labels.no!} required inputmode="numeric" size="short" maxlength={2} />
      <Field ctx={ctx} form={form} name="title_th" label={labels.title_th!} required maxlength={500} size="wide" lang={thaiPart(ctx)} />
      <Field ctx={ctx} form={form} name="title_en" label={labels.title_en!} maxlength={500} size="wide" lang="en" />
      <Field ctx={ctx} form={form} name="indicators" label={labels.indicators!} maxlength={40} />
      <Field ctx={ctx} form={form} name="oit_codes" label={labels.oit_codes!} maxlength={200} lang="en" />
      <TextArea ctx={ctx} form={form} name="remarks" label={ctx.t('integrity.field.remarks')} rows={2} maxlength={2000} />
      <Button label={ctx.t('form.save')} />
    </Form>
  );
}

export interface ContentOption {
  id: number;
  title_th: string;
}

export function HeadingPage(p: { ctx: ViewCtx; issue: Issue; plan: YearPlan; headingForm: FormState; form: FormState; documents: ContentOption[]; today: string }) {
  const { ctx, issue, plan } = p;
  const t = ctx.t;
  const manage = can(ctx.user, 'integrity.manage');
  const labels = { ...resultLabels(ctx, { weights: { iit: 0, eit: 0, oit: 0 }, indicators: [], levels: [] }), text_th: t('integrity.field.recommendation'), outcome: t('integrity.field.outcome'), title: t('integrity.field.evidenceTitle'), content_id: t('integrity.field.evidenceContent'), oit_ref: t('integrity.field.evidenceOit'), url: t('integrity.field.evidenceUrl') };
  const recs = plan.recommendations.filter((r) => r.issue_id === issue.id);
  const measures = plan.measures.filter((m) => m.issue_id === issue.id);
  const outcomes = plan.outcomes.filter((o) => o.issue_id === issue.id);
  const evidence = plan.evidence.filter((e) => e.issue_id === issue.id);
  const Remove = ({ table, id, what }: { table: string; id: number; what: string }) =>
    manage ? (
      <Form ctx={ctx} action={`/staff/integrity/${table}/${id}/remove`} class="inline-form">
        <button type="submit" class="btn-inline" aria-label={`${t('integrity.staff.remove')}: ${what}`} safe>{t('integrity.staff.remove')}</button>
      </Form>
    ) : '';
  const heading = pickText(ctx, issue.title_th, issue.title_en);
  return (
    <Page ctx={ctx} title={`${issue.no}. ${heading.text}`} staff breadcrumbs={crumbs(ctx, issue.year)}>
      <IssueHeading ctx={ctx} issue={issue} level={1} />
      <ErrorSummary ctx={ctx} form={p.form} labels={labels} />
      <ErrorSummary ctx={ctx} form={p.headingForm} labels={labels} />
      <h2 safe>{t('integrity.field.recommendation')}</h2>
      <ul>{recs.map((r) => <li><span lang={thaiLang(ctx, r.text_th)} safe>{r.text_th}</span> <Remove table="recommendations" id={r.id} what={r.text_th.slice(0, 40)} /></li>)}</ul>
      {manage ? (
        <Form ctx={ctx} action={`/staff/integrity/headings/${issue.id}/recommendations`}>
          <TextArea ctx={ctx} form={p.form} name="text_th" label={labels.text_th} required rows={2} maxlength={2000} lang={thaiPart(ctx)} />
          <Button kind="secondary" label={t('integrity.staff.addRecommendation')} />
        </Form>
      ) : ''}
      <h2 safe>{t('integrity.col.measure')}</h2>
      {measures.length ? <ul class="measure-list">{measures.map((m) => <MeasureLine ctx={ctx} m={m} today={p.today} />)}</ul> : <p safe>{t('integrity.staff.noMeasures')}</p>}
      {manage ? <p><a class="btn btn-secondary" href={`/staff/integrity/headings/${issue.id}/measures/new`} safe>{t('integrity.staff.newMeasure')}</a></p> : ''}
      <h2 safe>{t('integrity.staff.outcomes')}</h2>
      <ul>{outcomes.map((o) => <li><span lang={thaiLang(ctx, o.text_th)} safe>{o.text_th}</span> <Remove table="outcomes" id={o.id} what={o.text_th.slice(0, 40)} /></li>)}</ul>
      <ul class="evidence">{evidence.map((e) => <li><span lang={thaiLang(ctx, e.title_th)} safe>{e.title_th}</span> <span class="muted" safe>{e.oit_code ? `OIT ${e.oit_year}/${e.oit_code}` : e.url}</span> <Remove table="evidence" id={e.id} what={e.title_th.slice(0, 40)} /></li>)}</ul>
      {manage ? (
        <>
          <Form ctx={ctx} action={`/staff/integrity/headings/${issue.id}/outcomes`}>
            <TextArea ctx={ctx} form={p.form} name="outcome" label={labels.outcome} required rows={2} maxlength={2000} />
            <Button kind="secondary" label={t('integrity.staff.addOutcome')} />
          </Form>
          <Form ctx={ctx} action={`/staff/integrity/headings/${issue.id}/evidence`}>
            <fieldset class="field">
              <legend safe>{t('integrity.staff.addEvidence')}</legend>
              <Field ctx={ctx} form={p.form} name="title" label={labels.title} required maxlength={500} size="wide" />
              <Select ctx={ctx} form={p.form} name="content_id" label={labels.content_id} options={[{ value: '', label: t('integrity.field.noContent') }, ...p.documents.map((d) => ({ value: String(d.id), label: d.title_th }))]} />
              <Field ctx={ctx} form={p.form} name="oit_ref" label={labels.oit_ref} maxlength={30} size="short" lang="en" />
              <Field ctx={ctx} form={p.form} name="url" type="url" label={labels.url} maxlength={1000} size="wide" />
            </fieldset>
            <Button kind="secondary" label={t('integrity.staff.addEvidence')} />
          </Form>
          <details>
            <summary safe>{t('integrity.staff.editHeading')}</summary>
            <HeadingFields ctx={ctx} form={p.headingForm} action={`/staff/integrity/headings/${issue.id}`} labels={labels} />
          </details>
        </>
      ) : ''}
    </Page>
  );
}

export const measureLabels = (ctx: ViewCtx): Record<string, string> => ({
  kind: ctx.t('integrity.field.measureKind'), title_th: ctx.t('integrity.field.measureTitle'), recommendation_id: ctx.t('integrity.field.forRecommendation'),
  owner_division_id: ctx.t('integrity.field.ownerDivision'), owner_name: ctx.t('integrity.field.ownerName'), owner_email: ctx.t('integrity.field.ownerEmail'),
  start_date: ctx.t('integrity.field.start'), due_date: ctx.t('integrity.field.due'), steps: ctx.t('integrity.field.steps'), budget: ctx.t('integrity.field.budget'),
  status: ctx.t('integrity.field.status'), percent: ctx.t('integrity.field.percent'), summary: ctx.t('integrity.field.summary'), remarks: ctx.t('integrity.field.remarks'),
  day: ctx.t('integrity.field.day'), note: ctx.t('integrity.field.note'), _form: '',
});

export function MeasurePage(p: { ctx: ViewCtx; issue: Issue; measure: Measure | null; form: FormState; milestoneForm: FormState; divisions: Array<{ id: number; name_th: string }>; recommendations: Recommendation[]; milestones: Milestone[]; today: string }) {
  const { ctx, issue, measure } = p;
  const t = ctx.t;
  const l = measureLabels(ctx);
  const title = measure ? `${t('integrity.staff.editMeasure')}: ${measure.title_th}` : t('integrity.staff.newMeasure');
  const heading = pickText(ctx, issue.title_th, issue.title_en);
  const manage = can(ctx.user, 'integrity.manage');
  const msForm: FormState = { ...p.milestoneForm, idPrefix: 'ms-' };
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={[...crumbs(ctx, issue.year), { href: `/staff/integrity/headings/${issue.id}`, label: `${issue.no}. ${heading.text}` }]}>
      {measure ? <h1><span safe>{`${t('integrity.staff.editMeasure')}: `}</span><span lang={thaiLang(ctx, measure.title_th)} safe>{measure.title_th}</span></h1> : <h1 safe>{title}</h1>}
      {measure && isOverdue(measure, p.today) ? <div class="flash flash-error" role="status"><p safe>{`${t('integrity.overdue')}: ${formatDate(measure.due_date!, { lang: ctx.lang })}`}</p></div> : ''}
      <ErrorSummary ctx={ctx} form={p.form} labels={l} />
      <ErrorSummary ctx={ctx} form={msForm} labels={l} />
      {manage ? (
        <Form ctx={ctx} action={measure ? `/staff/integrity/measures/${measure.id}` : `/staff/integrity/headings/${issue.id}/measures/new`}>
          <Select ctx={ctx} form={p.form} name="kind" label={l.kind!} options={MEASURE_KINDS.map((k) => ({ value: k, label: t(`integrity.kindOf.${k}`) }))} />
          <TextArea ctx={ctx} form={p.form} name="title_th" label={l.title_th!} required rows={3} maxlength={2000} />
          <Select ctx={ctx} form={p.form} name="recommendation_id" label={l.recommendation_id!} options={[{ value: '', label: t('integrity.field.anyRecommendation') }, ...p.recommendations.map((r) => ({ value: String(r.id), label: r.text_th.slice(0, 120) }))]} />
          <Select ctx={ctx} form={p.form} name="owner_division_id" label={l.owner_division_id!} options={[{ value: '', label: t('integrity.field.noDivision') }, ...p.divisions.map((d) => ({ value: String(d.id), label: d.name_th }))]} />
          <Field ctx={ctx} form={p.form} name="owner_name" label={l.owner_name!} maxlength={200} />
          <Field ctx={ctx} form={p.form} name="owner_email" type="email" label={l.owner_email!} maxlength={200} autocomplete="off" />
          <DateInput ctx={ctx} form={p.form} name="start_date" label={l.start_date!} />
          <DateInput ctx={ctx} form={p.form} name="due_date" label={l.due_date!} />
          <TextArea ctx={ctx} form={p.form} name="steps" label={l.steps!} rows={3} maxlength={5000} />
          <Field ctx={ctx} form={p.form} name="budget" label={l.budget!} inputmode="numeric" size="short" maxlength={20} />
          <Select ctx={ctx} form={p.form} name="status" label={l.status!} options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`integrity.status.${s}`) }))} />
          <Field ctx={ctx} form={p.form} name="percent" label={l.percent!} inputmode="numeric" size="short" maxlength={3} />
          <TextArea ctx={ctx} form={p.form} name="summary" label={l.summary!} rows={3} maxlength={5000} />
          <TextArea ctx={ctx} form={p.form} name="remarks" label={l.remarks!} rows={2} maxlength={2000} />
          <Button label={t('form.save')} />
        </Form>
      ) : ''}
      {measure ? (
        <section aria-labelledby="ms-title">
          <h2 id="ms-title" safe>{t('integrity.staff.milestones')}</h2>
          <ol class="timeline">{p.milestones.map((m) => <li><span safe>{`${formatDate(m.day, { lang: ctx.lang })} — `}</span><span lang={thaiLang(ctx, m.note)} safe>{m.note}</span><span>{m.percent !== null ? ` (${m.percent}%)` : ''}</span></li>)}</ol>
          {manage ? (
            <Form ctx={ctx} action={`/staff/integrity/measures/${measure.id}/milestones`}>
              <DateInput ctx={ctx} form={msForm} name="day" label={l.day!} required />
              <TextArea ctx={ctx} form={msForm} name="note" label={l.note!} required rows={2} maxlength={2000} />
              <Field ctx={ctx} form={msForm} name="percent" label={l.percent!} inputmode="numeric" size="short" maxlength={3} />
              <Button kind="secondary" label={t('integrity.staff.addMilestone')} />
            </Form>
          ) : ''}
        </section>
      ) : ''}
    </Page>
  );
}

export function levelText(ctx: ViewCtx, rules: Rules, r: Result): string {
  return levelIn(levelOf(rules, r.total, r), ctx.lang).name;
}
