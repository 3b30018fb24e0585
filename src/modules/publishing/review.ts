// What review acts on, and who may approve it. Pure rules, shared by the service and the staff pages.
import { fromJson } from '../../platform/db/index.ts';
import type { Content, ContentDraft } from './store.ts';
import { TEMPLATE_GAP } from './templates.ts';

export const authorsOf = (c: Pick<Content, 'authors'>): number[] => fromJson<number[]>(c.authors, []);

/** What review acts on: the item's pending draft when it is published, else the item itself. */
export interface Pending {
  draft: ContentDraft | null;
  status: string;
  revision: number;
  authors: number[];
  submitted_by: number | null;
}

export function pendingOf(c: Content, d: ContentDraft | null | undefined): Pending {
  return d
    ? { draft: d, status: d.status, revision: d.revision, authors: d.authors, submitted_by: d.submitted_by }
    : { draft: null, status: c.status, revision: c.revision, authors: authorsOf(c), submitted_by: c.submitted_by };
}

/** Why this person may not approve the pending text, if they may not: they sent it, or wrote part of it. */
export function approvalBar(pending: Pick<Pending, 'submitted_by' | 'authors'>, actorId: number): 'pub.err.ownApproval' | 'pub.err.ownText' | null {
  if (pending.submitted_by === actorId) return 'pub.err.ownApproval';
  if (pending.authors.includes(actorId)) return 'pub.err.ownText';
  return null;
}


/** What the check page points out before sending (the service refuses what breaks a rule; these only look incomplete). */
type Warning = 'pub.check.noAttachments' | 'pub.check.noYear' | 'pub.err.signoffMissing' | 'pub.check.templateLeft';
export function checkWarnings(c: Pick<Content, 'kind' | 'fiscal_year' | 'is_signoff_required' | 'signoff_name' | 'signoff_date' | 'body_th' | 'body_en'>, attachments: readonly unknown[]): Warning[] {
  const w: Warning[] = [];
  // a template's [เติม: …] / [Fill in: …] still in the text
  if (TEMPLATE_GAP.test(c.body_th) || TEMPLATE_GAP.test(c.body_en)) w.push('pub.check.templateLeft');
  if (c.kind === 'document' && attachments.length === 0) w.push('pub.check.noAttachments');
  if (c.kind === 'document' && !c.fiscal_year) w.push('pub.check.noYear');
  if (c.is_signoff_required && (!c.signoff_name || !c.signoff_date)) w.push('pub.err.signoffMissing');
  return w;
}
