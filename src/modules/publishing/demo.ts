// Demo disclosures: the FY 2567 outcomes of the seed report and the current year's plans and news,
// each document with a generated PDF. Loaded once, into a new demo agency.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/index.ts';
import { toJson, tx, type Tx } from '../../platform/db/index.ts';
import { renderPdf, type Block } from '../../platform/documents/index.ts';
import { fiscalMonths, formatMonth, bahtText } from '../../platform/thai/index.ts';
import { headOfAgency, readSeed } from '../agency/index.ts';
import { getAgency } from '../../platform/tenant.ts';
import type { DemoContext } from '../../platform/module.ts';
import { Marked } from 'marked';
import { renderBody } from './markup.ts';
import { syncSearch } from './service.ts';
import { getContent, type Content } from './store.ts';

export interface OitRef {
  year: number;
  code: string;
}
interface DocSeed {
  slug: string;
  category: string;
  fiscal_year: number | null;
  published: string;
  title_th: string;
  title_en: string;
  summary_th: string;
  /** the full text (Markdown), also laid out in the PDF; otherwise the body says to open the file */
  body_th?: string;
  oit?: OitRef[];
  signoff?: boolean;
}
interface NewsSeed {
  slug: string;
  published: string;
  fiscal_year: number;
  title_th: string;
  summary_th: string;
  oit?: OitRef[];
}
export interface PublishingSeed {
  pages: Array<{ slug: string; title_th: string; title_en: string; body_th: string; oit?: OitRef[] }>;
  documents: DocSeed[];
  monthly: { fiscal_years: number[]; oit: OitRef[]; title_th: string; title_en: string };
  news: NewsSeed[];
  external: Array<OitRef & { url: string; label: string }>;
  agency: Array<OitRef & { ref: string }>;
  notice: { title: string; document: string; fiscal_year: number; body: string; acknowledged_by: string[] };
  draft: { slug: string; category: string; fiscal_year: number; title_th: string; summary_th: string };
}

/** 09:00 in Bangkok on a day. */
const at9 = (day: string) => new Date(`${day}T09:00:00+07:00`).toISOString();

function pdfBlocks(agency: string, title: string, summary: string, extra: Block[] = []): Block[] {
  return [
    { kind: 'heading', level: 1, text: title, align: 'center' },
    { kind: 'paragraph', content: agency, align: 'center' },
    { kind: 'spacer', height: 8 },
    { kind: 'paragraph', content: summary, indent: true },
    { kind: 'paragraph', content: 'เอกสารนี้เป็นเอกสารตัวอย่างของระบบโปร่งใส (Prongsai) จัดทำขึ้นเพื่อสาธิตการเผยแพร่ข้อมูลและการผูกหลักฐานกับรายการประเมิน OIT', indent: true },
    ...extra,
  ];
}

const lexer = new Marked({ gfm: true });

/** A demo body (Markdown headings, paragraphs, lists and tables) as blocks of the document model, for its PDF. */
export function markdownBlocks(md: string): Block[] {
  const out: Block[] = [];
  for (const tok of lexer.lexer(md)) {
    if (tok.type === 'heading') out.push({ kind: 'heading', level: tok.depth <= 2 ? 2 : 3, text: tok.text });
    else if (tok.type === 'paragraph') out.push({ kind: 'paragraph', content: tok.text, indent: true });
    else if (tok.type === 'list') out.push({ kind: 'list', ordered: tok.ordered, items: (tok.items as Array<{ text: string }>).map((i) => i.text) });
    else if (tok.type === 'table') {
      const header = tok.header as Array<{ text: string }>;
      const rows = (tok.rows as Array<Array<{ text: string }>>).map((r) => r.map((c) => c.text));
      // columns as wide as their text is long on average, within 1.3 to 3
      const width = (i: number) => Math.min(3, Math.max(1.3, (rows.reduce((n, r) => n + (r[i]?.length ?? 0), header[i]!.text.length) / (rows.length + 1)) / 10));
      out.push({ kind: 'table', size: 12, columns: header.map((h, i) => ({ header: h.text, width: width(i) })), rows });
    }
  }
  return out;
}

