// Static assets under /assets/, with a content hash in the URL so browsers may cache them for a year.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PUBLIC_DIR } from '../paths.ts';

export { PUBLIC_DIR };
const versions = new Map<string, string>();

export function assetUrl(name: string): string {
  let v = versions.get(name);
  if (!v) {
    try {
      v = crypto.createHash('sha256').update(fs.readFileSync(path.join(PUBLIC_DIR, name))).digest('hex').slice(0, 10);
    } catch {
      v = '0';
    }
    versions.set(name, v);
  }
  return `/assets/${name}?v=${v}`;
}
