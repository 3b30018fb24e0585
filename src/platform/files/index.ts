// Uploaded files: type decided by content, size limited, random storage names, Thai file names kept for downloads.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { randomToken, sha256 } from '../crypto.ts';
import type { DbLike } from '../db/index.ts';
import { ValidationError } from '../http/errors.ts';
import { normalizeLine } from '../thai/index.ts';

export const FILE_KINDS = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type FileKind = keyof typeof FILE_KINDS;
export const IMAGE_KINDS: FileKind[] = ['png', 'jpg', 'webp'];
export const ALL_KINDS = Object.keys(FILE_KINDS) as FileKind[];

/** A file from a form (streamed to a temporary file, `path`) or made by the system (`data` in memory). */
export interface UploadPart {
  field: string;
  filename: string;
  path?: string;
  data?: Buffer;
  size: number;
  /** SHA-256 of the bytes, when already known (computed while streaming) */
  sha256?: string;
  /** the part went over the size limit and was cut */
  truncated: boolean;
}

/** A part made in memory (generated documents, placeholder images). */
export function memoryPart(filename: string, data: Buffer, field = 'file'): UploadPart {
  return { field, filename, data, size: data.length, truncated: false };
}

/** The bytes of a small upload (catalogue and CSV imports); refuses anything over maxBytes. */
export async function readPart(part: UploadPart, maxBytes: number): Promise<Buffer | null> {
  if (part.truncated || part.size > maxBytes) return null;
  return part.data ?? (part.path ? fsp.readFile(part.path) : Buffer.alloc(0));
}

export interface FileRecord {
  id: number;
  owner: string | null;
  sha256: string;
  public_id: string;
  original_name: string;
  content_type: string;
  ext: string;
  size_bytes: number;
  storage_key: string;
  agency_id: number;
}

export interface SaveOptions {
  agencyId: number;
  part: UploadPart;
  allowed: FileKind[];
  /** the module whose rule decides, when the file is served, who may read it (registerFileOwner) */
  owner: string;
  createdBy: number | null;
}

/** Who may read a file now: anyone, the signed-in person asking (kept out of caches), or nobody (a 404). */
export type FileAccess = 'public' | 'private' | null;

export interface FileReader {
  roles: readonly string[];
}

/** The owner's rule, asked each time one of its files is served. */
export type FileAccessRule = (db: DbLike, file: FileRecord, reader: FileReader | null) => Promise<FileAccess>;

const owners = new Map<string, FileAccessRule>();

export function registerFileOwner(owner: string, rule: FileAccessRule): void {
  owners.set(owner, rule);
}

/** Decides a file's visibility from its owner's state at the moment it is served. */
export async function fileAccess(db: DbLike, file: FileRecord, reader: FileReader | null): Promise<FileAccess> {
  const rule = file.owner ? owners.get(file.owner) : undefined;
  // a file no module claims is served to nobody: visibility fails closed
  if (!rule) return null;
  return rule(db, file, reader);
}

/** A file name safe to keep: no path, no control characters, Thai intact, at most 150 characters. */
export function cleanFileName(name: string, ext: string): string {
  const base = normalizeLine(path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')).slice(0, 150);
  const stem = base.replace(/\.[^.]*$/, '') || 'file';
  return `${stem}.${ext}`;
}

export class FileStore {
  constructor(
    readonly root: string,
    readonly maxBytes: number,
  ) {}

  /** Decides the type by content; throws ValidationError on the part's field. */
  async inspect(part: UploadPart, allowed: FileKind[], maxBytes = this.maxBytes): Promise<{ ext: FileKind; mime: string }> {
    const maxMb = `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`;
    if (part.truncated || part.size > maxBytes) throw new ValidationError({ [part.field]: { key: 'err.fileTooLarge', vars: { max: maxMb } } });
    if (part.size === 0) throw new ValidationError({ [part.field]: part.filename ? 'err.fileEmpty' : 'err.fileMissing' });
    const detected = part.data ? await fileTypeFromBuffer(part.data) : part.path ? await fileTypeFromFile(part.path) : undefined;
    const ext = detected?.ext as FileKind | undefined;
    if (!ext || !allowed.includes(ext)) {
      const onlyImages = allowed.every((k) => IMAGE_KINDS.includes(k));
      throw new ValidationError({ [part.field]: onlyImages ? 'err.fileImageType' : { key: 'err.fileType', vars: { types: allowed.map((k) => k.toUpperCase()).join(', ') } } });
    }
    return { ext, mime: FILE_KINDS[ext] };
  }

  async save(db: DbLike, o: SaveOptions, maxBytes = this.maxBytes): Promise<FileRecord> {
    const { ext, mime } = await this.inspect(o.part, o.allowed, maxBytes);
    const key = `${crypto.randomBytes(1).toString('hex')}/${crypto.randomBytes(16).toString('hex')}.${ext}`;
    const digest = await this.write(key, o.part);
    const row = await db.k
      .insertInto('file')
      .values({
        agency_id: o.agencyId,
        public_id: randomToken(12),
        storage_key: key,
        original_name: cleanFileName(o.part.filename || `file.${ext}`, ext),
        content_type: mime,
        ext,
        size_bytes: o.part.size,
        sha256: digest,
        owner: o.owner,
        created_by: o.createdBy,
        created_at: new Date().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return row;
  }

  /** Stores bytes the system made itself (generated documents, placeholder images): the upload limit is for visitors. */
  async saveGenerated(db: DbLike, o: { agencyId: number; name: string; data: Buffer; ext: FileKind; owner: string }): Promise<FileRecord> {
    return this.save(db, { agencyId: o.agencyId, part: memoryPart(o.name, o.data), allowed: [o.ext], owner: o.owner, createdBy: null }, Infinity);
  }

  /** Puts the bytes in place durably (written, fsynced, renamed); an upload's temporary file is moved, not copied. */
  private async write(key: string, part: UploadPart): Promise<string> {
    const full = path.join(this.root, key);
    await fsp.mkdir(path.dirname(full), { recursive: true, mode: 0o750 });
    if (part.path) {
      // the temporary file was fsynced when the upload was received, and lives on the same file system
      await fsp.rename(part.path, full);
      await fsp.chmod(full, 0o640);
      part.path = full;
      return part.sha256 ?? sha256(await fsp.readFile(full));
    }
    const data = part.data ?? Buffer.alloc(0);
    const tmp = `${full}.tmp`;
    const fh = await fsp.open(tmp, 'w', 0o640);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, full);
    return sha256(data);
  }

  stream(key: string): fs.ReadStream {
    return fs.createReadStream(path.join(this.root, key));
  }

  async exists(key: string): Promise<boolean> {
    return fsp.access(path.join(this.root, key)).then(() => true, () => false);
  }
}

export async function findFile(db: DbLike, agencyId: number, publicId: string): Promise<FileRecord | undefined> {
  if (!/^[\w-]{8,40}$/.test(publicId)) return undefined;
  return db.k.selectFrom('file').selectAll().where('agency_id', '=', agencyId).where('public_id', '=', publicId).executeTakeFirst();
}

export function fileUrl(f: Pick<FileRecord, 'public_id' | 'original_name'>): string {
  return `/files/${f.public_id}/${encodeURIComponent(f.original_name)}`;
}
