export * from './model.ts';
export { renderPdf, zwsp, docDefinition } from './pdf.ts';
export { renderDocx, DOCX_FONT } from './docx.ts';
export { renderPublicPdf, renderPublicDocx } from './public.ts';
export { documentGate, DOCUMENTS_AT_ONCE } from './gate.ts';
