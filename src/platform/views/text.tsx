// Language of parts (WCAG 3.1.2): on an English page, text that has no English version (content typed by staff,
// names, catalogue data) stays Thai and says so with lang="th", so screen readers read it with a Thai voice.
import { escapeHtml } from '@kitajs/html';
import type { Lang, MessageKey, Vars } from '../i18n/index.ts';
import type { ViewCtx } from './ctx.ts';

const THAI = /[\u0E00-\u0E7F]/;

/** 'th' for the lang attribute of an element whose text is Thai on an English page; undefined otherwise. */
export function thaiLang(ctx: { lang: Lang }, text: string | null | undefined): 'th' | undefined {
  return ctx.lang === 'en' && !!text && THAI.test(text) ? 'th' : undefined;
}

export interface PickedText {
  text: string;
  /** set when an English page falls back to Thai */
  lang: 'th' | undefined;
}

/** The English on an English page when there is one, otherwise the Thai, with the lang its element needs. */
export function pickText(ctx: { lang: Lang }, th: string, en: string | null | undefined): PickedText {
  if (ctx.lang === 'en' && en) return { text: en, lang: undefined };
  return { text: th, lang: thaiLang(ctx, th) };
}

/** pickText as a span: lang="th" when it fell back to Thai, and Thai words in the English (a form's name) marked too. */
export function Text({ ctx, th, en }: { ctx: { lang: Lang }; th: string; en?: string | null }) {
  const p = pickText(ctx, th, en);
  if (p.lang) return <span lang={p.lang} safe>{p.text}</span>;
  const safeText = thaiRuns(ctx, p.text);
  return <span>{safeText}</span>;
}

/** Escaped text whose Thai words, on an English page, are each wrapped in a span with lang="th". */
export function thaiRuns(ctx: { lang: Lang }, text: string): string {
  if (ctx.lang !== 'en' || !THAI.test(text)) return escapeHtml(text);
  return text
    .split(/([\u0E00-\u0E7F](?:[\u0E00-\u0E7F\s.]*[\u0E00-\u0E7F])?)/)
    .map((part, i) => (i % 2 ? `<span lang="th">${escapeHtml(part)}</span>` : escapeHtml(part)))
    .join('');
}

/**
 * A translated message whose values may be Thai data (a name, a title): on an English page each Thai value is
 * wrapped in a span with lang="th"; otherwise the escaped message as it is.
 */
export function Msg({ ctx, k, vars }: { ctx: ViewCtx; k: MessageKey; vars?: Vars }): string {
  const thai = ctx.lang === 'en' && vars ? Object.keys(vars).filter((name) => THAI.test(String(vars[name]))) : [];
  if (!thai.length) return escapeHtml(ctx.t(k, vars));
  return ctx
    .t(k)
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name || !(name in vars!)) return escapeHtml(part);
      const value = escapeHtml(String(vars![name]));
      return thai.includes(name) ? `<span lang="th">${value}</span>` : value;
    })
    .join('');
}

/** lang for a field or text known to be Thai (a *_th field, a Thai record): 'th' on an English page. */
export function thaiPart(ctx: { lang: Lang }): 'th' | undefined {
  return ctx.lang === 'en' ? 'th' : undefined;
}
