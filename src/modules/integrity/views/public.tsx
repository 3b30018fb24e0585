import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { EmptyState } from '../../../platform/views/components.tsx';
import { formatDate } from '../../../platform/thai/index.ts';
import type { Missing } from '../report.ts';
import { reportPath } from '../reports.ts';
import { fmtScore, levelIn, levelOf, type Rules } from '../rules.ts';
import { pickText, thaiLang, thaiPart } from '../../../platform/views/text.tsx';
import type { Issue, Report, Result, YearPlan } from '../store.ts';
import { ResultsChart } from './chart.tsx';

const crumbs = (ctx: ViewCtx) => [{ href: '/', label: ctx.t('nav.home') }, { href: '/integrity', label: ctx.t('integrity.nav') }];

/** One assessment year on the overview: its result (if any) in the visitor's language and its published reports. */
export interface YearCard {
  year: number;
  result: { total: number; level: string } | null;
  reports: Report[];
}

export function IntegrityIndexPage({ ctx, cards }: { ctx: ViewCtx; cards: YearCard[] }) {
  const t = ctx.t;
  const scored = cards.filter((c) => c.result).sort((a, b) => a.year - b.year);
  return (
    <Page ctx={ctx} title={t('integrity.nav')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('integrity.public.index')}</h1>
      {scored.length ? <ResultsChart ctx={ctx} points={scored.map((c) => ({ year: c.year, total: c.result!.total, level: c.result!.level }))} /> : ''}
      {cards.length ? (
        <section aria-labelledby="years-title">
          <h2 id="years-title" safe>{t('integrity.public.yearsTitle')}</h2>
          <ul class="cards">{cards.map((c) => <YearCardItem ctx={ctx} card={c} />)}</ul>
        </section>
      ) : <EmptyState text={t('page.empty')} />}
    </Page>
  );
}

function YearCardItem({ ctx, card }: { ctx: ViewCtx; card: YearCard }) {
  const t = ctx.t;
  const { year, result } = card;
  const report = (kind: 'annual' | 'six_month', label: string) => {
    const r = card.reports.find((x) => x.kind === kind);
    return (
      <>
        <dt safe>{label}</dt>
        {r ? (
          <dd>
            <span safe>{t('integrity.public.reportPublishedOn', { date: formatDate(r.published_at, { lang: ctx.lang }) })}</span>
            <br />
            <a href={reportPath(year, kind, 'pdf')} safe>{t('integrity.public.reportFile', { report: label, year, format: 'PDF' })}</a>
            {' · '}
            <a href={reportPath(year, kind, 'docx')} safe>{t('integrity.public.reportFile', { report: label, year, format: 'DOCX' })}</a>
          </dd>
        ) : <dd safe>{t('integrity.public.reportNotYet')}</dd>}
      </>
    );
  };
  return (
    <li class="card">
      <h3><a href={`/integrity/${year}`} safe>{t('integrity.public.cardTitle', { year })}</a></h3>
      {result ? '' : <p safe>{t('integrity.public.noResult')}</p>}
      <dl class="meta">
        {result ? (
          <>
            <dt safe>{t('integrity.public.total')}</dt><dd safe>{t('integrity.public.outOf', { score: fmtScore(result.total) })}</dd>
            <dt safe>{t('integrity.public.level')}</dt><dd lang={thaiLang(ctx, result.level)} safe>{result.level}</dd>
          </>
        ) : ''}
        {report('annual', t('integrity.public.annualReport'))}
        {card.reports.some((r) => r.kind === 'six_month') ? report('six_month', t('integrity.public.sixMonthReport')) : ''}
      </dl>
    </li>
  );
}

