// What publishing has waiting for a person: items they may approve, their drafts returned with a note, notices to read.
import { can } from '../../platform/auth/roles.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import { fromJson } from '../../platform/db/index.ts';
import type { Platform } from '../../platform/platform.ts';
import type { TodoLine } from '../../platform/todo.ts';
import { approvalBar } from './review.ts';
import { pendingWork } from './store.ts';
import { listNotices } from './notices.ts';

export const QUEUES = ['approve', 'returned'] as const;
export type Queue = (typeof QUEUES)[number];

/** The ids of the items in one of this person's queues: 'approve' (in review, and not theirs to refuse), 'returned' (their drafts sent back with a note). */
export async function queueIds(p: Platform, user: CurrentUser, queue: Queue): Promise<number[]> {
  const rows = await pendingWork(p.db, user.agencyId);
  return rows
    .filter((r) => {
      const d = r.draft_status !== null;
      const status = d ? r.draft_status : r.status;
      const authors = fromJson<number[]>(d ? r.draft_authors : r.authors, []);
      if (queue === 'approve') return status === 'in_review' && can(user, 'content.publish') && approvalBar({ authors, submitted_by: d ? r.draft_submitted_by : r.submitted_by }, user.id) === null;
      return status === 'draft' && !!(d ? r.draft_review_note : r.review_note) && authors.includes(user.id);
    })
    .map((r) => r.id);
}

export async function publishingTodo(p: Platform, user: CurrentUser): Promise<TodoLine[]> {
  const lines: TodoLine[] = [];
  if (can(user, 'content.publish')) lines.push({ kind: 'task', order: 10, label: 'pub.todo.approve', count: (await queueIds(p, user, 'approve')).length, href: '/staff/content?queue=approve' });
  if (can(user, 'content.edit')) lines.push({ kind: 'task', order: 20, urgent: true, label: 'pub.todo.returned', count: (await queueIds(p, user, 'returned')).length, href: '/staff/content?queue=returned' });
  const unread = (await listNotices(p.db, user)).filter((n) => !n.acked_at).length;
  lines.push({ kind: 'task', order: 90, label: 'pub.todo.notices', count: unread, href: '/staff/notices' });
  return lines;
}
