// multipart/form-data, only on routes declared as upload routes, read as a stream after the route's guards:
// the first part must be the CSRF token, text fields are capped, files go to temporary files on disk
// with a per-file and a per-request limit, and only a few uploads are read at once. A body refused early is
// never buffered: Node reads the rest and throws it away, so the client still gets the answer.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { UploadPart } from '../files/index.ts';
import { addressGroup } from './address.ts';
import { HttpError } from './errors.ts';
import { hasControlChars } from '../thai/index.ts';
import type { FormValues } from './forms.ts';

export interface UploadLimits {
  /** largest file, bytes (UPLOAD_MAX_MB by default) */
  maxFileBytes: number;
  /** all files of one request together, bytes */
  maxTotalBytes: number;
  maxFiles: number;
  /**
   * Keep files in memory, never in a temporary file: for confidential uploads that are sealed before they are stored,
   * so that no plain copy is ever on disk (a crash would leave one). Keep maxTotalBytes small: it is held in RAM.
   */
  inMemory?: boolean;
  /**
   * Past maxTotalBytes, keep reading the form instead of answering 413: the bytes of the file that crosses the total
   * and of every file after it are thrown away as they arrive, those files come marked `overTotal` (and truncated),
   * and the fields after them are still read, so the route can say so on the file's field and keep what was typed.
   */
  markOverTotal?: boolean;
}

export interface UploadForm {
  fields: FormValues;
  files: Record<string, UploadPart>;
}

export const MAX_FIELD_BYTES = 100 * 1024;
export const MAX_FIELDS = 100;
/**
 * Uploads held in memory at once, per process, in bytes of their allowance: one complaint form (20 MB) at a time.
 * The chunks, their copy and the garbage left until a full collection grow the process by several times the bytes
 * held (uploads.test.ts: 4 × 20 MB at once took it past 300 MB; one at a time stays near 250 MB).
 */
export const MEMORY_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * A counting gate: at most `max` at once (uploads read, documents made); others wait a while, then get a 503.
 * `enter(weight)` takes several units at once (bytes held in memory); a weight over `max` takes all of it.
 */
export class Gate {
  private active = 0;
  private readonly waiting: Array<{ weight: number; go: () => void }> = [];
  constructor(
    readonly max: number,
    readonly maxWaiting: number,
    readonly waitMs: number,
    private readonly busy: () => Error = busyUploads,
  ) {}

  async enter(weight = 1): Promise<() => void> {
    const w = Math.min(weight, this.max);
    if (this.waiting.length || this.active + w > this.max) {
      if (this.waiting.length >= this.maxWaiting) throw this.busy();
      await new Promise<void>((resolve, reject) => {
        const entry = {
          weight: w,
          go: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(this.busy());
          this.admit();
        }, this.waitMs);
        this.waiting.push(entry);
      });
    } else {
      this.active += w;
    }
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.active -= w;
      this.admit();
    };
  }

  /** lets in those waiting, first come first served, while they fit */
  private admit(): void {
    while (this.waiting.length && this.active + this.waiting[0]!.weight <= this.max) {
      const next = this.waiting.shift()!;
      this.active += next.weight;
      next.go();
    }
  }

  get inFlight(): number {
    return this.active;
  }
}

function busyUploads(): HttpError {
  return new HttpError(503, 'error.503.title', 'error.503.uploadsBusy');
}

/** A text of a form holds control characters or bidi overrides (platform/thai hasControlChars): refused as a whole. */
export function textControls(): HttpError {
  return new HttpError(400, 'error.400.title', 'error.400.textControls');
}

