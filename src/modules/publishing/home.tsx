import type { DbLike } from '../../platform/db/index.ts';
import type { ViewCtx } from '../../platform/views/ctx.ts';
import { formatDate } from '../../platform/thai/index.ts';
import { catKey, contentUrl } from './kinds.ts';
import { listPublic } from './store.ts';
import { coversOf } from './covers.ts';
import { NewsCards } from './views/public.tsx';
import { titleOf } from './views/parts.tsx';

/** Latest news and this fiscal year's documents, for the home page. */
export async function homeBlock(db: DbLike, ctx: ViewCtx): Promise<string> {
  const t = ctx.t;
  const [news, docs] = await Promise.all([
    listPublic(db, { agencyId: ctx.site.agencyId, kind: 'news', limit: 3, offset: 0 }),
    listPublic(db, { agencyId: ctx.site.agencyId, kind: 'document', limit: 6, offset: 0 }),
  ]);
  const covers = await coversOf(db, ctx.site.agencyId, news.rows);
  return (
    <>
      {news.rows.length ? (
        <section aria-labelledby="home-news">
          <h2 id="home-news" safe>{t('pub.news.latest')}</h2>
          <NewsCards ctx={ctx} rows={news.rows} covers={covers} />
          <p><a href="/news" safe>{t('pub.news.all')}</a></p>
        </section>
      ) : ''}
      {docs.rows.length ? (
        <section aria-labelledby="home-docs">
          <h2 id="home-docs" safe>{t('pub.documents.latest')}</h2>
          <ul class="item-list">
            {docs.rows.map((c) => (
              <li>
                <a href={contentUrl(c.kind, c.slug)} safe>{titleOf(ctx, c)}</a>
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
