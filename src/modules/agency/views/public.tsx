import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { navLabel } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { EmptyState } from '../../../platform/views/components.tsx';
import { fileUrl } from '../../../platform/files/index.ts';
import { sortThai } from '../../../platform/thai/index.ts';
import type { Division, Executive, Side } from '../store.ts';
import type { Agency } from '../../../platform/tenant.ts';
import { Msg, pickText, thaiLang } from '../../../platform/views/text.tsx';

const pick = (ctx: ViewCtx, th: string, en: string) => (ctx.lang === 'en' && en) || th;

export function PersonCard({ ctx, e }: { ctx: ViewCtx; e: Executive }) {
  const name = pick(ctx, e.name_th, e.name_en);
  return (
    <li class="card person">
      {e.portrait_public_id ? (
        <img src={fileUrl({ public_id: e.portrait_public_id, original_name: e.portrait_name ?? 'portrait.png' })} alt={ctx.t('agency.executives.portrait', { name })} width="96" height="120" loading="lazy" />
      ) : (
        <span class="tag" safe>{ctx.t('agency.executives.noPortrait')}</span>
      )}
      <div>
        <h3 lang={thaiLang(ctx, name)} safe>{name}</h3>
        <p lang={thaiLang(ctx, pick(ctx, e.position_th, e.position_en))} safe>{pick(ctx, e.position_th, e.position_en)}</p>
        {e.phone ? <p><a href={`tel:${e.phone.replace(/[^0-9+]/g, '')}`} safe>{e.phone}</a></p> : ''}
        {e.email ? <p><a href={`mailto:${e.email}`} safe>{e.email}</a></p> : ''}
      </div>
    </li>
  );
}

export function HomePage({ ctx, leaders, blocks }: { ctx: ViewCtx; leaders: Executive[]; blocks: string[] }) {
  const safeBlocks = blocks.join(''); // HTML rendered by other modules' views
  const t = ctx.t;
  const links = ctx.publicNav.filter((n) => n.href !== '/');
  return (
    <Page ctx={ctx} title={t('home.title')} description={t('home.intro')}>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title"><Msg ctx={ctx} k="home.welcome" vars={{ name: ctx.site.name }} /></h1>
        <p safe>{t('home.intro')}</p>
        <p><strong safe>{t('site.fiscalYear', { year: ctx.fiscalYear })}</strong></p>
      </section>
      <section aria-labelledby="home-links">
        <h2 id="home-links" safe>{t('home.quickLinks')}</h2>
        <ul class="cards">
          {links.map((n) => (
            <li class="card">
              <a href={n.href} safe>{navLabel(ctx, n.label)}</a>
            </li>
          ))}
        </ul>
      </section>
      {safeBlocks}
      {leaders.length ? (
        <section aria-labelledby="home-execs">
          <h2 id="home-execs" safe>{t('home.executives')}</h2>
          <ul class="cards">{leaders.map((e) => <PersonCard ctx={ctx} e={e} />)}</ul>
        </section>
      ) : ''}
    </Page>
  );
}

function DivisionTree({ ctx, all, parent }: { ctx: ViewCtx; all: Division[]; parent: number | null }): JSX.Element {
  const children = all.filter((d) => d.parent_id === parent);
  if (!children.length) return '';
  return (
    <ul class={parent === null ? 'tree' : undefined}>
      {children.map((d) => (
        <li>
          <strong lang={thaiLang(ctx, pick(ctx, d.name_th, d.name_en))} safe>{pick(ctx, d.name_th, d.name_en)}</strong>
          {d.duties_th && ctx.lang === 'th' ? <span class="muted" safe>{` — ${d.duties_th}`}</span> : ''}
          <DivisionTree ctx={ctx} all={all} parent={d.id} />
        </li>
      ))}
    </ul>
  );
}

