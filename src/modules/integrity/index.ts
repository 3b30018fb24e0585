// Integrity management: ITA results, recommendations and measures, risks, the action plan, ethics,
// and the yearly report generated as DOCX and PDF.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { registerSearchKind } from '../../platform/search/index.ts';
import { registerJob } from '../../platform/jobs/index.ts';
import { fileUrl, registerFileOwner } from '../../platform/files/index.ts';
import { can } from '../../platform/auth/roles.ts';
import { registerDataset, registerSitemapSource } from '../publishing/index.ts';
import { registerEvidenceProvider } from '../oit/index.ts';
import './messages.ts';
import { registerIntegrityRoutes } from './routes.tsx';
import { fmtScore } from './rules.ts';
import { reportPath } from './reports.ts';
import { sendReminders } from './reminders.ts';
import { reportTitle } from './report.ts';
import { getReport, integrityYears, listReports, listResults, type ReportKind } from './store.ts';

export { sendReminders };
export { seedDemoIntegrity } from './demo.ts';
export { reportModel } from './report.ts';
export { publishReport } from './reports.ts';

registerJob({ name: 'integrity-reminders', everyMinutes: 60, run: async (p) => `${(await sendReminders(p)).sent} reminders sent` });

// the published yearly report as OIT evidence (for the item on the measures' operation report)
registerEvidenceProvider({
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
    const files = r ? await db.k.selectFrom('file').select(['public_id', 'original_name', 'ext', 'size_bytes']).where('id', 'in', [r.pdf_file_id ?? 0, r.docx_file_id ?? 0]).execute() : [];
    const title = reportTitle(year, kind);
    return {
      title: { th: title, en: title }, url: `/integrity/${year}`, published: !!r, fiscalYear: year, period: null, publishedAt: r?.published_at ?? null,
      attachments: files.map((f) => ({ name: f.original_name, url: fileUrl(f), ext: f.ext, size: f.size_bytes })),
      issues: [],
    };
  },
});

export function registerIntegrity(app: FastifyInstance, p: Platform): void {
  // the files of the yearly report as it is published now; earlier versions stay for staff
  registerFileOwner('integrity', async (db, file, reader) => {
    const current = await db.k.selectFrom('integrity_report').select('id').where((eb) => eb.or([eb('pdf_file_id', '=', file.id), eb('docx_file_id', '=', file.id)])).limit(1).executeTakeFirst();
    return current ? 'public' : can(reader, 'integrity.read') ? 'private' : null;
  });
  registerSearchKind('integrity', { th: 'รายงานคุณธรรมและความโปร่งใส', en: 'Integrity report' });
  registerSitemapSource('integrity', async (db, agencyId) => [{ path: '/integrity' }, ...(await integrityYears(db, agencyId)).map((y) => ({ path: `/integrity/${y}` }))]);
  registerDataset({
    key: 'ita-results',
    title: { th: 'ผลการประเมินคุณธรรมและความโปร่งใส (ITA) รายปี', en: 'ITA results by year' },
    description: { th: 'คะแนน IIT EIT OIT คะแนนรวม และระดับผลการประเมินของแต่ละปี', en: 'IIT, EIT, OIT, total and level of each assessment year' },
    keywords: ['ITA', 'คุณธรรม', 'ความโปร่งใส'],
    columns: ['year', 'iit', 'eit', 'oit', 'total', 'level'].map((key) => ({ key, title: { th: key, en: key } })),
    async rows(db, agencyId) {
      return (await listResults(db, agencyId)).map((r) => ({ year: r.year, iit: fmtScore(r.iit), eit: fmtScore(r.eit), oit: fmtScore(r.oit), total: fmtScore(r.total), level: r.level_th }));
    },
  });
  app.nav.public.push({ href: '/integrity', label: 'integrity.nav', order: 65 });
  app.nav.staff.push({ href: '/staff/integrity', label: 'integrity.nav.staff', permission: 'integrity.read', order: 25 });
  registerIntegrityRoutes(app, p);
}
