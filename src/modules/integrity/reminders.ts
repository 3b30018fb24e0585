// Email reminders to the person responsible for a measure: a week before its due date, and once it is overdue.
// The reminder row is written first: with several app processes, only one sends.
import type { Platform } from '../../platform/platform.ts';
import { agencyUrl } from '../../platform/site.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { translate } from '../../platform/i18n/index.ts';
import { bangkokDay, formatDate } from '../../platform/thai/index.ts';

export const DUE_SOON_DAYS = 7;

export async function sendReminders(p: Platform, today = bangkokDay()): Promise<{ sent: number }> {
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + DUE_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const rows = await p.db.k
    .selectFrom('integrity_measure')
    .select(['id', 'agency_id', 'title_th', 'owner_email', 'due_date', 'percent'])
    .where('owner_email', '!=', '')
    .where('status', 'in', ['planned', 'in_progress'])
    .where('due_date', 'is not', null)
    .where('due_date', '<=', soon)
    .execute();
  let sent = 0;
  for (const m of rows) {
    const kind = m.due_date! < today ? 'overdue' : 'due_soon';
    try {
      await p.db.k.insertInto('integrity_reminder').values({ agency_id: m.agency_id, measure_id: m.id, kind, sent_at: new Date().toISOString() }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) continue; // already reminded
      throw err;
    }
    const key = kind === 'overdue' ? 'overdue' : 'dueSoon';
    const vars = { title: m.title_th, due: formatDate(m.due_date!), percent: m.percent, url: `${await agencyUrl(p, m.agency_id)}/staff/integrity/measures/${m.id}` };
    const ok = await p.mail.send({ to: m.owner_email, subject: translate('th', `integrity.mail.${key}.subject`), text: translate('th', `integrity.mail.${key}.body`, vars) });
    if (ok) sent++;
    // a failed send is tried again next time
    else await p.db.k.deleteFrom('integrity_reminder').where('measure_id', '=', m.id).where('kind', '=', kind).execute();
  }
  return { sent };
}
