// What other modules and the server may use of the surveys module: its declaration, and the EIT block (link, code and
// QR code, shown only while the EIT is open) for another module's public pages.
export { surveysModule } from './module.ts';
export { eitBlock } from './public.ts';
