import type { ViewCtx } from '../../../platform/views/ctx.ts';
import { Page } from '../../../platform/views/layout.tsx';
import { Button, Checkbox, ErrorSummary, Field, FileField, Form, Select, TextArea, type FormState } from '../../../platform/views/components.tsx';
import { fileUrl } from '../../../platform/files/index.ts';
import { SIDES, type Division, type Executive } from '../store.ts';
import { thaiLang } from '../../../platform/views/text.tsx';

const crumbs = (ctx: ViewCtx) => [{ href: '/staff', label: ctx.t('nav.staff') }, { href: '/staff/agency', label: ctx.t('agency.admin.title') }];

export const profileLabels = (ctx: ViewCtx): Record<string, string> => ({
  name_th: ctx.t('agency.field.name_th'), name_en: ctx.t('agency.field.name_en'), address_th: ctx.t('agency.field.address_th'),
  address_en: ctx.t('agency.field.address_en'), postcode: ctx.t('agency.field.postcode'), phone: ctx.t('agency.field.phone'),
  fax: ctx.t('agency.field.fax'), email: ctx.t('agency.field.email'), office_hours_th: ctx.t('agency.field.office_hours_th'),
  office_hours_en: ctx.t('agency.field.office_hours_en'), map_url: ctx.t('agency.field.map_url'),
});

