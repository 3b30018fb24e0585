// Who may read a file of a document, page or news item: anyone once the item is public (published and its time
// has come); before that, during review, after it is archived or once the attachment is removed, only the roles
// that edit or approve content.
import { can } from '../../platform/auth/roles.ts';
import type { FileAccessRule } from '../../platform/files/index.ts';

export const contentFileAccess: FileAccessRule = async (db, file, reader) => {
  const now = new Date().toISOString();
  const attached = await db.k
    .selectFrom('content_attachment')
    .innerJoin('content', 'content.id', 'content_attachment.content_id')
    .select('content.id')
    .where('content_attachment.file_id', '=', file.id)
    .where('content.status', '=', 'published')
    .where('content.published_at', '<=', now)
    .limit(1)
    .executeTakeFirst();
  const cover = attached
    ? null
    : await db.k.selectFrom('content').select('id').where('cover_file_id', '=', file.id).where('status', '=', 'published').where('published_at', '<=', now).limit(1).executeTakeFirst();
  if (attached || cover) return 'public';
  return can(reader, 'content.view') ? 'private' : null;
};
