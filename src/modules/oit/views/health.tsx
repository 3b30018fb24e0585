// The evidence health check and the frozen answer sheet on the staff pages: the year's section (last check, alerts,
// the check-now button, the freeze), each binding's last result, the freeze confirmation and the manifest check.
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, EmptyState, ErrorSummary, FileField, Form, type FormState } from '../../../platform/views/components.tsx';
import { can } from '../../../platform/auth/roles.ts';
import { formatDateFor } from '../../../platform/i18n/index.ts';
import { Msg } from '../../../platform/views/text.tsx';
import type { AlertRow, BindingHealth } from '../health.ts';
import type { FreezeInfo, SigningKey, VerifyResult } from '../freeze.ts';
import type { Reason } from '../readiness.ts';
import { itemUrl } from '../service.ts';

const when = (ctx: ViewCtx, iso: string) => formatDateFor(ctx.lang, iso, { style: 'medium', withTime: true });
const statusWord = (ctx: ViewCtx, s: string) => (['ready', 'incomplete', 'missing', 'wrong_year'].includes(s) ? ctx.t(`oit.status.${s as 'ready'}`) : s);

function Problems({ ctx, reasons }: { ctx: ViewCtx; reasons: Reason[] }) {
  return <ul class="reasons">{reasons.map((x) => <li><Msg ctx={ctx} k={x.key} vars={x.vars} /></li>)}</ul>;
}

export interface HealthView {
  lastChecked: string | null;
  flagged: number;
  alerts: AlertRow[];
  freeze: FreezeInfo | null;
}

/** The year page's section: the daily check and the frozen sheet. */
export function HealthSection({ ctx, year, h }: { ctx: ViewCtx; year: number; h: HealthView }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="health-title" id="health">
      <h2 id="health-title" safe>{t('oit.health.title')}</h2>
      <p class="muted" safe>{t('oit.health.intro')}</p>
      <p safe>{h.lastChecked ? t('oit.health.lastChecked', { date: when(ctx, h.lastChecked) }) : t('oit.health.never')}</p>
      {h.flagged ? <p><a href={`/staff/oit/${year}?show=flagged`} safe>{t('oit.health.flagged', { n: h.flagged })}</a></p> : ''}
      {can(ctx.user, 'oit.manage') ? (
        <Form ctx={ctx} action={`/staff/oit/${year}/health/check`}>
          <Button kind="secondary" label={t('oit.health.checkNow')} />
        </Form>
      ) : ''}
      <h3 safe>{t('oit.health.alerts')}</h3>
      {h.alerts.length === 0 ? <EmptyState text={t('oit.health.noAlerts')} /> : (
        <ul class="alerts">
          {h.alerts.map((a) => (
            <li class={a.worse ? 'alert-worse' : 'alert-better'}>
              <a href={`/staff${itemUrl(a.year, a.code)}`} safe>{t('oit.health.alertLine', { code: a.code, from: statusWord(ctx, a.from), to: statusWord(ctx, a.to), date: when(ctx, a.at) })}</a>
              {a.problems.length ? <Problems ctx={ctx} reasons={a.problems} /> : ''}
            </li>
          ))}
        </ul>
      )}
      <h3 id="freeze" safe>{t('oit.freeze.title', { year })}</h3>
      {h.freeze ? (
        <>
          <p safe>{t('oit.freeze.frozen', { date: when(ctx, h.freeze.frozenAt), n: h.freeze.entries, key: h.freeze.keyId })}</p>
          <ul>
            <li><a href={`/staff/oit/${year}/manifest.json`} download="" safe>{t('oit.freeze.manifest')}</a></li>
            <li><a href="/oit/signing-key.pem" safe>{t('oit.freeze.publicKey')}</a></li>
            <li><a href="/staff/oit/verify" safe>{t('oit.freeze.verify')}</a></li>
          </ul>
        </>
      ) : (
        <>
          <p safe>{t('oit.freeze.notFrozen')}</p>
          {can(ctx.user, 'oit.freeze') ? <p><a class="btn btn-secondary" href={`/staff/oit/${year}/freeze`} safe>{t('oit.freeze.start')}</a></p> : <p class="muted" safe>{t('oit.freeze.byAdmin')}</p>}
        </>
      )}
    </section>
  );
}