function tooLarge(maxMb: string): HttpError {
  return new HttpError(413, 'error.413.title', 'error.413.body', { max: maxMb });
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export interface UploadSetup {
  tmpDir: string;
  defaults: UploadLimits;
  gate: Gate;
  /** bytes of in-memory uploads (UploadLimits.inMemory) held at once, each weighing its maxTotalBytes until answered */
  memory: Gate;
  /** the window over which an upload must keep MIN_UPLOAD_BYTES_PER_SECOND */
  stallMs: number;
  /** checks the CSRF token the form sent first; throws the platform's 403 when it is wrong */
  checkCsrf(req: FastifyRequest, reply: FastifyReply, token: string): Promise<void>;
}

const kTemp = Symbol('uploadTempFiles');
type WithTemp = FastifyRequest & { [kTemp]?: string[] };

export function isMultipartRequest(req: FastifyRequest): boolean {
  return /^multipart\/form-data\b/i.test(String(req.headers['content-type'] ?? ''));
}

/**
 * Route options for a route that takes files: its guards (preHandler) run first, then the form is read
 * (CSRF first, files to disk) and handed to the handler as `req.upload`. A urlencoded post is read as usual.
 */
export function uploadRoute(opts: RouteShorthandOptions & { limits?: Partial<UploadLimits> } = {}): RouteShorthandOptions {
  const { limits, ...rest } = opts;
  return { ...rest, config: { ...(rest.config as object), upload: limits ?? {} } };
}

/** Called by the platform's HTTP plugin once, before any route is added. */
export function setupUploads(app: FastifyInstance, s: UploadSetup): void {
  fs.mkdirSync(s.tmpDir, { recursive: true, mode: 0o700 });
  // leftovers of a crash are never claimed
  for (const f of fs.readdirSync(s.tmpDir)) fs.rmSync(path.join(s.tmpDir, f), { force: true });
  app.decorateRequest('upload', null);
  // multipart anywhere else is refused before a byte of the body is read
  app.addHook('onRequest', async (req) => {
    if (isMultipartRequest(req) && !req.routeOptions.config.upload) throw new HttpError(415, 'error.415.title', 'error.415.body');
  });
  // the form is read by the platform, after the route's guards and before its handler: no upload route can forget CSRF
  app.addHook('onRoute', (route) => {
    const limits = route.config?.upload;
    if (!limits) return;
    const handler = route.handler;
    route.handler = async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      req.upload = await readUpload(req, reply, s, limits);
      return handler.call(this, req, reply);
    };
  });
  const cleanup = async (req: FastifyRequest) => {
    const temp = (req as WithTemp)[kTemp];
    if (temp?.length) await Promise.all(temp.map((f) => fsp.rm(f, { force: true })));
  };
  app.addHook('onResponse', cleanup);
  app.addHook('onRequestAbort', cleanup);
}

/** Uploads in flight per network (an IPv4 address or an IPv6 /64): one laptop cannot take every slot. */
export const UPLOADS_PER_ADDRESS = 2;
const inFlight = new Map<string, number>();

/** An upload slower than this over a whole stall window (UPLOAD_STALL_SECONDS) is cut: a trickle cannot hold a slot. */
export const MIN_UPLOAD_BYTES_PER_SECOND = 4 * 1024;

/** Watches how fast the body arrives, window by window (a burst first buys nothing); too slow, the connection closes. */
function watchRate(req: FastifyRequest, windowMs: number): () => void {
  let bytes = 0;
  const count = (chunk: Buffer) => (bytes += chunk.length);
  req.raw.on('data', count);
  const timer = setInterval(() => {
    if (bytes < (MIN_UPLOAD_BYTES_PER_SECOND * windowMs) / 1000) req.raw.socket.destroy();
    bytes = 0;
  }, windowMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    req.raw.off('data', count);
  };
  req.raw.once('end', stop);
  req.raw.socket.once('close', stop);
  return stop;
}

async function readUpload(req: FastifyRequest, reply: FastifyReply, s: UploadSetup, limits: Partial<UploadLimits>): Promise<UploadForm> {
  // a urlencoded post went through the body parser and the platform's CSRF check already
  if (!isMultipartRequest(req)) return { fields: flatFields(req.body), files: {} };
  const lim = { ...s.defaults, ...limits };
  const net = addressGroup(req.ip);
  if ((inFlight.get(net) ?? 0) >= UPLOADS_PER_ADDRESS) throw busyUploads();
  inFlight.set(net, (inFlight.get(net) ?? 0) + 1);
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    const n = (inFlight.get(net) ?? 1) - 1;
    if (n > 0) inFlight.set(net, n);
    else inFlight.delete(net);
  };
  let release: () => void;
  let hold = () => {};
  try {
    // files kept in memory reserve their whole allowance first: a few such uploads at once, whatever their senders
    if (lim.inMemory) hold = await s.memory.enter(lim.maxTotalBytes);
    release = await s.gate.enter();
  } catch (err) {
    hold();
    leave();
    throw err;
  }
  const free = () => {
    release();
    hold();
    leave();
  };
  watchRate(req, s.stallMs);
  const temp: string[] = ((req as WithTemp)[kTemp] ??= []);
  try {
    const form = await readParts(req, reply, s, lim, temp);
    // files held in memory keep their slot until the answer is sent: the gate bounds memory, not just reading
    if (lim.inMemory) reply.raw.once('close', free);
    else free();
    return form;
  } catch (err) {
    // stop parsing what is left (the parser would keep collecting fields), throw it away as it arrives, and keep the
    // slot until the request has ended: a refused upload still counts while its bytes come in (watchRate cuts a trickle)
    req.raw.unpipe();
    req.raw.resume();
    if (req.raw.readableEnded || req.raw.socket.destroyed) free();
    else {
      req.raw.once('end', free);
      req.raw.socket.once('close', free);
    }
    if (err instanceof HttpError || (err as { code?: string }).code?.startsWith('FST_')) throw err;
    // anything else the parser says is a malformed body (no boundary, cut short, bad part headers)
    throw new HttpError(400, 'error.400.title', 'error.400.body');
  }
}

