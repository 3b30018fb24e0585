// Documents, pages and news as OIT evidence: what an assessor finds at the item's page, and whether it is public.
import type { EvidenceProvider } from '../../platform/evidence.ts';
import { fileUrl } from '../../platform/files/index.ts';
import { likeEscape, likeExpr } from '../../platform/db/index.ts';
import { translate } from '../../platform/i18n/index.ts';
import { formatMonth } from '../../platform/thai/index.ts';
import { contentUrl, kindKey, statusKey } from './kinds.ts';
import { getContent, isPublic, listAttachments } from './store.ts';

export const contentEvidence: EvidenceProvider = {
  key: 'content',
  label: { th: 'เอกสาร ข่าว และหน้าเว็บ', en: 'Documents, news and pages' },
  async candidates(db, agencyId, q, f = {}) {
    const lang = f.lang ?? 'th';
    let query = db.k.selectFrom('content').select(['id', 'kind', 'title_th', 'title_en', 'fiscal_year', 'status', 'period']).where('agency_id', '=', agencyId).where('status', '!=', 'archived');
    // every word somewhere in a title: Thai is typed with spaces between words that titles may not have
    for (const word of q.split(/\s+/).filter(Boolean).slice(0, 8)) {
      const pattern = `%${likeEscape(word)}%`;
      query = query.where((eb) => eb.or([likeExpr(db, 'title_th', pattern), likeExpr(db, 'title_en', pattern)]));
    }
    if (f.publishedOnly) query = query.where('status', '=', 'published').where('published_at', '<=', new Date().toISOString());
    if (f.fiscalYears?.length) query = query.where('fiscal_year', 'in', f.fiscalYears);
    const ordered = f.publishedOnly ? query.orderBy('published_at', 'desc') : query.orderBy('updated_at', 'desc');
    const rows = await ordered.orderBy('id', 'desc').limit(Math.min(f.limit ?? 200, 200)).execute();
    return rows.map((r) => ({
      ref: String(r.id),
      title: (lang === 'en' && r.title_en) || r.title_th,
      detail: [
        translate(lang, kindKey(r.kind)),
        r.fiscal_year ? `${translate(lang, 'pub.field.fiscalYear')} ${r.fiscal_year}` : '',
        r.period ? formatMonth(r.period, lang) : '',
        r.status === 'published' ? '' : translate(lang, statusKey(r.status)),
      ].filter(Boolean).join(' · '),
    }));
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
