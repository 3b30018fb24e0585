import { escapeHtml } from '@kitajs/html';
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { EmptyState } from '../../../platform/views/components.tsx';
import { formatBytes, pick } from '../../../platform/i18n/index.ts';
import type { Evidence } from '../../../platform/evidence.ts';
import type { PublicEvidence } from '../service.ts';
import { itemUrl } from '../service.ts';
import type { Item } from '../store.ts';
import { pickText, Text, thaiLang, type PickedText } from '../../../platform/views/text.tsx';

/** The item's title in the page's language (Thai, marked, when it has no English). */
export const itemTitle = (ctx: ViewCtx, i: Item): PickedText => pickText(ctx, i.title_th, i.title_en);

/** The required elements in the page's language: the English only when there is one for each Thai element. */
export function requirementTexts(ctx: ViewCtx, i: Pick<Item, 'requirements' | 'requirements_en'>): PickedText[] {
  const en = i.requirements_en.length === i.requirements.length ? i.requirements_en : [];
  return i.requirements.map((th, n) => pickText(ctx, th, en[n]));
}

export interface IndicatorGroup {
  indicator: string;
  indicator_en: string;
  groups: Array<{ group: string; group_en: string; items: Item[] }>;
}

/** Items grouped by indicator, then by group, in catalogue order (the English names from the first item that has them). */
export function grouped(items: Item[]): IndicatorGroup[] {
  const out: IndicatorGroup[] = [];
  for (const it of items) {
    let ind = out.find((x) => x.indicator === it.indicator);
    if (!ind) out.push((ind = { indicator: it.indicator, indicator_en: '', groups: [] }));
    ind.indicator_en ||= it.indicator_en;
    let g = ind.groups.find((x) => x.group === it.group_name);
    if (!g) ind.groups.push((g = { group: it.group_name, group_en: '', items: [] }));
    g.group_en ||= it.group_en;
    g.items.push(it);
  }
  return out;
}

export function YearsPage({ ctx, years }: { ctx: ViewCtx; years: number[] }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('oit.nav')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('oit.nav')}</h1>
      <p safe>{t('oit.yearsIntro')}</p>
      {years.length ? <ul class="cards">{years.map((y) => <li class="card"><a href={`/oit/${y}`} safe>{t('oit.title', { year: y })}</a></li>)}</ul> : <EmptyState text={t('page.empty')} />}
    </Page>
  );
}

export function IndexPage({ ctx, year, items, years }: { ctx: ViewCtx; year: number; items: Item[]; years: number[] }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('oit.title', { year })} description={t('oit.intro', { year })} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/oit', label: t('oit.nav') }]}>
      <h1 safe>{t('oit.title', { year })}</h1>
      <p safe>{t('oit.intro', { year })}</p>
      {years.length > 1 ? (
        <nav aria-label={t('oit.years')}>
          <ul class="plain inline-list">{years.map((y) => <li>{y === year ? <strong aria-current="page" safe>{String(y)}</strong> : <a href={`/oit/${y}`} safe>{String(y)}</a>}</li>)}</ul>
        </nav>
      ) : ''}
      {grouped(items).map((ind) => {
        const name = pickText(ctx, ind.indicator, ind.indicator_en);
        return (
          <section aria-label={name.text || t('oit.indicator')}>
            {name.text ? <h2 lang={name.lang} safe>{name.text}</h2> : ''}
            {ind.groups.map((g) => {
              const group = pickText(ctx, g.group, g.group_en);
              return (
                <>
                  {group.text ? <h3 lang={group.lang} safe>{group.text}</h3> : ''}
                  <ul class="oit-list">
                    {g.items.map((i) => <li><a href={itemUrl(i.year, i.code)}><span class="code" safe>{i.code}</span> <Text ctx={ctx} th={i.title_th} en={i.title_en} /></a></li>)}
                  </ul>
                </>
              );
            })}
          </section>
        );
      })}
    </Page>
  );
}

