// A bar chart of total scores by year, as server-rendered SVG (no script, no style attributes: the CSP allows
// neither). A table with the same numbers follows it for screen readers and printing.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { fmtScore } from '../rules.ts';

export function ResultsChart({ ctx, points }: { ctx: ViewCtx; points: Array<{ year: number; total: number; level: string }> }) {
  const t = ctx.t;
  const w = 560;
  const h = 240;
  const left = 40;
  const bottom = 30;
  const top = 20;
  const min = 5000; // the axis starts at 50 so differences between good years stay visible
  const plotH = h - top - bottom;
  const slot = (w - left - 10) / Math.max(points.length, 1);
  const y = (v: number) => top + plotH - ((Math.max(v, min) - min) / (10000 - min)) * plotH;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby="chart-title chart-desc" width="100%" height={String(h)}>
        <title id="chart-title" safe>{t('integrity.public.chart')}</title>
        <desc id="chart-desc" safe>{`${t('integrity.public.chartDesc')}: ${points.map((p) => `${p.year} ${fmtScore(p.total)}`).join(', ')}`}</desc>
        {[50, 70, 85, 100].map((v) => (
          <>
            <line x1={String(left)} x2={String(w - 5)} y1={String(y(v * 100))} y2={String(y(v * 100))} stroke={v === 85 ? '#b3261e' : '#b1b4b6'} stroke-dasharray={v === 85 ? '4 3' : undefined} />
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
      </svg>
      <figcaption class="muted" safe>{t('integrity.public.chartDesc')}</figcaption>
    </figure>
  );
}
