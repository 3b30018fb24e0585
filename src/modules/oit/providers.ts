// Evidence from the modules OIT stands on: published documents, pages and news; the agency's own pages.
// (Modules built on OIT register their own providers through registerEvidenceProvider.)
import type { EvidenceIssue, EvidenceProvider } from './evidence.ts';
import { fileUrl } from '../../platform/files/index.ts';
import { likeEscape, likeExpr } from '../../platform/db/index.ts';
import { contentUrl, getContent, isPublic, listAttachments } from '../publishing/index.ts';
import { getAgency, listDivisions, listExecutives } from '../agency/index.ts';

export const contentEvidence: EvidenceProvider = {
  key: 'content',
  label: { th: 'เอกสาร ข่าว และหน้าเว็บ', en: 'Documents, news and pages' },
  async candidates(db, agencyId, q) {
    let query = db.k.selectFrom('content').select(['id', 'kind', 'title_th', 'fiscal_year', 'status', 'period']).where('agency_id', '=', agencyId).where('status', '!=', 'archived');
    if (q) query = query.where(likeExpr('title_th', `%${likeEscape(q)}%`));
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


const PAGES = {
  structure: { th: 'โครงสร้างหน่วยงาน', en: 'Organisation structure', url: '/about/structure' },
  executives: { th: 'ข้อมูลผู้บริหาร', en: 'Executives', url: '/about/executives' },
  contact: { th: 'ข้อมูลการติดต่อ', en: 'Contact information', url: '/contact' },
} as const;

export const agencyEvidence: EvidenceProvider = {
  key: 'agency',
  label: { th: 'หน้าข้อมูลหน่วยงาน', en: 'Agency pages' },
  async candidates() {
    return Object.entries(PAGES).map(([ref, p]) => ({ ref, title: p.th, detail: p.url }));
  },
  async resolve(db, agencyId, ref) {
    const page = PAGES[ref as keyof typeof PAGES];
    if (!page) return null;
    const issues: EvidenceIssue[] = [];
    if (ref === 'executives') {
      const execs = await listExecutives(db, agencyId);
      if (!execs.length) issues.push({ key: 'agency.evidence.noExecutives' });
      for (const e of execs) {
        if (!e.portrait_file_id) issues.push({ key: 'agency.evidence.noPortrait', vars: { name: e.name_th } });
        if (!e.phone && !e.email) issues.push({ key: 'agency.evidence.noContact', vars: { name: e.name_th } });
      }
    }
    if (ref === 'structure') {
      const divisions = await listDivisions(db, agencyId);
      for (const side of ['political', 'permanent']) if (!divisions.some((d) => d.side === side)) issues.push({ key: `agency.evidence.noSide.${side as 'political'}` });
    }
    if (ref === 'contact') {
      const a = await getAgency(db, agencyId);
      if (!a?.address_th || !a.phone || !a.email) issues.push({ key: 'agency.evidence.contactIncomplete' });
    }
    return { title: { th: page.th, en: page.en }, url: page.url, published: true, fiscalYear: null, period: null, publishedAt: null, attachments: [], issues };
  },
};
