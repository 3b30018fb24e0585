// Staff pages: declaring a gift and one's own declarations; for the integrity officers, a year's declaration and
// activities and every declaration of the year (with givers' and declarers' names: staff only).
import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, DateInput, EmptyState, ErrorSummary, Field, Form, Pagination, Select, TextArea, Time, type FormState, type PageInfo } from '../../../platform/views/components.tsx';
import { thaiLang } from '../../../platform/views/text.tsx';
import { can } from '../../../platform/auth/roles.ts';
import { DISPOSITIONS, GIVER_TYPES, MANAGE, defaultDeclaration } from '../rules.ts';
import { baht, dispositionLabel, giverLabel } from '../report.ts';
import type { GiftRow } from '../store.ts';

const crumbs = (ctx: ViewCtx) => [{ href: '/staff', label: ctx.t('nav.staff') }];

const giftLabels = (ctx: ViewCtx) => ({
  received_on: ctx.t('nogift.field.received_on'), giver_type: ctx.t('nogift.field.giver_type'), giver_name: ctx.t('nogift.field.giver_name'), value: ctx.t('nogift.field.value'),
  occasion: ctx.t('nogift.field.occasion'), description: ctx.t('nogift.field.description'), disposition: ctx.t('nogift.field.disposition'), _form: '',
});

function GiftForm({ ctx, form }: { ctx: ViewCtx; form: FormState }) {
  const t = ctx.t;
  const choose = { value: '', label: t('nogift.choose') };
  return (
    <Form ctx={ctx} action="/staff/no-gift" novalidate>
      <ErrorSummary ctx={ctx} form={form} labels={giftLabels(ctx)} />
      <DateInput ctx={ctx} form={form} name="received_on" label={t('nogift.field.received_on')} required />
      <Select ctx={ctx} form={form} name="giver_type" label={t('nogift.field.giver_type')} required hint={t('nogift.field.giver_type.hint')} options={[choose, ...GIVER_TYPES.map((g) => ({ value: g, label: giverLabel(ctx.lang, g) }))]} />
      <Field ctx={ctx} form={form} name="giver_name" label={t('nogift.field.giver_name')} hint={t('nogift.field.giver_name.hint')} required maxlength={200} autocomplete="off" />
      <Field ctx={ctx} form={form} name="value" label={t('nogift.field.value')} hint={t('nogift.field.value.hint')} required size="short" inputmode="text" autocomplete="off" />
      <Field ctx={ctx} form={form} name="occasion" label={t('nogift.field.occasion')} hint={t('nogift.field.occasion.hint')} required maxlength={300} size="wide" />
      <TextArea ctx={ctx} form={form} name="description" label={t('nogift.field.description')} hint={t('nogift.field.description.hint')} rows={3} maxlength={2000} />
      <Select ctx={ctx} form={form} name="disposition" label={t('nogift.field.disposition')} required hint={t('nogift.field.disposition.hint')} options={[choose, ...DISPOSITIONS.map((d) => ({ value: d, label: dispositionLabel(ctx.lang, d) }))]} />
      <Button label={t('nogift.staff.submit')} />
    </Form>
  );
}

