// Candidate spellings for a Thai query that found nothing: a final consonant swapped for one that sounds alike, or a
// tone mark misplaced, missing or extra. Pure string work; suggestSpelling() checks which candidates have results.
import { foldForSearch, normalizeLine } from '../thai/index.ts';

/** At most this many candidate queries are checked against the index. */
export const MAX_CANDIDATES = 20;

// Final consonants that sound alike (แม่กก, แม่กด, แม่กบ, แม่กน). Each group is split into letters that are also
// confused by sight or by name; a typed letter tries its own subgroup first, then the rest of its group.
const FINAL_GROUPS: string[][] = [
  ['กคขฆ'],
  ['ดตฎฏ', 'สศษซ', 'ทธฐฑฒ', 'ชจ'],
  ['บป', 'พภฟ'],
  ['นณ', 'รลฬ', 'ญ'],
];
const TONES = ['\u0E48', '\u0E49', '\u0E4A', '\u0E4B']; // ่ ้ ๊ ๋, the common ones first

const isConsonant = (c: string | undefined) => !!c && c >= '\u0E01' && c <= '\u0E2E';
const isTone = (c: string | undefined) => !!c && c >= '\u0E48' && c <= '\u0E4B';
// vowels after which a consonant closes the syllable when another consonant follows (พัสดุ, ราชการ, กิจกรรม)
const CLOSING_VOWEL = /[\u0E31\u0E32\u0E34-\u0E39]/;
// marks that may follow a word-final consonant (ญัติ, เหตุ, ศาสตร์)
const AFTER_FINAL = /^[\u0E34\u0E38\u0E48-\u0E4C]*$/;
// a consonant followed by one of these (or after a leading vowel) commonly carries a tone mark: ข้อ, เจ้า, ที่, ไม้
const TAKES_TONE = /[\u0E2D\u0E27\u0E22\u0E32\u0E31\u0E34-\u0E39]/;

function soundAlike(c: string): { near: string[]; far: string[] } | null {
  for (const group of FINAL_GROUPS) {
    const own = group.find((s) => s.includes(c));
    if (own) return { near: [...own].filter((x) => x !== c), far: group.filter((s) => s !== own).flatMap((s) => [...s]) };
  }
  return null;
}

/** Positions of consonants that are probably syllable finals: the word's last one, and closed syllables inside. */
function finalPositions(w: string): { last: number; inner: number[] } {
  let last = -1;
  for (let i = w.length - 1; i >= 0; i--) {
    if (isConsonant(w[i])) {
      if (AFTER_FINAL.test(w.slice(i + 1))) last = i;
      break;
    }
  }
  const inner: number[] = [];
  for (let i = w.length - 2; i >= 1; i--) {
    if (i === last || !isConsonant(w[i]) || !isConsonant(w[i + 1])) continue;
    const prev = w[i - 1]!;
    // after a closing vowel (พั|ส|ดุ), or the second consonant of a word that starts with two (ก|ฎ|หมาย, ง|บ|ประมาณ)
    if (CLOSING_VOWEL.test(prev) || (i === 1 && isConsonant(prev))) inner.push(i);
  }
  return { last, inner };
}

/** The consonant at i already carries a tone mark (after its upper or lower vowel, if any). */
const toned = (w: string, i: number) => isTone(w[i + 1]) || (/[\u0E31\u0E34-\u0E39]/.test(w[i + 1] ?? '') && isTone(w[i + 2]));
const swap = (w: string, i: number, c: string) => w.slice(0, i) + c + w.slice(i + 1);

