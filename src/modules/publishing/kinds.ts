import type { MessageKey } from '../../platform/i18n/index.ts';

export const KINDS = ['document', 'page', 'news'] as const;
export type Kind = (typeof KINDS)[number];

export const CATEGORIES = ['plan', 'budget', 'report_6m', 'report_annual', 'manual', 'announcement', 'procurement', 'ethics', 'policy', 'risk', 'statistics', 'law', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

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
export const statusKey = (s: string) => `pub.status.${s}` as MessageKey;
