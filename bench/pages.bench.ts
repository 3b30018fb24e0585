// Public pages from the real server (`npm start`, WEB_CONCURRENCY workers): `/`, `/oit/{current assessment year}`, a
// document page and `/news`, each without and with `Accept-Encoding: gzip, br`: req/s, p50, p99, then the RSS of
// every worker. With peer-bench set up (../shared/tools/peer-bench, see its README), its run.sh follows against the
// same server: nginx serving the same bytes and WordPress, in one run, with the ratios.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer, type Server } from './server.ts';
import { line, load, type LoadResult } from './load.ts';

const ENCODED = { 'accept-encoding': 'gzip, br' };

/** The pages of the issue, found on the running site: the year /oit opens on and the newest document. */
export async function pagesOf(url: string): Promise<string[]> {
  const oit = await (await fetch(`${url}/oit`)).text();
  const years = [...oit.matchAll(/href="\/oit\/(\d{4})"/g)].map((m) => Number(m[1])).sort((a, b) => b - a);
  // the current assessment year: this fiscal year when it is in the catalogue, else the latest before it
  const now = new Date(Date.now() + 7 * 3600_000);
  const fiscal = now.getUTCFullYear() + 543 + (now.getUTCMonth() >= 9 ? 1 : 0);
  const year = years.includes(fiscal) ? fiscal : (years.find((y) => y < fiscal) ?? years[0]);
  const docs = await (await fetch(`${url}/documents`)).text();
  const doc = /href="(\/documents\/[^"/?#]+)"/.exec(docs)?.[1];
  return ['/', ...(year ? [`/oit/${year}`] : []), ...(doc ? [doc] : []), '/news'];
}

/** Bytes on the wire of one GET, on a new connection (so each worker of a cluster gets some in turn). */
function wire(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    http.get(url, { headers, agent: false }, (res) => {
      let n = 0;
      res.on('data', (d: Buffer) => (n += d.length));
      res.on('end', () => resolve(n));
    }).on('error', reject);
  });
}

/** A few requests of each kind, so the measured runs see every worker's cache warm and the compressed variants made. */
export async function warm(url: string): Promise<{ bytes: number; gz: number }> {
  let bytes = 0;
  let gz = 0;
  // two of each in a row: the primary hands connections to the workers in turn, so each worker gets both kinds
  for (let i = 0; i < 10; i++) {
    for (const headers of [{}, {}, ENCODED, ENCODED]) {
      const n = await wire(url, headers);
      if (headers === ENCODED) gz = n;
      else bytes = n;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { bytes, gz };
}

function peerBenchDir(): string | null {
  const dir = process.env.PEER_BENCH_DIR ?? path.resolve(ROOT, '..', 'shared', 'tools', 'peer-bench');
  if (!fs.existsSync(path.join(dir, 'run.sh'))) return null;
  const state = process.env.PB_STATE ?? (fs.existsSync(path.join(dir, 'state')) ? path.join(dir, 'state') : path.join(os.tmpdir(), 'peer-bench-state'));
  // set up: setup.sh has written its configs (README: "What setup.sh does")
  return fs.existsSync(path.join(state, 'conf')) ? dir : null;
}

export async function benchPages(seconds: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: process.env.BENCH_PORT ?? '0' };
  let s: Server | null = null;
  try {
    // the first start creates and seeds the database; the measured start is on the existing database
    await (await startServer(env)).stop();
    s = await startServer(env);
    const workers = s.workerPids();
    const paths = await pagesOf(s.url);
    console.log(`\n== public pages: ${workers.length || 1} worker(s), 50 connections, ${seconds} s each (autocannon, same machine) ==`);
    const rows: Array<{ label: string; r: LoadResult }> = [];
    for (const p of paths) {
      const { bytes, gz } = await warm(`${s.url}${p}`);
      console.log(`\nGET ${p}   ${(bytes / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB with gzip, br`);
      for (const [label, headers] of [['plain', {}], ['gzip, br', ENCODED]] as const) {
        const r = await load(`${s.url}${p}`, seconds, 50, headers);
        rows.push({ label: `${p} ${label}`, r });
        console.log(line(`  ${label}`, r));
      }
    }
    console.log('\nRSS per process (MB, now / peak)');
    for (const pid of workers.length ? workers : [s.child.pid!]) {
      const m = s.rssMb(pid);
      console.log(`  worker ${pid}`.padEnd(30) + `${m.rss.toFixed(0).padStart(5)} / ${m.peak.toFixed(0)}   (target < 200 MB)`);
    }
    if (workers.length) {
      const m = s.rssMb(s.child.pid!);
      console.log(`  primary ${s.child.pid}`.padEnd(30) + `${m.rss.toFixed(0).padStart(5)} / ${m.peak.toFixed(0)}`);
    }
    console.log(`start-up to first response   ${s.startMs.toFixed(0)} ms   (existing database; target < 2000 ms)`);

    const peer = peerBenchDir();
    if (process.env.BENCH_PEER === '0') console.log('\npeer-bench: skipped (BENCH_PEER=0)');
    else if (!peer) console.log('\npeer-bench: not set up (see ../shared/tools/peer-bench/README.md); nginx and WordPress figures not measured');
    else {
      console.log(`\n== peer-bench (${peer}/run.sh ${s.url}/): nginx with the same bytes and WordPress, same run ==`);
      const r = spawnSync(path.join(peer, 'run.sh'), [`${s.url}/`], { stdio: 'inherit', env: process.env });
      if (r.status !== 0) console.log(`peer-bench exited with ${r.status ?? r.signal}`);
    }
  } finally {
    await s?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
