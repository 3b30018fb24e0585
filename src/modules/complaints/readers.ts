// Who is approved to receive case keys. Holding the complaint-officer role is not enough: whoever manages accounts
// (an administrator) could give it to anyone, themselves included. An approved reader approves a colleague and, with
// the keys in hand, seals every case they can open to them; the server's command line approves the first one.
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, holdersOf, type Acting } from '../../platform/auth/users.ts';
import { tx, type DbLike } from '../../platform/db/index.ts';
import { ForbiddenError, ValidationError } from '../../platform/http/errors.ts';
import { wipe } from '../../platform/vault/box.ts';
import { approvedReaders, HANDLE, officerCaseKeys, syncReaders } from './access.ts';

export interface ReaderRow {
  id: number;
  name: string;
  approved: boolean;
  approvedBy: string | null;
  approvedAt: string | null;
}

/** Every complaint officer, approved or waiting, and who approved them. */
export async function listReaders(db: DbLike, agencyId: number): Promise<ReaderRow[]> {
  const officers = await holdersOf(db, agencyId, HANDLE);
  const rows = await db.k.selectFrom('complaint_reader').leftJoin('app_user', 'app_user.id', 'complaint_reader.approved_by')
    .select(['complaint_reader.user_id', 'complaint_reader.approved_at', 'app_user.display_name']).where('complaint_reader.agency_id', '=', agencyId).execute();
  const byId = new Map(rows.map((r) => [r.user_id, r]));
  return officers.map((o) => {
    const r = byId.get(o.id);
    return { id: o.id, name: o.displayName, approved: !!r, approvedBy: r ? (r.display_name ?? null) : null, approvedAt: r?.approved_at ?? null };
  });
}

/** Approves an officer as a reader; a person approves others, never themselves (the command line is not a person). */
export async function approveReader(p: Platform, actor: Acting, userId: number): Promise<void> {
  requirePermission(actor, HANDLE);
  await tx(p.db, async (t) => {
    if (actor.id !== null) {
      if (userId === actor.id) throw new ValidationError({ user_id: 'complaints.err.approveSelf' });
      if (!(await approvedReaders(t, actor.agencyId)).includes(actor.id)) throw new ForbiddenError();
    }
    const officer = (await holdersOf(t, actor.agencyId, HANDLE)).find((o) => o.id === userId);
    if (!officer) throw new ValidationError({ user_id: 'complaints.err.notOfficer' });
    if ((await approvedReaders(t, actor.agencyId)).includes(userId)) return;
    await t.k.insertInto('complaint_reader').values({ agency_id: actor.agencyId, user_id: userId, approved_by: actor.id, approved_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['agency_id', 'user_id']).doNothing()).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'complaint.reader.approve', targetType: 'app_user', targetId: userId, summary: `user ${userId} approved to read complaints` });
  });
}

/** Withdraws an approval: their copies of case keys go at once. */
export async function revokeReader(p: Platform, actor: Acting, userId: number): Promise<void> {
  requirePermission(actor, HANDLE);
  if (userId === actor.id) throw new ValidationError({ user_id: 'complaints.err.revokeSelf' });
  await tx(p.db, async (t) => {
    if (actor.id !== null && !(await approvedReaders(t, actor.agencyId)).includes(actor.id)) throw new ForbiddenError();
    const r = await t.k.deleteFrom('complaint_reader').where('agency_id', '=', actor.agencyId).where('user_id', '=', userId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new ValidationError({ user_id: 'complaints.err.notReader' });
    const cases = t.k.selectFrom('complaint').select('id').where('agency_id', '=', actor.agencyId);
    await t.k.deleteFrom('complaint_key').where('user_id', '=', userId).where('complaint_id', 'in', cases).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'complaint.reader.revoke', targetType: 'app_user', targetId: userId, summary: `user ${userId} no longer reads complaints` });
  });
}

/** With the keys of the officer of this request: every case they can open gets copies for every approved reader. */
export async function shareCaseKeys(p: Platform, req: FastifyRequest): Promise<number> {
  const ids = (await p.db.k.selectFrom('complaint').select('id').where('agency_id', '=', req.agency.id).where('purged_at', 'is', null).execute()).map((r) => r.id);
  let added = 0;
  for (let i = 0; i < ids.length; i += 200) {
    const keys = await officerCaseKeys(p, req, ids.slice(i, i + 200));
    for (const [id, key] of keys) {
      try {
        added += await tx(p.db, async (t) => {
          const c = await t.k.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
          return syncReaders(t, c, key);
        });
      } finally {
        wipe(key);
      }
    }
  }
  return added;
}
