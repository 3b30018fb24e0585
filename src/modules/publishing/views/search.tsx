import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { emptyForm, Field, Pagination, Select, type PageInfo } from '../../../platform/views/components.tsx';
import type { SearchHit } from '../../../platform/search/index.ts';
import { formatNumber, pick } from '../../../platform/i18n/index.ts';
import { formatDate } from '../../../platform/thai/index.ts';
import { Msg } from '../../../platform/views/text.tsx';

// On a phone (390 × 844) the first result shows on the first screen: no breadcrumbs, the hint only before a search,
// and the filters folded away (the summary names those in use).
export function SearchPage({ ctx, q, type, fy, hits, info, capped, kinds, years, suggestion, error }: { ctx: ViewCtx; q: string; type: string; fy: number | null; hits: SearchHit[]; info: PageInfo; capped?: boolean; kinds: Array<{ kind: string; th: string; en: string }>; years: number[]; suggestion?: string | null; error?: string }) {
  const t = ctx.t;
  const label = (k: string) => pick(ctx.lang, kinds.find((x) => x.kind === k) ?? { th: k, en: k });
  const link = (query: string) => {
    const qs = new URLSearchParams({ q: query });
    if (type) qs.set('type', type);
    if (fy) qs.set('fy', String(fy));
    return `/search?${qs}`;
  };
  const form = emptyForm({ q, type, fy: fy ? String(fy) : '' });
  // the years that have content, newest first; a year asked for in the address stays selectable
  const yearList = fy && !years.includes(fy) ? [...years, fy].sort((a, b) => b - a) : years;
  // the filters in use are named on the folded summary
  const active = [type ? label(type) : '', fy ? t('search.fyOption', { year: fy }) : ''].filter(Boolean);
  return (
    <Page ctx={ctx} title={q ? `${t('search.title')}: ${q}` : t('search.title')}>
      <h1 safe>{t('search.title')}</h1>
      {error ? <div class="error-summary" role="alert"><p safe>{error}</p></div> : ''}
      <form method="get" action="/search" role="search" class="search-form">
        <Field ctx={ctx} form={form} name="q" type="search" label={t('search.label')} hint={q ? undefined : t('search.hint')} maxlength={200} />
        <div class="actions">
          <details>
            <summary safe>{active.length ? `${t('search.filters')}: ${active.join(', ')}` : t('search.filters')}</summary>
            <div class="filters">
              <Select ctx={ctx} form={form} name="type" label={t('pub.field.kind')} options={[{ value: '', label: t('search.typeAll') }, ...kinds.map((k) => ({ value: k.kind, label: pick(ctx.lang, k) }))]} />
              <Select ctx={ctx} form={form} name="fy" label={t('pub.field.fiscalYear')} options={[{ value: '', label: t('pub.field.anyYear') }, ...yearList.map((y) => ({ value: String(y), label: t('search.fyOption', { year: y }) }))]} />
            </div>
          </details>
          <button type="submit" class="btn btn-primary" safe>{t('form.search')}</button>
        </div>
      </form>
      {q ? (
        hits.length === 0 ? (
          <>
            <p class="empty"><Msg ctx={ctx} k="search.none" vars={{ q }} /></p>
            {suggestion ? <p class="suggestion"><a href={link(suggestion)}><Msg ctx={ctx} k="search.didYouMean" vars={{ q: suggestion }} /></a></p> : ''}
          </>
        ) : (
          <>
            {/* the query as typed: Thai words in it are marked Thai on an English page */}
            <p role="status">{capped ? <Msg ctx={ctx} k="search.resultsMany" vars={{ total: formatNumber(ctx.lang, info.total), q }} /> : <Msg ctx={ctx} k="search.results" vars={{ total: info.total, q }} />}</p>
            <ol class="item-list search-results">
              {hits.map((h) => {
                // both escaped by the search platform, <mark> added around the matches
                const safeTitle = h.titleHtml;
                const safeSnippet = h.snippet;
                return (
                  <li>
                    {/* an item without a title or text in the page's language shows its Thai, marked as Thai */}
                    <h2 class="item-title"><a href={h.url} lang={h.lang !== ctx.lang ? h.lang : undefined}>{safeTitle}</a></h2>
                    <p class="muted" safe>{[label(h.kind), h.fiscalYear ? t('site.fiscalYear', { year: h.fiscalYear }) : '', h.publishedAt ? formatDate(h.publishedAt, { lang: ctx.lang }) : ''].filter(Boolean).join(' · ')}</p>
                    <p lang={h.snippetLang !== ctx.lang ? h.snippetLang : undefined}>{safeSnippet}</p>
                  </li>
                );
              })}
            </ol>
            <Pagination ctx={ctx} info={info} baseHref={link(q)} />
          </>
        )
      ) : ''}
    </Page>
  );
}
