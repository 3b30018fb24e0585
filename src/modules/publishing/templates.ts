// Templates of the staff "new document" form: per category, a title, a summary and a body whose headings follow
// what the category's OIT items ask for. The texts are messages (Thai and English, every key); nothing is saved
// until the editor saves the form.
import type { DbLike } from '../../platform/db/index.ts';
import type { FormValues } from '../../platform/http/forms.ts';
import { translate, type MessageKey } from '../../platform/i18n/index.ts';
import { headOfAgency } from '../agency/index.ts';
import type { Category } from './kinds.ts';

export interface Template {
  /** the year a new document of this kind is about, from the current fiscal year: a report is of the year past */
  yearOffset: number;
  /** signed off by the head of the agency */
  signoff: boolean;
}

export const TEMPLATES = {
  hr_criteria: { yearOffset: 0, signoff: true },
  hr_plan: { yearOffset: 0, signoff: true },
  hr_report: { yearOffset: -1, signoff: true },
} as const satisfies Partial<Record<Category, Template>>;
export type TemplateKey = keyof typeof TEMPLATES;

export const isTemplate = (v: string): v is TemplateKey => Object.hasOwn(TEMPLATES, v);

/** Placeholders a template leaves in a body, in either language. */
export const TEMPLATE_GAP = /\[(?:เติม|Fill in)[\]:]/;

const key = (t: TemplateKey, part: 'title' | 'summary' | 'body') => `pub.tpl.${t}.${part}` as MessageKey;

/** The year a template fills in by default. */
export const templateYear = (t: TemplateKey, currentFiscalYear: number) => currentFiscalYear + TEMPLATES[t].yearOffset;

/** The form values of a new document made from a template: Thai fields in Thai, English fields in English. */
export async function templateValues(db: DbLike, agencyId: number, t: TemplateKey, year: number): Promise<FormValues> {
  const vars = { year };
  const head = TEMPLATES[t].signoff ? await headOfAgency(db, agencyId) : undefined;
  return {
    kind: 'document', category: t, fiscal_year: String(year), body_format: 'markdown',
    title_th: translate('th', key(t, 'title'), vars), title_en: translate('en', key(t, 'title'), vars),
    summary_th: translate('th', key(t, 'summary'), vars), summary_en: translate('en', key(t, 'summary'), vars),
    body_th: translate('th', key(t, 'body'), vars), body_en: translate('en', key(t, 'body'), vars),
    is_signoff_required: TEMPLATES[t].signoff ? 'on' : undefined,
    signoff_name: head?.name_th ?? '', signoff_position: head?.position_th ?? '',
  };
}
