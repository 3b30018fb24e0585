// Staff pages: the IIT link, code and QR code during the window; the year's settings; the pre-assessment (answering,
// rounds, results and the number of respondents that appear only after a round's closing day, with enough respondents).
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, DateInput, EmptyState, ErrorSummary, Field, Form, Select, Time, type FormState } from '../../../platform/views/components.tsx';
import { can } from '../../../platform/auth/roles.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { formatDate } from '../../../platform/thai/index.ts';
import { fieldOf, pickLang, SCALES, topicsOf, type Question } from '../questions.ts';
import type { RoundResults } from '../results.ts';
import { MANAGE, MIN_GROUP_FLOOR, pastClosing, RESULTS, ROUND_MIN_DAYS, type Missing } from '../rules.ts';
import type { Round, Settings } from '../store.ts';
import { SurveyLink, type EitView } from './public.tsx';

const home = (ctx: ViewCtx) => [{ href: '/staff', label: ctx.t('nav.staff') }];
const crumbs = (ctx: ViewCtx) => [...home(ctx), { href: '/staff/surveys', label: ctx.t('surveys.staff.title') }];
const day = (ctx: ViewCtx, d: string) => formatDate(d, { lang: ctx.lang });
const score = (ctx: ViewCtx, x: number) => formatNumber(ctx.lang, x, 2);

function MissingList({ ctx, missing, year }: { ctx: ViewCtx; missing: Missing[]; year: number }) {
  const t = ctx.t;
  if (!missing.length) return <p safe>{t('surveys.settings.complete', { year })}</p>;
  return (
    <div class="notice" role="note">
      <p safe>{t('surveys.settings.missing', { year })}</p>
      <ul>{missing.map((m) => <li safe>{t(`surveys.missing.${m}`)}</li>)}</ul>
    </div>
  );
}

export function roundName(ctx: ViewCtx, r: Pick<Round, 'fiscal_year' | 'round_no'>): string {
  return ctx.t('surveys.round.name', { year: r.fiscal_year, round: r.round_no });
}

export async function SurveysHomePage({ ctx, year, iit, settings, missing, round, answered, eligible, rounds }: {
  ctx: ViewCtx; year: number; iit: EitView | null; settings: Settings | undefined; missing: Missing[]; round: Round | undefined; answered: boolean; eligible: boolean; rounds: Round[];
}) {
  const t = ctx.t;
  const manage = can(ctx.user, MANAGE);
  // a link too long for a QR code (the settings refuse one; an older one may remain) is named, not a server error
  const safeIitLink = iit
    ? await SurveyLink({ ctx, url: iit.url, code: iit.code, qrLabel: t('surveys.iit.qr'), linkLabel: t('surveys.iit.answer'), size: 200 })
      .catch(() => <p class="notice" role="note" safe>{t('surveys.link.unusable')}</p>)
    : '';
  return (
    <Page ctx={ctx} title={t('surveys.staff.title')} staff breadcrumbs={home(ctx)}>
      <h1 safe>{t('surveys.staff.title')}</h1>
      <p safe>{t('surveys.staff.intro')}</p>
      <section aria-labelledby="iit">
        <h2 id="iit" safe>{t('surveys.iit.title', { year })}</h2>
        <p safe>{t('surveys.iit.what')}</p>
        {iit ? (
          <>
            <p><strong safe>{t('surveys.public.period', { from: day(ctx, iit.start), to: day(ctx, iit.end) })}</strong></p>
            {safeIitLink}
          </>
        ) : (
          <p class="muted" safe>{settings?.window_start && settings.window_end && settings.iit_url
            ? t('surveys.iit.outside', { from: day(ctx, settings.window_start), to: day(ctx, settings.window_end) })
            : t('surveys.iit.notSet')}</p>
        )}
      </section>
      <section aria-labelledby="pre">
        <h2 id="pre" safe>{t('surveys.pre.title')}</h2>
        <p safe>{t('surveys.pre.what')}</p>
        {round ? (
          answered
            ? <p role="status" safe>{t('surveys.pre.answered', { name: roundName(ctx, round) })}</p>
            : !eligible
            ? <p class="muted" safe>{t('surveys.pre.notEligibleShort', { name: roundName(ctx, round) })}</p>
            : <p><a class="btn btn-primary" href="/staff/surveys/pre-assessment" safe>{t('surveys.pre.start', { name: roundName(ctx, round) })}</a></p>
        ) : <p class="muted" safe>{t('surveys.pre.noneOpen')}</p>}
      </section>
      {manage ? (
        <section aria-labelledby="manage">
          <h2 id="manage" safe>{t('surveys.staff.manage')}</h2>
          <MissingList ctx={ctx} missing={missing} year={year} />
          <ul class="plain">
            <li><a href={`/staff/surveys/settings/${year}`} safe>{t('surveys.settings.link', { year })}</a></li>
            <li><a href={`/staff/surveys/settings/${year + 1}`} safe>{t('surveys.settings.link', { year: year + 1 })}</a></li>
            <li><a href="/staff/surveys/rounds" safe>{t('surveys.rounds.title')}</a></li>
          </ul>
        </section>
      ) : can(ctx.user, RESULTS) && rounds.length ? (
        <section aria-labelledby="results">
          <h2 id="results" safe>{t('surveys.rounds.title')}</h2>
          <p><a href="/staff/surveys/rounds" safe>{t('surveys.rounds.title')}</a></p>
        </section>
      ) : ''}
    </Page>
  );
}

