import type { Children } from '@kitajs/html';
import { navLabel, type ViewCtx } from './ctx.ts';
import { assetUrl } from './assets.ts';
import { formatDate } from '../thai/index.ts';
import { Msg, thaiLang } from './text.tsx';

export interface PageProps {
  ctx: ViewCtx;
  title: string;
  /** staff pages use the staff menu and are never indexed */
  staff?: boolean;
  description?: string;
  breadcrumbs?: Array<{ href: string; label: string }>;
  children?: Children;
  /** sharing preview (OpenGraph and Twitter card); public pages always get one */
  share?: { image?: string; type?: 'website' | 'article' };
  /** a print view: no header, menus or footer, never indexed, pointing to the page it prints */
  printOf?: string;
}

function ShareMeta({ ctx, title, description, share }: { ctx: ViewCtx; title: string; description: string; share?: PageProps['share'] }) {
  const url = `${ctx.baseUrl}${ctx.path.split('?')[0]}`;
  const image = share?.image ? `${ctx.baseUrl}${share.image}` : `${ctx.baseUrl}${assetUrl('og-default.png')}`;
  return (
    <>
      <link rel="canonical" href={url} />
      <meta property="og:type" content={share?.type ?? 'website'} />
      <meta property="og:site_name" content={ctx.site.name} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta property="og:image" content={image} />
      <meta property="og:locale" content={ctx.lang === 'th' ? 'th_TH' : 'en_GB'} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      <meta name="twitter:image" content={image} />
    </>
  );
}

function LangSwitch({ ctx }: { ctx: ViewCtx }) {
  const other = ctx.lang === 'th' ? 'en' : 'th';
  const href = `/lang/${other}?next=${encodeURIComponent(ctx.path)}`;
  return (
    <a class="lang-switch" href={href} lang={other} hreflang={other} safe>
      {ctx.t('site.langSwitch')}
    </a>
  );
}

function FlashBox({ ctx }: { ctx: ViewCtx }) {
  const f = ctx.flash;
  if (!f) return '';
  return (
    <div class={`flash flash-${f.kind}`} role={f.kind === 'error' ? 'alert' : 'status'}>
      <p><Msg ctx={ctx} k={f.key} vars={f.vars} /></p>
    </div>
  );
}

function Header({ ctx, staff }: { ctx: ViewCtx; staff: boolean }) {
  const nav = staff ? ctx.staffNav : ctx.publicNav;
  return (
    <header class="site-header">
      <div class="wrap header-top">
        <a class="brand" href="/">
          <span class="brand-name" lang={thaiLang(ctx, ctx.site.name)} safe>{ctx.site.name}</span>
          <span class="brand-sub" lang={thaiLang(ctx, ctx.site.subtitle)} safe>{ctx.site.subtitle}</span>
        </a>
        <div class="header-tools">
          <LangSwitch ctx={ctx} />
          {ctx.user ? (
            <form method="post" action="/logout" class="inline-form">
              <input type="hidden" name="_csrf" value={ctx.csrf()} />
              <button type="submit" class="btn-link" safe>{ctx.t('nav.logout')}</button>
            </form>
          ) : (
            <a href="/login" safe>{ctx.t('nav.staffLogin')}</a>
          )}
        </div>
      </div>
      {/* No-JS menu: a closed <details> never renders its content, so the list is rendered twice (folded for phones, a bar for wide screens) and app.css shows exactly one with display:none, which also hides the other from screen readers. */}
      <nav class="main-nav" aria-label={staff ? ctx.t('site.staffMenu') : ctx.t('site.menu')}>
        <details class="menu-fold">
          <summary class="menu-button">
            <svg class="menu-icon" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" aria-hidden="true" focusable="false">
              <path class="icon-closed" d="M3 6h18M3 12h18M3 18h18" />
              <path class="icon-open" d="M5 5l14 14M19 5L5 19" />
            </svg>
            <span safe>{ctx.t('nav.menu')}</span>
          </summary>
          <NavList ctx={ctx} staff={staff} nav={nav} />
        </details>
        <NavList ctx={ctx} staff={staff} nav={nav} bar />
      </nav>
    </header>
  );
}

