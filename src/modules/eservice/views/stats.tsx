// The public statistics of a fiscal year: per service and month, within the declared time, declared against actual
// time per step, channels and satisfaction.
import type { Children } from '@kitajs/html';
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { formatMonth } from '../../../platform/thai/index.ts';
import { CHANNELS } from '../kinds.ts';
import { PERIODS, share, type YearStats } from '../stats.ts';
import { formatMinutes } from '../timing.ts';
import { Name } from './parts.tsx';

export function StatsPage({ ctx, s, years }: { ctx: ViewCtx; s: YearStats; years: number[] }) {
  const t = ctx.t;
  const base = `/e-service/statistics/${s.year}`;
  const title = t('eservice.stats.title', { year: s.year });
  const pct = (x: number | null) => (x === null ? '—' : `${x}%`);
  const time = (m: number | null) => (m === null ? '—' : formatMinutes(ctx.lang, m));
  const used = s.services.filter((v) => v.total > 0);
  const Wrap = ({ label, children }: { label: string; children?: Children }) => <div class="table-wrap" tabindex="0" role="region" aria-label={label}>{children}</div>;
  return (
    <Page ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/e-service', label: t('eservice.title') }]}>
      <h1 safe>{title}</h1>
      <p safe>{t(`eservice.stats.period.${s.period}`)}</p>
      <form method="get" action={base} class="filters">
        <div class="field">
          <label for="f-period" safe>{t('eservice.stats.periodLabel')}</label>
          <select id="f-period" name="period">{PERIODS.map((p) => <option value={p} selected={p === s.period} safe>{t(`eservice.stats.period.${p}`)}</option>)}</select>
        </div>
        <div class="actions"><button type="submit" class="btn btn-secondary" safe>{t('form.filter')}</button></div>
      </form>
      <p>
        <span safe>{`${t('eservice.stats.download')}: `}</span>
        <a href={`${base}.csv?period=${s.period}`}>CSV</a>{' · '}<a href={`${base}.pdf?period=${s.period}`}>PDF</a>
      </p>
      {s.total === 0 ? <p class="lead" role="status"><strong safe>{t('eservice.stats.none')}</strong></p> : (
        <>
          <dl class="stats">
            <div><dt safe>{t('eservice.stats.total')}</dt><dd safe>{String(s.total)}</dd></div>
            <div><dt safe>{t('eservice.stats.completed')}</dt><dd safe>{String(s.completed)}</dd></div>
            <div><dt safe>{t('eservice.stats.onTimeShare')}</dt><dd safe>{pct(share(s.onTime, s.completed))}</dd></div>
            <div><dt safe>{t('eservice.stats.average')}</dt><dd safe>{s.ratings.average === null ? '—' : `${s.ratings.average.toFixed(2)} / 5`}</dd></div>
          </dl>
          <section aria-labelledby="st-summary">
            <h2 id="st-summary" safe>{t('eservice.stats.summary')}</h2>
            <Wrap label={t('eservice.stats.summary')}>
              <table>
                <caption safe>{t('eservice.stats.summaryCaption')}</caption>
                <thead><tr>
                  <th scope="col" safe>{t('eservice.stats.service')}</th><th scope="col" class="num" safe>{t('eservice.stats.total')}</th><th scope="col" class="num" safe>{t('eservice.stats.completed')}</th>
                  <th scope="col" class="num" safe>{t('eservice.stats.rejected')}</th><th scope="col" class="num" safe>{t('eservice.stats.open')}</th><th scope="col" class="num" safe>{t('eservice.stats.onTimeShare')}</th>
                  <th scope="col" safe>{t('eservice.stats.declared')}</th><th scope="col" safe>{t('eservice.stats.median')}</th><th scope="col" class="num" safe>{t('eservice.stats.average')}</th>
                </tr></thead>
                <tbody>
                  {s.services.map((v) => (
                    <tr>
                      <td><a href={`/e-service/${v.slug}`}><Name ctx={ctx} th={v.name_th} en={v.name_en} /></a></td>
                      <td class="num" safe>{String(v.total)}</td><td class="num" safe>{String(v.completed)}</td><td class="num" safe>{String(v.rejected)}</td><td class="num" safe>{String(v.open)}</td>
                      <td class="num" safe>{pct(share(v.onTime, v.completed))}</td><td class="nowrap" safe>{time(v.declaredMinutes)}</td><td class="nowrap" safe>{time(v.medianMinutes)}</td>
                      <td class="num" safe>{v.ratings.average === null ? '—' : `${v.ratings.average.toFixed(2)} (${v.ratings.n})`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Wrap>
          </section>
          <section aria-labelledby="st-months">
            <h2 id="st-months" safe>{t('eservice.stats.byMonth')}</h2>
            <Wrap label={t('eservice.stats.byMonth')}>
              <table>
                <caption safe>{t('eservice.stats.byMonthCaption')}</caption>
                <thead><tr><th scope="col" safe>{t('eservice.stats.service')}</th>{s.months.map((m) => <th scope="col" class="num" safe>{formatMonth(m, ctx.lang)}</th>)}</tr></thead>
                <tbody>
                  {s.services.map((v) => <tr><th scope="row"><Name ctx={ctx} th={v.name_th} en={v.name_en} /></th>{v.months.map((x) => <td class="num" safe>{String(x)}</td>)}</tr>)}
                </tbody>
              </table>
            </Wrap>
          </section>
          <section aria-labelledby="st-steps">
            <h2 id="st-steps" safe>{t('eservice.stats.steps')}</h2>
            <p class="hint" safe>{t('eservice.stats.stepsHint')}</p>
            {used.map((v) => (
              <Wrap label={v.name_th}>
                <table>
                  <caption><Name ctx={ctx} th={v.name_th} en={v.name_en} /></caption>
                  <thead><tr><th scope="col" safe>{t('eservice.manual.step')}</th><th scope="col" safe>{t('eservice.stats.declared')}</th><th scope="col" safe>{t('eservice.stats.median')}</th><th scope="col" class="num" safe>{t('eservice.stats.late')}</th></tr></thead>
                  <tbody>
                    {v.steps.map((st) => (
                      <tr>
                        <td><span safe>{`${st.position + 1}. `}</span><Name ctx={ctx} th={st.name_th} en={st.name_en} /></td>
                        <td class="nowrap" safe>{time(st.declaredMinutes)}</td>
                        <td class="nowrap" safe>{time(st.medianMinutes)}</td>
                        <td class="num" safe>{`${st.late}/${st.n}`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Wrap>
            ))}
          </section>
          <section aria-labelledby="st-channels">
            <h2 id="st-channels" safe>{t('eservice.stats.channels')}</h2>
            <Wrap label={t('eservice.stats.channels')}>
              <table>
                <caption safe>{t('eservice.stats.channelsCaption')}</caption>
                <thead><tr><th scope="col" safe>{t('eservice.stats.service')}</th>{CHANNELS.map((c) => <th scope="col" class="num" safe>{t(`eservice.channel.${c}`)}</th>)}</tr></thead>
                <tbody>
                  {used.map((v) => <tr><th scope="row"><Name ctx={ctx} th={v.name_th} en={v.name_en} /></th>{CHANNELS.map((c) => <td class="num" safe>{String(v.channels[c])}</td>)}</tr>)}
                  <tr><th scope="row" safe>{t('eservice.stats.all')}</th>{CHANNELS.map((c) => <td class="num" safe>{`${s.channels[c]} (${pct(share(s.channels[c], s.total))})`}</td>)}</tr>
                </tbody>
              </table>
            </Wrap>
          </section>
          <section aria-labelledby="st-satisfaction" id="satisfaction">
            <h2 id="st-satisfaction" safe>{t('eservice.stats.satisfaction')}</h2>
            <p safe>{t('eservice.stats.averageAll', { avg: s.ratings.average === null ? '—' : s.ratings.average.toFixed(2), n: s.ratings.n })}</p>
            <Wrap label={t('eservice.stats.satisfaction')}>
              <table>
                <caption safe>{t('eservice.stats.satisfactionCaption')}</caption>
                <thead><tr><th scope="col" safe>{t('eservice.stats.service')}</th>{[5, 4, 3, 2, 1].map((k) => <th scope="col" class="num" safe>{t('eservice.stats.stars', { n: k })}</th>)}<th scope="col" class="num" safe>{t('eservice.stats.average')}</th></tr></thead>
                <tbody>
                  {used.map((v) => <tr><th scope="row"><Name ctx={ctx} th={v.name_th} en={v.name_en} /></th>{[5, 4, 3, 2, 1].map((k) => <td class="num" safe>{String(v.ratings.dist[k - 1])}</td>)}<td class="num" safe>{v.ratings.average === null ? '—' : v.ratings.average.toFixed(2)}</td></tr>)}
                </tbody>
              </table>
            </Wrap>
          </section>
        </>
      )}
      {years.length > 1 ? (
        <nav aria-label={t('eservice.stats.otherYears')}>
          <h2 safe>{t('eservice.stats.otherYears')}</h2>
          <ul class="plain inline-list">{years.filter((y) => y !== s.year).map((y) => <li><a href={`/e-service/statistics/${y}`} safe>{String(y)}</a></li>)}</ul>
        </nav>
      ) : ''}
    </Page>
  );
}
