// The complaints module's tables, and the reads that need no key (lists, dates, statistics).
import type { Generated, Selectable } from 'kysely';
import type { DbLike } from '../../platform/db/index.ts';

export interface ComplaintTable {
  id: Generated<number>;
  agency_id: number;
  fiscal_year: number;
  seq: number;
  lane: string;
  category: string;
  channel: string;
  status: string;
  forwarded_to: string;
  is_identified: boolean;
  receipt_lookup: string;
  receipt_salt: string;
  receipt_wrap: string;
  content_sealed: string | null;
  identity_sealed: string | null;
  assigned_user_id: number | null;
  assigned_division_id: number | null;
  received_at: string;
  ack_due: string;
  conclude_due: string;
  acknowledged_at: string | null;
  concluded_at: string | null;
  closed_at: string | null;
  purged_at: string | null;
  updated_at: string;
}

export interface ComplaintKeyTable {
  id: Generated<number>;
  complaint_id: number;
  /** null: the agency's recovery key */
  user_id: number | null;
  sealed_key: string;
  key_fp: string;
}

export interface ComplaintReaderTable {
  agency_id: number;
  user_id: number;
  approved_by: number | null;
  approved_at: string;
}

export interface ComplaintExclusionTable {
  complaint_id: number;
  user_id: number;
  created_at: string;
}

export interface ComplaintMessageTable {
  id: Generated<number>;
  complaint_id: number;
  /** 'complainant', 'officer' (seen by the complainant) or 'note' (officers only) */
  author: string;
  user_id: number | null;
  body_sealed: string;
  created_at: string;
}

export interface ComplaintFileTable {
  id: Generated<number>;
  complaint_id: number;
  message_id: number | null;
  file_id: number;
  author: string;
  meta_sealed: string;
  created_at: string;
}

export interface ComplaintStatusTable {
  id: Generated<number>;
  complaint_id: number;
  status: string;
  at: string;
}

export interface ComplaintVisitTable {
  id: string;
  complaint_id: number;
  sealed_key: string;
  expires_at: string;
}

export interface ComplaintAlertTable {
  complaint_id: number;
  kind: string;
  day: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    complaint: ComplaintTable;
    complaint_key: ComplaintKeyTable;
    complaint_reader: ComplaintReaderTable;
    complaint_exclusion: ComplaintExclusionTable;
    complaint_message: ComplaintMessageTable;
    complaint_file: ComplaintFileTable;
    complaint_status: ComplaintStatusTable;
    complaint_visit: ComplaintVisitTable;
    complaint_alert: ComplaintAlertTable;
  }
}

export type Complaint = Selectable<ComplaintTable>;

/** The case number staff and statistics use: '2570-0007'. */
export const caseNumber = (c: Pick<Complaint, 'fiscal_year' | 'seq'>) => `${c.fiscal_year}-${String(c.seq).padStart(4, '0')}`;

export async function getComplaint(db: DbLike, agencyId: number, id: number): Promise<Complaint | undefined> {
  return db.k.selectFrom('complaint').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
}

export interface ListFilter {
  agencyId: number;
  lane?: string;
  status?: string;
  /** 'overdue': past a deadline and not concluded; 'open': not closed */
  state?: 'open' | 'overdue';
  assignedTo?: number;
  /** cases this person is excluded from are left out */
  viewer: number;
  now: string;
  limit: number;
  offset: number;
}

export async function listComplaints(db: DbLike, f: ListFilter): Promise<{ total: number; rows: Complaint[] }> {
  let q = db.k.selectFrom('complaint').where('agency_id', '=', f.agencyId).where('purged_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('complaint_exclusion').select('complaint_id').whereRef('complaint_exclusion.complaint_id', '=', 'complaint.id').where('complaint_exclusion.user_id', '=', f.viewer))));
  if (f.lane) q = q.where('lane', '=', f.lane);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.assignedTo) q = q.where('assigned_user_id', '=', f.assignedTo);
  if (f.state === 'open') q = q.where('status', '!=', 'closed');
  if (f.state === 'overdue') {
    q = q.where((eb) => eb.or([
      eb.and([eb('acknowledged_at', 'is', null), eb('ack_due', '<', f.now)]),
      eb.and([eb('concluded_at', 'is', null), eb('conclude_due', '<', f.now)]),
    ]));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.selectAll().orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { total, rows };
}

export async function statusHistory(db: DbLike, complaintId: number) {
  return db.k.selectFrom('complaint_status').select(['status', 'at']).where('complaint_id', '=', complaintId).orderBy('at').orderBy('id').execute();
}

export async function messagesOf(db: DbLike, complaintId: number, withNotes: boolean) {
  let q = db.k.selectFrom('complaint_message').leftJoin('app_user', 'app_user.id', 'complaint_message.user_id')
    .select(['complaint_message.id', 'complaint_message.author', 'complaint_message.user_id', 'complaint_message.body_sealed', 'complaint_message.created_at', 'app_user.display_name'])
    .where('complaint_message.complaint_id', '=', complaintId);
  if (!withNotes) q = q.where('complaint_message.author', '!=', 'note');
  return q.orderBy('complaint_message.created_at').orderBy('complaint_message.id').execute();
}

export async function filesOf(db: DbLike, complaintId: number) {
  return db.k.selectFrom('complaint_file').selectAll().where('complaint_id', '=', complaintId).orderBy('id').execute();
}

export async function exclusionsOf(db: DbLike, complaintId: number): Promise<number[]> {
  return (await db.k.selectFrom('complaint_exclusion').select('user_id').where('complaint_id', '=', complaintId).execute()).map((r) => r.user_id);
}

/** The agency's active staff, by name, to assign a case to. */
export async function activeStaff(db: DbLike, agencyId: number): Promise<Array<{ id: number; name: string }>> {
  const rows = await db.k.selectFrom('app_user').select(['id', 'display_name']).where('agency_id', '=', agencyId).where('is_disabled', '=', false).orderBy('display_name').orderBy('id').execute();
  return rows.map((u) => ({ id: u.id, name: u.display_name }));
}
