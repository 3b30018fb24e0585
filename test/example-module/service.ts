// Rules, permission and the audit event, in one transaction. The tenant comes from the actor.
import type { Platform } from '../../src/platform/platform.ts';
import { recordAudit } from '../../src/platform/audit/index.ts';
import { requirePermission } from '../../src/platform/auth/roles.ts';
import { actorOf, type Acting } from '../../src/platform/auth/users.ts';
import { tx } from '../../src/platform/db/index.ts';
import { ValidationError } from '../../src/platform/http/errors.ts';
import { indexDocument } from '../../src/platform/search/index.ts';
import { publicChanged } from '../../src/platform/changes.ts';

export async function addFaq(p: Platform, actor: Acting, question: string, answer: string): Promise<number> {
  requirePermission(actor, 'faq.manage');
  if (!question.endsWith('?') && !question.endsWith('ไหม')) throw new ValidationError({ question: 'faq.err.notAQuestion' });
  return tx(p.db, async (t) => {
    const row = await t.k.insertInto('faq_entry').values({ agency_id: actor.agencyId, question, answer, created_by: actor.id, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    await indexDocument(t, { agencyId: actor.agencyId, kind: 'faq', refId: row.id, lang: 'th', title: question, body: answer, url: '/faq', publishedAt: new Date().toISOString() });
    await recordAudit(t, { agencyId: actor.agencyId, actor: actorOf(actor), action: 'faq.create', targetType: 'faq_entry', targetId: row.id, summary: 'question added' });
    publicChanged(t, actor.agencyId);
    return row.id;
  });
}
