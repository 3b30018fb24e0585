// The agency's own pages as OIT evidence: structure, executives and contacts, with the gaps an assessor would see.
import type { EvidenceIssue, EvidenceProvider } from '../../platform/evidence.ts';
import { getAgency } from '../../platform/tenant.ts';
import { listDivisions, listExecutives } from './store.ts';

const PAGES = {
  structure: { th: 'โครงสร้างหน่วยงาน', en: 'Organisation structure', url: '/about/structure' },
  executives: { th: 'ข้อมูลผู้บริหาร', en: 'Executives', url: '/about/executives' },
  contact: { th: 'ข้อมูลการติดต่อ', en: 'Contact information', url: '/contact' },
} as const;

export const agencyEvidence: EvidenceProvider = {
  key: 'agency',
  label: { th: 'หน้าข้อมูลหน่วยงาน', en: 'Agency pages' },
  async candidates(_db, _agencyId, _q, filter = {}) {
    return Object.entries(PAGES).map(([ref, p]) => ({ ref, title: filter.lang === 'en' ? p.en : p.th, detail: p.url }));
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
