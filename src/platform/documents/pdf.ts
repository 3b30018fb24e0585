// PDF with pdfmake and the Sarabun TTF. Two things pdfmake does not do for Thai are added here:
// line breaks between words (U+200B inserted at render time, kept out of the glyph layout so it never
// draws as a box) and a correct text layer (each line carries ActualText, so copy, search and pdftotext
// get "ดำเนินการ", not the "ดำาเนินการ" of fontkit's decomposed SARA AM).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { toThaiDigits } from '../thai/index.ts';
import { BODY_PT, type Block, type Cell, type DocModel, type Inline } from './model.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/sarabun/package.json'));
export const SARABUN = {
  normal: path.join(FONT_DIR, '400Regular/Sarabun_400Regular.ttf'),
  bold: path.join(FONT_DIR, '700Bold/Sarabun_700Bold.ttf'),
  italics: path.join(FONT_DIR, '400Regular_Italic/Sarabun_400Regular_Italic.ttf'),
  bolditalics: path.join(FONT_DIR, '700Bold_Italic/Sarabun_700Bold_Italic.ttf'),
};

type PdfMake = {
  addFonts(f: unknown): void;
  setUrlAccessPolicy(f: (u: string) => boolean): void;
  setLocalAccessPolicy(f: (p: string) => boolean): void;
  createPdf(dd: unknown): { getBuffer(): Promise<Buffer> };
};

let engine: PdfMake | undefined;

function setup(): PdfMake {
  if (engine) return engine;
  // 1. U+200B stays in the text the line breaker sees, and leaves before glyph layout
  const fontkit = require('fontkit');
  const proto = Object.getPrototypeOf(fontkit.create(fs.readFileSync(SARABUN.normal)));
  if (!proto.__prongsaiZwsp) {
    const layout = proto.layout;
    proto.layout = function (text: unknown, ...rest: unknown[]) {
      return layout.call(this, typeof text === 'string' ? text.replace(/\u200B/g, '') : text, ...rest);
    };
    proto.__prongsaiZwsp = true;
  }
  // 2. one ActualText span per rendered line that holds Thai
  const Renderer = require('pdfmake/js/Renderer.js').default;
  if (!Renderer.prototype.__prongsaiActualText) {
    const renderLine = Renderer.prototype.renderLine;
    Renderer.prototype.renderLine = function (line: { inlines: Array<{ text: string }> }, x: number, y: number) {
      const text = line.inlines.map((i) => i.text).join('');
      if (!/[\u0E00-\u0E7F]/.test(text)) return renderLine.call(this, line, x, y);
      this.pdfDocument.markContent('Span', { actual: text.replace(/\u200B/g, '') });
      const r = renderLine.call(this, line, x, y);
      this.pdfDocument.endMarkedContent();
      return r;
    };
    Renderer.prototype.__prongsaiActualText = true;
  }
  const pm = require('pdfmake') as PdfMake;
  pm.addFonts({ Sarabun: SARABUN });
  pm.setUrlAccessPolicy(() => false);
  const allowed = new Set(Object.values(SARABUN));
  pm.setLocalAccessPolicy((p) => allowed.has(path.resolve(p)));
  engine = pm;
  return pm;
}

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/** U+200B between the words of Thai runs, so lines break between words and never inside one. */
export function zwsp(text: string): string {
  if (!/[\u0E00-\u0E7F]/.test(text)) return text;
  let out = '';
  let prevThai = false;
  for (const { segment } of segmenter.segment(text)) {
    const thai = /[\u0E00-\u0E7F]/.test(segment);
    if (out && (thai || prevThai) && !/\s$/.test(out) && !/^\s/.test(segment)) out += '\u200B';
    out += segment;
    prevThai = thai;
  }
  return out;
}

function inlines(c: string | Inline[]): unknown {
  if (typeof c === 'string') return zwsp(c);
  return c.map((i) => (typeof i === 'string' ? zwsp(i) : { text: zwsp(i.text), bold: i.bold, italics: i.italic, link: i.link, color: i.link ? '#0a4fad' : undefined, decoration: i.link ? 'underline' : undefined }));
}

function cell(c: Cell, size: number): unknown {
  if (typeof c === 'string') return { text: zwsp(c), fontSize: size };
  if ('blocks' in c) return { stack: c.blocks.map((b) => block(b, size)), fontSize: size };
  return { text: zwsp(c.text), bold: c.bold, alignment: c.align, fontSize: size };
}

