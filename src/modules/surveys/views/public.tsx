// What the public sees of the surveys, only while the EIT is open and has its link: the page /ita-survey, the block on
// the public home page and on the E-Service confirmation and tracking pages, and the printable A4 poster.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { formatDate } from '../../../platform/thai/index.ts';
import { Msg } from '../../../platform/views/text.tsx';
import { translator } from '../../../platform/i18n/index.ts';
import { qrSvg } from '../qr.ts';

export interface EitView {
  year: number;
  url: string;
  code: string;
  start: string;
  end: string;
}

const day = (ctx: ViewCtx, d: string) => formatDate(d, { lang: ctx.lang });

/** The link, the code (when ITAS gave one) and the QR code of a survey. */
export async function SurveyLink({ ctx, url, code, qrLabel, linkLabel, size }: { ctx: ViewCtx; url: string; code: string; qrLabel: string; linkLabel: string; size?: number }) {
  const t = ctx.t;
  // throws for a link too long for a QR code (the settings refuse one): the pages and blocks that draw it decide
  const safeSvg = await qrSvg(url, qrLabel, size);
  return (
    <div class="survey-link">
      <p><a class="btn btn-primary" href={url} rel="noopener" safe>{linkLabel}</a></p>
      <p class="survey-url"><span safe>{t('surveys.link.url')}</span> <a href={url} rel="noopener" lang="en" safe>{url}</a></p>
      {code ? <p><span safe>{t('surveys.link.code')}</span> <strong class="survey-code" lang="en" safe>{code}</strong></p> : ''}
      <figure class="survey-qr-figure">
        {safeSvg}
        <figcaption safe>{t('surveys.link.scan')}</figcaption>
      </figure>
    </div>
  );
}

/** The EIT block for another module's page (E-Service confirmation and tracking): heading, why, link, code, QR. */
export async function EitSection({ ctx, eit, id }: { ctx: ViewCtx; eit: EitView; id: string }) {
  const t = ctx.t;
  const safeLink = await SurveyLink({ ctx, url: eit.url, code: eit.code, qrLabel: t('surveys.eit.qr'), linkLabel: t('surveys.eit.answer'), size: 160 });
  return (
    <section class="notice survey-block" aria-labelledby={id}>
      <h2 id={id} safe>{t('surveys.eit.blockTitle', { year: eit.year })}</h2>
      <p><Msg ctx={ctx} k="surveys.eit.blockLead" vars={{ agency: ctx.site.name }} /></p>
      <p safe>{t('surveys.eit.until', { date: day(ctx, eit.end) })}</p>
      {safeLink}
      <p><a href="/ita-survey" safe>{t('surveys.eit.more')}</a></p>
    </section>
  );
}

/** The section of the public home page while the EIT is open. */
export function HomeSection({ ctx, eit }: { ctx: ViewCtx; eit: EitView }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="home-ita-survey">
      <h2 id="home-ita-survey" safe>{t('surveys.eit.blockTitle', { year: eit.year })}</h2>
      <p><Msg ctx={ctx} k="surveys.eit.blockLead" vars={{ agency: ctx.site.name }} /></p>
      <p safe>{t('surveys.eit.until', { date: day(ctx, eit.end) })}</p>
      <p>
        <a class="btn btn-primary" href={eit.url} rel="noopener" safe>{t('surveys.eit.answer')}</a>{' '}
        <a href="/ita-survey" safe>{t('surveys.eit.more')}</a>
      </p>
    </section>
  );
}

export async function PublicPage({ ctx, eit }: { ctx: ViewCtx; eit: EitView }) {
  const t = ctx.t;
  const title = t('surveys.public.title', { year: eit.year });
  const safeLink = await SurveyLink({ ctx, url: eit.url, code: eit.code, qrLabel: t('surveys.eit.qr'), linkLabel: t('surveys.eit.answer'), size: 240 });
  return (
    <Page ctx={ctx} title={title} description={t('surveys.public.lead', { agency: ctx.site.name })}>
      <h1 safe>{title}</h1>
      <p class="lead"><Msg ctx={ctx} k="surveys.public.lead" vars={{ agency: ctx.site.name }} /></p>
      <p><strong safe>{t('surveys.public.period', { from: day(ctx, eit.start), to: day(ctx, eit.end) })}</strong></p>
      {safeLink}
      <section aria-labelledby="ita-what">
        <h2 id="ita-what" safe>{t('surveys.public.whatTitle')}</h2>
        <p safe>{t('surveys.public.what')}</p>
        <ul>
          <li safe>{t('surveys.public.iit')}</li>
          <li safe>{t('surveys.public.eit')}</li>
          <li safe>{t('surveys.public.oit')}</li>
        </ul>
        <p safe>{t('surveys.public.who')}</p>
        <p safe>{t('surveys.public.confidential')}</p>
      </section>
      <section aria-labelledby="ita-poster">
        <h2 id="ita-poster" safe>{t('surveys.poster.heading')}</h2>
        <p safe>{t('surveys.poster.lead')}</p>
        <ul class="plain">
          <li><a href="/ita-survey/poster" safe>{t('surveys.poster.page')}</a></li>
          <li><a href="/ita-survey/poster.pdf" safe>{t('surveys.poster.pdf')}</a></li>
        </ul>
      </section>
    </Page>
  );
}

/** The A4 poster to print: Thai, a large QR code, the link and code, the dates; its own print style sheet. */
export async function PosterPage({ ctx, eit, agency, css }: { ctx: ViewCtx; eit: EitView; agency: string; css: string }) {
  // Thai whatever the language of the visitor: it hangs at a Thai counter
  const th = translator('th');
  const safeSvg = await qrSvg(eit.url, th('surveys.eit.qr'), 400, 'survey-qr poster-qr');
  const thaiDay = (d: string) => formatDate(d, { lang: 'th' });
  return (
    <Page ctx={ctx} title={ctx.t('surveys.poster.title', { year: eit.year })} printOf="/ita-survey">
      <link rel="stylesheet" href={css} />
      <p class="actions poster-help" safe>{ctx.t('surveys.poster.help')}</p>
      <div class="poster" lang="th">
        <p class="poster-agency" safe>{agency}</p>
        <h1 safe>{th('surveys.poster.headline')}</h1>
        <p class="poster-sub" safe>{th('surveys.poster.sub', { year: eit.year })}</p>
        {safeSvg}
        <p class="poster-scan" safe>{th('surveys.poster.scan')}</p>
        <p class="poster-url" lang="en" safe>{eit.url}</p>
        {eit.code ? <p class="poster-code"><span safe>{th('surveys.link.code')}</span> <strong lang="en" safe>{eit.code}</strong></p> : ''}
        <p class="poster-dates" safe>{th('surveys.public.period', { from: thaiDay(eit.start), to: thaiDay(eit.end) })}</p>
        <p safe>{th('surveys.poster.who')}</p>
        <p safe>{th('surveys.public.confidential')}</p>
      </div>
    </Page>
  );
}
