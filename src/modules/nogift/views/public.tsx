// Public pages: the year's declaration with its date and signatory, the activities, the rules explained, and the yearly
// report of gifts received (kinds of giver only: never a giver's or a declarer's name).
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { EmptyState, Time } from '../../../platform/views/components.tsx';
import { pickText, thaiLang } from '../../../platform/views/text.tsx';
import { fiscalYearRange, formatDate } from '../../../platform/thai/index.ts';
import { DISPOSITIONS, GIVER_TYPES, RULES } from '../rules.ts';
import { activityLines, hasDeclaration, type NogiftYear } from '../store.ts';
import { baht, dispositionLabel, giverLabel, type GiftReport, type Tally } from '../report.ts';

const paragraphs = (s: string) => s.split(/\n\s*\n|\n/).map((x) => x.trim()).filter(Boolean);

export function Declaration({ ctx, year, row }: { ctx: ViewCtx; year: number; row: NogiftYear | undefined }) {
  const t = ctx.t;
  if (!hasDeclaration(row)) return <p class="empty" role="status" safe>{t('nogift.declaration.none', { year })}</p>;
  const text = pickText(ctx, row.declaration_th, row.declaration_en);
  return (
    <div class="card">
      <div lang={text.lang}>{paragraphs(text.text).map((para) => <p safe>{para}</p>)}</div>
      <p safe>{t('nogift.declaration.signedOn', { date: formatDate(row.signed_on, { lang: ctx.lang }) })}</p>
      <p>
        <span lang={thaiLang(ctx, row.signed_by)} safe>{`(${row.signed_by})`}</span>
        <br />
        <span lang={thaiLang(ctx, row.signed_position)} safe>{row.signed_position}</span>
      </p>
    </div>
  );
}

export function Activities({ ctx, row }: { ctx: ViewCtx; row: NogiftYear | undefined }) {
  const lines = activityLines(row);
  if (!lines.length) return <EmptyState text={ctx.t('nogift.activities.none')} />;
  return <ul>{lines.map((l) => <li lang={thaiLang(ctx, l)} safe>{l}</li>)}</ul>;
}

export function Rules({ ctx }: { ctx: ViewCtx }) {
  const r = RULES[ctx.lang];
  return (
    <>
      <p safe>{r.intro}</p>
      {r.sections.map((s) => (
        <section aria-labelledby={`rules-${s.id}`}>
          <h3 id={`rules-${s.id}`} safe>{s.heading}</h3>
          <ul>{s.items.map((i) => <li safe>{i}</li>)}</ul>
        </section>
      ))}
      <p class="hint" safe>{r.note}</p>
    </>
  );
}

export function NoGiftPage({ ctx, year, row, current, declaredYears, reportYears }: { ctx: ViewCtx; year: number; row: NogiftYear | undefined; current: boolean; declaredYears: number[]; reportYears: number[] }) {
  const t = ctx.t;
  const title = current ? t('nogift.title') : `${t('nogift.title')}: ${t('nogift.declaration.title', { year })}`;
  const reportYear = year - 1;
  const others = declaredYears.filter((y) => y !== year);
  return (
    <Page ctx={ctx} title={title} description={t('nogift.intro')} breadcrumbs={[{ href: '/', label: t('nav.home') }, ...(current ? [] : [{ href: '/no-gift', label: t('nogift.title') }])]}>
      <h1 safe>{current ? t('nogift.title') : title}</h1>
      <p class="lead" safe>{t('nogift.intro')}</p>
      <section aria-labelledby="declaration">
        <h2 id="declaration" safe>{t('nogift.declaration.title', { year })}</h2>
        <Declaration ctx={ctx} year={year} row={row} />
      </section>
      <section aria-labelledby="activities">
        <h2 id="activities" safe>{t('nogift.activities.title')}</h2>
        <Activities ctx={ctx} row={row} />
      </section>
      <section aria-labelledby="rules">
        <h2 id="rules" safe>{t('nogift.rules.title')}</h2>
        <Rules ctx={ctx} />
      </section>
      <section aria-labelledby="report">
        <h2 id="report" safe>{t('nogift.report.heading')}</h2>
        <p><a href={`/no-gift/report/${reportYear}`} safe>{t('nogift.report.link', { year: reportYear })}</a></p>
        {reportYears.filter((y) => y !== reportYear).length ? (
          <nav aria-label={t('nogift.report.otherYears')}>
            <p safe>{`${t('nogift.report.otherYears')}:`}</p>
            <ul class="plain inline-list">{reportYears.filter((y) => y !== reportYear).map((y) => <li><a href={`/no-gift/report/${y}`} safe>{t('nogift.yearLink', { year: y })}</a></li>)}</ul>
          </nav>
        ) : ''}
      </section>
      {others.length ? (
        <nav aria-labelledby="other-years">
          <h2 id="other-years" safe>{t('nogift.otherYears')}</h2>
          <ul class="plain inline-list">{others.map((y) => <li><a href={`/no-gift/${y}`} safe>{t('nogift.yearLink', { year: y })}</a></li>)}</ul>
        </nav>
      ) : ''}
    </Page>
  );
}