/** One binding's last check, under it on the item page. */
export function BindingHealthLine({ ctx, h }: { ctx: ViewCtx; h: BindingHealth | undefined }) {
  const t = ctx.t;
  if (!h) return <p class="muted health" safe>{t('oit.health.bindingNever')}</p>;
  const own = h.problems.filter((x) => x.key.startsWith('oit.health.'));
  return (
    <div class={`health ${h.ok ? 'health-ok' : 'health-bad'}`}>
      <p><span aria-hidden="true">{h.ok ? '✓ ' : '✕ '}</span><span safe>{t(h.ok ? 'oit.health.bindingOk' : 'oit.health.bindingProblem', { date: when(ctx, h.checkedAt) })}</span></p>
      {own.length ? <Problems ctx={ctx} reasons={own} /> : ''}
    </div>
  );
}

export function FreezePage({ ctx, year, n, form }: { ctx: ViewCtx; year: number; n: number; form: FormState }) {
  const t = ctx.t;
  return (
    <Page ctx={ctx} title={t('oit.freeze.title', { year })} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }, { href: `/staff/oit/${year}`, label: String(year) }]}>
      <h1 safe>{t('oit.freeze.title', { year })}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ year: t('oit.freeze.title', { year }) }} />
      <p safe>{t('oit.freeze.intro', { n })}</p>
      <Form ctx={ctx} action={`/staff/oit/${year}/freeze`}>
        <div class="actions"><Button kind="danger" label={t('oit.freeze.confirm')} /><a href={`/staff/oit/${year}`} safe>{t('form.cancel')}</a></div>
      </Form>
    </Page>
  );
}

export function VerifyPage({ ctx, key, form, result }: { ctx: ViewCtx; key: SigningKey | null; form: FormState; result: VerifyResult | null }) {
  const t = ctx.t;
  const bad = result ? result.entries.filter((e) => e.state !== 'same').length : 0;
  return (
    <Page ctx={ctx} title={t('oit.verify.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }, { href: '/staff/oit/years', label: t('oit.staff.title') }]}>
      <h1 safe>{t('oit.verify.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ file: t('oit.verify.file') }} />
      {result ? (
        <section aria-labelledby="verify-result" class={`verdict ${result.verdict === 'valid' && result.intact ? 'verdict-ok' : 'verdict-bad'}`} role="status">
          <h2 id="verify-result" safe>{result.verdict === 'valid' ? t('oit.verify.valid', { year: result.year ?? '', date: result.frozenAt ? when(ctx, result.frozenAt) : '' }) : t(`oit.verify.${result.verdict}`)}</h2>
          {result.verdict === 'valid' ? <p><strong safe>{result.intact ? t('oit.verify.intact') : t('oit.verify.notIntact', { n: bad })}</strong></p> : ''}
          {result.entries.length ? (
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="verify-result">
              <table>
                <thead><tr><th scope="col" safe>{t('oit.verify.item')}</th><th scope="col" safe>{t('oit.verify.evidence')}</th><th scope="col" safe>{t('oit.verify.state')}</th></tr></thead>
                <tbody>
                  {result.entries.map((e) => (
                    <tr class={`verify-${e.state}`}>
                      <td safe>{e.item}</td>
                      <td><a href={e.url} safe>{e.title || e.url}</a></td>
                      <td safe>{t(`oit.verify.state.${e.state}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : ''}
        </section>
      ) : ''}
      <p safe>{t('oit.verify.intro')}</p>
      <p safe>{key ? t('oit.verify.keyId', { key: key.keyId }) : t('oit.verify.noKey')}</p>
      {key ? <p><a href="/oit/signing-key.pem" safe>{t('oit.freeze.publicKey')}</a></p> : ''}
      <Form ctx={ctx} action="/staff/oit/verify" multipart>
        <FileField ctx={ctx} form={form} name="file" label={t('oit.verify.file')} required accept=".json,application/json" />
        <Button label={t('oit.verify.submit')} />
      </Form>
    </Page>
  );
}