function block(b: Block, size = BODY_PT): unknown {
  switch (b.kind) {
    case 'heading': {
      const pt = b.level === 1 ? 20 : b.level === 3 ? 16 : 18;
      return { text: zwsp(b.text), bold: true, fontSize: pt, alignment: b.align ?? 'left', margin: [0, b.level === 1 ? 0 : 8, 0, 4], headlineLevel: b.level ?? 2 };
    }
    case 'paragraph':
      // pdfmake justifies by widening the gaps between inlines, which in Thai shows as spaces inside a sentence
      return { text: inlines(b.content), alignment: b.align === 'justify' ? 'left' : b.align ?? 'left', fontSize: b.size ?? size, leadingIndent: b.indent ? 36 : 0, margin: [0, 0, 0, 6] };
    case 'list':
      if (!b.ordered) return { ul: b.items.map((i) => ({ text: inlines(i) })), margin: [0, 0, 0, 6], fontSize: size };
      // pdfmake writes an <ol> number after its item's first line, so text readers would read "first words 1. rest"
      return { stack: b.items.map((i, n) => ({ columns: [{ text: `${n + 1}.`, width: 'auto' }, { text: inlines(i), width: '*' }], columnGap: 4 })), margin: [0, 0, 0, 6], fontSize: size };
    case 'table': {
      const s = b.size ?? size - 2;
      const total = b.columns.reduce((a, c) => a + c.width, 0);
      return {
        table: {
          headerRows: 1,
          dontBreakRows: false,
          widths: b.columns.map((c) => `${((c.width / total) * 100).toFixed(2)}%`),
          body: [b.columns.map((c) => ({ text: zwsp(c.header), bold: true, fontSize: s, alignment: 'center', fillColor: '#e8eef8' })), ...b.rows.map((r) => r.map((c) => cell(c, s)))],
        },
        layout: { hLineColor: () => '#555555', vLineColor: () => '#555555', paddingTop: () => 3, paddingBottom: () => 3 },
        margin: [0, 4, 0, 8],
      };
    }
    case 'image':
      return { stack: [{ image: `data:image/png;base64,${b.png.toString('base64')}`, width: b.width, height: b.height, alignment: b.align ?? 'center' }, ...(b.caption ? [{ text: zwsp(b.caption), alignment: 'center', fontSize: size - 2, italics: true }] : [])], margin: [0, 4, 0, 8] };
    case 'qr':
      return { stack: [{ qr: b.value, fit: b.size ?? 72, eccLevel: 'M' }, ...(b.caption ? [{ text: zwsp(b.caption), fontSize: size - 4 }] : [])], margin: [0, 2, 0, 4] };
    case 'spacer':
      return { text: '', margin: [0, b.height, 0, 0] };
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
    case 'keep':
      return { stack: b.blocks.map((x) => block(x, size)), unbreakable: true };
    case 'signature':
      // one unbreakable block: the name, position and date never part across pages
      return { stack: [{ columns: [{ width: '*', text: '' }, { width: 280, stack: b.lines.map((l) => ({ text: zwsp(l), alignment: 'center' })) }] }], unbreakable: true, margin: [0, 24, 0, 0] };
  }
}

export function docDefinition(m: DocModel): Record<string, unknown> {
  const digits = m.thaiDigits ?? m.lang !== 'en';
  const num = (n: number) => (digits ? toThaiDigits(n) : String(n));
  return {
    info: { title: m.title, subject: m.subject ?? m.title, author: m.author ?? 'Prongsai', creator: 'Prongsai', producer: 'Prongsai (pdfmake)' },
    language: m.lang === 'en' ? 'en-GB' : 'th-TH',
    pageSize: 'A4',
    pageOrientation: m.orientation ?? 'portrait',
    // 2.5 cm left (binding), 2 cm elsewhere, as in Thai official documents
    pageMargins: [71, 57, 57, 57],
    defaultStyle: { font: 'Sarabun', fontSize: BODY_PT, lineHeight: 1.15 },
    footer: m.pageNumbers === false ? undefined : (page: number, count: number) => ({ text: m.lang === 'en' ? `Page ${page} of ${count}` : `หน้า ${num(page)} / ${num(count)}`, alignment: 'center', fontSize: 12, margin: [0, 20, 0, 0] }),
    content: m.blocks.map((b) => block(b)),
    // a heading never ends a page: it moves to the next one with its text
    pageBreakBefore: (node: { headlineLevel?: number }, following: unknown[]) => !!node.headlineLevel && following.length === 0,
  };
}

export async function renderPdf(m: DocModel): Promise<Buffer> {
  return setup().createPdf(docDefinition(m)).getBuffer();
}


