import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { fileUrl } from '../../../platform/files/index.ts';
import { formatBytes } from '../../../platform/i18n/index.ts';
import { formatDate, formatMonth } from '../../../platform/thai/index.ts';
import { CATEGORY_GROUPS, catKey, groupKey, groupOf, UNGROUPED } from '../kinds.ts';
import type { Attachment, Content } from '../store.ts';
import { pickText, thaiLang, type PickedText } from '../../../platform/views/text.tsx';

/** The document categories for a Select: those in no group first, then each group under its heading (with, for
 * filters, a choice of the whole group). */
export function categoryChoices(ctx: ViewCtx, o: { any?: string; wholeGroups?: boolean } = {}) {
  const t = ctx.t;
  return {
    options: [...(o.any ? [{ value: '', label: o.any }] : []), ...UNGROUPED.map((c) => ({ value: c, label: t(catKey(c)) }))],
    groups: CATEGORY_GROUPS.map((g) => ({
      label: t(groupKey(g.key)),
      options: [...(o.wholeGroups ? [{ value: g.key, label: t('pub.catGroup.all', { group: t(groupKey(g.key)) }) }] : []), ...g.categories.map((c) => ({ value: c, label: t(catKey(c)) }))],
    })),
  };
}

/** A category's name, after its group's when it has one (a group key names the group). */
export function categoryLabel(ctx: ViewCtx, category: string): string {
  const whole = CATEGORY_GROUPS.find((g) => g.key === category);
  if (whole) return ctx.t(groupKey(whole.key));
  const g = groupOf(category);
  return g ? `${ctx.t(groupKey(g.key))} › ${ctx.t(catKey(category))}` : ctx.t(catKey(category));
}

export const pickLang = (ctx: ViewCtx, th: string, en: string) => (ctx.lang === 'en' && en) || th;
export const titleOf = (ctx: ViewCtx, c: Pick<Content, 'title_th' | 'title_en'>) => pickLang(ctx, c.title_th, c.title_en);
/** The title and summary in the page's language, with the lang their element needs when they fall back to Thai. */
export const titleText = (ctx: ViewCtx, c: Pick<Content, 'title_th' | 'title_en'>): PickedText => pickText(ctx, c.title_th, c.title_en);
export const summaryText = (ctx: ViewCtx, c: Pick<Content, 'summary_th' | 'summary_en'>): PickedText => pickText(ctx, c.summary_th, c.summary_en);

/** Share links that need no third-party script. */
export function ShareLinks({ ctx, url, title }: { ctx: ViewCtx; url: string; title: string }) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return (
    <nav class="share" aria-label={ctx.t('pub.share')}>
      <ul class="plain inline-list">
        <li><a href={`https://www.facebook.com/sharer/sharer.php?u=${u}`} rel="noopener" safe>{ctx.t('pub.share.facebook')}</a></li>
        <li><a href={`https://social-plugins.line.me/lineit/share?url=${u}`} rel="noopener" safe>{ctx.t('pub.share.line')}</a></li>
        <li><a href={`https://twitter.com/intent/tweet?url=${u}&text=${t}`} rel="noopener" safe>{ctx.t('pub.share.x')}</a></li>
        <li><a href={`mailto:?subject=${t}&body=${u}`} safe>{ctx.t('pub.share.email')}</a></li>
      </ul>
    </nav>
  );
}

export function AttachmentList({ ctx, attachments, absolute }: { ctx: ViewCtx; attachments: Attachment[]; absolute?: boolean }) {
  if (!attachments.length) return '';
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title" safe>{ctx.t('pub.attachments')}</h2>
      <ul class="attachments">
        {attachments.map((a) => {
          const href = fileUrl(a);
          return (
            <li>
              <a href={href} lang={thaiLang(ctx, a.label || a.original_name)} safe>{a.label || a.original_name}</a>{' '}
              <span class="muted" safe>{`(${a.ext.toUpperCase()}, ${formatBytes(ctx.lang, a.size_bytes)})`}</span>
              {absolute ? <span class="print-url" safe>{` ${ctx.baseUrl}${href}`}</span> : ''}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ContentMeta({ ctx, c }: { ctx: ViewCtx; c: Content }) {
  const t = ctx.t;
  return (
    <dl class="meta">
      {c.category ? <><dt safe>{t('pub.field.category')}</dt><dd><a href={`/documents?category=${encodeURIComponent(c.category)}`} safe>{categoryLabel(ctx, c.category)}</a></dd></> : ''}
      {c.fiscal_year ? <><dt safe>{t('pub.field.fiscalYear')}</dt><dd safe>{String(c.fiscal_year)}</dd></> : ''}
      {c.period ? <><dt safe>{t('pub.meta.period')}</dt><dd safe>{formatMonth(c.period, ctx.lang)}</dd></> : ''}
      {c.published_at ? <><dt safe>{t('pub.meta.published')}</dt><dd safe>{formatDate(c.published_at, { lang: ctx.lang })}</dd></> : ''}
      {c.revision > 1 ? <><dt safe>{t('pub.meta.updated')}</dt><dd safe>{formatDate(c.updated_at, { lang: ctx.lang })}</dd></> : ''}
      {c.is_signoff_required && c.signoff_name ? (
        <><dt safe>{t('pub.meta.signoff')}</dt><dd><span lang={thaiLang(ctx, `${c.signoff_name} ${c.signoff_position}`)} safe>{`${c.signoff_name}${c.signoff_position ? ` ${c.signoff_position}` : ''}`}</span><span>{c.signoff_date ? `, ${formatDate(c.signoff_date, { lang: ctx.lang })}` : ''}</span></dd></>
      ) : ''}
    </dl>
  );
}
