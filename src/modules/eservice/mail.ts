// Mails: to the requester on every change of their request (when they gave an address), with the tracking link and,
// once it is completed, the link to rate it; to officers only counts, never a name, an answer or a number.
import type { Platform } from '../../platform/platform.ts';
import { holdersOf } from '../../platform/auth/users.ts';
import { translate } from '../../platform/i18n/index.ts';
import { agencyUrl } from '../../platform/site.ts';
import { HANDLE, type EventKind } from './kinds.ts';
import { openCode } from './tracking.ts';
import { requestNumber, type Request } from './store.ts';

export interface RequesterNotice {
  kind: EventKind;
  /** the officer's note to the requester (a question, a reason), as written to them */
  note?: string;
  /** the step it moved to */
  step?: string;
}

/** The mail to the requester; sent after the change has committed, never undoing it when it fails. */
export async function mailRequester(p: Platform, r: Request, serviceName: string, n: RequesterNotice): Promise<boolean> {
  if (!r.requester_email) return false;
  const code = openCode(p.keys, r);
  const base = await agencyUrl(p, r.agency_id);
  const track = `${base}/e-service/track?code=${encodeURIComponent(code)}`;
  const number = requestNumber(r);
  const th = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('th', k, v);
  const en = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);
  const what = `eservice.mail.${n.kind}` as const;
  const lines = [
    th('eservice.mail.greeting'),
    '',
    th(what, { service: serviceName, number, step: n.step ?? '' }),
    ...(n.note ? ['', n.note] : []),
    '',
    `${th('eservice.mail.code')}: ${code}`,
    `${th('eservice.mail.track')}: ${track}`,
    ...(n.kind === 'completed' ? [`${th('eservice.mail.rate')}: ${track}#rate`] : []),
    ...(n.kind === 'info_requested' ? [th('eservice.mail.answer')] : []),
    '',
    '—',
    en(what, { service: serviceName, number, step: n.step ?? '' }),
    `${en('eservice.mail.track')}: ${track}`,
    ...(n.kind === 'completed' ? [`${en('eservice.mail.rate')}: ${track}#rate`] : []),
  ];
  return p.mail.send({ to: r.requester_email, subject: `${th(`eservice.mail.subject.${n.kind}`, { number })} / ${en(`eservice.mail.subject.${n.kind}`, { number })}`, text: lines.join('\n') });
}

/** "N requests are past their step's time": no number, service or name in a mail that may be read on any phone. */
export async function mailOfficers(p: Platform, agencyId: number, count: number): Promise<number> {
  let sent = 0;
  for (const o of (await holdersOf(p.db, agencyId, HANDLE)).filter((x) => x.email)) {
    const ok = await p.mail.send({
      to: o.email,
      subject: `${translate('th', 'eservice.mail.officers.subject')} / ${translate('en', 'eservice.mail.officers.subject')}`,
      text: `${translate('th', 'eservice.mail.officers.overdue', { n: count })}\n\n${translate('en', 'eservice.mail.officers.overdue', { n: count })}`,
    });
    if (ok) sent++;
  }
  return sent;
}