/** A sample สขร.1 table for one month: the nine columns of the official form. */
function skr1Rows(period: string): Extract<Block, { kind: 'table' }> {
  const seed = Number(period.replace('-', ''));
  const items = ['จัดซื้อวัสดุสำนักงาน', 'จ้างเหมาซ่อมแซมถนนลาดยาง', 'จัดซื้อวัสดุคอมพิวเตอร์'];
  return {
    kind: 'table',
    size: 11,
    columns: [
      { header: 'ลำดับ', width: 0.6 }, { header: 'งานที่จัดซื้อหรือจัดจ้าง', width: 2 }, { header: 'วงเงินที่จัดซื้อหรือจัดจ้าง (บาท)', width: 1.3 },
      { header: 'ราคากลาง (บาท)', width: 1.2 }, { header: 'วิธีซื้อหรือจ้าง', width: 1.1 }, { header: 'รายชื่อผู้เสนอราคาและราคาที่เสนอ', width: 1.8 },
      { header: 'ผู้ได้รับการคัดเลือกและราคาที่ตกลง', width: 1.8 }, { header: 'เหตุผลที่คัดเลือกโดยสังเขป', width: 1.4 }, { header: 'เลขที่และวันที่ของสัญญาหรือข้อตกลง', width: 1.5 },
    ],
    rows: items.map((name, i) => {
      const amount = ((seed * (i + 3)) % 90 + 10) * 1000;
      return [String(i + 1), name, amount.toLocaleString('th-TH'), amount.toLocaleString('th-TH'), 'เฉพาะเจาะจง', `ร้านตัวอย่างที่ ${i + 1} ${amount.toLocaleString('th-TH')} บาท`, `ร้านตัวอย่างที่ ${i + 1} ${amount.toLocaleString('th-TH')} บาท (${bahtText(amount)})`, 'ราคาต่ำสุดและคุณสมบัติครบถ้วน', `${i + 1}/${period.slice(0, 4)}`];
    }),
  };
}

/** The สขร.1 table as a spreadsheet too: the OIT item asks for the monthly summary in PDF and in Excel. */
async function tableXlsx(title: string, table: Extract<Block, { kind: 'table' }>): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Prongsai';
  const ws = wb.addWorksheet('สขร.1');
  ws.addRow([title]).font = { bold: true };
  ws.addRow(table.columns.map((c) => c.header)).font = { bold: true };
  for (const r of table.rows) ws.addRow(r);
  ws.columns.forEach((c, i) => { c.width = Math.round((table.columns[i]?.width ?? 1) * 14); });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function attach(p: Platform, t: Tx, agencyId: number, contentId: number, name: string, data: Buffer, kind: 'xlsx', label: string, order: number): Promise<void> {
  const stored = await p.files.putGenerated(name, data, kind);
  const file = await p.files.record(t, stored, { agencyId, owner: 'content', createdBy: null });
  await t.k.insertInto('content_attachment').values({ agency_id: agencyId, content_id: contentId, file_id: file.id, label, sort_order: order }).execute();
  // the attachments' names are in the item's search entry, as publishing puts them there
  await syncSearch(t, (await getContent(t, agencyId, contentId))!);
}

