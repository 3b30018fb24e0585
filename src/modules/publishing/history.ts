// A revision's note in words: the service records short English notes ('created', 'approve (revision 3)', …) and a
// reviewer's own words on return; the history shows them in the reader's language. Unknown text is shown as it is.
import type { T } from '../../platform/i18n/index.ts';
import { formatBytes } from '../../platform/i18n/index.ts';
import type { Lang } from '../../platform/i18n/index.ts';

const FIXED = {
  created: 'pub.rev.created',
  edited: 'pub.rev.edited',
  'changes edited': 'pub.rev.edited',
  submit: 'pub.rev.submit',
  archive: 'pub.rev.archive',
  reopen: 'pub.rev.reopen',
  'attachment removed': 'pub.rev.detached',
  'returned to draft (edited during review)': 'pub.rev.backToDraft',
  'changes: submit': 'pub.rev.submit',
} as const;

function part(t: T, lang: Lang, s: string): string {
  if (Object.hasOwn(FIXED, s)) return t(FIXED[s as keyof typeof FIXED]);
  let m = /^(?:changes )?approved? \(revision (\d+)\)$/.exec(s);
  if (m) return t('pub.rev.approve', { n: m[1]! });
  m = /^attachment added \((\w+), (\d+) bytes\)$/.exec(s);
  if (m) return t('pub.rev.attached', { ext: m[1]!.toUpperCase(), size: formatBytes(lang, Number(m[2])) });
  if (/^attachment \d+ removed$/.test(s)) return t('pub.rev.detached');
  m = /^address (\S+) → (\S+)$/.exec(s);
  if (m) return t('pub.rev.address', { from: m[1]!, to: m[2]! });
  return s;
}

export function revisionNote(t: T, lang: Lang, note: string): string {
  const returned = /^returned: ([\s\S]*)$/.exec(note);
  if (returned) return t('pub.rev.returned', { note: returned[1]! });
  return note.split('; ').map((s) => part(t, lang, s)).join(' · ');
}
