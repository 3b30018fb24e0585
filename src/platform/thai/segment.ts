const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/** Word-like segments of Thai (or mixed) text, using ICU's dictionary. */
export function segmentWords(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/** All segments, spaces and punctuation included, in order. */
export function segments(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}
