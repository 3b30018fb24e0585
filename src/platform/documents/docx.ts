// DOCX with the `docx` library: TH Sarabun New 16 pt declared for Latin and complex script, Thai language,
// header rows that repeat, page numbers in Thai digits. U+200B is never written into a DOCX.
import {
  AlignmentType, Document, ExternalHyperlink, Footer, HeadingLevel, ImageRun, LevelFormat, NumberFormat, Packer, PageNumber, Paragraph,
  Table, TableCell, TableRow, TextRun, WidthType, type FileChild, type ParagraphChild,
} from 'docx';
import QRCode from 'qrcode';
import { BODY_PT, type Align, type Block, type Cell, type DocModel, type Inline } from './model.ts';

export const DOCX_FONT = 'TH Sarabun New';
const half = (pt: number) => pt * 2;

const align = (a?: Align) =>
  a === 'center' ? AlignmentType.CENTER : a === 'right' ? AlignmentType.RIGHT : a === 'justify' ? AlignmentType.THAI_DISTRIBUTE : AlignmentType.LEFT;

function runs(c: string | Inline[], size?: number, bold?: boolean): ParagraphChild[] {
  const list = typeof c === 'string' ? [c] : c;
  return list.map((i) => {
    if (typeof i === 'string') return new TextRun({ text: i, size: size ? half(size) : undefined, bold });
    const run = new TextRun({ text: i.text, bold: i.bold ?? bold, italics: i.italic, size: size ? half(size) : undefined, style: i.link ? 'Hyperlink' : undefined });
    return i.link ? new ExternalHyperlink({ link: i.link, children: [run] }) : run;
  });
}

async function cellChildren(c: Cell, size: number): Promise<Array<Paragraph | Table>> {
  if (typeof c === 'string') return [new Paragraph({ children: runs(c, size) })];
  if ('blocks' in c) return (await Promise.all(c.blocks.map((b) => blockOut(b, size)))).flat() as Array<Paragraph | Table>;
  return [new Paragraph({ alignment: align(c.align), children: runs(c.text, size, c.bold) })];
}

async function blockOut(b: Block, size = BODY_PT, keepNext = false): Promise<FileChild[]> {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ keepNext, heading: b.level === 1 ? HeadingLevel.TITLE : b.level === 3 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1, alignment: align(b.align), children: [new TextRun({ text: b.text, bold: true, size: half(b.level === 1 ? 20 : b.level === 3 ? 16 : 18) })] })];
    case 'paragraph':
      return [new Paragraph({ keepNext, alignment: align(b.align), indent: b.indent ? { firstLine: 720 } : undefined, spacing: { after: 120 }, children: runs(b.content, b.size ?? (size === BODY_PT ? undefined : size)) })];
    case 'list':
      return b.items.map((i) => new Paragraph({ numbering: { reference: b.ordered ? 'ordered' : 'bullets', level: 0 }, children: runs(i, size === BODY_PT ? undefined : size) }));
    case 'table': {
      const s = b.size ?? size - 2;
      const total = b.columns.reduce((a, c) => a + c.width, 0);
      const pct = b.columns.map((c) => Math.round((c.width / total) * 5000)); // fiftieths of a percent
      const header = new TableRow({
        tableHeader: true,
        children: b.columns.map((c, i) => new TableCell({ width: { size: pct[i]!, type: WidthType.PERCENTAGE }, shading: { fill: 'E8EEF8' }, children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: c.header, bold: true, size: half(s) })] })] })),
      });
      const rows = await Promise.all(b.rows.map(async (r) => new TableRow({ children: await Promise.all(r.map(async (c, i) => new TableCell({ width: { size: pct[i]!, type: WidthType.PERCENTAGE }, children: await cellChildren(c, s) }))) })));
      return [new Table({ width: { size: 5000, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }), new Paragraph({ children: [] })];
    }
    case 'image':
      return [
        new Paragraph({ keepNext: keepNext || !!b.caption, alignment: align(b.align ?? 'center'), children: [new ImageRun({ type: 'png', data: b.png, transformation: { width: b.width * (96 / 72), height: b.height * (96 / 72) } })] }),
        ...(b.caption ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: b.caption, italics: true, size: half(size - 2) })] })] : []),
      ];
    case 'qr': {
      const png = await QRCode.toBuffer(b.value, { errorCorrectionLevel: 'M', margin: 1, scale: 4 });
      const px = (b.size ?? 72) * (96 / 72);
      return [
        new Paragraph({ keepNext: keepNext || !!b.caption, children: [new ImageRun({ type: 'png', data: png, transformation: { width: px, height: px } })] }),
        ...(b.caption ? [new Paragraph({ children: [new TextRun({ text: b.caption, size: half(size - 4) })] })] : []),
      ];
    }
    case 'spacer':
      return [new Paragraph({ spacing: { before: b.height * 20 }, children: [] })];
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
    case 'keep':
      // Word keeps a paragraph with the next one: all but the last
      return (await Promise.all(b.blocks.map((x, i) => blockOut(x, size, i < b.blocks.length - 1)))).flat();
    case 'signature':
      // each line kept with the next, so Word never parts the name from its date
      return [new Paragraph({ spacing: { before: 480 }, keepNext: true, children: [] }), ...b.lines.map((l, i) => new Paragraph({ indent: { left: 5200 }, alignment: AlignmentType.CENTER, keepNext: i < b.lines.length - 1, keepLines: true, children: [new TextRun(l)] }))];
  }
}

export async function renderDocx(m: DocModel): Promise<Buffer> {
  const thai = m.lang !== 'en';
  const children = (await Promise.all(m.blocks.map((b) => blockOut(b)))).flat();
  const doc = new Document({
    title: m.title,
    subject: m.subject ?? m.title,
    creator: m.author ?? 'Prongsai',
    styles: {
      default: {
        document: { run: { font: DOCX_FONT, size: half(BODY_PT), sizeComplexScript: half(BODY_PT), language: { value: 'th-TH', bidirectional: 'th-TH', eastAsia: 'th-TH' } } },
        heading1: { run: { font: DOCX_FONT, bold: true, size: half(18) } },
        heading2: { run: { font: DOCX_FONT, bold: true, size: half(16) } },
        title: { run: { font: DOCX_FONT, bold: true, size: half(20) } },
      },
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        { reference: 'ordered', levels: [{ level: 0, format: thai ? LevelFormat.THAI_NUMBERS : LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: m.orientation === 'landscape' ? { orientation: 'landscape' as never } : undefined,
            margin: { left: 1418, right: 1134, top: 1134, bottom: 1134 },
            pageNumbers: { formatType: thai && m.thaiDigits !== false ? NumberFormat.THAI_NUMBERS : NumberFormat.DECIMAL },
          },
        },
        footers: m.pageNumbers === false ? undefined : {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [thai ? 'หน้า ' : 'Page ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: half(12) })] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
