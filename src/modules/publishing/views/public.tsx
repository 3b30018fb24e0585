import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { emptyForm, EmptyState, Pagination, Select, type PageInfo } from '../../../platform/views/components.tsx';
import { fileUrl } from '../../../platform/files/index.ts';
import { formatDate } from '../../../platform/thai/index.ts';
import { CATEGORY_GROUPS, catKey, contentUrl, groupKey, kindKey, statusKey } from '../kinds.ts';
import type { Attachment, Content, ListItem } from '../store.ts';
import { AttachmentList, categoryChoices, categoryLabel, ContentMeta, pickLang, ShareLinks, summaryText, titleOf, titleText } from './parts.tsx';
import { pickText, thaiLang } from '../../../platform/views/text.tsx';

export interface Cover {
  public_id: string;
  original_name: string;
}

export function DocumentsPage({ ctx, rows, info, category, fiscalYear, years, latest }: { ctx: ViewCtx; rows: ListItem[]; info: PageInfo; category: string; fiscalYear: number | null; years: number[]; latest: Map<string, ListItem> }) {
  const t = ctx.t;
  const qs = new URLSearchParams();
  if (category) qs.set('category', category);
  if (fiscalYear) qs.set('fy', String(fiscalYear));
  const filters = emptyForm({ category, fy: fiscalYear ? String(fiscalYear) : '' });
  const title = category ? `${t('pub.documents.title')}: ${categoryLabel(ctx, category)}` : t('pub.documents.title');
  return (
    <Page ctx={ctx} title={title} description={t('pub.documents.intro')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('pub.documents.title')}</h1>
      <p safe>{t('pub.documents.intro')}</p>
      {CATEGORY_GROUPS.map((g) => (
        <section class="doc-group" aria-labelledby={`group-${g.key}`}>
          <h2 id={`group-${g.key}`}><a href={`/documents?category=${g.key}`} safe>{t(groupKey(g.key))}</a></h2>
          <p class="muted" safe>{t('pub.catGroup.intro')}</p>
          <ul>
            {g.categories.map((c) => {
              const newest = latest.get(c);
              const newestTitle = newest ? titleText(ctx, newest) : null;
              return (
                <li>
                  <a href={`/documents?category=${c}`} safe>{t(catKey(c))}</a>
                  {newest && newestTitle ? <>{' — '}<span safe>{t('pub.catGroup.latest')}</span><a href={contentUrl(newest.kind, newest.slug)} lang={newestTitle.lang} safe>{newestTitle.text}</a></> : <span class="muted" safe>{` — ${t('pub.catGroup.none')}`}</span>}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <form method="get" action="/documents" class="filters" role="search">
        <Select ctx={ctx} form={filters} name="category" label={t('pub.field.category')} {...categoryChoices(ctx, { any: t('pub.field.anyCategory'), wholeGroups: true })} />
        <Select ctx={ctx} form={filters} name="fy" label={t('pub.field.fiscalYear')} options={[{ value: '', label: t('pub.field.anyYear') }, ...years.map((y) => ({ value: String(y), label: String(y) }))]} />
        <div class="actions"><button type="submit" class="btn btn-secondary" safe>{t('form.filter')}</button></div>
      </form>
      {category ? <p class="lead" safe>{t('pub.documents.showing', { category: categoryLabel(ctx, category) })}</p> : ''}
      {rows.length === 0 ? <EmptyState text={t('pub.documents.empty')} /> : (
        <ul class="item-list">
          {rows.map((c) => {
            const title = titleText(ctx, c);
            const summary = summaryText(ctx, c);
            return (
              <li>
                <h2 class="item-title"><a href={contentUrl(c.kind, c.slug)} lang={title.lang} safe>{title.text}</a></h2>
                <p class="muted" safe>{[categoryLabel(ctx, c.category || 'other'), c.fiscal_year ? `${t('pub.field.fiscalYear')} ${c.fiscal_year}` : '', formatDate(c.published_at!, { lang: ctx.lang })].filter(Boolean).join(' · ')}</p>
                {summary.text ? <p lang={summary.lang} safe>{summary.text}</p> : ''}
              </li>
            );
          })}
        </ul>
      )}
      <Pagination ctx={ctx} info={info} baseHref={`/documents${qs.size ? `?${qs}` : ''}`} />
    </Page>
  );
}

export function NewsPage({ ctx, rows, info, covers }: { ctx: ViewCtx; rows: ListItem[]; info: PageInfo; covers: Map<number, Cover> }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('pub.news.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('pub.news.title')}</h1>
      <p><a href="/feed.xml" type="application/atom+xml">Atom feed</a></p>
      {rows.length === 0 ? <EmptyState text={t('pub.news.empty')} /> : <NewsCards ctx={ctx} rows={rows} covers={covers} />}
      <Pagination ctx={ctx} info={info} baseHref="/news" />
    </Page>
  );
}

export function NewsCards({ ctx, rows, covers }: { ctx: ViewCtx; rows: ListItem[]; covers: Map<number, Cover> }) {
  return (
    <ul class="cards">
      {rows.map((c) => {
        const cover = c.cover_file_id ? covers.get(c.cover_file_id) : undefined;
        const title = titleText(ctx, c);
        const summary = summaryText(ctx, c);
        return (
          <li class="card news-card">
            {cover ? <img src={fileUrl(cover)} alt="" width="320" height="180" loading="lazy" /> : ''}
            <h3><a href={contentUrl(c.kind, c.slug)} lang={title.lang} safe>{title.text}</a></h3>
            <p class="muted" safe>{formatDate(c.published_at!, { lang: ctx.lang })}</p>
            {summary.text ? <p lang={summary.lang} safe>{summary.text}</p> : ''}
          </li>
        );
      })}
    </ul>
  );
}

export function ContentPage({ ctx, c, attachments, cover, preview }: { ctx: ViewCtx; c: Content; attachments: Attachment[]; cover: Cover | null; preview: boolean }) {
  const t = ctx.t;
  const title = titleOf(ctx, c);
  const url = `${ctx.baseUrl}${contentUrl(c.kind, c.slug)}`;
  const safeBody = pickLang(ctx, c.body_html_th, c.body_html_en); // sanitised when saved
  const images = attachments.filter((a) => ['png', 'jpg', 'webp'].includes(a.ext));
  const files = c.kind === 'news' ? attachments.filter((a) => !images.includes(a)) : attachments;
  const listHref = c.kind === 'news' ? '/news' : c.kind === 'document' ? '/documents' : '/';
  const summary = pickLang(ctx, c.summary_th, c.summary_en);
  return (
    <Page
      ctx={ctx}
      title={title}
      description={summary || title}
      share={{ image: cover ? fileUrl(cover) : undefined, type: c.kind === 'news' ? 'article' : 'website' }}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, ...(listHref !== '/' ? [{ href: listHref, label: t(c.kind === 'news' ? 'pub.news.title' : 'pub.documents.title') }] : [])]}
    >
      {preview ? <div class="flash flash-info" role="status"><p safe>{t('pub.preview.banner', { status: t(statusKey(c.status)) })}</p></div> : ''}
      <article>
        <h1 lang={thaiLang(ctx, title)} safe>{title}</h1>
        <ContentMeta ctx={ctx} c={c} />
        {summary ? <p class="lead" lang={thaiLang(ctx, summary)} safe>{summary}</p> : ''}
        {cover ? <p><img src={fileUrl(cover)} alt="" class="cover" /></p> : ''}
        <div class="body" lang={pickText(ctx, c.body_html_th, c.body_html_en).lang}>{safeBody}</div>
        {c.kind === 'news' && images.length ? (
          <section aria-labelledby="gallery-title">
            <h2 id="gallery-title" safe>{t('pub.gallery')}</h2>
            <ul class="gallery plain">{images.map((a) => <li><img src={fileUrl(a)} alt={a.label} loading="lazy" /></li>)}</ul>
          </section>
        ) : ''}
        <AttachmentList ctx={ctx} attachments={files} />
      </article>
      {preview ? '' : (
        <div class="actions">
          <a class="btn btn-secondary" href={`${contentUrl(c.kind, c.slug)}/print`} safe>{t('pub.printView')}</a>
          <ShareLinks ctx={ctx} url={url} title={title} />
        </div>
      )}
    </Page>
  );
}

/** A print-friendly page: no navigation, the addresses of links written out. */
export function PrintPage({ ctx, c, attachments }: { ctx: ViewCtx; c: Content; attachments: Attachment[] }) {
  const title = titleOf(ctx, c);
  const safeBody = pickLang(ctx, c.body_html_th, c.body_html_en);
  const url = `${ctx.baseUrl}${contentUrl(c.kind, c.slug)}`;
  return (
    <Page ctx={ctx} title={title} description={pickLang(ctx, c.summary_th, c.summary_en) || undefined} printOf={url}>
      <p class="muted" lang={thaiLang(ctx, ctx.site.name)} safe>{ctx.site.name}</p>
      <h1 lang={thaiLang(ctx, title)} safe>{title}</h1>
      <ContentMeta ctx={ctx} c={c} />
      {pickLang(ctx, c.summary_th, c.summary_en) ? <p class="lead" lang={thaiLang(ctx, pickLang(ctx, c.summary_th, c.summary_en))} safe>{pickLang(ctx, c.summary_th, c.summary_en)}</p> : ''}
      <div class="body" lang={pickText(ctx, c.body_html_th, c.body_html_en).lang}>{safeBody}</div>
      <AttachmentList ctx={ctx} attachments={attachments} absolute />
      <p class="muted" safe>{url}</p>
    </Page>
  );
}

export function kindLabel(ctx: ViewCtx, kind: string): string {
  return ctx.t(kindKey(kind));
}
