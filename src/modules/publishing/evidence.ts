// Documents, pages and news as OIT evidence: what an assessor finds at the item's page, and whether it is public.
import type { EvidenceProvider } from '../../platform/evidence.ts';
import { fileUrl } from '../../platform/files/index.ts';
import { likeEscape, likeExpr } from '../../platform/db/index.ts';
import { contentUrl } from './kinds.ts';
import { getContent, isPublic, listAttachments } from './store.ts';

export const contentEvidence: EvidenceProvider = {
  key: 'content',
  label: { th: 'เอกสาร ข่าว และหน้าเว็บ', en: 'Documents, news and pages' },
  async candidates(db, agencyId, q) {
    let query = db.k.selectFrom('content').select(['id', 'kind', 'title_th', 'fiscal_year', 'status', 'period']).where('agency_id', '=', agencyId).where('status', '!=', 'archived');
    if (q) query = query.where(likeExpr(db, 'title_th', `%${likeEscape(q)}%`));
    const rows = await query.orderBy('updated_at', 'desc').limit(200).execute();
    return rows.map((r) => ({ ref: String(r.id), title: r.title_th, detail: [r.kind, r.fiscal_year ? `FY ${r.fiscal_year}` : '', r.period ?? '', r.status].filter(Boolean).join(' · ') }));
  },
  async resolve(db, agencyId, ref) {
    const id = Number(ref);
    if (!Number.isInteger(id)) return null;
    const c = await getContent(db, agencyId, id);
    if (!c) return null;
    const atts = (await listAttachments(db, agencyId, [c.id])).get(c.id) ?? [];
    return {
      title: { th: c.title_th, en: c.title_en || c.title_th },
      url: contentUrl(c.kind, c.slug),
      published: isPublic(c),
      fiscalYear: c.fiscal_year,
      period: c.period,
      publishedAt: c.published_at,
      attachments: atts.map((a) => ({ name: a.label || a.original_name, url: fileUrl(a), ext: a.ext, size: a.size_bytes })),
      issues: [],
    };
  },
};
