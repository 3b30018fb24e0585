// multipart/form-data bodies (attachFieldsToBody) as plain fields plus file parts.
import type { FastifyRequest } from 'fastify';
import type { UploadPart } from '../files/index.ts';
import type { FormValues } from './forms.ts';

interface Part {
  type: 'field' | 'file';
  fieldname: string;
  value?: unknown;
  filename?: string;
  file?: { truncated?: boolean };
  _buf?: Buffer;
}

export function readMultipart(req: FastifyRequest): { fields: FormValues; files: Record<string, UploadPart> } {
  const fields: FormValues = {};
  const files: Record<string, UploadPart> = {};
  const body = (req.body ?? {}) as Record<string, Part | Part[]>;
  for (const [name, entry] of Object.entries(body)) {
    const parts = Array.isArray(entry) ? entry : [entry];
    for (const part of parts) {
      if (!part || typeof part !== 'object') continue;
      if (part.type === 'file') {
        if (!files[name]) files[name] = { field: name, filename: part.filename ?? '', data: part._buf ?? Buffer.alloc(0), truncated: !!part.file?.truncated };
      } else if (typeof part.value === 'string') {
        const prev = fields[name];
        fields[name] = prev === undefined ? part.value : Array.isArray(prev) ? [...prev, part.value] : [prev, part.value];
      }
    }
  }
  return { fields, files };
}

/** A file input left empty still arrives as a part with no name and no bytes. */
export function chosenFile(files: Record<string, UploadPart>, name: string): UploadPart | null {
  const f = files[name];
  return f && (f.filename || f.data.length > 0) ? f : null;
}
