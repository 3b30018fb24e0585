// Previews and publication of the yearly report. A published report is frozen as files.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type Acting } from '../../platform/auth/users.ts';
import { tx, type Db, type DbLike } from '../../platform/db/index.ts';
import { agencyUrl } from '../../platform/site.ts';
import { renderDocx, renderPdf } from '../../platform/documents/index.ts';
import { indexDocument } from '../../platform/search/index.ts';
import { syncEach } from '../../platform/search/refold.ts';
import { publicChanged } from '../../platform/changes.ts';
import { reportModel, reportTitle, type Missing } from './report.ts';
import type { ReportKind } from './store.ts';

export const reportPath = (year: number, kind: ReportKind, ext: 'pdf' | 'docx') => `/integrity/${year}/${kind === 'annual' ? 'report' : 'report-6-months'}.${ext}`;

/** What search finds of a published report (Thai only: the report is a Thai document). */
function indexReport(db: DbLike, agencyId: number, year: number, kind: ReportKind, publishedAt: string): Promise<void> {
  const body = `รายงาน ITA ${year} ${kind === 'annual' ? 'ประจำปี' : 'รอบ 6 เดือน'}`;
  return indexDocument(db, { agencyId, kind: 'integrity', refId: `${year}/${kind}`, lang: 'th', title: reportTitle(year, kind), body, url: reportPath(year, kind, 'pdf'), fiscalYear: year, publishedAt });
}

/** Every published report of the agency into search again (ModuleDef.searchSync). */
export const syncAllSearch = (db: Db, agencyId: number): Promise<number> =>
  syncEach(db, 'integrity_report', agencyId, async (t, id) => {
    const r = await t.k.selectFrom('integrity_report').select(['year', 'kind', 'published_at']).where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
    if (r) await indexReport(t, agencyId, r.year, r.kind as ReportKind, r.published_at);
  });

/** A preview of today's data for staff who may read integrity data. */
export async function renderReport(p: Platform, actor: Acting, year: number, kind: ReportKind, format: 'pdf' | 'docx'): Promise<{ data: Buffer } | { missing: Missing[] }> {
  requirePermission(actor, 'integrity.read');
  const r = await reportModel(p.db, actor.agencyId, year, kind, await agencyUrl(p, actor.agencyId));
  if ('missing' in r) return r;
  return { data: format === 'pdf' ? await renderPdf(r.model) : await renderDocx(r.model) };
}

/** Makes both files from today's data and publishes them in place of any earlier version. */
export async function publishReport(p: Platform, actor: Acting, year: number, kind: ReportKind): Promise<{ missing: Missing[] } | { ok: true }> {
  requirePermission(actor, 'integrity.publish');
  const agencyId = actor.agencyId;
  const r = await reportModel(p.db, agencyId, year, kind, await agencyUrl(p, agencyId));
  if ('missing' in r) return r;
  const [pdf, docx] = await Promise.all([renderPdf(r.model), renderDocx(r.model)]);
  const title = reportTitle(year, kind);
  const signer = r.model.blocks.find((b) => b.kind === 'signature');
  const [storedPdf, storedDocx] = await Promise.all([p.files.putGenerated(`${title}.pdf`, pdf, 'pdf'), p.files.putGenerated(`${title}.docx`, docx, 'docx')]);
  await tx(p.db, async (t) => {
    const pdfFile = await p.files.record(t, storedPdf, { agencyId, owner: 'integrity', createdBy: actor.id });
    const docxFile = await p.files.record(t, storedDocx, { agencyId, owner: 'integrity', createdBy: actor.id });
    const values = {
      pdf_file_id: pdfFile.id, docx_file_id: docxFile.id, signer_name: signer?.kind === 'signature' ? signer.lines[1] ?? '' : '',
      signer_position: signer?.kind === 'signature' ? signer.lines[2] ?? '' : '', published_by: actor.id, published_at: new Date().toISOString(),
    };
    await t.k.insertInto('integrity_report').values({ ...values, agency_id: agencyId, year, kind }).onConflict((oc) => oc.columns(['agency_id', 'year', 'kind']).doUpdateSet(values)).execute();
    await indexReport(t, agencyId, year, kind, values.published_at);
    // the report is OIT evidence: the OIT pages that show it (page cache included) are told once this commits
    publicChanged(t, agencyId);
    await recordAudit(t, { agencyId, actor: actorOf(actor), action: 'integrity.report.publish', targetType: 'integrity_report', targetId: `${year}/${kind}`, summary: `${pdf.length} bytes PDF, ${docx.length} bytes DOCX` });
  });
  return { ok: true };
}
