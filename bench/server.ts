// Starts the real server in a child process, as `npm start` does, for benchmarks.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface Server {
  child: ChildProcess;
  url: string;
  /** ms from spawn to the first 200 on / */
  startMs: number;
  /** peak resident set size so far, in MB (VmHWM) */
  peakRssMb(): number;
  /** the worker processes of a cluster (WEB_CONCURRENCY > 1); empty for one process */
  workerPids(): number[];
  /** resident set size of a process, now and at its peak, in MB */
  rssMb(pid: number): { rss: number; peak: number };
  stop(): Promise<void>;
}

let built = false;

/** The node flags of `npm start`, read from package.json so the bench runs exactly that. */
function startFlags(): string[] {
  const start = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
  return /exec node (.*) dist\/main\.mjs serve/.exec(start)![1]!.split(' ');
}

/** Runs what `npm start` runs: the bundle in dist/ (built once per bench run). */
export async function startServer(env: Record<string, string>): Promise<Server> {
  if (!built) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
    built = true;
  }
  const t0 = performance.now();
  const child = spawn(process.execPath, [...startFlags(), 'dist/main.mjs', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /Prongsai ready at (http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  for (;;) {
    const r = await fetch(`${url}/`).catch(() => null);
    if (r?.status === 200) {
      await r.text();
      break;
    }
    await new Promise((r2) => setTimeout(r2, 20));
  }
  const startMs = performance.now() - t0;
  return {
    child,
    url,
    startMs,
    peakRssMb() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
    },
    workerPids() {
      try {
        return fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      } catch {
        return [];
      }
    },
    rssMb(pid) {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
      return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
