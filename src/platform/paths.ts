// The project root, found the same way whether the code runs from src/ (tsx) or from the dist/ bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'seed'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`project root not found above ${start}`);
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const PUBLIC_DIR = path.join(ROOT, 'public');
export const SEED_DIR = path.join(ROOT, 'seed');
