// What other modules and the server may use of the publishing module.
export { publishingModule } from './module.ts';
export { createContent, submitContent, approveContent, syncSearch, addAttachment as addAttachmentToContent, type ContentInput } from './service.ts';
export { contentUrl, CATEGORIES, type Kind } from './kinds.ts';
export { getContent, getBySlug, isPublic, listAttachments, listPublishedDocuments, type Content, type Attachment } from './store.ts';
export { createNotice, acknowledge } from './notices.ts';
export type { PublishingSeed } from './demo.ts';