export function AgencyAdminPage({ ctx, form, executives, divisions }: { ctx: ViewCtx; form: FormState; executives: Executive[]; divisions: Division[] }) {
  const t = ctx.t;
  const l = profileLabels(ctx);
  return (
    <Page ctx={ctx} title={t('agency.admin.title')} staff breadcrumbs={[{ href: '/staff', label: t('nav.staff') }]}>
      <h1 safe>{t('agency.admin.title')}</h1>
      <h2 safe>{t('agency.admin.profile')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={l} />
      <Form ctx={ctx} action="/staff/agency">
        <Field ctx={ctx} form={form} name="name_th" label={l.name_th!} required maxlength={200} size="wide" />
        <Field ctx={ctx} form={form} name="name_en" label={l.name_en!} maxlength={200} size="wide" lang="en" />
        <TextArea ctx={ctx} form={form} name="address_th" label={l.address_th!} rows={2} maxlength={500} />
        <TextArea ctx={ctx} form={form} name="address_en" label={l.address_en!} rows={2} maxlength={500} lang="en" />
        <Field ctx={ctx} form={form} name="postcode" label={l.postcode!} inputmode="numeric" size="short" maxlength={5} />
        <Field ctx={ctx} form={form} name="phone" type="tel" label={l.phone!} maxlength={100} autocomplete="off" />
        <Field ctx={ctx} form={form} name="fax" type="tel" label={l.fax!} maxlength={100} autocomplete="off" />
        <Field ctx={ctx} form={form} name="email" type="email" label={l.email!} maxlength={200} autocomplete="off" />
        <Field ctx={ctx} form={form} name="office_hours_th" label={l.office_hours_th!} maxlength={200} size="wide" />
        <Field ctx={ctx} form={form} name="office_hours_en" label={l.office_hours_en!} maxlength={200} size="wide" lang="en" />
        <Field ctx={ctx} form={form} name="map_url" type="url" label={l.map_url!} maxlength={1000} size="wide" />
        <Button label={t('form.save')} />
      </Form>

      <h2 id="executives" safe>{t('agency.admin.executives')}</h2>
      <p><a class="btn btn-secondary" href="/staff/agency/executives/new" safe>{t('agency.admin.newExecutive')}</a></p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="executives">
        <table>
          <thead><tr><th scope="col" safe>{t('agency.field.person_name_th')}</th><th scope="col" safe>{t('agency.field.position_th')}</th><th scope="col" safe>{t('agency.field.side')}</th><th scope="col" safe>{t('agency.field.is_current')}</th></tr></thead>
          <tbody>
            {executives.map((e) => (
              <tr>
                <td><a href={`/staff/agency/executives/${e.id}`} lang={thaiLang(ctx, e.name_th)} safe>{e.name_th}</a></td>
                <td lang={thaiLang(ctx, e.position_th)} safe>{e.position_th}</td>
                <td safe>{t(`agency.side.${e.side as 'political'}`)}</td>
                <td>{e.is_current ? '✓' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="divisions" safe>{t('agency.admin.divisions')}</h2>
      <p><a class="btn btn-secondary" href="/staff/agency/divisions/new" safe>{t('agency.admin.newDivision')}</a></p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="divisions">
        <table>
          <thead><tr><th scope="col" safe>{t('agency.field.division_name_th')}</th><th scope="col" safe>{t('agency.field.side')}</th><th scope="col" safe>{t('agency.field.parent')}</th></tr></thead>
          <tbody>
            {divisions.map((d) => (
              <tr>
                <td><a href={`/staff/agency/divisions/${d.id}`} lang={thaiLang(ctx, d.name_th)} safe>{d.name_th}</a></td>
                <td safe>{t(`agency.side.${d.side as 'political'}`)}</td>
                <td lang={thaiLang(ctx, divisions.find((x) => x.id === d.parent_id)?.name_th)} safe>{divisions.find((x) => x.id === d.parent_id)?.name_th ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}

const sideOptions = (ctx: ViewCtx) => SIDES.map((s) => ({ value: s, label: ctx.t(`agency.side.${s}`) }));

export const executiveLabels = (ctx: ViewCtx): Record<string, string> => ({
  side: ctx.t('agency.field.side'), name_th: ctx.t('agency.field.person_name_th'), name_en: ctx.t('agency.field.person_name_en'),
  position_th: ctx.t('agency.field.position_th'), position_en: ctx.t('agency.field.position_en'), phone: ctx.t('agency.field.phone'),
  email: ctx.t('agency.field.email'), sort_order: ctx.t('agency.field.sort_order'), portrait: ctx.t('agency.field.portrait'),
});

export function ExecutiveForm({ ctx, form, executive }: { ctx: ViewCtx; form: FormState; executive: Executive | null }) {
  const t = ctx.t;
  const l = executiveLabels(ctx);
  const title = executive ? t('agency.admin.editExecutive') : t('agency.admin.newExecutive');
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={l} />
      <Form ctx={ctx} action={executive ? `/staff/agency/executives/${executive.id}` : '/staff/agency/executives/new'} multipart>
        <Select ctx={ctx} form={form} name="side" label={l.side!} required options={sideOptions(ctx)} />
        <Field ctx={ctx} form={form} name="name_th" label={l.name_th!} required maxlength={200} />
        <Field ctx={ctx} form={form} name="name_en" label={l.name_en!} maxlength={200} lang="en" />
        <Field ctx={ctx} form={form} name="position_th" label={l.position_th!} required maxlength={200} size="wide" />
        <Field ctx={ctx} form={form} name="position_en" label={l.position_en!} maxlength={200} size="wide" lang="en" />
        <Field ctx={ctx} form={form} name="phone" type="tel" label={l.phone!} maxlength={100} autocomplete="off" />
        <Field ctx={ctx} form={form} name="email" type="email" label={l.email!} maxlength={200} autocomplete="off" />
        <Field ctx={ctx} form={form} name="sort_order" label={l.sort_order!} inputmode="numeric" size="short" maxlength={4} />
        <Checkbox form={form} name="is_current" label={t('agency.field.is_current')} />
        {executive?.portrait_public_id ? (
          <p><img src={fileUrl({ public_id: executive.portrait_public_id, original_name: executive.portrait_name ?? 'portrait.png' })} alt={t('agency.executives.portrait', { name: executive.name_th })} width="96" height="120" /></p>
        ) : ''}
        <FileField ctx={ctx} form={form} name="portrait" label={l.portrait!} accept="image/png,image/jpeg,image/webp" />
        <div class="actions">
          <Button label={t('form.save')} />
          <a href="/staff/agency" safe>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}

export const divisionLabels = (ctx: ViewCtx): Record<string, string> => ({
  side: ctx.t('agency.field.side'), name_th: ctx.t('agency.field.division_name_th'), name_en: ctx.t('agency.field.division_name_en'),
  duties_th: ctx.t('agency.field.duties_th'), parent_id: ctx.t('agency.field.parent'), sort_order: ctx.t('agency.field.sort_order'),
});

export function DivisionForm({ ctx, form, division, divisions }: { ctx: ViewCtx; form: FormState; division: Division | null; divisions: Division[] }) {
  const t = ctx.t;
  const l = divisionLabels(ctx);
  const title = division ? t('agency.admin.editDivision') : t('agency.admin.newDivision');
  const parents = [{ value: '', label: t('agency.field.noParent') }, ...divisions.filter((d) => d.id !== division?.id).map((d) => ({ value: String(d.id), label: d.name_th }))];
  return (
    <Page ctx={ctx} title={title} staff breadcrumbs={crumbs(ctx)}>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={l} />
      <Form ctx={ctx} action={division ? `/staff/agency/divisions/${division.id}` : '/staff/agency/divisions/new'}>
        <Select ctx={ctx} form={form} name="side" label={l.side!} required options={sideOptions(ctx)} />
        <Field ctx={ctx} form={form} name="name_th" label={l.name_th!} required maxlength={200} size="wide" />
        <Field ctx={ctx} form={form} name="name_en" label={l.name_en!} maxlength={200} size="wide" lang="en" />
        <TextArea ctx={ctx} form={form} name="duties_th" label={l.duties_th!} rows={3} maxlength={2000} />
        <Select ctx={ctx} form={form} name="parent_id" label={l.parent_id!} options={parents} />
        <Field ctx={ctx} form={form} name="sort_order" label={l.sort_order!} inputmode="numeric" size="short" maxlength={4} />
        <div class="actions">
          <Button label={t('form.save')} />
          <a href="/staff/agency" safe>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}