async function readParts(req: FastifyRequest, reply: FastifyReply, s: UploadSetup, lim: UploadLimits, temp: string[]): Promise<UploadForm> {
  const fields: FormValues = {};
  const files: Record<string, UploadPart> = {};
  let total = 0;
  let first = true;
  // a file over its limit arrives cut (truncated) and is refused on its field, not with an error page
  const parts = req.parts({
    limits: { fieldSize: MAX_FIELD_BYTES, fields: MAX_FIELDS, files: lim.maxFiles, fileSize: lim.maxFileBytes, parts: MAX_FIELDS + lim.maxFiles, headerPairs: 20, fieldNameSize: 100 },
    throwFileSizeLimit: false,
  } as Parameters<FastifyRequest['parts']>[0]);
  for await (const part of parts) {
    if (first) {
      first = false;
      // the form's first field is its CSRF token (the Form component puts it there)
      const token = part.type === 'field' && part.fieldname === '_csrf' && typeof part.value === 'string' ? part.value : '';
      await s.checkCsrf(req, reply, token);
      if (token) continue;
    }
    if (part.type === 'field') {
      if (part.valueTruncated || part.fieldnameTruncated) throw tooLarge(mb(MAX_FIELD_BYTES));
      if (typeof part.value !== 'string') continue;
      if (hasControlChars(part.value) || hasControlChars(part.fieldname)) throw textControls();
      const prev = fields[part.fieldname];
      if (prev === undefined) fields[part.fieldname] = part.value;
      else if (Array.isArray(prev)) prev.push(part.value);
      else fields[part.fieldname] = [prev, part.value];
      continue;
    }
    const file = path.join(s.tmpDir, crypto.randomBytes(16).toString('hex'));
    if (!lim.inMemory) temp.push(file);
    const hash = crypto.createHash('sha256');
    let size = 0;
    let over = false;
    const chunks: Buffer[] = [];
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        total += chunk.length;
        if (total > lim.maxTotalBytes) {
          if (!lim.markOverTotal) return done(tooLarge(mb(lim.maxTotalBytes)));
          over = true;
          chunks.length = 0;
          return done();
        }
        hash.update(chunk);
        if (lim.inMemory) {
          chunks.push(chunk);
          return done();
        }
        done(null, chunk);
      },
    });
    if (lim.inMemory) {
      await pipeline(part.file, count);
      if (files[part.fieldname] || (!part.filename && size === 0)) continue;
      files[part.fieldname] = { field: part.fieldname, filename: part.filename ?? '', data: over ? Buffer.alloc(0) : Buffer.concat(chunks), size, sha256: hash.digest('hex'), truncated: part.file.truncated || over, ...(over ? { overTotal: true } : {}) };
      continue;
    }
    await pipeline(part.file, count, fs.createWriteStream(file, { mode: 0o600 }));
    if (files[part.fieldname] || (!part.filename && size === 0)) {
      // a repeated file field keeps its first file; an empty file input sends a nameless, empty part
      await fsp.rm(file, { force: true });
      continue;
    }
    const truncated = part.file.truncated || over;
    if (!truncated) {
      // acknowledged uploads survive a crash: the bytes are on disk before anything refers to them
      const fh = await fsp.open(file, 'r+');
      await fh.sync().finally(() => fh.close());
    }
    files[part.fieldname] = { field: part.fieldname, filename: part.filename ?? '', path: file, size, sha256: hash.digest('hex'), truncated, ...(over ? { overTotal: true } : {}) };
  }
  // an empty multipart body carries no token either
  if (first) await s.checkCsrf(req, reply, '');
  return { fields, files };
}

function flatFields(body: unknown): FormValues {
  const out: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
      else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    }
  }
  return out;
}

/** A file input left empty is not a file. */
export function chosenFile(files: Record<string, UploadPart>, name: string): UploadPart | null {
  const f = files[name];
  return f && (f.filename || f.size > 0) ? f : null;
}