/** Spelling variants of one Thai word, most likely first (not normalised, may repeat). */
export function wordVariants(w: string): string[] {
  if (!/[\u0E01-\u0E2E]/.test(w)) return [];
  const { last, inner } = finalPositions(w);
  const lastAlike = last >= 0 ? soundAlike(w[last]!) : null;
  const innerAlike = inner.map((i) => ({ i, alike: soundAlike(w[i]!) }));
  const out: string[] = [];
  // 1. the word's last final swapped within its subgroup: งบประมาน → งบประมาณ, ข้อบัญญัด → ข้อบัญญัต(ิ)
  for (const c of lastAlike?.near ?? []) out.push(swap(w, last, c));
  // 2. tone marks: another tone, none, or on the neighbouring consonant
  for (let i = 0; i < w.length; i++) {
    if (!isTone(w[i])) continue;
    for (const t of TONES.slice(0, 2)) if (t !== w[i]) out.push(swap(w, i, t));
    const without = w.slice(0, i) + w.slice(i + 1);
    out.push(without);
    for (const dir of [-1, 1]) {
      let j = i + dir;
      while (j >= 0 && j < w.length && !isConsonant(w[j])) j += dir;
      // put the mark after the other consonant (and its upper or lower vowel); normalisation orders the marks
      if (j >= 0 && j < w.length && !toned(w, j)) {
        const at = dir < 0 ? j : j - 1;
        out.push(without.slice(0, at + 1) + w[i] + without.slice(at + 1));
      }
    }
  }
  // 3. closed syllables inside the word, within the subgroup: พัศดุ → พัสดุ, กฏหมาย → กฎหมาย
  for (const { i, alike } of innerAlike) for (const c of alike?.near ?? []) out.push(swap(w, i, c));
  // 4. a missing tone mark (ไม้เอก, ไม้โท) on a consonant that commonly carries one: ขอบัญญัติ → ข้อบัญญัติ
  for (let i = 0; i < w.length; i++) {
    if (!isConsonant(w[i]) || i === last || inner.includes(i) || toned(w, i)) continue;
    // the mark goes after the consonant's upper or lower vowel, if it has one
    const at = /[\u0E31\u0E34-\u0E39]/.test(w[i + 1] ?? '') ? i + 1 : i;
    if (!(TAKES_TONE.test(w[i + 1] ?? '') || /[\u0E40-\u0E44]/.test(w[i - 1] ?? ''))) continue;
    for (const t of TONES.slice(0, 2)) out.push(w.slice(0, at + 1) + t + w.slice(at + 1));
  }
  // 5. the rest of each sound-alike group
  for (const c of lastAlike?.far ?? []) out.push(swap(w, last, c));
  for (const { i, alike } of innerAlike) for (const c of alike?.far ?? []) out.push(swap(w, i, c));
  return out;
}

export interface Candidate {
  /** the query's words, one of them changed */
  words: string[];
  /** which word changed */
  at: number;
}

/**
 * Candidate queries for a query that found nothing: one word changed at a time, normalised like stored text,
 * without repeats, at most MAX_CANDIDATES. Words shorter than 3 characters are left alone (they cannot use the index).
 */
export function spellingCandidates(q: string, max = MAX_CANDIDATES): Candidate[] {
  const words = normalizeLine(q).split(' ').filter(Boolean).slice(0, 8);
  const variants = words.map((w) => ([...w].length < 3 ? [] : wordVariants(w).map(normalizeLine).filter((v) => [...v].length >= 3)));
  const seen = new Set([foldForSearch(words.join(' '))]);
  const out: Candidate[] = [];
  // the words take turns, each its most likely variant first: any of them may be the misspelt one
  for (let r = 0; out.length < max && variants.some((v) => r < v.length); r++) {
    for (let k = 0; k < words.length && out.length < max; k++) {
      const word = variants[k]![r];
      if (word === undefined) continue;
      const candidate = [...words.slice(0, k), word, ...words.slice(k + 1)];
      const key = foldForSearch(candidate.join(' '));
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ words: candidate, at: k });
    }
  }
  return out;
}

/**
 * A changed word may stop inside a syllable of the stored word it found: ข้อบัญญัด → ข้อบัญญัต, found in ข้อบัญญัติ.
 * It is completed with the silent vowel or cancellation mark that follows it there (ิ, ุ, ์, with a tone mark).
 */
export function completeWord(word: string, storedText: string): string {
  const folded = foldForSearch(word);
  const i = storedText.indexOf(folded);
  if (i < 0 || !isConsonant(word.at(-1))) return word;
  const rest = /^[\u0E34\u0E38\u0E4C][\u0E48-\u0E4C]?/.exec(storedText.slice(i + folded.length))?.[0] ?? '';
  return word + rest;
}