export function EvidenceList({ ctx, evidence }: { ctx: ViewCtx; evidence: Array<{ evidence: Evidence | null; external: boolean }> }) {
  const t = ctx.t;
  return (
    <ul class="evidence">
      {evidence.map((e) => {
        const ev = e.evidence!;
        const title = pick(ctx.lang, ev.title);
        return (
          <li>
            <a href={ev.url} rel={e.external ? 'noopener' : undefined} lang={thaiLang(ctx, title)} safe>{title}</a>
            {e.external ? <span class="tag" safe>{t('oit.external')}</span> : ''}
            {ev.fiscalYear ? <span class="muted" safe>{` · ${t('pub.field.fiscalYear')} ${ev.fiscalYear}`}</span> : ''}
            {ev.attachments.length ? (
              <ul>
                {ev.attachments.map((a) => {
                  const safeLabel = escapeHtml(`${t('pub.download')}: `);
                  return <li><a href={a.url}>{safeLabel}<span lang={thaiLang(ctx, a.name)} safe>{a.name}</span></a> <span class="muted" safe>{`(${a.ext.toUpperCase()}, ${formatBytes(ctx.lang, a.size)})`}</span></li>;
                })}
              </ul>
            ) : ''}
          </li>
        );
      })}
    </ul>
  );
}

/** The public page of an item: what it asks for, and the evidence that is public now (chosen by publicEvidence). */
export function ItemPage({ ctx, item, evidence }: { ctx: ViewCtx; item: Item; evidence: PublicEvidence[] }) {
  const t = ctx.t;
  const name = itemTitle(ctx, item);
  const title = `${item.code} ${name.text}`;
  const indicator = pickText(ctx, item.indicator, item.indicator_en);
  const group = pickText(ctx, item.group_name, item.group_en);
  return (
    <Page ctx={ctx} title={`${title} (OIT ${item.year})`} description={t('oit.intro', { year: item.year })} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/oit', label: t('oit.nav') }, { href: `/oit/${item.year}`, label: t('oit.title', { year: item.year }) }]}>
      <p class="muted" safe>{t('oit.title', { year: item.year })}</p>
      <h1><span safe>{item.code}</span> <Text ctx={ctx} th={item.title_th} en={item.title_en} /></h1>
      <dl class="meta">
        {indicator.text ? <><dt safe>{t('oit.indicator')}</dt><dd lang={indicator.lang} safe>{indicator.text}</dd></> : ''}
        {group.text ? <><dt safe>{t('oit.group')}</dt><dd lang={group.lang} safe>{group.text}</dd></> : ''}
        <dt safe>{t('oit.recency')}</dt><dd safe>{t(`oit.recency.${item.recency as 'any'}`)}</dd>
      </dl>
      {item.requirements.length ? (
        <section aria-labelledby="req-title">
          <h2 id="req-title" safe>{t('oit.requirements')}</h2>
          <ul>{requirementTexts(ctx, item).map((r) => <li lang={r.lang} safe>{r.text}</li>)}</ul>
        </section>
      ) : ''}
      <section aria-labelledby="ev-title">
        <h2 id="ev-title" safe>{t('oit.evidence')}</h2>
        {evidence.length ? <EvidenceList ctx={ctx} evidence={evidence} /> : <EmptyState text={t('oit.noEvidence')} />}
      </section>
    </Page>
  );
}

export function OitNotFoundPage({ ctx, years }: { ctx: ViewCtx; years: number[] }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('oit.notFound.title')}>
      <h1 safe>{t('oit.notFound.title')}</h1>
      <p safe>{t('oit.notFound.body')}</p>
      <ul>{years.map((y) => <li><a href={`/oit/${y}`} safe>{t('oit.title', { year: y })}</a></li>)}</ul>
      <p><a href="/" safe>{t('error.backHome')}</a></p>
    </Page>
  );
}
