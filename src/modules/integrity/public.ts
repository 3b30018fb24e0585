// What the integrity module offers the rest of the site: its yearly reports as OIT evidence, its results as open
// data, its pages for the sitemap, and who may read its files.
import type { EvidenceProvider } from '../../platform/evidence.ts';
import type { Dataset } from '../../platform/opendata/index.ts';
import type { SitemapSource } from '../../platform/sitemap.ts';
import type { FileAccessRule } from '../../platform/files/index.ts';
import { fileUrl } from '../../platform/files/index.ts';
import { can } from '../../platform/auth/roles.ts';
import { fmtScore } from './rules.ts';
import { reportPath } from './reports.ts';
import { reportTitle } from './report.ts';
import { getReport, integrityYears, isPublishedReportFile, listReports, listResults, publishedReportFile, type ReportKind } from './store.ts';

// the published yearly report, for the item on the measures' operation report
export const reportEvidence: EvidenceProvider = {
  key: 'integrity',
  label: { th: 'รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส', en: 'Integrity and transparency reports' },
  async candidates(db, agencyId) {
    return (await listReports(db, agencyId)).map((r) => ({ ref: `${r.year}/${r.kind}`, title: reportTitle(r.year, r.kind as ReportKind), detail: reportPath(r.year, r.kind as ReportKind, 'pdf') }));
  },
  async resolve(db, agencyId, ref) {
    const m = /^(\d{4})\/(annual|six_month)$/.exec(ref);
    if (!m) return null;
    const year = Number(m[1]);
    const kind = m[2] as ReportKind;
    const r = await getReport(db, agencyId, year, kind);
    const files = r ? (await Promise.all((['pdf', 'docx'] as const).map((ext) => publishedReportFile(db, agencyId, year, kind, ext)))).filter((f) => !!f) : [];
    const title = reportTitle(year, kind);
    return {
      title: { th: title, en: title }, url: `/integrity/${year}`, published: !!r, fiscalYear: year, period: null, publishedAt: r?.published_at ?? null,
      attachments: files.map((f) => ({ name: f.original_name, url: fileUrl(f), ext: f.ext, size: f.size_bytes })),
      issues: [],
    };
  },
};

export const integritySitemap: SitemapSource = async (db, agencyId) => [{ path: '/integrity' }, ...(await integrityYears(db, agencyId)).map((y) => ({ path: `/integrity/${y}` }))];

export const resultsDataset: Dataset = {
  key: 'ita-results',
  title: { th: 'ผลการประเมินคุณธรรมและความโปร่งใส (ITA) รายปี', en: 'ITA results by year' },
  description: { th: 'คะแนน IIT EIT OIT คะแนนรวม และระดับผลการประเมินของแต่ละปี', en: 'IIT, EIT, OIT, total and level of each assessment year' },
  keywords: ['ITA', 'คุณธรรม', 'ความโปร่งใส'],
  columns: ['year', 'iit', 'eit', 'oit', 'total', 'level'].map((key) => ({ key, title: { th: key, en: key } })),
  async rows(db, agencyId) {
    return (await listResults(db, agencyId)).map((r) => ({ year: r.year, iit: fmtScore(r.iit), eit: fmtScore(r.eit), oit: fmtScore(r.oit), total: fmtScore(r.total), level: r.level_th }));
  },
};

// the files of the yearly report as it is published now; earlier versions stay for staff
export const reportFileAccess: FileAccessRule = async (db, file, reader) => ((await isPublishedReportFile(db, file.id)) ? 'public' : can(reader, 'integrity.read') ? 'private' : null);
