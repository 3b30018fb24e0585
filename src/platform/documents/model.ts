// One document model, rendered twice: DOCX (to edit) and PDF (to publish).
export type Align = 'left' | 'center' | 'right' | 'justify';

export type Inline = string | { text: string; bold?: boolean; italic?: boolean; link?: string };

export type Cell = string | { blocks: Block[] } | { text: string; bold?: boolean; align?: Align };

export type Block =
  | { kind: 'heading'; text: string; level?: 1 | 2 | 3; align?: Align }
  | { kind: 'paragraph'; content: string | Inline[]; align?: Align; indent?: boolean; size?: number }
  | { kind: 'list'; items: Array<string | Inline[]>; ordered?: boolean }
  /** the header row repeats on every page */
  | { kind: 'table'; columns: Array<{ header: string; width: number }>; rows: Cell[][]; size?: number }
  | { kind: 'image'; png: Buffer; width: number; height: number; caption?: string; align?: Align }
  | { kind: 'qr'; value: string; size?: number; caption?: string }
  | { kind: 'spacer'; height: number }
  | { kind: 'pageBreak' }
  /** blocks kept on one page (a title with its link and QR code) */
  | { kind: 'keep'; blocks: Block[] }
  /** a signature block at the right: name in brackets, position lines */
  | { kind: 'signature'; lines: string[] };

export interface DocModel {
  title: string;
  subject?: string;
  author?: string;
  lang?: 'th' | 'en';
  orientation?: 'portrait' | 'landscape';
  /** 'หน้า ๑ / ๕' in the footer */
  pageNumbers?: boolean;
  /** Thai digits in page numbers (default true for Thai documents) */
  thaiDigits?: boolean;
  blocks: Block[];
}

/** Body size of Thai official documents. */
export const BODY_PT = 16;

export function inlineText(c: string | Inline[]): string {
  return typeof c === 'string' ? c : c.map((i) => (typeof i === 'string' ? i : i.text)).join('');
}
