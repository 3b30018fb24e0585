// A bar chart of total scores by year, as server-rendered SVG (no script, no style attributes: the CSP allows
// neither). The score axis runs from 0 to 100, so bar heights compare honestly; the pass mark is a labelled dashed
// line. The SVG names every year's score in its description, and a table with the same numbers follows it for
// screen readers and printing.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { fmtScore } from '../rules.ts';
import { thaiLang } from '../../../platform/views/text.tsx';

/** The pass mark of the ITA (hundredths): a total of 85 or more passes. */
export const PASS_MARK = 8500;

export function ResultsChart({ ctx, points, passMark = PASS_MARK }: { ctx: ViewCtx; points: Array<{ year: number; total: number; level: string }>; passMark?: number }) {
  const t = ctx.t;
  const w = 560;
  const h = 240;
  const left = 40;
  const right = 128; // room for the pass mark's label, right of the plot
  const bottom = 30;
  const top = 20;
  const plotW = w - left - right;
  const plotH = h - top - bottom;
  const slot = plotW / Math.max(points.length, 1);
  // the axis starts at 0
  const y = (v: number) => top + plotH - (Math.min(Math.max(v, 0), 10000) / 10000) * plotH;
  const score = fmtScore(passMark).replace(/\.00$/, '');
  const pass = t('integrity.public.passMark', { score });
  const described = t('integrity.public.chartText', { desc: t('integrity.public.chartDesc'), points: points.map((p) => `${p.year} ${fmtScore(p.total)}`).join(', '), mark: pass });
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby="chart-title chart-desc" width="100%" height={String(h)}>
        <title id="chart-title" safe>{t('integrity.public.chart')}</title>
        <desc id="chart-desc" safe>{described}</desc>
        {[0, 20, 40, 60, 80, 100].map((v) => (
          <>
            <line x1={String(left)} x2={String(left + plotW)} y1={String(y(v * 100))} y2={String(y(v * 100))} stroke={v === 0 ? '#1b1b1b' : '#b1b4b6'} />
            <text x={String(left - 6)} y={String(y(v * 100) + 4)} text-anchor="end" font-size="11" fill="#1b1b1b" safe>{String(v)}</text>
          </>
        ))}
        {points.map((p, i) => {
          const x = left + i * slot + slot * 0.2;
          const bw = slot * 0.6;
          return (
            <>
              <rect x={String(x)} y={String(y(p.total))} width={String(bw)} height={String(top + plotH - y(p.total))} fill="#0b3d91" />
              <text x={String(x + bw / 2)} y={String(y(p.total) - 5)} text-anchor="middle" font-size="12" fill="#1b1b1b" safe>{fmtScore(p.total)}</text>
              <text x={String(x + bw / 2)} y={String(h - 10)} text-anchor="middle" font-size="12" fill="#1b1b1b" safe>{String(p.year)}</text>
            </>
          );
        })}
        {/* drawn last, over the bars: the pass mark and its label */}
        <line x1={String(left)} x2={String(left + plotW + 4)} y1={String(y(passMark))} y2={String(y(passMark))} stroke="#b3261e" stroke-width="2" stroke-dasharray="6 3" />
        <text x={String(left + plotW + 8)} y={String(y(passMark) + 4)} font-size="11" fill="#b3261e" safe>{pass}</text>
      </svg>
      <figcaption class="muted" safe>{t('integrity.public.chartCaption', { desc: t('integrity.public.chartDesc'), score })}</figcaption>
      <details>
        <summary safe>{t('integrity.public.chartTable')}</summary>
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('integrity.public.chartTable')}>
          <table>
            <thead><tr><th scope="col" safe>{t('integrity.public.year')}</th><th scope="col" safe>{t('integrity.public.total')}</th><th scope="col" safe>{t('integrity.public.level')}</th></tr></thead>
            <tbody>
              {points.map((p) => <tr><th scope="row" safe>{String(p.year)}</th><td safe>{fmtScore(p.total)}</td><td lang={thaiLang(ctx, p.level)} safe>{p.level}</td></tr>)}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
