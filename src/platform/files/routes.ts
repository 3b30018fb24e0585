// Downloads. Who may read a file is decided now, by the module that owns it (a draft's attachment is not public).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { create as contentDisposition } from 'content-disposition';
import type { Platform } from '../platform.ts';
import { NotFoundError } from '../http/errors.ts';
import { fileAccess, findFile, type FileRecord } from './index.ts';

const INLINE = new Set(['pdf', 'png', 'jpg', 'webp']);

/** Streams a stored file with its type, Thai file name and cache rule; 304 when the client has it already. */
export async function sendStoredFile(p: Platform, req: FastifyRequest, reply: FastifyReply, f: FileRecord, access: 'public' | 'private'): Promise<FastifyReply> {
  if (!(await p.files.exists(f.storage_key))) throw new NotFoundError();
  const etag = `"${f.sha256.slice(0, 32)}"`;
  // public copies are short-lived in caches: visibility can change (an item unpublished); staff copies are never kept
  reply.header('cache-control', access === 'public' ? 'public, max-age=300' : 'private, no-store').header('etag', etag).header('vary', 'Cookie');
  if (access === 'public' && req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply
    .header('content-type', f.content_type)
    .header('content-length', f.size_bytes)
    .header('content-disposition', contentDisposition(f.original_name, { type: INLINE.has(f.ext) ? 'inline' : 'attachment' }))
    .send(p.files.stream(f.storage_key));
}

export function registerFileRoutes(app: FastifyInstance, p: Platform): void {
  const serve = async (req: FastifyRequest, reply: FastifyReply) => {
    const { publicId } = req.params as { publicId: string };
    const f = await findFile(p.db, req.agency.id, publicId);
    const access = f ? await fileAccess(p.db, f, req.user) : null;
    // files a visitor may not read look like missing files
    if (!f || !access) throw new NotFoundError();
    return sendStoredFile(p, req, reply, f, access);
  };
  // the platform's no-store for signed-in visitors does not apply: the route sets its own cache rule per file
  const opts = { config: { publicCache: true } };
  app.get('/files/:publicId', opts, serve);
  app.get('/files/:publicId/:name', opts, serve);
}
