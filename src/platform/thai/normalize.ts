// Normalisation of Thai input for storage and search. NFC alone does not fix what people type.
import { fromThaiDigits } from './dates.ts';

const ZERO_WIDTH = /[\u200B\u200C\u200D\u2060\uFEFF\u00AD]/g;
const TONE = '\u0E48-\u0E4B';
// upper and lower vowels that must come before a tone mark
const VOWEL_MARK = '\u0E31\u0E34-\u0E37\u0E38-\u0E3A';
const TONE_BEFORE_VOWEL = new RegExp(`([${TONE}])([${VOWEL_MARK}])`, 'g');
const COMBINING = `\u0E31\u0E33-\u0E3A\u0E47-\u0E4E`;
const SPACE_BEFORE_MARK = new RegExp(`[ \\t]+([${COMBINING}])`, 'g');
const DOUBLED_MARK = new RegExp(`([\u0E31\u0E34-\u0E3A\u0E47-\u0E4E])\\1+`, 'g');

/**
 * Normalises one line or block of Thai text: NFC, no zero-width characters, marks in canonical order, no doubled marks.
 * A change to what it folds raises FOLD_VERSION (platform/search/refold.ts): old search entries are folded again.
 */
export function normalizeThai(input: string): string {
  let s = input.normalize('NFC').replace(ZERO_WIDTH, '');
  s = s.replace(SPACE_BEFORE_MARK, '$1');
  // SARA AM typed as NIKHAHIT + SARA AA, with or without a tone mark in between
  s = s.replace(/\u0E4D([\u0E48-\u0E4B]?)\u0E32/g, '$1\u0E33');
  s = s.replace(TONE_BEFORE_VOWEL, '$2$1');
  // SARA AE typed as two SARA E (common in office documents: it looks the same in most fonts)
  s = s.replace(/\u0E40\u0E40/g, '\u0E41');
  // LAKKHANGYAO typed for SARA AA: it belongs only after RU and LU (ฤๅ, ฦๅ)
  s = s.replace(/(^|[^\u0E24\u0E26])\u0E45/g, '$1\u0E32');
  s = s.replace(DOUBLED_MARK, '$1');
  return s;
}

/** For single-line fields: normalised, runs of spaces collapsed, trimmed. */
export function normalizeLine(input: string): string {
  return normalizeThai(input).replace(/[\s\u00A0]+/g, ' ').trim();
}

/** For multi-line fields: normalised, trailing spaces removed, line breaks unified. */
export function normalizeBlock(input: string): string {
  return normalizeThai(input)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0]+\n/g, '\n')
    .replace(/[ \t\u00A0]{2,}/g, ' ')
    .trim();
}

/** The form used in search indexes and queries: normalised, lower case, Arabic digits. */
export function foldForSearch(input: string): string {
  return fromThaiDigits(normalizeLine(input)).toLowerCase();
}

// C0 controls but tab and line breaks, DEL, C1 controls, bidi overrides and isolates (they disguise text), noncharacters
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/;

/** True when the text holds control characters (line breaks and tabs allowed). */
export function hasControlChars(input: string): boolean {
  return CONTROL.test(input);
}

const CONTROLS_AND_BREAKS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g;

/** The text without the characters hasControlChars finds, nor tabs and line breaks (file names). */
export function stripControlChars(input: string): string {
  return input.replace(CONTROLS_AND_BREAKS, '');
}

/** True when the text holds control characters, replacement characters or lone surrogates (broken UTF-8 input). */
export function hasInvalidText(input: string): boolean {
  return CONTROL.test(input) || /\uFFFD/.test(input) || !input.isWellFormed();
}