const settingsLabels = (ctx: ViewCtx) => ({
  iit_url: ctx.t('surveys.field.iit_url'), iit_code: ctx.t('surveys.field.iit_code'), eit_url: ctx.t('surveys.field.eit_url'), eit_code: ctx.t('surveys.field.eit_code'),
  window_start: ctx.t('surveys.field.window_start'), window_end: ctx.t('surveys.field.window_end'), _form: '',
});

export function SettingsPage({ ctx, year, form, missing, shownNow }: { ctx: ViewCtx; year: number; form: FormState; missing: Missing[]; shownNow: { iit: boolean; eit: boolean } }) {
  const t = ctx.t;
  const title = t('surveys.settings.title', { year });
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{title}</h1>
      <ul class="plain inline-list">
        <li><a href={`/staff/surveys/settings/${year - 1}`} safe>{t('surveys.yearLink', { year: year - 1 })}</a></li>
        <li><a href={`/staff/surveys/settings/${year + 1}`} safe>{t('surveys.yearLink', { year: year + 1 })}</a></li>
      </ul>
      <MissingList ctx={ctx} missing={missing} year={year} />
      <p safe>{shownNow.iit ? t('surveys.settings.iitShown') : t('surveys.settings.iitHidden')}</p>
      <p safe>{shownNow.eit ? t('surveys.settings.eitShown') : t('surveys.settings.eitHidden')}</p>
      {shownNow.eit ? (
        <ul class="plain">
          <li><a href="/ita-survey" safe>{t('surveys.settings.publicPage')}</a></li>
          <li><a href="/ita-survey/poster" safe>{t('surveys.poster.page')}</a></li>
          <li><a href="/ita-survey/poster.pdf" safe>{t('surveys.poster.pdf')}</a></li>
        </ul>
      ) : ''}
      <details>
        <summary safe>{t('surveys.settings.explainTitle')}</summary>
        <p safe>{t('surveys.public.iit')}</p>
        <p safe>{t('surveys.public.eit')}</p>
        <p safe>{t('surveys.settings.explainLinks')}</p>
        <p safe>{t('surveys.settings.explainWindow')}</p>
      </details>
      <Form ctx={ctx} action={`/staff/surveys/settings/${year}`} novalidate>
        <ErrorSummary ctx={ctx} form={form} labels={settingsLabels(ctx)} />
        <fieldset>
          <legend safe>{t('surveys.settings.iitLegend')}</legend>
          <Field ctx={ctx} form={form} name="iit_url" label={t('surveys.field.iit_url')} hint={t('surveys.field.url.hint')} type="url" inputmode="url" maxlength={1000} size="wide" lang="en" autocomplete="off" />
          <Field ctx={ctx} form={form} name="iit_code" label={t('surveys.field.iit_code')} hint={t('surveys.field.code.hint')} maxlength={40} lang="en" autocomplete="off" />
        </fieldset>
        <fieldset>
          <legend safe>{t('surveys.settings.eitLegend')}</legend>
          <Field ctx={ctx} form={form} name="eit_url" label={t('surveys.field.eit_url')} hint={t('surveys.field.url.hint')} type="url" inputmode="url" maxlength={1000} size="wide" lang="en" autocomplete="off" />
          <Field ctx={ctx} form={form} name="eit_code" label={t('surveys.field.eit_code')} hint={t('surveys.field.code.hint')} maxlength={40} lang="en" autocomplete="off" />
        </fieldset>
        <DateInput ctx={ctx} form={form} name="window_start" label={t('surveys.field.window_start')} hint={t('surveys.field.window.hint', { year })} />
        <DateInput ctx={ctx} form={form} name="window_end" label={t('surveys.field.window_end')} />
        <Button label={t('surveys.settings.save')} />
      </Form>
    </Page>
  );
}

