// Stored bytes survive a crash of the machine: the file is fsynced before its rename, and its directory after it
// (and the directory above, when the file's directory was made just now), so that the new name is durable too.
// The file system calls are observed (they still run): fsync leaves nothing else to see.
import { afterEach, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileStore, memoryPart, syncDir } from './index.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

afterEach(() => mock.restoreAll());

/** The order of renames and fsyncs, each with its path. */
async function observe(): Promise<string[]> {
  const events: string[] = [];
  const pathOf = new WeakMap<object, string>();
  const probe = await fsp.open(os.tmpdir(), 'r');
  const handleProto = Object.getPrototypeOf(probe) as { sync(): Promise<void> };
  await probe.close();
  const open = fsp.open.bind(fsp);
  mock.method(fsp, 'open', async (file: string, ...rest: unknown[]) => {
    const fh = await (open as (...a: unknown[]) => Promise<fsp.FileHandle>)(file, ...rest);
    pathOf.set(fh, String(file));
    return fh;
  });
  const sync = handleProto.sync;
  mock.method(handleProto, 'sync', function (this: object) {
    events.push(`sync ${pathOf.get(this)}`);
    return sync.call(this);
  });
  const rename = fsp.rename.bind(fsp);
  mock.method(fsp, 'rename', async (from: string, to: string) => {
    events.push(`rename ${to}`);
    return rename(from, to);
  });
  return events;
}

test('a stored file is fsynced, renamed into place, then its directory is fsynced (and a new directory’s parent)', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-files-'));
  try {
    const store = new FileStore(root, 1024 * 1024);
    const events = await observe();
    const first = await store.put(memoryPart('a.pdf', PDF), ['pdf']);
    const full = path.join(root, first.key);
    const dir = path.dirname(full);
    assert.deepEqual(events, [`sync ${root}`, `sync ${full}.tmp`, `rename ${full}`, `sync ${dir}`], 'the new directory’s name, the bytes, the rename, the file’s name');
    assert.deepEqual(fs.readFileSync(full), PDF);

    // an upload already on disk is moved in: its new name is made durable too
    events.length = 0;
    const tmp = path.join(root, 'upload.tmp');
    fs.writeFileSync(tmp, PDF);
    const part = { ...memoryPart('b.pdf', PDF), data: undefined, path: tmp, size: PDF.length };
    const moved = await store.put(part, ['pdf']);
    const movedFull = path.join(root, moved.key);
    assert.equal(events.at(-1), `sync ${path.dirname(movedFull)}`, `the directory is synced last: ${events.join(', ')}`);
    assert.ok(events.includes(`rename ${movedFull}`), events.join(', '));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('syncDir syncs a directory, and reports failures other than a platform refusing to sync one', async () => {
  await syncDir(os.tmpdir());
  await assert.rejects(syncDir(path.join(os.tmpdir(), 'prongsai-no-such-dir', 'x')), /ENOENT/);
});
