// The participation module's fixed lists and rules: kinds of activity, their states, the groups participants are
// counted in, the kinds of document, what the agency did about a proposal, and when a comment may be posted.
export const MANAGE = 'participation.manage';

export const KINDS = ['community_forum', 'public_hearing', 'consultation', 'meeting', 'survey', 'other'] as const;
export type Kind = (typeof KINDS)[number];

/** planned → open for comments → closed → results reported (วางแผน / เปิดรับฟัง / ปิดรับฟัง / รายงานผลแล้ว) */
export const STATUSES = ['planned', 'open', 'closed', 'reported'] as const;
export type Status = (typeof STATUSES)[number];

export const GROUPS = ['citizens', 'leaders', 'private', 'government', 'other'] as const;
export type Group = (typeof GROUPS)[number];
export const countColumn = (g: Group) => `count_${g}` as const;

export const DOC_KINDS = ['invitation', 'minutes', 'photo', 'report', 'other'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** pending, taken up (รับไปดำเนินการ), done (ดำเนินการแล้ว), cannot be done (ไม่สามารถดำเนินการได้, with the reason) */
export const RESPONSES = ['pending', 'accepted', 'done', 'declined'] as const;
export type ResponseStatus = (typeof RESPONSES)[number];

export const COMMENT_STATES = ['pending', 'approved', 'hidden'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Paths under /participation that are not activities. */
export const RESERVED_SLUGS = new Set(['report', 'new', 'comments', 'year']);

/** A comment is at most this long (characters); a name at most 100. */
export const COMMENT_MAX = 3000;
/** The comment form's whole body, bytes: a 3,000-character Thai comment percent-encoded is about 27 KB. */
export const COMMENT_BODY_BYTES = 48 * 1024;
/** Comments per address (an IPv6 /64 as one): 5 in 10 minutes and 20 a day; for the whole site 2,000 an hour. */
export const COMMENTS_PER_ADDRESS = 5;
export const COMMENTS_PER_ADDRESS_DAY = 20;
export const COMMENTS_PER_SITE_HOUR = 2000;
/** comments an hour from one IPv6 /48 (a site's allocation, 65,536 /64s): it cannot use up the site's hour alone */
export const COMMENTS_PER_48_HOUR = 50;

/** Files per activity: at most this many, each within the platform's upload limit. */
export const MAX_DOCUMENTS = 30;

export interface CommentWindow {
  is_published: boolean;
  is_commentable: boolean;
  status: string;
  comments_close_at: string | null;
}

/** Where an activity's comment form stands now: open, not open yet (still planned), or closed. */
export function commentState(a: CommentWindow, now = new Date()): 'open' | 'notYet' | 'closed' | 'none' {
  if (!a.is_commentable || !a.comments_close_at) return 'none';
  if (a.status === 'planned') return 'notYet';
  if (a.status !== 'open' || !a.is_published || Date.parse(a.comments_close_at) <= now.getTime()) return 'closed';
  return 'open';
}

/** The status the public sees: an open consultation past its closing time reads as closed. */
export function shownStatus(a: CommentWindow, now = new Date()): Status {
  if (a.status === 'open' && a.is_commentable && a.comments_close_at && Date.parse(a.comments_close_at) <= now.getTime()) return 'closed';
  return (STATUSES as readonly string[]).includes(a.status) ? (a.status as Status) : 'planned';
}
