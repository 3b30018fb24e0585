// Public pages: the list of activities (by fiscal year), an activity with its documents, participants by group,
// results and "you said, we did", the comment form of an open consultation, its confirmation, and the yearly report.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, EmptyState, ErrorSummary, Field, Form, Pagination, TextArea, Time, type FormState, type PageInfo } from '../../../platform/views/components.tsx';
import { Msg, pickText, thaiLang, thaiPart } from '../../../platform/views/text.tsx';
import { fileUrl } from '../../../platform/files/index.ts';
import { formatBytes } from '../../../platform/i18n/index.ts';
import { fiscalYearRange, formatDate } from '../../../platform/thai/index.ts';
import { COMMENT_MAX, GROUPS, RESPONSES, shownStatus, type Status } from '../rules.ts';
import { countOf, totalOf, type Activity, type Comment, type DocumentRow, type Proposal } from '../store.ts';
import { daysText, docKindLabel, groupLabel, kindLabel, reportTitle, responseLabel, statusLabel, type YearReport } from '../report.ts';

const crumbs = (ctx: ViewCtx) => [{ href: '/', label: ctx.t('nav.home') }, { href: '/participation', label: ctx.t('participation.title') }];

/** Paragraphs of a text typed by staff, in the language picked (Thai marked on English pages). */
function Paras({ ctx, th, en }: { ctx: ViewCtx; th: string; en?: string }) {
  const p = pickText(ctx, th, en);
  return <div lang={p.lang}>{p.text.split(/\n{2,}|\n/).filter(Boolean).map((para) => <p safe>{para}</p>)}</div>;
}

function Picked({ ctx, th, en }: { ctx: ViewCtx; th: string; en?: string }) {
  const p = pickText(ctx, th, en);
  return <span lang={p.lang} safe>{p.text}</span>;
}

const statusClass = (s: Status) => (s === 'reported' ? 'status-done' : s === 'open' ? 'status-in_progress' : '');

export function StatusTag({ ctx, s }: { ctx: ViewCtx; s: Status }) {
  return <span class={`tag ${statusClass(s)}`} safe>{statusLabel(ctx.lang, s)}</span>;
}

/** 'ปิดรับความคิดเห็น 15 ธันวาคม 2569 เวลา 16:30 น.' with the machine-readable instant. */
function Closing({ ctx, at }: { ctx: ViewCtx; at: string }) {
  return <time datetime={at} safe>{formatDate(at, { lang: ctx.lang, withTime: true })}</time>;
}

export function ListPage({ ctx, rows, info, year, years, now }: { ctx: ViewCtx; rows: Activity[]; info: PageInfo; year: number | null; years: number[]; now: Date }) {
  const t = ctx.t;
  const title = year ? t('participation.list.yearTitle', { year }) : t('participation.title');
  return (
    <Page ctx={ctx} title={title} description={t('participation.intro')} breadcrumbs={year ? crumbs(ctx) : [{ href: '/', label: t('nav.home') }]}>
      <h1 safe>{title}</h1>
      <p safe>{t('participation.intro')}</p>
      {years.length ? (
        <nav aria-labelledby="years">
          <h2 id="years" class="visually-hidden" safe>{t('participation.list.byYear')}</h2>
          <ul class="plain inline-list">
            <li>{year ? <a href="/participation" safe>{t('participation.list.all')}</a> : <strong aria-current="page" safe>{t('participation.list.all')}</strong>}</li>
            {years.map((y) => <li>{y === year ? <strong aria-current="page" safe>{t('participation.yearLink', { year: y })}</strong> : <a href={`/participation?year=${y}`} safe>{t('participation.yearLink', { year: y })}</a>}</li>)}
          </ul>
        </nav>
      ) : ''}
      {rows.length ? (
        <>
          <ul class="plain cards">
            {rows.map((a) => {
              const s = shownStatus(a, now);
              const open = s === 'open' && a.is_commentable && a.comments_close_at;
              return (
                <li class="card">
                  <h2><a href={`/participation/${a.slug}`}><Picked ctx={ctx} th={a.title_th} en={a.title_en} /></a></h2>
                  <p>
                    <span class="tag" safe>{kindLabel(ctx.lang, a.kind)}</span> <StatusTag ctx={ctx} s={s} />
                  </p>
                  <p safe>{`${t('participation.report.when')}: ${daysText(a, ctx.lang)}`}</p>
                  {a.subject_th ? <p><span safe>{`${t('participation.field.subject_th')}: `}</span><Picked ctx={ctx} th={a.subject_th} en={a.subject_en} /></p> : ''}
                  {open ? <p><strong safe>{`${t('participation.comments.openUntil')} `}</strong><Closing ctx={ctx} at={a.comments_close_at!} /></p> : ''}
                </li>
              );
            })}
          </ul>
          <Pagination ctx={ctx} info={info} baseHref={year ? `/participation?year=${year}` : '/participation'} />
        </>
      ) : <EmptyState text={year ? t('participation.list.emptyYear', { year }) : t('participation.list.empty')} />}
      {years.length ? (
        <section aria-labelledby="reports">
          <h2 id="reports" safe>{t('participation.report.heading')}</h2>
          <ul class="plain">
            {(year ? [year] : years).map((y) => (
              <li>
                <a href={`/participation/report/${y}`} safe>{reportTitle(y, ctx.lang)}</a>
                {' ('}<a href={`/participation/report/${y}.pdf`}>PDF</a>{' · '}<a href={`/participation/report/${y}.docx`}>DOCX</a>{')'}
              </li>
            ))}
          </ul>
        </section>
      ) : ''}
    </Page>
  );
}

