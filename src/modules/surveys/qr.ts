// QR codes as inline SVG (no image request, nothing the strict CSP refuses: no style attribute, no script), named for
// screen readers. The same few links are drawn on every page view, so the drawings are kept.
import QRCode from 'qrcode';

/** The error correction of every QR code of the module (pages and poster): what a saved link must fit at. */
export const QR_LEVEL = 'M' as const;

const kept = new Map<string, string>();
const KEEP = 64;

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** True when `value` fits in a QR code at QR_LEVEL (a QR code holds at most 2,331 bytes at M, fewer in practice). */
export function qrEncodable(value: string): boolean {
  try {
    QRCode.create(value, { errorCorrectionLevel: QR_LEVEL });
    return true;
  } catch {
    return false;
  }
}

/** The SVG of a QR code of `value`, `size` px square (a CSS class may make it larger), with `label` as its name. */
export async function qrSvg(value: string, label: string, size = 200, cls = 'survey-qr'): Promise<string> {
  let svg = kept.get(value);
  if (!svg) {
    svg = await QRCode.toString(value, { type: 'svg', errorCorrectionLevel: QR_LEVEL, margin: 2 });
    kept.set(value, svg);
    if (kept.size > KEEP) kept.delete(kept.keys().next().value!);
  }
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeAttr(label)}" focusable="false" class="${cls}" width="${size}" height="${size}" `);
}
