import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderDocx, renderPdf, zwsp, type DocModel } from './index.ts';

const PARA = 'องค์การบริหารส่วนจังหวัดกาฬสินธุ์ได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน โดยเผยแพร่ข้อมูลผ่านเว็บไซต์หลักของหน่วยงานอย่างต่อเนื่อง';

function model(rows = 3): DocModel {
  return {
    title: 'รายงานผลการดำเนินการ',
    blocks: [
      { kind: 'heading', level: 1, text: 'รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน', align: 'center' },
      { kind: 'paragraph', content: PARA.repeat(2), indent: true, align: 'justify' },
      { kind: 'paragraph', content: ['ดูเพิ่มเติมที่ ', { text: 'เว็บไซต์หลัก', link: 'https://example.go.th/oit/2567' }] },
      {
        kind: 'table',
        columns: [{ header: 'ลำดับ', width: 1 }, { header: 'ประเด็นตัวชี้วัด', width: 3 }, { header: 'ผลการดำเนินการ', width: 4 }],
        rows: Array.from({ length: rows }, (_, i) => [String(i + 1), 'การเปิดเผยข้อมูลสาธารณะ', { blocks: [{ kind: 'paragraph', content: `ดำเนินการแล้ว ลำดับที่ ${i + 1} น้ำ ที่ ญี่ปุ่น ผู้ใหญ่ กำหนด` }, { kind: 'qr', value: `https://example.go.th/oit/2567/O${i + 1}`, size: 40 }] }]),
      },
      { kind: 'signature', lines: ['(นายสมศักดิ์ ศรีสุข)', 'นายกองค์การบริหารส่วนจังหวัดกาฬสินธุ์'] },
    ],
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-doc-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

test('zwsp marks word boundaries in Thai only', () => {
  const z = zwsp('การประเมินคุณธรรม ITA 2567');
  assert.equal(z.replace(/\u200B/g, ''), 'การประเมินคุณธรรม ITA 2567');
  assert.ok(z.includes('\u200B'), 'word breaks are marked with ZWSP for the PDF line breaker');
  assert.equal(zwsp('Integrity report 2567'), 'Integrity report 2567');
});

test('PDF: Thai text layer extracts correctly, no zero-width characters, tone marks intact, pages render', async () => {
  const pdf = await renderPdf(model(40));
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const file = path.join(tmp, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.ok(text.includes('ดำเนินการ'), 'SARA AM extracts as one character');
  assert.ok(!text.includes('ดำาเนินการ') && !text.includes('ดําเนินการ'), 'the text layer extracts SARA AM as typed, not decomposed');
  assert.ok(!text.includes('\u200B'), 'no U+200B in the text layer');
  for (const w of ['น้ำ', 'ญี่ปุ่น', 'ผู้ใหญ่', 'กาฬสินธุ์', 'ลำดับที่ 40', 'นายกองค์การบริหารส่วนจังหวัดกาฬสินธุ์']) assert.ok(text.includes(w), w);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  assert.ok(pages >= 3, `a 40-row table spans pages (${pages})`);
  // the table header repeats on every page of the table
  assert.equal(text.split('ประเด็นตัวชี้วัด').length - 1, pages >= 3 ? pages : 1);
  assert.match(text, /หน้า ๑ \/ [๐-๙]+/);
  execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', file, path.join(tmp, 'page')]);
  assert.ok(fs.statSync(path.join(tmp, fs.readdirSync(tmp).find((f) => f.startsWith('page-'))!)).size > 1000, 'the first page renders to a real image');
});

test('PDF: lines break between Thai words, never inside one', async () => {
  const words = new Set([...new Intl.Segmenter('th', { granularity: 'word' }).segment(PARA.repeat(2))].filter((s) => s.isWordLike).map((s) => s.segment));
  const file = path.join(tmp, 'lines.pdf');
  fs.writeFileSync(file, await renderPdf({ title: 't', pageNumbers: false, blocks: [{ kind: 'paragraph', content: PARA.repeat(2) }] }));
  const lines = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean);
  assert.ok(lines.length >= 3, 'the paragraph wraps');
  for (const line of lines.slice(0, -1)) {
    const last = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(line)].filter((s) => s.isWordLike).pop()!.segment;
    assert.ok(words.has(last), `line ends inside a word: …${line.slice(-12)}`);
  }
});

test('DOCX: TH Sarabun New 16 pt for Latin and complex script, Thai language, repeated header row, Thai page numbers', async () => {
  const docx = await renderDocx(model(3));
  const file = path.join(tmp, 'doc.docx');
  fs.writeFileSync(file, docx);
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
  const styles = execFileSync('unzip', ['-p', file, 'word/styles.xml'], { encoding: 'utf8' });
  assert.match(styles, /w:rFonts w:ascii="TH Sarabun New" w:cs="TH Sarabun New"/);
  assert.match(styles, /<w:sz w:val="32"\/><w:szCs w:val="32"\/>/);
  assert.match(styles, /<w:lang w:val="th-TH"/);
  assert.match(xml, /<w:tblHeader\/>/);
  assert.match(xml, /w:fmt="thaiNumbers"/);
  assert.ok(xml.includes('ดำเนินการแล้ว ลำดับที่ 3'), 'numbered items are written with their number before the text');
  assert.ok(!xml.includes('\u200B'), 'no ZWSP in the Word file');
  assert.ok(xml.includes('w:thaiDistribute') || xml.includes('w:val="thaiDistribute"'), 'paragraphs are justified the Thai way (thaiDistribute)');
});

test('PDF: a kept group never splits across pages; a numbered item reads number first', async () => {
  const file = path.join(tmp, 'keep.pdf');
  for (let n = 18; n <= 26; n++) {
    const blocks: DocModel['blocks'] = [
      ...Array.from({ length: n }, (_, i) => ({ kind: 'paragraph' as const, content: `บรรทัดที่ ${i + 1}` })),
      { kind: 'keep', blocks: [{ kind: 'paragraph', content: 'หลักฐานการเผยแพร่' }, { kind: 'paragraph', content: 'https://example.go.th/oit/2567/O11' }, { kind: 'qr', value: 'https://example.go.th/oit/2567/O11', size: 200 }] },
      { kind: 'list', ordered: true, items: ['ประชุมชี้แจงแผนการใช้จ่ายงบประมาณ'] },
    ];
    fs.writeFileSync(file, await renderPdf({ title: 't', pageNumbers: false, blocks }));
    const pages = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
    const titlePage = pages.findIndex((p) => p.includes('หลักฐานการเผยแพร่'));
    assert.equal(pages.findIndex((p) => p.includes('https://example.go.th/oit/2567/O11')), titlePage, `${n} lines: title and link on one page`);
    assert.match(pages.join(''), /1\.\s*ประชุมชี้แจง/);
  }
});

test('DOCX: a kept group is kept with the next paragraph in Word', async () => {
  const file = path.join(tmp, 'keep.docx');
  fs.writeFileSync(file, await renderDocx({ title: 't', blocks: [{ kind: 'keep', blocks: [{ kind: 'paragraph', content: 'หลักฐาน' }, { kind: 'paragraph', content: 'https://example.go.th' }, { kind: 'qr', value: 'https://example.go.th' }] }] }));
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
  assert.equal(xml.match(/<w:keepNext\/>/g)?.length, 2, 'the first two of three paragraphs keep with the next');
});
