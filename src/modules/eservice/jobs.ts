// Overdue alerts: once per request and step, officers are told how many requests are past their step's time (a count
// only: no number, service, name or answer in a mail).
import type { Platform } from '../../platform/platform.ts';
import { mailOfficers } from './mail.ts';

export async function sendOverdueAlerts(p: Platform, now = new Date()): Promise<number> {
  const overdue = await p.db.k.selectFrom('eservice_request').select(['id', 'agency_id', 'current_step'])
    .where('status', 'in', ['submitted', 'in_progress']).where('step_due_at', '<', now.toISOString())
    .where((eb) => eb.not(eb.exists(eb.selectFrom('eservice_alert').select('request_id').whereRef('eservice_alert.request_id', '=', 'eservice_request.id').whereRef('eservice_alert.position', '=', 'eservice_request.current_step'))))
    .orderBy('id')
    .execute();
  const byAgency = new Map<number, number>();
  for (const r of overdue) {
    // claimed first: another process running the job at the same time skips what this one claimed
    const c = await p.db.k.insertInto('eservice_alert').values({ request_id: r.id, position: r.current_step, at: now.toISOString() }).onConflict((oc) => oc.columns(['request_id', 'position']).doNothing()).executeTakeFirst();
    if (Number(c.numInsertedOrUpdatedRows ?? 0) > 0) byAgency.set(r.agency_id, (byAgency.get(r.agency_id) ?? 0) + 1);
  }
  let sent = 0;
  for (const [agencyId, n] of byAgency) sent += await mailOfficers(p, agencyId, n);
  return sent;
}
