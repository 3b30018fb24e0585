import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { EmptyState, Pagination, type PageInfo } from '../../../platform/views/components.tsx';
import type { SearchHit } from '../../../platform/search/index.ts';
import { formatNumber, pick } from '../../../platform/i18n/index.ts';
import { formatDate } from '../../../platform/thai/index.ts';

export function SearchPage({ ctx, q, type, fy, hits, info, capped, kinds, years, error }: { ctx: ViewCtx; q: string; type: string; fy: number | null; hits: SearchHit[]; info: PageInfo; capped?: boolean; kinds: Array<{ kind: string; th: string; en: string }>; years: number[]; error?: string }) {
  const t = ctx.t;
  const label = (k: string) => pick(ctx.lang, kinds.find((x) => x.kind === k) ?? { th: k, en: k });
  const qs = new URLSearchParams({ q });
  if (type) qs.set('type', type);
  if (fy) qs.set('fy', String(fy));
  return (
    <Page ctx={ctx} title={q ? `${t('search.title')}: ${q}` : t('search.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('search.title')}</h1>
      {error ? <div class="error-summary" role="alert"><p safe>{error}</p></div> : ''}
      <form method="get" action="/search" role="search" class="search-form">
        <div class="field">
          <label for="f-q" safe>{t('search.label')}</label>
          <p class="hint" id="f-q-hint" safe>{t('search.hint')}</p>
          <input type="search" id="f-q" name="q" value={q} maxlength="200" aria-describedby="f-q-hint" />
        </div>
        <div class="filters">
          <div class="field">
            <label for="f-type" safe>{t('pub.field.kind')}</label>
            <select id="f-type" name="type">
              <option value="" safe>{t('search.typeAll')}</option>
              {kinds.map((k) => <option value={k.kind} selected={k.kind === type} safe>{pick(ctx.lang, k)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="f-fy" safe>{t('pub.field.fiscalYear')}</label>
            <select id="f-fy" name="fy">
              <option value="" safe>{t('pub.field.anyYear')}</option>
              {years.map((y) => <option value={String(y)} selected={y === fy} safe>{String(y)}</option>)}
            </select>
          </div>
        </div>
        <div class="actions"><button type="submit" class="btn btn-primary" safe>{t('form.search')}</button></div>
      </form>
      {q ? (
        hits.length === 0 ? <EmptyState text={t('search.none', { q })} /> : (
          <>
            <p role="status" safe>{capped ? t('search.resultsMany', { total: formatNumber(ctx.lang, info.total), q }) : t('search.results', { total: info.total, q })}</p>
            <ol class="item-list search-results">
              {hits.map((h) => {
                const safeSnippet = h.snippet; // escaped by the search platform, <mark> added
                return (
                  <li>
                    <h2 class="item-title"><a href={h.url} safe>{h.title}</a></h2>
                    <p class="muted" safe>{[label(h.kind), h.fiscalYear ? `${t('pub.field.fiscalYear')} ${h.fiscalYear}` : '', h.publishedAt ? formatDate(h.publishedAt, { lang: ctx.lang }) : ''].filter(Boolean).join(' · ')}</p>
                    <p>{safeSnippet}</p>
                  </li>
                );
              })}
            </ol>
            <Pagination ctx={ctx} info={info} baseHref={`/search?${qs}`} />
          </>
        )
      ) : ''}
    </Page>
  );
}
