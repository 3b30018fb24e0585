export * from './model.ts';
export { renderPdf, zwsp, docDefinition } from './pdf.ts';
export { renderDocx, DOCX_FONT } from './docx.ts';
