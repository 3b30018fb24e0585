import type { FastifyInstance } from 'fastify';
import { create as contentDisposition } from 'content-disposition';
import type { Platform } from '../platform.ts';
import { NotFoundError } from '../http/errors.ts';
import { findFile } from './index.ts';

const INLINE = new Set(['pdf', 'png', 'jpg', 'webp']);

export function registerFileRoutes(app: FastifyInstance, p: Platform): void {
  const serve = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { publicId } = req.params as { publicId: string };
    const f = await findFile(p.db, req.agency.id, publicId);
    // staff-only files look like missing files to everyone else
    if (!f || (!f.is_public && !req.user) || !(await p.files.exists(f.storage_key))) throw new NotFoundError();
    return reply
      .header('content-type', f.content_type)
      .header('content-length', f.size_bytes)
      .header('content-disposition', contentDisposition(f.original_name, { type: INLINE.has(f.ext) ? 'inline' : 'attachment' }))
      .header('cache-control', f.is_public ? 'public, max-age=3600' : 'private, no-store')
      .send(p.files.stream(f.storage_key));
  };
  app.get('/files/:publicId', serve);
  app.get('/files/:publicId/:name', serve);
}