function GiftTable({ ctx, rows, label, declarer }: { ctx: ViewCtx; rows: GiftRow[]; label: string; declarer?: boolean }) {
  const t = ctx.t;
  return (
    <div class="table-wrap" tabindex="0" role="region" aria-label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col" safe>{t('nogift.field.received_on')}</th>
            {declarer ? <th scope="col" safe>{t('nogift.field.declarer')}</th> : ''}
            <th scope="col" safe>{t('nogift.field.giver_type')}</th>
            <th scope="col" safe>{t('nogift.field.giver_name')}</th>
            <th scope="col" class="num" safe>{t('nogift.report.value')}</th>
            <th scope="col" safe>{t('nogift.field.occasion')}</th>
            <th scope="col" safe>{t('nogift.report.disposition')}</th>
            <th scope="col" safe>{t('nogift.field.fiscal_year')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr>
              <td><Time ctx={ctx} at={g.received_on} /></td>
              {declarer ? <td lang={thaiLang(ctx, g.declarer_name)} safe>{g.declarer_name ?? t('nogift.unknownUser')}</td> : ''}
              <td safe>{giverLabel(ctx.lang, g.giver_type)}</td>
              <td lang={thaiLang(ctx, g.giver_name)} safe>{g.giver_name}</td>
              <td class="num" safe>{baht(ctx.lang, g.value_satang)}</td>
              <td lang={thaiLang(ctx, g.occasion)}>
                <span safe>{g.occasion}</span>
                {g.description ? <><br /><span class="hint" safe>{g.description}</span></> : ''}
              </td>
              <td safe>{dispositionLabel(ctx.lang, g.disposition)}</td>
              <td safe>{String(g.fiscal_year)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DeclarePage({ ctx, form, mine, info }: { ctx: ViewCtx; form: FormState; mine: GiftRow[]; info: PageInfo }) {
  const t = ctx.t;
  const year = ctx.fiscalYear;
  return (
    <Page ctx={ctx} title={t('nogift.staff.title')} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{t('nogift.staff.title')}</h1>
      <p safe>{t('nogift.staff.intro')}</p>
      <p><a href="/no-gift#rules" safe>{t('nogift.staff.rulesLink')}</a></p>
      {can(ctx.user, MANAGE) ? (
        <nav aria-labelledby="manage">
          <h2 id="manage" safe>{t('nogift.staff.manage')}</h2>
          <ul class="plain">
            <li><a href={`/staff/no-gift/${year}`} safe>{t('nogift.staff.manageYear', { year })}</a></li>
            <li><a href={`/staff/no-gift/${year - 1}`} safe>{t('nogift.staff.manageYear', { year: year - 1 })}</a></li>
          </ul>
        </nav>
      ) : ''}
      <section aria-labelledby="declare">
        <h2 id="declare" safe>{t('nogift.staff.declare')}</h2>
        <GiftForm ctx={ctx} form={form} />
      </section>
      <section aria-labelledby="mine">
        <h2 id="mine" safe>{t('nogift.staff.mine')}</h2>
        {mine.length ? <><GiftTable ctx={ctx} rows={mine} label={t('nogift.staff.mine')} /><Pagination ctx={ctx} info={info} baseHref="/staff/no-gift" /></> : <EmptyState text={t('nogift.staff.mineEmpty')} />}
      </section>
    </Page>
  );
}

const yearLabels = (ctx: ViewCtx) => ({
  declaration_th: ctx.t('nogift.field.declaration_th'), declaration_en: ctx.t('nogift.field.declaration_en'), signed_by: ctx.t('nogift.field.signed_by'),
  signed_position: ctx.t('nogift.field.signed_position'), signed_on: ctx.t('nogift.field.signed_on'), activities: ctx.t('nogift.field.activities'), _form: '',
});

export function YearPage({ ctx, year, form, rows, info, agency }: { ctx: ViewCtx; year: number; form: FormState; rows: GiftRow[]; info: PageInfo; agency: { th: string; en: string } }) {
  const t = ctx.t;
  const title = t('nogift.staff.yearTitle', { year });
  const sample = { th: defaultDeclaration(agency.th, year).th, en: defaultDeclaration(agency.en || agency.th, year).en };
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={[...crumbs(ctx), { href: '/staff/no-gift', label: t('nogift.staff.title') }]}>
      <h1 safe>{title}</h1>
      <ul class="plain inline-list">
        <li><a href={`/staff/no-gift/${year - 1}`} safe>{t('nogift.yearLink', { year: year - 1 })}</a></li>
        <li><a href={`/staff/no-gift/${year + 1}`} safe>{t('nogift.yearLink', { year: year + 1 })}</a></li>
        <li><a href={`/no-gift/${year}`} safe>{t('nogift.staff.publicPage')}</a></li>
        <li><a href={`/no-gift/report/${year}`} safe>{t('nogift.staff.publicReport')}</a></li>
      </ul>
      <section aria-labelledby="declaration">
        <h2 id="declaration" safe>{t('nogift.staff.declarationForm')}</h2>
        <Form ctx={ctx} action={`/staff/no-gift/${year}`} novalidate>
          <ErrorSummary ctx={ctx} form={form} labels={yearLabels(ctx)} />
          <TextArea ctx={ctx} form={form} name="declaration_th" label={t('nogift.field.declaration_th')} hint={t('nogift.field.declaration_th.hint')} rows={8} maxlength={10000} />
          <details>
            <summary safe>{t('nogift.staff.sample')}</summary>
            <div lang="th">{sample.th.split('\n\n').map((para) => <p safe>{para}</p>)}</div>
            <div lang="en">{sample.en.split('\n\n').map((para) => <p safe>{para}</p>)}</div>
          </details>
          <TextArea ctx={ctx} form={form} name="declaration_en" label={t('nogift.field.declaration_en')} hint={t('nogift.field.declaration_en.hint')} rows={6} maxlength={10000} lang="en" />
          <Field ctx={ctx} form={form} name="signed_by" label={t('nogift.field.signed_by')} maxlength={200} />
          <Field ctx={ctx} form={form} name="signed_position" label={t('nogift.field.signed_position')} maxlength={300} size="wide" />
          <DateInput ctx={ctx} form={form} name="signed_on" label={t('nogift.field.signed_on')} />
          <TextArea ctx={ctx} form={form} name="activities" label={t('nogift.field.activities')} hint={t('nogift.field.activities.hint')} rows={6} maxlength={10000} />
          <Button label={t('nogift.staff.save')} />
        </Form>
      </section>
      <section aria-labelledby="gifts">
        <h2 id="gifts" safe>{t('nogift.staff.all')}</h2>
        {rows.length ? <><GiftTable ctx={ctx} rows={rows} label={t('nogift.staff.all')} declarer /><Pagination ctx={ctx} info={info} baseHref={`/staff/no-gift/${year}`} /></> : <EmptyState text={t('nogift.staff.allEmpty')} />}
      </section>
    </Page>
  );
}
