import type { ViewCtx } from '../views/ctx.ts';
import { Page } from '../views/layout.tsx';
import { formatNumber, pick } from '../i18n/index.ts';
import type { Dataset } from './index.ts';

export function OpenDataPage({ ctx, datasets }: { ctx: ViewCtx; datasets: Array<{ d: Dataset; rows: number }> }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('openData.title')} description={t('openData.intro')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('openData.title')}</h1>
      <p safe>{t('openData.intro')}</p>
      {datasets.map(({ d, rows }) => (
        <section class="card dataset" id={d.key} aria-labelledby={`ds-${d.key}`}>
          <h2 id={`ds-${d.key}`} safe>{pick(ctx.lang, d.title)}</h2>
          <p safe>{pick(ctx.lang, d.description)}</p>
          <p class="muted" safe>{`${t('openData.rows')}: ${formatNumber(ctx.lang, rows)} · ${t('openData.columns')}: ${d.columns.map((c) => c.key).join(', ')}`}</p>
          <ul class="plain inline-list">
            <li><a href={`/open-data/${d.key}.csv`} safe>{`${t('openData.csv')} (${pick(ctx.lang, d.title)})`}</a></li>
            <li><a href={`/open-data/${d.key}.json`} safe>{`${t('openData.json')} (${pick(ctx.lang, d.title)})`}</a></li>
            <li><a href={`/open-data/${d.key}.jsonld`} safe>{`${t('openData.jsonld')} (${pick(ctx.lang, d.title)})`}</a></li>
          </ul>
        </section>
      ))}
    </Page>
  );
}
