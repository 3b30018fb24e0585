// Uploaded files: type decided by content, size limited, random storage names, Thai file names kept for downloads.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { randomToken, sha256 } from '../crypto.ts';
import type { DbLike, Tx } from '../db/index.ts';
import { ValidationError } from '../http/errors.ts';
import { normalizeLine, stripControlChars } from '../thai/index.ts';

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
  /** the files of the form went over their total here (UploadLimits.markOverTotal): this one's bytes were dropped */
  overTotal?: boolean;
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

/** Bytes in storage, not yet referred to by a row (FileStore.put, then FileStore.record). */
export interface StoredFile {
  key: string;
  /** 'sealed': bytes encrypted by their owner, opaque here (putSealed) */
  ext: FileKind | 'sealed';
  mime: string;
  size: number;
  sha256: string;
  /** the cleaned file name to keep */
  name: string;
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

/** A file name safe to keep: no path, no control characters or bidi overrides (a disguised .exe), Thai intact, at most 150 characters. */
export function cleanFileName(name: string, ext: string): string {
  const base = normalizeLine(stripControlChars(path.basename(name.replace(/\\/g, '/'))).replace(/["<>|:*?]/g, '')).slice(0, 150);
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

  /**
   * Step one, before the database transaction: checks the type by content and puts the bytes in storage, written and
   * fsynced. A transaction that then fails leaves an orphan, which sweepOrphans removes; never a row without bytes.
   */
  async put(part: UploadPart, allowed: FileKind[], maxBytes = this.maxBytes): Promise<StoredFile> {
    const { ext, mime } = await this.inspect(part, allowed, maxBytes);
    const key = `${crypto.randomBytes(1).toString('hex')}/${crypto.randomBytes(16).toString('hex')}.${ext}`;
    const digest = await this.write(key, part);
    return { key, ext, mime, size: part.size, sha256: digest, name: cleanFileName(part.filename || `file.${ext}`, ext) };
  }

  /** Runs the step that records stored bytes; when it fails, the bytes go at once instead of waiting for the sweep. */
  async keepIf<T>(stored: StoredFile[], step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      await Promise.all(stored.map((x) => fsp.rm(path.join(this.root, x.key), { force: true })));
      throw err;
    }
  }

  /** Bytes the system made itself (generated documents, placeholder images): the upload limit is for visitors. */
  putGenerated(name: string, data: Buffer, ext: FileKind): Promise<StoredFile> {
    return this.put(memoryPart(name, data), [ext], Infinity);
  }

  /**
   * Bytes already encrypted by the module that owns them (confidential case files): stored as they are, with no type
   * and no name, and served only by their owner, who opens them.
   */
  async putSealed(data: Buffer): Promise<StoredFile> {
    const key = `${crypto.randomBytes(1).toString('hex')}/${crypto.randomBytes(16).toString('hex')}.sealed`;
    const digest = await this.write(key, memoryPart('sealed', data));
    return { key, ext: 'sealed', mime: 'application/octet-stream', size: data.length, sha256: digest, name: 'sealed' };
  }

  /** The whole of a stored file (for sealed files, which are opened in memory; they are small). */
  read(key: string): Promise<Buffer> {
    return fsp.readFile(path.join(this.root, key));
  }

  /**
   * Deletes files for good (a case's files when its retention ends): the rows inside the caller's transaction, the
   * bytes once it has committed (a rollback leaves both; a crash between leaves bytes that sweepOrphans removes).
   */
  async forget(t: Tx, agencyId: number, ids: number[]): Promise<number> {
    if (!ids.length) return 0;
    const rows = await t.k.selectFrom('file').select(['id', 'storage_key']).where('agency_id', '=', agencyId).where('id', 'in', ids).execute();
    await t.k.deleteFrom('file').where('agency_id', '=', agencyId).where('id', 'in', rows.map((r) => r.id)).execute();
    const drop = () => void Promise.all(rows.map((r) => fsp.rm(path.join(this.root, r.storage_key), { force: true })));
    if (t.afterCommit) t.afterCommit.push(drop);
    else drop();
    return rows.length;
  }

  /** Step two, inside the transaction: the row that refers to the stored bytes. */
  async record(t: DbLike, stored: StoredFile, o: { agencyId: number; owner: string; createdBy: number | null }): Promise<FileRecord> {
    return t.k
      .insertInto('file')
      .values({
        agency_id: o.agencyId,
        public_id: randomToken(12),
        storage_key: stored.key,
        original_name: stored.name,
        content_type: stored.mime,
        ext: stored.ext,
        size_bytes: stored.size,
        sha256: stored.sha256,
        owner: o.owner,
        created_by: o.createdBy,
        created_at: new Date().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * Removes stored bytes no row refers to (a transaction that failed after put, a crash in between), once they are
   * older than an hour, so that nothing being saved right now is taken. Returns how many were removed.
   */
  async sweepOrphans(db: DbLike, olderThanMs = 3600_000): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    const dirs = await fsp.readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const d of dirs.filter((x) => x.isDirectory() && /^[0-9a-f]{2}$/.test(x.name))) {
      const names = await fsp.readdir(path.join(this.root, d.name));
      for (let i = 0; i < names.length; i += 500) {
        const keys = names.slice(i, i + 500).map((n) => `${d.name}/${n}`);
        const known = new Set((await db.k.selectFrom('file').select('storage_key').where('storage_key', 'in', keys).execute()).map((r) => r.storage_key));
        for (const key of keys.filter((k) => !known.has(k))) {
          const full = path.join(this.root, key);
          const st = await fsp.stat(full).catch(() => null);
          if (st && st.mtimeMs < cutoff) {
            await fsp.rm(full, { force: true });
            removed++;
          }
        }
      }
    }
    return removed;
  }

  /**
   * Puts the bytes in place durably (written, fsynced, renamed, the directory fsynced so that the new name survives a
   * crash too); an upload's temporary file is moved, not copied.
   */
  private async write(key: string, part: UploadPart): Promise<string> {
    const full = path.join(this.root, key);
    const dir = path.dirname(full);
    const made = await fsp.mkdir(dir, { recursive: true, mode: 0o750 });
    // a directory made just now is itself a new name in the one above it
    if (made) await syncDir(path.dirname(dir));
    if (part.path) {
      // the temporary file was fsynced when the upload was received, and lives on the same file system
      await fsp.rename(part.path, full);
      await fsp.chmod(full, 0o640);
      await syncDir(dir);
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
    await syncDir(dir);
    return sha256(data);
  }

  stream(key: string): fs.ReadStream {
    return fs.createReadStream(path.join(this.root, key));
  }

  async exists(key: string): Promise<boolean> {
    return fsp.access(path.join(this.root, key)).then(() => true, () => false);
  }
}

/** fsyncs a directory, making the names made in it durable; platforms that cannot open or sync one are skipped. */
export async function syncDir(dir: string): Promise<void> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(dir, 'r');
    await fh.sync();
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EINVAL'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await fh?.close();
  }
}

export async function findFile(db: DbLike, agencyId: number, publicId: string): Promise<FileRecord | undefined> {
  if (!/^[\w-]{8,40}$/.test(publicId)) return undefined;
  return db.k.selectFrom('file').selectAll().where('agency_id', '=', agencyId).where('public_id', '=', publicId).executeTakeFirst();
}

export function fileUrl(f: Pick<FileRecord, 'public_id' | 'original_name'>): string {
  return `/files/${f.public_id}/${encodeURIComponent(f.original_name)}`;
}
