import type { Children } from '@kitajs/html';
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, DateInput, EmptyState, ErrorSummary, Field, Form, Select, TextArea, type FormState } from '../../../platform/views/components.tsx';
import { can } from '../../../platform/auth/roles.ts';
import { formatDate } from '../../../platform/thai/index.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { ETHICS_KINDS, PERIODS, PROCESSES, RISK_STATUSES, riskLevel } from '../registers.ts';
import type { EthicsActivity, Project, Risk } from '../store.ts';
import { thaiLang } from '../../../platform/views/text.tsx';

const crumbs = (ctx: ViewCtx, year: number) => [
  { href: '/staff', label: ctx.t('nav.staff') },
  { href: '/staff/integrity', label: ctx.t('integrity.staff.title') },
  { href: `/staff/integrity/${year}`, label: ctx.t('integrity.staff.year', { year }) },
];


function ReportButtons({ ctx, action }: { ctx: ViewCtx; action: string }) {
  return (
    <div class="actions">
      {PERIODS.map((period) => (
        <Form ctx={ctx} action={action} class="inline-form">
          <input type="hidden" name="period" value={period} />
          <Button kind="secondary" label={ctx.t('integrity.staff.makeReport', { report: ctx.t(`integrity.period.${period}`) })} />
        </Form>
      ))}
    </div>
  );
}

