import type { MessageKey } from '../../platform/i18n/index.ts';

export const KINDS = ['document', 'page', 'news'] as const;
export type Kind = (typeof KINDS)[number];

export const CATEGORIES = [
  'plan', 'budget', 'report_6m', 'report_annual', 'manual', 'announcement', 'procurement', 'ethics', 'policy', 'risk', 'statistics', 'law',
  // people management (การบริหารและพัฒนาทรัพยากรบุคคล): the criteria in force, the yearly plan, the yearly report
  'hr_criteria', 'hr_plan', 'hr_report',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories shown together under one heading on the public documents page and in the category lists. */
export const CATEGORY_GROUPS = [{ key: 'people', categories: ['hr_criteria', 'hr_plan', 'hr_report'] }] as const satisfies ReadonlyArray<{ key: string; categories: readonly Category[] }>;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number]['key'];

/** The group a category belongs to, if any. */
export function groupOf(category: string): (typeof CATEGORY_GROUPS)[number] | undefined {
  return CATEGORY_GROUPS.find((g) => (g.categories as readonly string[]).includes(category));
}
/** Categories that belong to no group, in their order. */
export const UNGROUPED: readonly Category[] = CATEGORIES.filter((c) => !groupOf(c));

export const STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type Status = (typeof STATUSES)[number];

export const FORMATS = ['markdown', 'html'] as const;

/** Public URL prefixes: stable, part of the contract with assessors. */
export const PATHS: Record<Kind, string> = { document: '/documents', page: '/pages', news: '/news' };

export function contentUrl(kind: string, slug: string): string {
  return `${PATHS[kind as Kind] ?? '/documents'}/${slug}`;
}

export const kindKey = (k: string) => `pub.kind.${k}` as MessageKey;
export const catKey = (c: string) => `pub.cat.${c}` as MessageKey;
export const groupKey = (g: string) => `pub.catGroup.${g}` as MessageKey;
export const statusKey = (s: string) => `pub.status.${s}` as MessageKey;