async function insert(p: Platform, t: Tx, agencyId: number, row: Partial<Content> & Pick<Content, 'kind' | 'slug' | 'title_th' | 'status'>, pdf: Block[] | null): Promise<number> {
  const now = new Date().toISOString();
  const body_th = row.body_th ?? '';
  const c = await t.k
    .insertInto('content')
    .values({
      agency_id: agencyId, kind: row.kind, slug: row.slug, title_th: row.title_th, title_en: row.title_en ?? '', summary_th: row.summary_th ?? '', summary_en: '',
      body_format: 'markdown', body_th, body_en: '', body_html_th: renderBody('markdown', body_th), body_html_en: '', category: row.category ?? '',
      fiscal_year: row.fiscal_year ?? null, period: row.period ?? null, status: row.status, is_signoff_required: row.is_signoff_required ?? false,
      signoff_name: row.signoff_name ?? '', signoff_position: row.signoff_position ?? '', signoff_date: row.signoff_date ?? null,
      publish_at: null, published_at: row.published_at ?? null, submitted_by: null, submitted_at: row.published_at ?? null, approved_by: null, approved_at: row.published_at ?? null,
      review_note: '', cover_file_id: null, revision: 1, created_by: null, created_at: row.published_at ?? now, updated_by: null, updated_at: row.published_at ?? now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await t.k.insertInto('content_revision').values({ agency_id: agencyId, content_id: c.id, revision: 1, snapshot: toJson({ title_th: c.title_th }), status: c.status, changed_by: null, changed_at: now, note: 'demo' }).execute();
  if (pdf) {
    const stored = await p.files.putGenerated(`${row.slug}.pdf`, await renderPdf({ title: row.title_th, blocks: pdf, orientation: row.period ? 'landscape' : 'portrait' }), 'pdf');
    const file = await p.files.record(t, stored, { agencyId, owner: 'content', createdBy: null });
    await t.k.insertInto('content_attachment').values({ agency_id: agencyId, content_id: c.id, file_id: file.id, label: `${row.title_th} (PDF)`, sort_order: 0 }).execute();
  }
  await syncSearch(t, c);
  return c.id;
}

/** Returns the demo's content ids by slug, and the seed data (OIT bindings are made by the OIT demo). */
/** The demo's documents, pages, news and notice; their ids by slug go into the demo context for later steps. */
export async function seedDemoPublishing(p: Platform, ctx: DemoContext): Promise<void> {
  const agencyId = ctx.agencyId;
  const seed = readSeed<PublishingSeed>('demo-publishing.json');
  const agency = (await getAgency(p.db, agencyId))!;
  const head = await headOfAgency(p.db, agencyId);
  const ids = ctx.ids;
  await tx(p.db, async (t) => {
    for (const pg of seed.pages) {
      ids.set(pg.slug, await insert(p, t, agencyId, { kind: 'page', slug: pg.slug, title_th: pg.title_th, title_en: pg.title_en, body_th: pg.body_th, status: 'published', published_at: at9('2023-10-02') }, null));
    }
    for (const d of seed.documents) {
      const signoff = d.signoff && head ? { is_signoff_required: true, signoff_name: head.name_th, signoff_position: head.position_th, signoff_date: d.published } : {};
      // a document with its full text lays it out in the PDF too, signed by the head of the agency when it needs sign-off
      const full: Block[] = d.body_th ? [...markdownBlocks(d.body_th), ...(d.signoff && head ? [{ kind: 'signature' as const, lines: ['ลงชื่อ ..................................................', `(${head.name_th})`, head.position_th] }] : [])] : [];
      const body_th = d.body_th ?? `${d.summary_th}\n\nดาวน์โหลดเอกสารฉบับเต็มได้จากไฟล์แนบ`;
      ids.set(d.slug, await insert(p, t, agencyId, { kind: 'document', slug: d.slug, title_th: d.title_th, title_en: d.title_en, summary_th: d.summary_th, body_th, category: d.category, fiscal_year: d.fiscal_year, status: 'published', published_at: at9(d.published), ...signoff }, pdfBlocks(agency.name_th, d.title_th, d.summary_th, full)));
    }
    const today = new Date().toISOString().slice(0, 7);
    for (const fy of seed.monthly.fiscal_years) {
      for (const period of fiscalMonths(fy).filter((m) => m < today)) {
        const month = formatMonth(period);
        const title = seed.monthly.title_th.replace('{month}', month);
        const [y, m] = period.split('-').map(Number) as [number, number];
        const publishedDay = m === 12 ? `${y + 1}-01-10` : `${y}-${String(m + 1).padStart(2, '0')}-10`;
        const table = skr1Rows(period);
        const id = await insert(p, t, agencyId, { kind: 'document', slug: `skr1-${period}`, title_th: title, title_en: seed.monthly.title_en.replace('{month}', formatMonth(period, 'en')), summary_th: `สรุปผลการจัดซื้อจัดจ้างประจำเดือน${month}`, category: 'procurement', fiscal_year: fy, period, status: 'published', published_at: at9(publishedDay) }, pdfBlocks(agency.name_th, title, `สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน${month}`, [table]));
        await attach(p, t, agencyId, id, `skr1-${period}.xlsx`, await tableXlsx(title, table), 'xlsx', `${title} (Excel)`, 1);
        ids.set(`skr1-${period}`, id);
      }
    }
    for (const n of seed.news) {
      ids.set(n.slug, await insert(p, t, agencyId, { kind: 'news', slug: n.slug, title_th: n.title_th, summary_th: n.summary_th, body_th: `${n.summary_th}\n\nภาพและรายละเอียดเพิ่มเติมติดตามได้ที่ช่องทางสื่อสังคมออนไลน์ของหน่วยงาน`, fiscal_year: n.fiscal_year, status: 'published', published_at: at9(n.published) }, null));
    }
    const d = seed.draft;
    ids.set(d.slug, await insert(p, t, agencyId, { kind: 'document', slug: d.slug, title_th: d.title_th, summary_th: d.summary_th, category: d.category, fiscal_year: d.fiscal_year, status: 'draft' }, null));
    const noticeId = (await t.k.insertInto('staff_notice').values({ agency_id: agencyId, title: seed.notice.title, body: seed.notice.body, content_id: ids.get(seed.notice.document) ?? null, fiscal_year: seed.notice.fiscal_year, created_by: null, created_at: at9('2026-10-16') }).returning('id').executeTakeFirstOrThrow()).id;
    const readers = await t.k.selectFrom('app_user').select('id').where('agency_id', '=', agencyId).where('username', 'in', seed.notice.acknowledged_by).execute();
    for (const r of readers) await t.k.insertInto('staff_notice_ack').values({ agency_id: agencyId, notice_id: noticeId, user_id: r.id, at: at9('2026-10-17') }).execute();
    await recordAudit(t, { agencyId, actor: SYSTEM_ACTOR, action: 'demo.seed.publishing', targetType: 'agency', targetId: agencyId, summary: `${ids.size} demo documents, pages and news` });
  });
}