function TallyTable({ ctx, id, title, rows, total }: { ctx: ViewCtx; id: string; title: string; rows: Array<[string, Tally]>; total: Tally }) {
  const t = ctx.t;
  return (
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby={id}>
      <table>
        <caption id={id} safe>{title}</caption>
        <thead><tr><th scope="col" safe>{title}</th><th scope="col" class="num" safe>{t('nogift.report.count')}</th><th scope="col" class="num" safe>{t('nogift.report.value')}</th></tr></thead>
        <tbody>
          {rows.map(([label, x]) => <tr><th scope="row" safe>{label}</th><td class="num" safe>{String(x.count)}</td><td class="num" safe>{baht(ctx.lang, x.satang)}</td></tr>)}
        </tbody>
        <tfoot><tr><th scope="row" safe>{t('nogift.report.total')}</th><td class="num" safe>{String(total.count)}</td><td class="num" safe>{baht(ctx.lang, total.satang)}</td></tr></tfoot>
      </table>
    </div>
  );
}

export function ReportPage({ ctx, r, years }: { ctx: ViewCtx; r: GiftReport; years: number[] }) {
  const t = ctx.t;
  const title = t('nogift.report.title', { year: r.year });
  const range = fiscalYearRange(r.year);
  const base = `/no-gift/report/${r.year}`;
  const others = years.filter((y) => y !== r.year);
  return (
    <Page ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/no-gift', label: t('nogift.title') }]}>
      <h1 safe>{title}</h1>
      <p safe>{t('nogift.report.period', { from: formatDate(range.firstDay, { lang: ctx.lang }), to: formatDate(range.lastDay, { lang: ctx.lang }) })}</p>
      {r.open ? <div class="notice" role="note"><p safe>{t('nogift.report.open', { date: formatDate(ctx.today, { lang: ctx.lang }) })}</p></div> : ''}
      <p>
        <span safe>{`${t('nogift.report.download')}: `}</span>
        <a href={`${base}.csv`} safe>{t('nogift.report.csv')}</a>{' · '}<a href={`${base}.pdf`} safe>{t('nogift.report.pdf')}</a>
      </p>
      {r.gifts.length === 0 ? <p class="lead" role="status"><strong safe>{t('nogift.report.none', { year: r.year })}</strong></p> : (
        <>
          <dl class="summary-list">
            <div class="summary-row"><dt safe>{t('nogift.report.totalCount')}</dt><dd safe>{String(r.total.count)}</dd></div>
            <div class="summary-row"><dt safe>{t('nogift.report.totalValue')}</dt><dd safe>{baht(ctx.lang, r.total.satang)}</dd></div>
          </dl>
          <h2 id="gifts" safe>{t('nogift.report.list')}</h2>
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="gifts">
            <table>
              <thead>
                <tr>
                  <th scope="col" class="num" safe>{t('nogift.field.no')}</th><th scope="col" safe>{t('nogift.field.received_on')}</th><th scope="col" safe>{t('nogift.report.giver')}</th>
                  <th scope="col" class="num" safe>{t('nogift.report.value')}</th><th scope="col" safe>{t('nogift.field.occasion')}</th><th scope="col" safe>{t('nogift.report.disposition')}</th>
                </tr>
              </thead>
              <tbody>
                {r.gifts.map((g, i) => (
                  <tr>
                    <td class="num" safe>{String(i + 1)}</td>
                    <td><Time ctx={ctx} at={g.received_on} /></td>
                    <td safe>{giverLabel(ctx.lang, g.giver_type)}</td>
                    <td class="num" safe>{baht(ctx.lang, g.value_satang)}</td>
                    <td lang={thaiLang(ctx, g.occasion)} safe>{g.occasion}</td>
                    <td safe>{dispositionLabel(ctx.lang, g.disposition)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 id="totals" safe>{t('nogift.report.totals')}</h2>
          <TallyTable ctx={ctx} id="by-giver" title={t('nogift.report.byGiver')} rows={GIVER_TYPES.map((g) => [giverLabel(ctx.lang, g), r.byGiver[g]])} total={r.total} />
          <TallyTable ctx={ctx} id="by-disposition" title={t('nogift.report.byDisposition')} rows={DISPOSITIONS.map((d) => [dispositionLabel(ctx.lang, d), r.byDisposition[d]])} total={r.total} />
        </>
      )}
      <p class="hint" safe>{t('nogift.report.privacy')}</p>
      {others.length ? (
        <nav aria-labelledby="other-reports">
          <h2 id="other-reports" safe>{t('nogift.report.otherYears')}</h2>
          <ul class="plain inline-list">{others.map((y) => <li><a href={`/no-gift/report/${y}`} safe>{t('nogift.yearLink', { year: y })}</a></li>)}</ul>
        </nav>
      ) : ''}
    </Page>
  );
}
