// Background work: overdue alerts (once per case and day, with no content), and the end of retention, when a closed
// case's content, messages and files are deleted for good and only what the statistics count stays.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { holdersOf, systemActor, actorOf } from '../../platform/auth/users.ts';
import { reclaimDeleted, tx } from '../../platform/db/index.ts';
import { HANDLE } from './access.ts';
import { caseNumber } from './store.ts';

export async function sendOverdueAlerts(p: Platform, now = new Date()): Promise<number> {
  const iso = now.toISOString();
  const day = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const overdue = await p.db.k.selectFrom('complaint').select(['id', 'agency_id'])
    .where('purged_at', 'is', null).where('status', '!=', 'closed')
    .where((eb) => eb.or([eb.and([eb('acknowledged_at', 'is', null), eb('ack_due', '<', iso)]), eb.and([eb('concluded_at', 'is', null), eb('conclude_due', '<', iso)])]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('complaint_alert').select('complaint_id').whereRef('complaint_alert.complaint_id', '=', 'complaint.id').where('complaint_alert.day', '=', day))))
    .execute();
  const byAgency = new Map<number, number[]>();
  for (const c of overdue) byAgency.set(c.agency_id, [...(byAgency.get(c.agency_id) ?? []), c.id]);
  let sent = 0;
  for (const [agencyId, ids] of byAgency) {
    // claimed first: another process running the job at the same time skips what this one claimed
    const claimed: number[] = [];
    for (const id of ids) {
      const r = await p.db.k.insertInto('complaint_alert').values({ complaint_id: id, kind: 'overdue', day }).onConflict((oc) => oc.columns(['complaint_id', 'kind', 'day']).doNothing()).executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) claimed.push(id);
    }
    if (!claimed.length) continue;
    for (const o of (await holdersOf(p.db, agencyId, HANDLE)).filter((x) => x.email)) {
      const ok = await p.mail.send({ to: o.email, subject: 'เรื่องร้องเรียนเลยกำหนด / Cases past their deadline', text: `มีเรื่องร้องเรียนที่เลยกำหนด ${claimed.length} เรื่อง กรุณาเข้าสู่ระบบเพื่อดำเนินการ\n\n${claimed.length} case(s) are past their deadline. Sign in to act on them.` }).catch(() => false);
      if (ok) sent++;
    }
  }
  return sent;
}

export async function purgeExpired(p: Platform, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - p.config.complaints.retentionDays * 86_400_000).toISOString();
  const due = await p.db.k.selectFrom('complaint').selectAll().where('status', '=', 'closed').where('closed_at', '<', cutoff).where('purged_at', 'is', null).execute();
  for (const c of due) {
    await tx(p.db, async (t) => {
      const files = await t.k.selectFrom('complaint_file').select('file_id').where('complaint_id', '=', c.id).execute();
      await t.k.deleteFrom('complaint_file').where('complaint_id', '=', c.id).execute();
      await p.files.forget(t, c.agency_id, files.map((f) => f.file_id));
      await t.k.deleteFrom('complaint_message').where('complaint_id', '=', c.id).execute();
      await t.k.deleteFrom('complaint_key').where('complaint_id', '=', c.id).execute();
      await t.k.deleteFrom('complaint_visit').where('complaint_id', '=', c.id).execute();
      await t.k.updateTable('complaint').set({ content_sealed: null, identity_sealed: null, receipt_wrap: '', purged_at: now.toISOString() }).where('id', '=', c.id).execute();
      await recordAudit(t, { agencyId: c.agency_id, actor: actorOf(systemActor(c.agency_id, 'system')), action: 'complaint.purge', targetType: 'complaint', targetId: c.id, summary: `case ${caseNumber(c)}: content, messages and ${files.length} file(s) deleted at the end of retention` });
    });
  }
  // the deleted rows out of the database files too (SQLite: zeroed and the log truncated; PostgreSQL: vacuumed)
  if (due.length) await reclaimDeleted(p.db, ['complaint', 'complaint_message', 'complaint_file', 'complaint_key', 'complaint_visit']);
  return due.length;
}
