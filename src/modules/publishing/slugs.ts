import crypto from 'node:crypto';

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The random part of generated slugs: 8 base-36 characters (41 bits; 24 bits collided once in 7,000 drafts).
 * An object, so that a test can make it collide and see the collision retried.
 */
export const slugRandom = {
  suffix: (): string => Array.from({ length: 8 }, () => '0123456789abcdefghijklmnopqrstuvwxyz'[crypto.randomInt(36)]).join(''),
};

/** A slug from an English title, or kind-year-random when there is none (Thai does not transliterate simply). */
export function makeSlug(kind: string, titleEn: string, fiscalYear: number | null): string {
  const fromTitle = titleEn
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const suffix = slugRandom.suffix();
  if (fromTitle.length >= 3) return `${fromTitle}-${suffix}`;
  return [kind, fiscalYear ?? '', suffix].filter(Boolean).join('-');
}