const roundLabels = (ctx: ViewCtx) => ({
  fiscal_year: ctx.t('surveys.field.fiscal_year'), min_group: ctx.t('surveys.field.min_group'), threshold: ctx.t('surveys.field.threshold'), closes_on: ctx.t('surveys.field.closes_on'), _form: '',
});

export function RoundsPage({ ctx, rounds, form, years, canOpen, today }: { ctx: ViewCtx; rounds: Round[]; form: FormState; years: number[]; canOpen: boolean; today: string }) {
  const t = ctx.t;
  const manage = can(ctx.user, MANAGE);
  return (
    <Page ctx={ctx} title={t('surveys.rounds.title')} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('surveys.rounds.title')}</h1>
      <p safe>{t('surveys.rounds.intro')}</p>
      {rounds.length ? (
        <div class="table-wrap" tabindex="0" role="region" aria-label={t('surveys.rounds.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col" safe>{t('surveys.rounds.round')}</th>
                <th scope="col" safe>{t('surveys.rounds.status')}</th>
                <th scope="col" safe>{t('surveys.rounds.opened')}</th>
                <th scope="col" safe>{t('surveys.rounds.closesOn')}</th>
                <th scope="col" safe>{t('surveys.rounds.closed')}</th>
                <th scope="col" class="num" safe>{t('surveys.rounds.respondents')}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr>
                  <td><a href={`/staff/surveys/rounds/${r.id}`} safe>{roundName(ctx, r)}</a></td>
                  <td safe>{t(r.status === 'open' ? 'surveys.status.open' : 'surveys.status.closed')}</td>
                  <td><Time ctx={ctx} at={r.opened_on} /></td>
                  <td><Time ctx={ctx} at={r.closes_on} /></td>
                  <td>{r.closed_on ? <Time ctx={ctx} at={r.closed_on} /> : '—'}</td>
                  {/* a live count would tell when each person answered */}
                  <td class="num" safe>{pastClosing(r, today) ? String(r.respondents) : t('surveys.rounds.countLater')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <EmptyState text={t('surveys.rounds.none')} />}
      {manage ? (
        <section aria-labelledby="open-round">
          <h2 id="open-round" safe>{t('surveys.rounds.open')}</h2>
          {canOpen ? (
            <Form ctx={ctx} action="/staff/surveys/rounds" novalidate>
              <ErrorSummary ctx={ctx} form={form} labels={roundLabels(ctx)} />
              <p safe>{t('surveys.rounds.openLead')}</p>
              <Select ctx={ctx} form={form} name="fiscal_year" label={t('surveys.field.fiscal_year')} required options={years.map((y) => ({ value: String(y), label: t('surveys.yearLink', { year: y }) }))} />
              <DateInput ctx={ctx} form={form} name="closes_on" label={t('surveys.field.closes_on')} hint={t('surveys.field.closes_on.hint', { min: ROUND_MIN_DAYS })} required />
              <Field ctx={ctx} form={form} name="min_group" label={t('surveys.field.min_group')} hint={t('surveys.field.min_group.hint', { min: MIN_GROUP_FLOOR })} required size="short" inputmode="numeric" autocomplete="off" />
              <Field ctx={ctx} form={form} name="threshold" label={t('surveys.field.threshold')} hint={t('surveys.field.threshold.hint')} required size="short" inputmode="numeric" autocomplete="off" />
              <Button label={t('surveys.rounds.openButton')} />
            </Form>
          ) : <p safe>{t('surveys.rounds.oneOpen')}</p>}
        </section>
      ) : ''}
    </Page>
  );
}

export function RoundPage({ ctx, round, results, staffTotal, today }: { ctx: ViewCtx; round: Round; results: RoundResults; staffTotal: number; today: string }) {
  const t = ctx.t;
  const name = roundName(ctx, round);
  const past = pastClosing(round, today);
  return (
    <Page ctx={ctx} title={name} staff breadcrumbs={[...crumbs(ctx), { href: '/staff/surveys/rounds', label: t('surveys.rounds.title') }]}>
      <h1 safe>{name}</h1>
      <dl class="meta">
        <dt safe>{t('surveys.rounds.status')}</dt><dd safe>{t(round.status === 'open' ? 'surveys.status.open' : 'surveys.status.closed')}</dd>
        <dt safe>{t('surveys.rounds.opened')}</dt><dd><Time ctx={ctx} at={round.opened_on} /></dd>
        <dt safe>{t('surveys.rounds.closesOn')}</dt><dd><Time ctx={ctx} at={round.closes_on} /></dd>
        {round.closed_on ? <><dt safe>{t('surveys.rounds.closed')}</dt><dd><Time ctx={ctx} at={round.closed_on} /></dd></> : ''}
        <dt safe>{t('surveys.rounds.respondents')}</dt>
        <dd safe>{past ? t('surveys.rounds.ofStaff', { n: round.respondents, total: staffTotal }) : t('surveys.rounds.countLater')}</dd>
        <dt safe>{t('surveys.field.min_group')}</dt><dd safe>{String(round.min_group)}</dd>
        <dt safe>{t('surveys.field.threshold')}</dt><dd safe>{String(round.threshold)}</dd>
      </dl>
      {round.status === 'open' && can(ctx.user, MANAGE)
        ? past
          ? <p><a class="btn btn-secondary" href={`/staff/surveys/rounds/${round.id}/close`} safe>{t('surveys.rounds.close')}</a></p>
          : <p safe>{t('surveys.rounds.closeFrom', { date: day(ctx, round.closes_on) })}</p>
        : ''}
      <section aria-labelledby="results-title">
        <h2 id="results-title" safe>{t('surveys.results.title')}</h2>
        <Results ctx={ctx} results={results} threshold={round.threshold} />
      </section>
    </Page>
  );
}

function Results({ ctx, results, threshold }: { ctx: ViewCtx; results: RoundResults; threshold: number }) {
  const t = ctx.t;
  if (results.state === 'open') {
    return <div class="notice" role="note"><p safe>{t('surveys.results.whenClosed', { date: day(ctx, results.closesOn) })}</p></div>;
  }
  if (results.state === 'tooFew') {
    return <div class="notice" role="note"><p safe>{t('surveys.results.tooFew', { n: results.needed })}</p></div>;
  }
  return (
    <>
      <p safe>{t('surveys.results.lead', { n: results.respondents, threshold })}</p>
      <p><strong safe>{t('surveys.results.overall', { score: score(ctx, results.overall) })}</strong></p>
      <p safe>{results.lowCount ? t('surveys.results.lowCount', { n: results.lowCount, threshold }) : t('surveys.results.noneLow', { threshold })}</p>
      <div class="table-wrap" tabindex="0" role="region" aria-label={t('surveys.results.byTopic')}>
        <table>
          <caption safe>{t('surveys.results.byTopic')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>{t('surveys.results.topic')}</th>
              <th scope="col" class="num" safe>{t('surveys.results.score')}</th>
              <th scope="col" safe>{t('surveys.results.assessment')}</th>
            </tr>
          </thead>
          <tbody>
            {results.topics.map((r) => (
              <tr class={r.low ? 'weak' : undefined}>
                <th scope="row" safe>{`${r.topic.no}. ${pickLang(ctx.lang, r.topic)}`}</th>
                <td class="num" safe>{score(ctx, r.score)}</td>
                <td safe>{r.low ? t('surveys.results.likelyLow') : t('surveys.results.ok')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {results.topics.map((r) => (
        <section aria-labelledby={`topic-${r.topic.no}`}>
          <h3 id={`topic-${r.topic.no}`} safe>{`${r.topic.no}. ${pickLang(ctx.lang, r.topic)}`}</h3>
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby={`topic-${r.topic.no}`}>
            <table>
              <thead>
                <tr>
                  <th scope="col" safe>{t('surveys.results.question')}</th>
                  <th scope="col" class="num" safe>{t('surveys.results.score')}</th>
                </tr>
              </thead>
              <tbody>
                {r.questions.map((q) => (
                  <tr class={q.low ? 'weak' : undefined}>
                    <td safe>{pickLang(ctx.lang, q.question)}</td>
                    <td class="num" safe>{`${score(ctx, q.score)}${q.low ? ` (${t('surveys.results.likelyLow')})` : ''}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

export function CloseConfirmPage({ ctx, round, form }: { ctx: ViewCtx; round: Round; form: FormState }) {
  const t = ctx.t;
  const name = roundName(ctx, round);
  const enough = round.respondents >= round.min_group;
  return (
    <Page ctx={ctx} title={t('surveys.close.title', { name })} staff breadcrumbs={[...crumbs(ctx), { href: `/staff/surveys/rounds/${round.id}`, label: name }]}>
      <h1 safe>{t('surveys.close.title', { name })}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ _form: '' }} />
      <p safe>{t('surveys.close.lead', { n: round.respondents })}</p>
      <p safe>{enough ? t('surveys.close.enough') : t('surveys.close.tooFew', { n: round.min_group - round.respondents, min: round.min_group })}</p>
      <p safe>{t('surveys.close.final')}</p>
      <Form ctx={ctx} action={`/staff/surveys/rounds/${round.id}/close`}>
        <Button label={t('surveys.close.confirm')} kind="danger" />
      </Form>
      <p><a href={`/staff/surveys/rounds/${round.id}`} safe>{t('surveys.close.cancel')}</a></p>
    </Page>
  );
}

function QuestionField({ ctx, form, q, n }: { ctx: ViewCtx; form: FormState; q: Question; n: number }) {
  const name = fieldOf(q);
  const error = form.errors[name];
  const id = `f-${name}`;
  return (
    <fieldset class={`field${error ? ' field-has-error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend><span safe>{`${n}. ${pickLang(ctx.lang, q)}`}</span> <span class="req" safe>{ctx.t('form.required')}</span></legend>
      {error ? <p class="field-error" id={`${id}-error`} safe>{error}</p> : ''}
      {SCALES[q.kind].map((s, i) => {
        const rid = i === 0 ? id : `${id}-${i}`;
        return (
          <div class="check">
            <input type="radio" id={rid} name={name} value={String(s.score)} checked={form.values[name] === String(s.score)} />
            <label for={rid} safe>{pickLang(ctx.lang, s)}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function AnswerPage({ ctx, round, form }: { ctx: ViewCtx; round: Round; form: FormState }) {
  const t = ctx.t;
  const name = roundName(ctx, round);
  const labels: Record<string, string> = { _form: '' };
  let n = 0;
  for (const topic of topicsOf(round.question_set)) for (const q of topic.questions) labels[fieldOf(q)] = t('surveys.pre.questionNo', { n: ++n });
  n = 0;
  return (
    <Page ctx={ctx} title={name} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{name}</h1>
      <div class="notice" role="note">
        <p safe>{t('surveys.pre.anonymous')}</p>
        <p safe>{t('surveys.pre.once')}</p>
      </div>
      <Form ctx={ctx} action="/staff/surveys/pre-assessment" novalidate>
        <ErrorSummary ctx={ctx} form={form} labels={labels} />
        <input type="hidden" name="round" value={String(round.id)} />
        {topicsOf(round.question_set).map((topic) => (
          <section aria-labelledby={`topic-${topic.no}`}>
            <h2 id={`topic-${topic.no}`} safe>{`${t('surveys.pre.indicator', { no: topic.no })} ${pickLang(ctx.lang, topic)}`}</h2>
            {topic.questions.map((q) => <QuestionField ctx={ctx} form={form} q={q} n={++n} />)}
          </section>
        ))}
        <Button label={t('surveys.pre.submit')} />
      </Form>
    </Page>
  );
}

/** The staff home's block while the IIT is open: what it is, until when, its link, code and QR code. */
export async function IitHomeSection({ ctx, iit }: { ctx: ViewCtx; iit: EitView }) {
  const t = ctx.t;
  const safeLink = await SurveyLink({ ctx, url: iit.url, code: iit.code, qrLabel: t('surveys.iit.qr'), linkLabel: t('surveys.iit.answer'), size: 160 });
  return (
    <section class="notice survey-block" aria-labelledby="home-iit">
      <h2 id="home-iit" safe>{t('surveys.iit.title', { year: iit.year })}</h2>
      <p safe>{t('surveys.iit.what')}</p>
      <p><strong safe>{t('surveys.public.period', { from: day(ctx, iit.start), to: day(ctx, iit.end) })}</strong></p>
      {safeLink}
    </section>
  );
}
