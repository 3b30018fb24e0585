import type { DbLike } from '../../platform/db/index.ts';
import { homeCache } from './cache.ts';
import type { ViewCtx } from '../../platform/views/ctx.ts';
import { formatDate } from '../../platform/thai/index.ts';
import { catKey, contentUrl } from './kinds.ts';
import { latestPublic } from './store.ts';
import { coversOf } from './covers.ts';
import { NewsCards } from './views/public.tsx';
import { titleText } from './views/parts.tsx';

/** Latest news and documents for the home page, rendered at most every few seconds per language. */
export function homeBlock(db: DbLike, ctx: ViewCtx): Promise<string> {
  return homeCache.get(`${ctx.site.agencyId}:${ctx.lang}`, () => render(db, ctx));
}

async function render(db: DbLike, ctx: ViewCtx): Promise<string> {
  const t = ctx.t;
  const [news, docs] = await Promise.all([
    latestPublic(db, { agencyId: ctx.site.agencyId, kind: 'news', limit: 3, offset: 0 }),
    latestPublic(db, { agencyId: ctx.site.agencyId, kind: 'document', limit: 6, offset: 0 }),
  ]);
  const covers = await coversOf(db, ctx.site.agencyId, news);
  return (
    <>
      {news.length ? (
        <section aria-labelledby="home-news">
          <h2 id="home-news" safe>{t('pub.news.latest')}</h2>
          <NewsCards ctx={ctx} rows={news} covers={covers} />
          <p><a href="/news" safe>{t('pub.news.all')}</a></p>
        </section>
      ) : ''}
      {docs.length ? (
        <section aria-labelledby="home-docs">
          <h2 id="home-docs" safe>{t('pub.documents.latest')}</h2>
          <ul class="item-list">
            {docs.map((c) => (
              <li>
                <a href={contentUrl(c.kind, c.slug)} lang={titleText(ctx, c).lang} safe>{titleText(ctx, c).text}</a>
                <span class="muted" safe>{` · ${t(catKey(c.category || 'other'))} · ${formatDate(c.published_at!, { lang: ctx.lang, style: 'medium' })}`}</span>
              </li>
            ))}
          </ul>
          <p><a href="/documents" safe>{t('pub.documents.all')}</a></p>
        </section>
      ) : ''}
    </>
  );
}
