// The EIT poster: its print style sheet (served by the module, linked from the poster page: the strict CSP allows
// no inline style) and the same poster as a PDF document model for the documents core.
import QRCode from 'qrcode';
import type { DocModel } from '../../platform/documents/index.ts';
import { translate } from '../../platform/i18n/index.ts';
import { formatDate } from '../../platform/thai/index.ts';
import { QR_LEVEL } from './qr.ts';
import type { EitView } from './views/public.tsx';
import { sha256 } from '../../platform/crypto.ts';

export const POSTER_CSS = `/* the EIT poster (surveys module): one A4 page */
.poster { text-align: center; max-width: 180mm; margin: 0 auto; }
.poster h1 { font-size: 2rem; line-height: 1.3; margin: .5rem 0; }
.poster-agency { font-size: 1.35rem; font-weight: 700; margin: 0; }
.poster-sub { font-size: 1.2rem; margin: .25rem 0 1rem; }
.poster svg.poster-qr { display: block; width: 100%; max-width: 110mm; height: auto; margin: 0 auto; }
.poster-scan { font-size: 1.35rem; font-weight: 700; margin: .5rem 0; }
.poster-url { overflow-wrap: anywhere; font-size: 1.1rem; margin: .25rem 0; }
.poster-code { font-size: 1.35rem; margin: .5rem 0; }
.poster-code strong { letter-spacing: .1em; }
.poster-dates { font-size: 1.2rem; font-weight: 700; }
.poster-help { border-left: 6px solid var(--brand, #1d4f91); padding: .5rem 1rem; }
@page { size: A4 portrait; margin: 14mm; }
@media print {
  body.print-page { font-size: 14pt; }
  .poster { max-width: none; page-break-inside: avoid; break-inside: avoid; }
  .poster h1 { font-size: 26pt; }
  .poster-agency, .poster-scan, .poster-code { font-size: 18pt; }
  .poster-sub, .poster-dates { font-size: 16pt; }
  .poster svg.poster-qr { width: 105mm; height: 105mm; max-width: none; }
}
`;

/** The style sheet's URL, with a hash of its content so browsers may keep it for a year. */
export const POSTER_CSS_URL = `/ita-survey/poster.css?v=${sha256(POSTER_CSS).slice(0, 10)}`;

/** The poster's QR code as a PNG: an object so that a test can count the calls (the work a request may cost). */
export const posterQr = {
  png: (url: string): Promise<Buffer> => QRCode.toBuffer(url, { errorCorrectionLevel: QR_LEVEL, margin: 1, scale: 12 }),
};

// Anyone may ask for the poster, as often as they like: its model (the QR code drawn large) is made once per agency,
// link, code and window and kept, a few of them, so a repeated request does no QR work.
const models = new Map<string, Promise<DocModel>>();
const KEEP_MODELS = 16;

/** The poster as a PDF: Thai, the QR code large, the link, the code and the dates. The same model object when asked again. */
export function posterDoc(agency: string, eit: EitView): Promise<DocModel> {
  const key = JSON.stringify([agency, eit.year, eit.url, eit.code, eit.start, eit.end]);
  let model = models.get(key);
  if (model) {
    models.delete(key);
    models.set(key, model);
    return model;
  }
  model = makePosterDoc(agency, eit);
  models.set(key, model);
  // a failure is not kept: the next request tries again
  model.catch(() => models.delete(key));
  if (models.size > KEEP_MODELS) models.delete(models.keys().next().value!);
  return model;
}

async function makePosterDoc(agency: string, eit: EitView): Promise<DocModel> {
  // an image, not the model's qr block, so that it stands centred and large
  const png = await posterQr.png(eit.url);
  const th = (k: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('th', k, vars);
  const thaiDay = (d: string) => formatDate(d, { lang: 'th' });
  return {
    title: th('surveys.poster.title', { year: eit.year }), author: agency, lang: 'th',
    blocks: [
      { kind: 'paragraph', content: [{ text: agency, bold: true }], align: 'center', size: 20 },
      { kind: 'heading', level: 1, text: th('surveys.poster.headline'), align: 'center' },
      { kind: 'paragraph', content: th('surveys.poster.sub', { year: eit.year }), align: 'center', size: 18 },
      { kind: 'image', png, width: 290, height: 290, align: 'center' },
      { kind: 'paragraph', content: [{ text: th('surveys.poster.scan'), bold: true }], align: 'center', size: 20 },
      { kind: 'paragraph', content: [{ text: eit.url, link: eit.url }], align: 'center' },
      ...(eit.code ? [{ kind: 'paragraph' as const, content: [`${th('surveys.link.code')} `, { text: eit.code, bold: true }], align: 'center' as const, size: 20 }] : []),
      { kind: 'paragraph', content: [{ text: th('surveys.public.period', { from: thaiDay(eit.start), to: thaiDay(eit.end) }), bold: true }], align: 'center', size: 18 },
      { kind: 'paragraph', content: th('surveys.poster.who'), align: 'center' },
      { kind: 'paragraph', content: th('surveys.public.confidential'), align: 'center' },
    ],
  };
}