function NavList({ ctx, staff, nav, bar }: { ctx: ViewCtx; staff: boolean; nav: ViewCtx['publicNav']; bar?: boolean }) {
  // one current entry: the most specific one (on /staff/content, "/staff/content" rather than "/staff")
  const current = nav.filter((n) => isCurrent(ctx.path, n.href)).reduce<string | undefined>((a, n) => (a && a.length >= n.href.length ? a : n.href), undefined);
  return (
    <ul class={bar ? 'wrap menu-list menu-bar' : 'wrap menu-list'}>
      {nav.map((n) => (
        <li>
          <a href={n.href} aria-current={n.href === current ? 'page' : undefined} safe>
            {navLabel(ctx, n.label)}
          </a>
        </li>
      ))}
      {ctx.user && !staff ? (
        <li>
          <a href="/staff" safe>{ctx.t('nav.staff')}</a>
        </li>
      ) : (
        ''
      )}
    </ul>
  );
}

function isCurrent(path: string, href: string): boolean {
  const p = path.split('?')[0]!;
  return href === '/' ? p === '/' : p === href || p.startsWith(`${href}/`);
}

function Footer({ ctx }: { ctx: ViewCtx }) {
  const s = ctx.site;
  return (
    <footer class="site-footer">
      <div class="wrap footer-grid">
        <section aria-labelledby="footer-contact">
          <h2 id="footer-contact" safe>{ctx.t('site.footer.contact')}</h2>
          <p lang={thaiLang(ctx, s.name)} safe>{s.name}</p>
          <p lang={thaiLang(ctx, s.address)} safe>{s.address}</p>
          {s.phone ? (
            <p>
              <span safe>{`${ctx.t('site.footer.phone')}: `}</span><a href={`tel:${s.phone.replace(/[^0-9+]/g, '')}`} safe>{s.phone}</a>
            </p>
          ) : ''}
          {s.fax ? <p safe>{`${ctx.t('site.footer.fax')}: ${s.fax}`}</p> : ''}
          {s.email ? (
            <p>
              <span safe>{`${ctx.t('site.footer.email')}: `}</span><a href={`mailto:${s.email}`} safe>{s.email}</a>
            </p>
          ) : ''}
          {s.hours ? <p><span safe>{`${ctx.t('site.footer.hours')}: `}</span><span lang={thaiLang(ctx, s.hours)} safe>{s.hours}</span></p> : ''}
        </section>
        <section aria-labelledby="footer-channels">
          <h2 id="footer-channels" safe>{ctx.t('site.footer.channels')}</h2>
          <ul class="plain">
            {s.channels.map((c) => (
              <li>
                <a href={c.url} rel="noopener" lang={thaiLang(ctx, c.label)} safe>{c.label}</a>
              </li>
            ))}
          </ul>
        </section>
        <section aria-label={ctx.t('site.fiscalYear', { year: ctx.fiscalYear })}>
          <p safe>{ctx.t('site.fiscalYear', { year: ctx.fiscalYear })}</p>
          <p safe>{ctx.t('site.today', { date: formatDate(ctx.today, { lang: ctx.lang }) })}</p>
          <p class="muted" safe>{ctx.t('site.footer.poweredBy')}</p>
        </section>
      </div>
    </footer>
  );
}

export function Page(props: PageProps) {
  const { ctx } = props;
  const staff = !!props.staff;
  const fullTitle = `${props.title} | ${ctx.site.name}`;
  const description = props.description ?? ctx.t('home.intro');
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{fullTitle}</title>
          <meta name="description" content={description} />
          {props.printOf ? <><meta name="robots" content="noindex" /><link rel="canonical" href={props.printOf} /></> : staff ? <meta name="robots" content="noindex, nofollow" /> : <ShareMeta ctx={ctx} title={props.title} description={description} share={props.share} />}
          <link rel="stylesheet" href={assetUrl('app.css')} />
          <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        </head>
        {props.printOf ? <body class="print-page"><main class="wrap">{props.children}</main></body> : <PageBody {...props} />}
      </html>
    </>
  );
}

function PageBody(props: PageProps) {
  const { ctx } = props;
  const staff = !!props.staff;
  return (
    <body>
      <a class="skip-link" href="#main" safe>{ctx.t('site.skip')}</a>
      <Header ctx={ctx} staff={staff} />
      {props.breadcrumbs?.length ? (
        <nav class="wrap breadcrumbs" aria-label={ctx.t('nav.breadcrumb')}>
          <ol>
            {props.breadcrumbs.map((b) => (
              <li>
                <a href={b.href} lang={thaiLang(ctx, b.label)} safe>{b.label}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : ''}
      <main id="main" class="wrap" tabindex="-1">
        <FlashBox ctx={ctx} />
        {props.children}
      </main>
      <Footer ctx={ctx} />
    </body>
  );
}

