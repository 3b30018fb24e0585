// For tests: what a page or a generated PDF says, read as a person (or a program) would.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, NodeType, type HTMLElement, type Node } from 'node-html-parser';

const THAI = /[\u0E00-\u0E7F]/;

/** Thai text of a page outside any lang="th": an English page must mark every Thai word it shows. */
export function unmarkedThai(html: string): string[] {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false } });
  const body = root.querySelector('body');
  if (!body) return ['(no body)'];
  const out: string[] = [];
  const walk = (n: Node, lang: string) => {
    if (n.nodeType === NodeType.TEXT_NODE) {
      const text = n.text.trim();
      if (THAI.test(text) && lang !== 'th') out.push(`${(n.parentNode as HTMLElement | null)?.rawTagName ?? '?'}: ${text.slice(0, 80)}`);
      return;
    }
    if (n.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = n as HTMLElement;
    const tag = (el.rawTagName ?? '').toLowerCase();
    if (tag === 'script' || tag === 'style') return;
    const own = el.getAttribute('lang');
    for (const c of el.childNodes) walk(c, own === undefined ? lang : own.toLowerCase().split('-')[0]!);
  };
  walk(body, root.querySelector('html')?.getAttribute('lang') ?? '');
  return out;
}

/** Runs a poppler tool (pdftotext, pdfinfo) on PDF bytes. */
function poppler(tool: 'pdftotext' | 'pdfinfo', args: string[], bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, bytes);
    return execFileSync(tool, tool === 'pdftotext' ? [...args, file, '-'] : [...args, file], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text layer of a PDF, in reading order (pdftotext -raw). */
export const pdfText = (bytes: Buffer): string => poppler('pdftotext', ['-raw', '-enc', 'UTF-8'], bytes);
/** pdfinfo's report (pages, title, …). */
export const pdfInfo = (bytes: Buffer): string => poppler('pdfinfo', [], bytes);
