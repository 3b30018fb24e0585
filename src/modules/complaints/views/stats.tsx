// Statistics pages: public (small counts hidden) and for staff (every count).
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { formatMonth } from '../../../platform/thai/index.ts';
import { ALL_CATEGORIES, CHANNELS, LANES } from '../kinds.ts';
import { PERIODS, periodStats, shownStats, type FiscalStats, type Period } from '../stats.ts';

export function StatsBody({ ctx, f, period, min, base }: { ctx: ViewCtx; f: FiscalStats; period: Period; min: number | null; base: string }) {
  const t = ctx.t;
  const s = periodStats(f, period);
  const v = shownStats(f, period, min);
  const n = (x: number | null) => (x === null ? t('complaints.stats.hidden', { n: min ?? 0 }) : String(x));
  const months = t('complaints.stats.byMonth');
  const Table = ({ title, rows }: { title: string; rows: Array<[string, number | null]> }) => (
    <div class="table-wrap" tabindex="0" role="region" aria-label={title}>
      <table>
        <caption safe>{title}</caption>
        <thead><tr><th scope="col" safe>{title}</th><th scope="col" class="num" safe>{t('complaints.stats.count')}</th></tr></thead>
        <tbody>{rows.map(([label, x]) => <tr><td safe>{label}</td><td class="num" safe>{n(x)}</td></tr>)}</tbody>
      </table>
    </div>
  );
  return (
    <>
      <form method="get" action={base} class="filters">
        <div class="field">
          <label for="f-period" safe>{t('complaints.stats.period')}</label>
          <select id="f-period" name="period">{PERIODS.map((p) => <option value={p} selected={p === s.period} safe>{t(`complaints.stats.period.${p}`)}</option>)}</select>
        </div>
        <div class="actions"><button type="submit" class="btn btn-secondary" safe>{t('form.filter')}</button></div>
      </form>
      <p>
        <span safe>{`${t('complaints.stats.download')}: `}</span>
        <a href={`${base}.csv?period=${s.period}`}>CSV</a>{' · '}<a href={`${base}.pdf?period=${s.period}`}>PDF</a>
      </p>
      {s.total === 0 ? <p class="lead" role="status"><strong safe>{t('complaints.stats.none')}</strong></p> : (
        <>
          <dl class="stats">
            <div><dt safe>{t('complaints.stats.total')}</dt><dd safe>{n(v.total)}</dd></div>
            <div><dt safe>{t('complaints.stats.finished')}</dt><dd safe>{n(v.finished)}</dd></div>
            <div><dt safe>{t('complaints.stats.inProgress')}</dt><dd safe>{n(v.inProgress)}</dd></div>
          </dl>
          <Table title={t('complaints.stats.byLane')} rows={LANES.map((l) => [t(`complaints.lane.${l}`), v.byLane[l] === undefined ? 0 : v.byLane[l]!])} />
          <Table title={t('complaints.stats.byCategory')} rows={ALL_CATEGORIES.filter((c) => (s.byCategory[c] ?? 0) > 0).map((c) => [t(`complaints.cat.${c}` as 'complaints.cat.other'), v.byCategory[c]!])} />
          <Table title={t('complaints.stats.byChannel')} rows={CHANNELS.filter((c) => (s.byChannel[c] ?? 0) > 0).map((c) => [t(`complaints.channel.${c}`), v.byChannel[c]!])} />
          <div class="table-wrap" tabindex="0" role="region" aria-label={months}>
            <table>
              <caption safe>{months}</caption>
              <thead><tr>
                <th scope="col" safe>{t('complaints.stats.month')}</th>
                <th scope="col" class="num" safe>{t('complaints.stats.received')}</th>
                <th scope="col" class="num" safe>{t('complaints.stats.finished')}</th>
                <th scope="col" class="num" safe>{t('complaints.stats.inProgress')}</th>
              </tr></thead>
              <tbody>{v.months.map((m) => <tr><th scope="row" safe>{formatMonth(m.month, ctx.lang)}</th><td class="num" safe>{n(m.received)}</td><td class="num" safe>{n(m.finished)}</td><td class="num" safe>{n(m.inProgress)}</td></tr>)}</tbody>
            </table>
          </div>
          <p class="hint" safe>{t('complaints.stats.monthHint')}</p>
          {min !== null ? <p class="hint" safe>{t('complaints.stats.hiddenNote', { n: min })}</p> : ''}
        </>
      )}
    </>
  );
}

export function StatsPage({ ctx, f, period, min, years, staff }: { ctx: ViewCtx; f: FiscalStats; period: Period; min: number | null; years: number[]; staff?: boolean }) {
  const t = ctx.t;
  const s = { year: f.year, period };
  const base = `${staff ? '/staff' : ''}/complaints/statistics/${s.year}`;
  const title = t('complaints.stats.title', { year: s.year });
  return (
    <Page ctx={ctx} title={title} staff={staff} breadcrumbs={staff ? [{ href: '/staff', label: t('nav.staff') }, { href: '/staff/complaints', label: t('complaints.staff.title') }] : [{ href: '/', label: t('nav.home') }, { href: '/complaints', label: t('complaints.title') }]}>
      <h1 safe>{title}</h1>
      <p safe>{t(`complaints.stats.period.${s.period}`)}</p>
      <StatsBody ctx={ctx} f={f} period={period} min={min} base={base} />
      {staff ? <p><a href={`/staff/complaints/statistics/${s.year}/memo.docx?period=${s.period}`} safe>{`${t('complaints.staff.memo')} (DOCX)`}</a>{' · '}<a href={`/staff/complaints/statistics/${s.year}/memo.pdf?period=${s.period}`} safe>{`${t('complaints.staff.memo')} (PDF)`}</a></p> : ''}
      {years.length > 1 ? (
        <nav aria-label={t('complaints.stats.otherYears')}>
          <h2 safe>{t('complaints.stats.otherYears')}</h2>
          <ul class="plain inline-list">{years.filter((y) => y !== s.year).map((y) => <li><a href={`${staff ? '/staff' : ''}/complaints/statistics/${y}`} safe>{String(y)}</a></li>)}</ul>
        </nav>
      ) : ''}
    </Page>
  );
}

export const periodOf = (v: unknown): Period => (typeof v === 'string' && (PERIODS as readonly string[]).includes(v) ? (v as Period) : 'year');