export function StructurePage({ ctx, divisions, executives }: { ctx: ViewCtx; divisions: Division[]; executives: Executive[] }) {
  const t = ctx.t;
  const sides: Side[] = ['political', 'council', 'permanent'];
  return (
    <Page ctx={ctx} title={t('agency.structure.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('agency.structure.title')}</h1>
      <p><Msg ctx={ctx} k="agency.structure.intro" vars={{ name: ctx.site.name }} /></p>
      {divisions.length === 0 ? <EmptyState text={t('page.empty')} /> : ''}
      {sides.map((side) => {
        const list = divisions.filter((d) => d.side === side);
        if (!list.length) return '';
        const heads = executives.filter((e) => e.side === side);
        return (
          <section aria-labelledby={`side-${side}`}>
            <h2 id={`side-${side}`} safe>{t(`agency.structure.${side}`)}</h2>
            {heads.length ? (
              <p class="muted">
                {heads.map((e, i) => {
                  const position = pickText(ctx, e.position_th, e.position_en);
                  const name = pickText(ctx, e.name_th, e.name_en);
                  return <>{i ? ' · ' : ''}<span lang={position.lang} safe>{position.text}</span>{': '}<span lang={name.lang} safe>{name.text}</span></>;
                })}
              </p>
            ) : ''}
            <DivisionTree ctx={ctx} all={list} parent={null} />
          </section>
        );
      })}
    </Page>
  );
}

export function ExecutivesPage({ ctx, executives }: { ctx: ViewCtx; executives: Executive[] }) {
  const t = ctx.t;
  const groups: Array<[Side, string]> = [['political', t('agency.executives.political')], ['permanent', t('agency.executives.permanent')]];
  return (
    <Page ctx={ctx} title={t('agency.executives.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('agency.executives.title')}</h1>
      {executives.length === 0 ? <EmptyState text={t('page.empty')} /> : ''}
      {groups.map(([side, title]) => {
        const list = executives.filter((e) => e.side === side);
        return list.length ? (
          <section aria-labelledby={`ex-${side}`}>
            <h2 id={`ex-${side}`} safe>{title}</h2>
            <ul class="cards">{list.map((e) => <PersonCard ctx={ctx} e={e} />)}</ul>
          </section>
        ) : '';
      })}
    </Page>
  );
}

export function ContactPage({ ctx, agency }: { ctx: ViewCtx; agency: Agency }) {
  const t = ctx.t;
  const s = ctx.site;
  const channels = sortThai(s.channels, (c) => c.label);
  return (
    <Page ctx={ctx} title={t('agency.contact.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{t('agency.contact.title')}</h1>
      <dl class="meta">
        <dt safe>{t('agency.contact.address')}</dt>
        <dd><span lang={thaiLang(ctx, s.name)} safe>{s.name}</span> <span lang={thaiLang(ctx, s.address)} safe>{s.address}</span></dd>
        {s.phone ? <><dt safe>{t('site.footer.phone')}</dt><dd><a href={`tel:${s.phone.replace(/[^0-9+]/g, '')}`} safe>{s.phone}</a></dd></> : ''}
        {s.fax ? <><dt safe>{t('site.footer.fax')}</dt><dd safe>{s.fax}</dd></> : ''}
        {s.email ? <><dt safe>{t('site.footer.email')}</dt><dd><a href={`mailto:${s.email}`} safe>{s.email}</a></dd></> : ''}
        {s.hours ? <><dt safe>{t('site.footer.hours')}</dt><dd lang={thaiLang(ctx, s.hours)} safe>{s.hours}</dd></> : ''}
      </dl>
      {agency.map_url ? <p><a href={agency.map_url} rel="noopener" safe>{t('agency.contact.map')}</a></p> : ''}
      <h2 safe>{t('site.footer.channels')}</h2>
      <ul>
        {channels.map((c) => <li><a href={c.url} rel="noopener" lang={thaiLang(ctx, c.label)} safe>{c.label}</a></li>)}
      </ul>
    </Page>
  );
}