/** A register's page: heading, errors, what comes first (the risk matrix), the table or an empty state, then the forms. */
function RegisterPage(p: { ctx: ViewCtx; year: number; title: string; form: FormState; labels: Record<string, string>; headers: string[]; safeRows: JSX.Element[]; safeFirst?: JSX.Element; children?: Children }) {
  const t = p.ctx.t;
  const { safeRows, safeFirst } = p;
  return (
    <Page ctx={p.ctx} title={p.title} staff breadcrumbs={crumbs(p.ctx, p.year)}>
      <h1 safe>{`${p.title} — ${t('integrity.staff.year', { year: p.year })}`}</h1>
      <ErrorSummary ctx={p.ctx} form={p.form} labels={p.labels} />
      {safeFirst ?? ''}
      {safeRows.length === 0 ? <EmptyState text={t('page.empty')} /> : (
        <div class="table-wrap" tabindex="0" role="region" aria-label={p.title}>
          <table>
            <thead><tr>{p.headers.map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
            <tbody>{safeRows}</tbody>
          </table>
        </div>
      )}
      {can(p.ctx.user, 'integrity.manage') ? p.children ?? '' : ''}
    </Page>
  );
}

/** Likelihood down the side, impact along the top; each cell counts the risks in it. */
export function RiskMatrix({ ctx, risks }: { ctx: ViewCtx; risks: Risk[] }) {
  const t = ctx.t;
  return (
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="matrix-title">
      <table class="risk-matrix">
        <caption id="matrix-title" safe>{t('integrity.risk.matrix')}</caption>
        <thead><tr><th scope="col" safe>{`${t('integrity.risk.likelihood')} \\ ${t('integrity.risk.impact')}`}</th>{[1, 2, 3, 4, 5].map((i) => <th scope="col" safe>{String(i)}</th>)}</tr></thead>
        <tbody>
          {[5, 4, 3, 2, 1].map((l) => (
            <tr>
              <th scope="row" safe>{String(l)}</th>
              {[1, 2, 3, 4, 5].map((i) => {
                const n = risks.filter((r) => r.likelihood === l && r.impact === i).length;
                const lv = riskLevel(l, i);
                return <td class={`risk-${lv}`} safe>{`${n ? `${n} · ` : ''}${t(`integrity.risk.lv.${lv}`)}`}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const riskLabels = (ctx: ViewCtx): Record<string, string> => ({
  process: ctx.t('integrity.risk.process'), title_th: ctx.t('integrity.risk.title'), likelihood: ctx.t('integrity.risk.likelihood'), impact: ctx.t('integrity.risk.impact'),
  controls: ctx.t('integrity.risk.controls'), mitigation: ctx.t('integrity.risk.mitigation'), owner_name: ctx.t('integrity.risk.owner'), due_date: ctx.t('integrity.risk.due'),
  follow_up: ctx.t('integrity.risk.followUp'), status: ctx.t('integrity.risk.status'), _form: '',
});

function RiskFields({ ctx, form, action }: { ctx: ViewCtx; form: FormState; action: string }) {
  const t = ctx.t;
  const l = riskLabels(ctx);
  const scale = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));
  return (
    <Form ctx={ctx} action={action}>
      <Select ctx={ctx} form={form} name="process" label={l.process!} options={PROCESSES.map((x) => ({ value: x, label: t(`integrity.risk.proc.${x}`) }))} />
      <TextArea ctx={ctx} form={form} name="title_th" label={l.title_th!} required rows={2} maxlength={1000} />
      <Select ctx={ctx} form={form} name="likelihood" label={l.likelihood!} options={scale} />
      <Select ctx={ctx} form={form} name="impact" label={l.impact!} options={scale} />
      <TextArea ctx={ctx} form={form} name="controls" label={l.controls!} rows={2} maxlength={2000} />
      <TextArea ctx={ctx} form={form} name="mitigation" label={l.mitigation!} rows={2} maxlength={2000} />
      <Field ctx={ctx} form={form} name="owner_name" label={l.owner_name!} maxlength={200} />
      <DateInput ctx={ctx} form={form} name="due_date" label={l.due_date!} />
      <TextArea ctx={ctx} form={form} name="follow_up" label={l.follow_up!} rows={2} maxlength={2000} />
      <Select ctx={ctx} form={form} name="status" label={l.status!} options={RISK_STATUSES.map((x) => ({ value: x, label: t(`integrity.risk.status.${x}`) }))} />
      <Button label={t('form.save')} />
    </Form>
  );
}

export function RisksPage({ ctx, year, risks, form, editing }: { ctx: ViewCtx; year: number; risks: Risk[]; form: FormState; editing: Risk | null }) {
  const t = ctx.t;
  const l = riskLabels(ctx);
  const rows = risks.map((r) => {
    const lv = riskLevel(r.likelihood, r.impact);
    return (
      <tr>
        <td safe>{t(`integrity.risk.proc.${r.process as 'other'}`)}</td>
        <td><a href={`/staff/integrity/risks/${r.id}`} lang={thaiLang(ctx, r.title_th)} safe>{r.title_th}</a></td>
        <td class={`risk-${lv}`} safe>{`${t(`integrity.risk.lv.${lv}`)} (${r.likelihood}×${r.impact})`}</td>
        <td lang={thaiLang(ctx, r.mitigation)} safe>{r.mitigation}</td>
        <td><span lang={thaiLang(ctx, r.owner_name)} safe>{r.owner_name}</span><span>{r.due_date ? `, ${formatDate(r.due_date, { lang: ctx.lang, style: 'medium' })}` : ''}</span></td>
        <td safe>{t(`integrity.risk.status.${r.status as 'open'}`)}</td>
      </tr>
    );
  });
  return (
    <RegisterPage ctx={ctx} year={year} title={t('integrity.staff.risks')} form={form} labels={l} headers={[l.process!, l.title_th!, t('integrity.risk.level'), l.mitigation!, l.owner_name!, l.status!]} safeRows={rows} safeFirst={<RiskMatrix ctx={ctx} risks={risks} />}>
      <ReportButtons ctx={ctx} action={`/staff/integrity/${year}/risks/report`} />
      {editing ? <h2><span safe>{`${t('form.save')}: `}</span><span lang={thaiLang(ctx, editing.title_th)} safe>{editing.title_th}</span></h2> : <h2 safe>{t('integrity.risk.new')}</h2>}
      <RiskFields ctx={ctx} form={form} action={editing ? `/staff/integrity/risks/${editing.id}` : `/staff/integrity/${year}/risks`} />
    </RegisterPage>
  );
}

export const projectLabels = (ctx: ViewCtx): Record<string, string> => ({
  title_th: ctx.t('integrity.project.title'), objective: ctx.t('integrity.project.objective'), target: ctx.t('integrity.project.target'), budget: ctx.t('integrity.project.budget'),
  spent: ctx.t('integrity.project.spent'), owner_name: ctx.t('integrity.project.owner'), percent: ctx.t('integrity.project.percent'), result: ctx.t('integrity.project.result'), _form: '',
});

export function ProjectsPage({ ctx, year, projects, form, editing }: { ctx: ViewCtx; year: number; projects: Project[]; form: FormState; editing: Project | null }) {
  const t = ctx.t;
  const l = projectLabels(ctx);
  const rows = projects.map((x) => (
    <tr>
      <td><a href={`/staff/integrity/projects/${x.id}`} lang={thaiLang(ctx, x.title_th)} safe>{x.title_th}</a></td>
      <td lang={thaiLang(ctx, x.target)} safe>{x.target}</td>
      <td safe>{formatNumber(ctx.lang, Number(x.budget_satang) / 100, 2)}</td>
      <td safe>{formatNumber(ctx.lang, Number(x.spent_satang) / 100, 2)}</td>
      <td><meter min="0" max="100" value={String(x.percent)} aria-label={`${l.percent} ${x.percent}%`} safe>{`${x.percent}%`}</meter> <span safe>{`${x.percent}%`}</span></td>
      <td lang={thaiLang(ctx, x.result)} safe>{x.result}</td>
    </tr>
  ));
  return (
    <RegisterPage ctx={ctx} year={year} title={t('integrity.staff.projects')} form={form} labels={l} headers={[l.title_th!, l.target!, l.budget!, l.spent!, l.percent!, l.result!]} safeRows={rows}>
      <ReportButtons ctx={ctx} action={`/staff/integrity/${year}/projects/report`} />
      {editing ? <h2><span safe>{`${t('form.save')}: `}</span><span lang={thaiLang(ctx, editing.title_th)} safe>{editing.title_th}</span></h2> : <h2 safe>{t('integrity.project.new')}</h2>}
      <Form ctx={ctx} action={editing ? `/staff/integrity/projects/${editing.id}` : `/staff/integrity/${year}/projects`}>
        <TextArea ctx={ctx} form={form} name="title_th" label={l.title_th!} required rows={2} maxlength={1000} />
        <TextArea ctx={ctx} form={form} name="objective" label={l.objective!} rows={2} maxlength={2000} />
        <TextArea ctx={ctx} form={form} name="target" label={l.target!} rows={2} maxlength={2000} />
        <Field ctx={ctx} form={form} name="budget" label={l.budget!} inputmode="numeric" size="short" maxlength={20} />
        <Field ctx={ctx} form={form} name="spent" label={l.spent!} inputmode="numeric" size="short" maxlength={20} />
        <Field ctx={ctx} form={form} name="owner_name" label={l.owner_name!} maxlength={200} />
        <Field ctx={ctx} form={form} name="percent" label={l.percent!} inputmode="numeric" size="short" maxlength={3} />
        <TextArea ctx={ctx} form={form} name="result" label={l.result!} rows={2} maxlength={2000} />
        <Button label={t('form.save')} />
      </Form>
    </RegisterPage>
  );
}

export const ethicsLabels = (ctx: ViewCtx): Record<string, string> => ({
  kind: ctx.t('integrity.ethics.kind'), title_th: ctx.t('integrity.ethics.title'), day: ctx.t('integrity.ethics.day'), participants: ctx.t('integrity.ethics.participants'), result: ctx.t('integrity.ethics.result'), _form: '',
});

export function EthicsPage({ ctx, year, rows, form }: { ctx: ViewCtx; year: number; rows: EthicsActivity[]; form: FormState }) {
  const t = ctx.t;
  const l = ethicsLabels(ctx);
  const lines = rows.map((x) => (
    <tr><td safe>{t(`integrity.ethics.kind.${x.kind as 'code'}`)}</td><td lang={thaiLang(ctx, x.title_th)} safe>{x.title_th}</td><td safe>{formatDate(x.day, { lang: ctx.lang, style: 'medium' })}</td><td>{x.participants ? String(x.participants) : '—'}</td><td lang={thaiLang(ctx, x.result)} safe>{x.result}</td></tr>
  ));
  return (
    <RegisterPage ctx={ctx} year={year} title={t('integrity.staff.ethics')} form={form} labels={l} headers={[l.kind!, l.title_th!, l.day!, l.participants!, l.result!]} safeRows={lines}>
      <Form ctx={ctx} action={`/staff/integrity/${year}/ethics/report`}><Button kind="secondary" label={t('integrity.staff.makeReport', { report: t('integrity.period.annual') })} /></Form>
      <h2 safe>{t('integrity.ethics.new')}</h2>
      <Form ctx={ctx} action={`/staff/integrity/${year}/ethics`}>
        <Select ctx={ctx} form={form} name="kind" label={l.kind!} options={ETHICS_KINDS.map((k) => ({ value: k, label: t(`integrity.ethics.kind.${k}`) }))} />
        <TextArea ctx={ctx} form={form} name="title_th" label={l.title_th!} required rows={2} maxlength={1000} />
        <DateInput ctx={ctx} form={form} name="day" label={l.day!} required />
        <Field ctx={ctx} form={form} name="participants" label={l.participants!} inputmode="numeric" size="short" maxlength={6} />
        <TextArea ctx={ctx} form={form} name="result" label={l.result!} rows={2} maxlength={2000} />
        <Button label={t('form.save')} />
      </Form>
    </RegisterPage>
  );
}