function Details({ ctx, a }: { ctx: ViewCtx; a: Activity }) {
  const t = ctx.t;
  return (
    <dl class="summary-list">
      <div class="summary-row"><dt safe>{t('participation.field.kind')}</dt><dd safe>{kindLabel(ctx.lang, a.kind)}</dd></div>
      {a.subject_th ? <div class="summary-row"><dt safe>{t('participation.field.subject_th')}</dt><dd><Picked ctx={ctx} th={a.subject_th} en={a.subject_en} /></dd></div> : ''}
      <div class="summary-row"><dt safe>{t('participation.report.when')}</dt><dd safe>{daysText(a, ctx.lang)}</dd></div>
      {a.place_th ? <div class="summary-row"><dt safe>{t('participation.field.place_th')}</dt><dd><Picked ctx={ctx} th={a.place_th} en={a.place_en} /></dd></div> : ''}
      {a.invited_th ? <div class="summary-row"><dt safe>{t('participation.field.invited_th')}</dt><dd lang={thaiPart(ctx)} safe>{a.invited_th}</dd></div> : ''}
      <div class="summary-row"><dt safe>{t('participation.field.fiscal_year')}</dt><dd safe>{String(a.fiscal_year)}</dd></div>
    </dl>
  );
}

function Counts({ ctx, a }: { ctx: ViewCtx; a: Activity }) {
  const t = ctx.t;
  const total = totalOf(a);
  if (!total) return <p safe>{t('participation.counts.none')}</p>;
  return (
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="counts">
      <table>
        <thead><tr><th scope="col" safe>{t('participation.counts.group')}</th><th scope="col" class="num" safe>{t('participation.report.people.header')}</th></tr></thead>
        <tbody>{GROUPS.map((g) => <tr><th scope="row" safe>{groupLabel(ctx.lang, g)}</th><td class="num" safe>{String(countOf(a, g))}</td></tr>)}</tbody>
        <tfoot><tr><th scope="row" safe>{t('participation.report.total')}</th><td class="num" safe>{String(total)}</td></tr></tfoot>
      </table>
    </div>
  );
}

export function Documents({ ctx, docs }: { ctx: ViewCtx; docs: DocumentRow[] }) {
  return (
    <ul class="plain">
      {docs.map((d) => (
        <li>
          <a href={fileUrl(d)} lang={thaiLang(ctx, d.label)} safe>{d.label}</a>
          <span class="muted" safe>{` (${docKindLabel(ctx.lang, d.kind)}, ${d.ext.toUpperCase()}, ${formatBytes(ctx.lang, d.size_bytes)})`}</span>
        </li>
      ))}
    </ul>
  );
}

