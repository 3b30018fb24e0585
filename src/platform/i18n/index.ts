// th/en catalogues, Thai first. Every UI string goes through t().
import { th, type PlatformKey } from './th.ts';
import { en } from './en.ts';
import { formatDate, type DateFormatOptions } from '../thai/index.ts';

export type Lang = 'th' | 'en';
export const LANGS: readonly Lang[] = ['th', 'en'];
/** Modules add their keys: `declare module '…/i18n/index.ts' { interface ModuleMessages extends Record<keyof typeof th, true> {} }`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleMessages {}
export type MessageKey = PlatformKey | (keyof ModuleMessages & string);
export type Vars = Record<string, string | number>;
export type T = (key: MessageKey, vars?: Vars) => string;

const catalogues: Record<Lang, Record<string, string>> = { th: { ...th }, en: { ...en } };

/** A module's catalogue; the English one must have every key of the Thai one (checked by its type). */
export function registerMessages<K extends string>(thai: Record<K, string>, english: Record<K, string>): void {
  Object.assign(catalogues.th, thai);
  Object.assign(catalogues.en, english);
}

export function isLang(v: unknown): v is Lang {
  return v === 'th' || v === 'en';
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = catalogues[lang][key] ?? catalogues.th[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function translator(lang: Lang): T {
  return (key, vars) => translate(lang, key, vars);
}

/** A label held as data in both languages (module nav entries, roles, kinds). */
export interface Bilingual {
  th: string;
  en: string;
}
export function pick(lang: Lang, b: Bilingual): string {
  return (lang === 'en' && b.en) || b.th;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(lang: Lang, n: number, fractionDigits?: number): string {
  const key = `${lang}|${fractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

export function formatDateFor(lang: Lang, value: Date | string, opts: Omit<DateFormatOptions, 'lang'> = {}): string {
  return formatDate(value, { ...opts, lang });
}

export function formatBytes(lang: Lang, bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(lang, Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${formatNumber(lang, Math.round(bytes / 1024))} KB`;
  return `${formatNumber(lang, bytes)} B`;
}
