import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { EmptyState } from '../../../platform/views/components.tsx';
import { formatBytes, pick } from '../../../platform/i18n/index.ts';
import type { Evidence } from '../../../platform/evidence.ts';
import type { PublicEvidence } from '../service.ts';
import { itemUrl } from '../service.ts';
import type { Item } from '../store.ts';

const titleOf = (ctx: ViewCtx, i: Item) => (ctx.lang === 'en' && i.title_en) || i.title_th;

/** Items grouped by indicator, then by group, in catalogue order. */
export function grouped(items: Item[]): Array<{ indicator: string; groups: Array<{ group: string; items: Item[] }> }> {
  const out: Array<{ indicator: string; groups: Array<{ group: string; items: Item[] }> }> = [];
  for (const it of items) {
    let ind = out.find((x) => x.indicator === it.indicator);
    if (!ind) out.push((ind = { indicator: it.indicator, groups: [] }));
    let g = ind.groups.find((x) => x.group === it.group_name);
    if (!g) ind.groups.push((g = { group: it.group_name, items: [] }));
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
      {grouped(items).map((ind) => (
        <section aria-label={ind.indicator || t('oit.indicator')}>
          {ind.indicator ? <h2 safe>{ind.indicator}</h2> : ''}
          {ind.groups.map((g) => (
            <>
              {g.group ? <h3 safe>{g.group}</h3> : ''}
              <ul class="oit-list">
                {g.items.map((i) => (
                  <li><a href={itemUrl(i.year, i.code)}><span class="code" safe>{i.code}</span> <span safe>{titleOf(ctx, i)}</span></a></li>
                ))}
              </ul>
            </>
          ))}
        </section>
      ))}
    </Page>
  );
}

export function EvidenceList({ ctx, evidence }: { ctx: ViewCtx; evidence: Array<{ evidence: Evidence | null; external: boolean }> }) {
  const t = ctx.t;
  return (
    <ul class="evidence">
      {evidence.map((e) => {
        const ev = e.evidence!;
        return (
          <li>
            <a href={ev.url} rel={e.external ? 'noopener' : undefined} safe>{pick(ctx.lang, ev.title)}</a>
            {e.external ? <span class="tag" safe>{t('oit.external')}</span> : ''}
            {ev.fiscalYear ? <span class="muted" safe>{` · ${t('pub.field.fiscalYear')} ${ev.fiscalYear}`}</span> : ''}
            {ev.attachments.length ? (
              <ul>
                {ev.attachments.map((a) => <li><a href={a.url} safe>{`${t('pub.download')}: ${a.name}`}</a> <span class="muted" safe>{`(${a.ext.toUpperCase()}, ${formatBytes(ctx.lang, a.size)})`}</span></li>)}
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
  const title = `${item.code} ${titleOf(ctx, item)}`;
  return (
    <Page ctx={ctx} title={`${title} (OIT ${item.year})`} description={t('oit.intro', { year: item.year })} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/oit', label: t('oit.nav') }, { href: `/oit/${item.year}`, label: t('oit.title', { year: item.year }) }]}>
      <p class="muted" safe>{t('oit.title', { year: item.year })}</p>
      <h1 safe>{title}</h1>
      <dl class="meta">
        {item.indicator ? <><dt safe>{t('oit.indicator')}</dt><dd safe>{item.indicator}</dd></> : ''}
        {item.group_name ? <><dt safe>{t('oit.group')}</dt><dd safe>{item.group_name}</dd></> : ''}
        <dt safe>{t('oit.recency')}</dt><dd safe>{t(`oit.recency.${item.recency as 'any'}`)}</dd>
      </dl>
      {item.requirements.length ? (
        <section aria-labelledby="req-title">
          <h2 id="req-title" safe>{t('oit.requirements')}</h2>
          <ul>{item.requirements.map((r) => <li safe>{r}</li>)}</ul>
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