/** "ท่านเสนอ — เราดำเนินการ": each proposal beside what the agency did about it. */
export function SaidDid({ ctx, proposals }: { ctx: ViewCtx; proposals: Proposal[] }) {
  const t = ctx.t;
  return (
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="said-did">
      <table>
        <thead><tr><th scope="col" class="num" safe>{t('participation.report.no')}</th><th scope="col" safe>{t('participation.saidDid.said')}</th><th scope="col" safe>{t('participation.saidDid.did')}</th></tr></thead>
        <tbody>
          {proposals.map((x, i) => (
            <tr>
              <td class="num" safe>{String(i + 1)}</td>
              <td lang={thaiPart(ctx)}>
                <span safe>{x.proposal}</span>
                {x.proposed_by ? <><br /><span class="muted" safe>{`(${x.proposed_by})`}</span></> : ''}
              </td>
              <td>
                <span class={`tag ${x.response_status === 'done' ? 'status-done' : x.response_status === 'accepted' ? 'status-in_progress' : ''}`} safe>{responseLabel(ctx.lang, x.response_status)}</span>
                {x.response ? <p lang={thaiPart(ctx)} safe>{x.response}</p> : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface CommentView {
  state: 'open' | 'notYet' | 'closed' | 'none';
  comments: Comment[];
  form: FormState;
  /** a post was refused because the consultation is closed: the text typed, given back */
  refusedText?: string;
}

function CommentsSection({ ctx, a, v }: { ctx: ViewCtx; a: Activity; v: CommentView }) {
  const t = ctx.t;
  const labels = { author_name: t('participation.comment.name'), body: t('participation.comment.body'), consent: t('participation.comment.consent'), _form: '' };
  return (
    <section aria-labelledby="comments">
      <h2 id="comments" safe>{t('participation.comments.title')}</h2>
      {v.state === 'open' ? <p><strong safe>{`${t('participation.comments.openUntil')} `}</strong><Closing ctx={ctx} at={a.comments_close_at!} /></p> : ''}
      <p class="hint" safe>{t('participation.comments.rule')}</p>
      {v.comments.length ? (
        <ol class="plain">
          {v.comments.map((c) => (
            <li class="card">
              <p>
                <strong lang={thaiLang(ctx, c.author_name)} safe>{c.author_name || t('participation.comment.anonymous')}</strong>
                {' · '}<Time ctx={ctx} at={c.created_at} />
              </p>
              <p lang={thaiLang(ctx, c.body)} safe>{c.body}</p>
            </li>
          ))}
        </ol>
      ) : <EmptyState text={t('participation.comments.empty')} />}
      {v.state === 'open' ? (
        <Form ctx={ctx} action={`/participation/${a.slug}/comments`} novalidate>
          <h3 safe>{t('participation.comment.formTitle')}</h3>
          <ErrorSummary ctx={ctx} form={v.form} labels={labels} />
          <Field ctx={ctx} form={v.form} name="author_name" label={t('participation.comment.name')} hint={t('participation.comment.nameHint')} maxlength={100} autocomplete="name" />
          <TextArea ctx={ctx} form={v.form} name="body" label={t('participation.comment.body')} hint={t('participation.comment.bodyHint', { max: COMMENT_MAX })} required rows={6} maxlength={COMMENT_MAX} />
          <div class="notice" role="note" id="privacy-notice">
            <h4 safe>{t('participation.privacy.title')}</h4>
            <ul>
              <li safe>{t('participation.privacy.kept')}</li>
              <li safe>{t('participation.privacy.shown')}</li>
              <li safe>{t('participation.privacy.notKept')}</li>
              <li safe>{t('participation.privacy.use')}</li>
            </ul>
          </div>
          <div class={`field check${v.form.errors.consent ? ' field-has-error' : ''}`}>
            {v.form.errors.consent ? <p class="field-error" id="f-consent-error" safe>{v.form.errors.consent}</p> : ''}
            <input
              type="checkbox" id="f-consent" name="consent" required checked={v.form.values.consent === 'on'}
              aria-invalid={v.form.errors.consent ? 'true' : undefined} aria-describedby={v.form.errors.consent ? 'privacy-notice f-consent-error' : 'privacy-notice'}
            />
            <label for="f-consent">
              <span safe>{t('participation.comment.consent')}</span> <span class="req" safe>{t('form.required')}</span>
            </label>
          </div>
          <Button label={t('participation.comment.send')} />
        </Form>
      ) : v.state === 'notYet' ? (
        <div class="notice" role="note"><p safe>{t('participation.comments.notYet')}</p></div>
      ) : (
        <div class="notice" role={v.refusedText !== undefined ? 'alert' : 'note'} id="closed-notice">
          <p><strong safe>{t('participation.closed.title')}</strong></p>
          <p>
            <span safe>{`${t('participation.comments.closedAt')} `}</span><Closing ctx={ctx} at={a.comments_close_at!} />
          </p>
          {v.refusedText ? (
            <>
              <p safe>{t('participation.closed.yourText')}</p>
              <blockquote lang={thaiLang(ctx, v.refusedText)} safe>{v.refusedText}</blockquote>
            </>
          ) : ''}
        </div>
      )}
    </section>
  );
}

export function ActivityPage({ ctx, a, docs, proposals, comments, now }: { ctx: ViewCtx; a: Activity; docs: DocumentRow[]; proposals: Proposal[]; comments: CommentView; now: Date }) {
  const t = ctx.t;
  const title = pickText(ctx, a.title_th, a.title_en);
  return (
    <Page ctx={ctx} title={title.text} description={pickText(ctx, a.subject_th || a.title_th, a.subject_en).text} breadcrumbs={crumbs(ctx)} share={{ type: 'article' }}>
      <h1 lang={title.lang} safe>{title.text}</h1>
      <p><span class="tag" safe>{kindLabel(ctx.lang, a.kind)}</span> <StatusTag ctx={ctx} s={shownStatus(a, now)} /></p>
      <Details ctx={ctx} a={a} />
      {a.summary_th ? <Paras ctx={ctx} th={a.summary_th} en={a.summary_en} /> : ''}
      <section aria-labelledby="counts">
        <h2 id="counts" safe>{t('participation.counts.title')}</h2>
        <Counts ctx={ctx} a={a} />
      </section>
      {docs.length ? (
        <section aria-labelledby="documents">
          <h2 id="documents" safe>{t('participation.documents.title')}</h2>
          <Documents ctx={ctx} docs={docs} />
        </section>
      ) : ''}
      {a.results_th ? (
        <section aria-labelledby="results">
          <h2 id="results" safe>{t('participation.results.title')}</h2>
          <Paras ctx={ctx} th={a.results_th} en={a.results_en} />
        </section>
      ) : ''}
      <section aria-labelledby="said-did">
        <h2 id="said-did" safe>{t('participation.saidDid.title')}</h2>
        {proposals.length ? <SaidDid ctx={ctx} proposals={proposals} /> : <EmptyState text={t('participation.saidDid.empty')} />}
      </section>
      {comments.state !== 'none' ? <CommentsSection ctx={ctx} a={a} v={comments} /> : ''}
      <p><a href={`/participation/report/${a.fiscal_year}`} safe>{reportTitle(a.fiscal_year, ctx.lang)}</a></p>
    </Page>
  );
}

export function ThanksPage({ ctx, a }: { ctx: ViewCtx; a: Activity }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('participation.thanks.title')} breadcrumbs={crumbs(ctx)}>
      <div class="flash flash-success" role="status">
        <h1 safe>{t('participation.thanks.title')}</h1>
      </div>
      <p><Msg ctx={ctx} k="participation.thanks.body" vars={{ title: a.title_th }} /></p>
      <p safe>{t('participation.comments.rule')}</p>
      <p><a href={`/participation/${a.slug}#comments`} safe>{t('participation.thanks.back')}</a></p>
    </Page>
  );
}

export function ReportPage({ ctx, r, years }: { ctx: ViewCtx; r: YearReport; years: number[] }) {
  const t = ctx.t;
  const title = reportTitle(r.year, ctx.lang);
  const range = fiscalYearRange(r.year);
  const base = `/participation/report/${r.year}`;
  return (
    <Page ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <h1 safe>{title}</h1>
      <p safe>{t('participation.report.period', { from: formatDate(range.firstDay, { lang: ctx.lang }), to: formatDate(range.lastDay, { lang: ctx.lang }) })}</p>
      {r.open ? <div class="notice" role="note"><p safe>{t('participation.report.open', { date: formatDate(ctx.today, { lang: ctx.lang }) })}</p></div> : ''}
      {r.entries.length ? (
        <>
          <p>
            <span safe>{`${t('participation.report.download')}: `}</span>
            <a href={`${base}.pdf`} safe>{t('participation.report.pdf')}</a>{' · '}<a href={`${base}.docx`} safe>{t('participation.report.docx')}</a>
          </p>
          <p class="lead" safe>{t('participation.report.summary', { n: r.entries.length, people: r.participants, proposals: r.proposals })}</p>
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="by-group">
            <table>
              <caption id="by-group" safe>{t('participation.report.byGroup')}</caption>
              <thead><tr><th scope="col" safe>{t('participation.counts.group')}</th><th scope="col" class="num" safe>{t('participation.report.people.header')}</th></tr></thead>
              <tbody>{GROUPS.map((g) => <tr><th scope="row" safe>{groupLabel(ctx.lang, g)}</th><td class="num" safe>{String(r.byGroup[g])}</td></tr>)}</tbody>
              <tfoot><tr><th scope="row" safe>{t('participation.report.total')}</th><td class="num" safe>{String(r.participants)}</td></tr></tfoot>
            </table>
          </div>
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="by-response">
            <table>
              <caption id="by-response" safe>{t('participation.report.byResponse')}</caption>
              <thead><tr><th scope="col" safe>{t('participation.field.response_status')}</th><th scope="col" class="num" safe>{t('participation.report.proposals.header')}</th></tr></thead>
              <tbody>{RESPONSES.map((s) => <tr><th scope="row" safe>{responseLabel(ctx.lang, s)}</th><td class="num" safe>{String(r.byResponse[s])}</td></tr>)}</tbody>
              <tfoot><tr><th scope="row" safe>{t('participation.report.total')}</th><td class="num" safe>{String(r.proposals)}</td></tr></tfoot>
            </table>
          </div>
          <h2 id="activities" safe>{t('participation.report.details')}</h2>
          {r.entries.map((e, i) => (
            <section aria-labelledby={`a-${e.a.id}`}>
              <h3 id={`a-${e.a.id}`}>
                <span safe>{`${i + 1}. `}</span><a href={`/participation/${e.a.slug}`}><Picked ctx={ctx} th={e.a.title_th} en={e.a.title_en} /></a>
              </h3>
              <p safe>{`${kindLabel(ctx.lang, e.a.kind)} · ${daysText(e.a, ctx.lang)} · ${t('participation.report.people', { n: totalOf(e.a) })}`}</p>
              {e.proposals.length ? (
                <>
                  <h4 id={`said-did-${e.a.id}`} safe>{t('participation.saidDid.title')}</h4>
                  <ul>
                    {e.proposals.map((x) => (
                      <li>
                        <span lang={thaiPart(ctx)} safe>{x.proposal}</span>
                        {' — '}<strong safe>{responseLabel(ctx.lang, x.response_status)}</strong>
                        {x.response ? <>{': '}<span lang={thaiPart(ctx)} safe>{x.response}</span></> : ''}
                      </li>
                    ))}
                  </ul>
                </>
              ) : ''}
            </section>
          ))}
        </>
      ) : <p class="lead" role="status"><strong safe>{t('participation.report.none', { year: r.year })}</strong></p>}
      {years.filter((y) => y !== r.year).length ? (
        <nav aria-labelledby="other-reports">
          <h2 id="other-reports" safe>{t('participation.report.otherYears')}</h2>
          <ul class="plain inline-list">{years.filter((y) => y !== r.year).map((y) => <li><a href={`/participation/report/${y}`} safe>{t('participation.yearLink', { year: y })}</a></li>)}</ul>
        </nav>
      ) : ''}
    </Page>
  );
}