export function ResultBox({ ctx, result, rules }: { ctx: ViewCtx; result: Result; rules: Rules }) {
  const t = ctx.t;
  const level = levelIn(levelOf(rules, result.total, result), ctx.lang);
  return (
    <section class="hero" aria-labelledby="result-title">
      <h2 id="result-title" safe>{t('integrity.public.result', { year: result.year })}</h2>
      <p class="score"><strong safe>{fmtScore(result.total)}</strong> <span>{'/ 100 · '}</span><span lang={thaiLang(ctx, level.name)} safe>{level.name}</span></p>
      <p lang={thaiLang(ctx, level.meaning)} safe>{level.meaning}</p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="result-title">
        <table>
          <thead><tr><th scope="col" safe>{t('integrity.public.item')}</th><th scope="col" safe>{t('integrity.public.score')}</th></tr></thead>
          <tbody>
            <tr><th scope="row">IIT</th><td safe>{fmtScore(result.iit)}</td></tr>
            <tr><th scope="row">EIT</th><td safe>{fmtScore(result.eit)}</td></tr>
            <tr><th scope="row">OIT</th><td safe>{fmtScore(result.oit)}</td></tr>
            {rules.indicators.filter((i) => typeof result.indicators[i.no] === 'number').map((i) => (
              <tr class={result.indicators[i.no]! < 8500 ? 'weak' : undefined}>
                <th scope="row" safe>{`${i.no}. ${ctx.lang === 'en' ? i.name_en : i.name_th}`}</th>
                <td safe>{fmtScore(result.indicators[i.no]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function IntegrityYearPage({ ctx, year, result, rules, plan, reports, results, levels, today }: { ctx: ViewCtx; year: number; result: Result | null; rules: Rules; plan: YearPlan; reports: Report[]; results: Result[]; levels: Map<number, string>; today: string }) {
  const t = ctx.t;
  const annual = reports.find((r) => r.year === year && r.kind === 'annual');
  const six = reports.find((r) => r.year === year && r.kind === 'six_month');
  return (
    <Page ctx={ctx} title={t('integrity.public.title', { year })} breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('integrity.public.title', { year })}</h1>
      {result ? <ResultBox ctx={ctx} result={result} rules={rules} /> : <p safe>{t('integrity.missing.result', { year })}</p>}
      <section aria-labelledby="reports-title">
        <h2 id="reports-title" safe>{t('integrity.public.reports')}</h2>
        {annual || six ? (
          <ul>
            {annual ? <li><a href={reportPath(year, 'annual', 'pdf')} safe>{`${t('integrity.kind.annual')}: ${t('integrity.public.reportPdf')}`}</a> · <a href={reportPath(year, 'annual', 'docx')} safe>{t('integrity.public.reportDocx')}</a> <span class="muted" safe>{`(${formatDate(annual.published_at, { lang: ctx.lang })})`}</span></li> : ''}
            {six ? <li><a href={reportPath(year, 'six_month', 'pdf')} safe>{`${t('integrity.kind.six_month')}: ${t('integrity.public.reportPdf')}`}</a> · <a href={reportPath(year, 'six_month', 'docx')} safe>{t('integrity.public.reportDocx')}</a></li> : ''}
          </ul>
        ) : <p safe>{t('integrity.public.noReport')}</p>}
      </section>
      {plan.issues.map((issue) => (
        <section aria-labelledby={`issue-${issue.no}`} class="issue">
          <IssueHeading ctx={ctx} issue={issue} id={`issue-${issue.no}`} />
          <ul lang={thaiPart(ctx)}>{plan.recommendations.filter((r) => r.issue_id === issue.id).map((r) => <li safe>{r.text_th}</li>)}</ul>
          <ol class="measures">
            {plan.measures.filter((m) => m.issue_id === issue.id).map((m) => {
              const overdue = !!m.due_date && m.due_date < today && (m.status === 'planned' || m.status === 'in_progress');
              return (
                <li>
                  <span lang={thaiLang(ctx, m.title_th)} safe>{m.title_th}</span>
                  <span class={`tag status-${m.status}`} safe>{t(`integrity.status.${m.status as 'done'}`)}</span>
                  {overdue ? <span class="tag status-overdue" safe>{t('integrity.overdue')}</span> : ''}
                  <meter min="0" max="100" value={String(m.percent)} aria-label={t('integrity.public.progress', { percent: m.percent })} safe>{`${m.percent}%`}</meter>
                </li>
              );
            })}
          </ol>
          {plan.outcomes.filter((o) => o.issue_id === issue.id).length ? <ul class="outcomes" lang={thaiPart(ctx)}>{plan.outcomes.filter((o) => o.issue_id === issue.id).map((o) => <li safe>{o.text_th}</li>)}</ul> : ''}
        </section>
      ))}
      {results.length > 1 ? <ResultsChart ctx={ctx} points={results.map((r) => ({ year: r.year, total: r.total, level: levels.get(r.year) ?? r.level_th }))} /> : ''}
    </Page>
  );
}

/** A heading's number and title, in English when it has one (the Thai, marked, otherwise). */
export function IssueHeading({ ctx, issue, id, level = 2, href }: { ctx: ViewCtx; issue: Pick<Issue, 'no' | 'title_th' | 'title_en'>; id?: string; level?: 1 | 2 | 3; href?: string }) {
  const title = pickText(ctx, issue.title_th, issue.title_en);
  const inner = <><span safe>{`${issue.no}. `}</span><span lang={title.lang} safe>{title.text}</span></>;
  const body = href ? <a href={href}>{inner}</a> : inner;
  return level === 1 ? <h1 id={id}>{body}</h1> : level === 3 ? <h3 id={id}>{body}</h3> : <h2 id={id}>{body}</h2>;
}

export function MissingPage({ ctx, year, missing, years }: { ctx: ViewCtx; year: number; missing: Missing[]; years: number[] }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('integrity.public.missingTitle')} breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('integrity.public.missingTitle')}</h1>
      {missing.length ? (
        <>
          <p safe>{t('integrity.public.missingBody', { year })}</p>
          <ul>{missing.map((m) => <li safe>{t(m.key, m.vars)}</li>)}</ul>
        </>
      ) : <p safe>{t('integrity.public.notPublished', { year })}</p>}
      {years.length ? (
        <>
          <h2 safe>{t('integrity.public.years')}</h2>
          <ul>{years.map((y) => <li><a href={`/integrity/${y}`} safe>{t('integrity.public.title', { year: y })}</a></li>)}</ul>
        </>
      ) : ''}
    </Page>
  );
}
