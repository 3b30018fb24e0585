import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { emptyForm, EmptyState, Field, Pagination, Select, type PageInfo } from '../../../platform/views/components.tsx';
import type { SearchHit } from '../../../platform/search/index.ts';
import { formatNumber, pick } from '../../../platform/i18n/index.ts';
import { formatDate } from '../../../platform/thai/index.ts';

export function SearchPage({ ctx, q, type, fy, hits, info, capped, kinds, years, error }: { ctx: ViewCtx; q: string; type: string; fy: number | null; hits: SearchHit[]; info: PageInfo; capped?: boolean; kinds: Array<{ kind: string; th: string; en: string }>; years: number[]; error?: string }) {
  const t = ctx.t;
  const label = (k: string) => pick(ctx.lang, kinds.find((x) => x.kind === k) ?? { th: k, en: k });
  const qs = new URLSearchParams({ q });
  if (type) qs.set('type', type);
  if (fy) qs.set('fy', String(fy));
  const form = emptyForm({ q, type, fy: fy ? String(fy) : '' });
  return (
    <Page ctx={ctx} title={q ? `${t('search.title')}: ${q}` : t('search.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('search.title')}</h1>
      {error ? <div class="error-summary" role="alert"><p safe>{error}</p></div> : ''}
      <form method="get" action="/search" role="search" class="search-form">
        <Field ctx={ctx} form={form} name="q" type="search" label={t('search.label')} hint={t('search.hint')} maxlength={200} />
        <div class="filters">
          <Select ctx={ctx} form={form} name="type" label={t('pub.field.kind')} options={[{ value: '', label: t('search.typeAll') }, ...kinds.map((k) => ({ value: k.kind, label: pick(ctx.lang, k) }))]} />
          <Select ctx={ctx} form={form} name="fy" label={t('pub.field.fiscalYear')} options={[{ value: '', label: t('pub.field.anyYear') }, ...years.map((y) => ({ value: String(y), label: String(y) }))]} />
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
