// Notices to all staff (e.g. the year's spending plan) that each person acknowledges; the report is ITA evidence.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type CurrentUser } from '../../platform/auth/users.ts';
import { tx, type DbLike } from '../../platform/db/index.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { sortThai } from '../../platform/thai/index.ts';


export interface NoticeInput {
  title: string;
  body: string;
  content_id: number | null;
  fiscal_year: number | null;
}

export async function createNotice(p: Platform, actor: CurrentUser, input: NoticeInput): Promise<number> {
  requirePermission(actor, 'notice.manage');
  return tx(p.db, async (t) => {
    if (input.content_id !== null) {
      const doc = await t.k.selectFrom('content').select('id').where('agency_id', '=', actor.agencyId).where('id', '=', input.content_id).executeTakeFirst();
      if (!doc) input = { ...input, content_id: null };
    }
    const row = await t.k.insertInto('staff_notice').values({ ...input, agency_id: actor.agencyId, created_by: actor.id, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'notice.create', targetType: 'staff_notice', targetId: row.id, summary: input.title.slice(0, 200) });
    return row.id;
  });
}

export async function acknowledge(p: Platform, actor: CurrentUser, noticeId: number): Promise<void> {
  await tx(p.db, async (t) => {
    const n = await t.k.selectFrom('staff_notice').select('id').where('agency_id', '=', actor.agencyId).where('id', '=', noticeId).executeTakeFirst();
    if (!n) throw new NotFoundError();
    const done = await t.k.selectFrom('staff_notice_ack').select('user_id').where('notice_id', '=', noticeId).where('user_id', '=', actor.id).executeTakeFirst();
    if (done) return;
    await t.k.insertInto('staff_notice_ack').values({ agency_id: actor.agencyId, notice_id: noticeId, user_id: actor.id, at: new Date().toISOString() }).execute();
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'notice.acknowledge', targetType: 'staff_notice', targetId: noticeId, summary: 'acknowledged' });
  });
}

export interface NoticeRow {
  id: number;
  title: string;
  body: string;
  content_id: number | null;
  fiscal_year: number | null;
  created_at: string;
  acked_at: string | null;
}

/** Notices with this user's acknowledgement time (null when not yet). */
export async function listNotices(db: DbLike, actor: CurrentUser): Promise<NoticeRow[]> {
  return db.k
    .selectFrom('staff_notice')
    .leftJoin('staff_notice_ack', (j) => j.onRef('staff_notice_ack.notice_id', '=', 'staff_notice.id').on('staff_notice_ack.user_id', '=', actor.id))
    .select(['staff_notice.id', 'staff_notice.title', 'staff_notice.body', 'staff_notice.content_id', 'staff_notice.fiscal_year', 'staff_notice.created_at', 'staff_notice_ack.at as acked_at'])
    .where('staff_notice.agency_id', '=', actor.agencyId)
    .orderBy('staff_notice.created_at', 'desc')
    .execute();
}

export interface NoticeReport {
  notice: { id: number; title: string; body: string; created_at: string; content_id: number | null; fiscal_year: number | null };
  people: Array<{ username: string; display_name: string; acked_at: string | null }>;
  acked: number;
}

/** Who has and who has not acknowledged: every active staff account. */
export async function noticeReport(p: Platform, actor: CurrentUser, noticeId: number): Promise<NoticeReport> {
  requirePermission(actor, 'notice.report');
  const notice = await p.db.k.selectFrom('staff_notice').select(['id', 'title', 'body', 'created_at', 'content_id', 'fiscal_year']).where('agency_id', '=', actor.agencyId).where('id', '=', noticeId).executeTakeFirst();
  if (!notice) throw new NotFoundError();
  const rows = await p.db.k
    .selectFrom('app_user')
    .leftJoin('staff_notice_ack', (j) => j.onRef('staff_notice_ack.user_id', '=', 'app_user.id').on('staff_notice_ack.notice_id', '=', noticeId))
    .select(['app_user.username', 'app_user.display_name', 'staff_notice_ack.at as acked_at'])
    .where('app_user.agency_id', '=', actor.agencyId)
    .where('app_user.is_disabled', '=', false)
    .execute();
  // not yet first, then by name in Thai order
  const people = [...sortThai(rows.filter((r) => !r.acked_at), (r) => r.display_name), ...sortThai(rows.filter((r) => r.acked_at), (r) => r.display_name)];
  return { notice, people, acked: rows.filter((r) => r.acked_at).length };
}
