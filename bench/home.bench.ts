// Home page against the same bytes served as a static file by the same process, in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.ts';
import { line, load } from './load.ts';

export async function benchHome(seconds: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-'));
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-static-'));
  const env = { DATA_DIR: dataDir, PORT: '0', STATIC_EXTRA_DIR: staticDir };
  try {
    // first start creates and seeds the database; the measured start is on the existing database
    await (await startServer(env)).stop();
    const s = await startServer(env);
    const home = await (await fetch(`${s.url}/`)).text();
    fs.writeFileSync(path.join(staticDir, 'home.html'), home);
    await load(`${s.url}/`, 2); // warm-up
    const page = await load(`${s.url}/`, seconds);
    const file = await load(`${s.url}/_static/home.html`, seconds);
    const rss = s.peakRssMb();
    await s.stop();
    console.log(`\n== home page (${(home.length / 1024).toFixed(1)} KB), 50 connections, ${seconds} s each ==`);
    console.log(line('GET /', page));
    console.log(line('GET /_static/home.html', file));
    console.log(`ratio page/static            ${((page.rps / file.rps) * 100).toFixed(0)} %   (target ≥ 50 %)`);
    console.log(`p99 of /                     ${page.p99.toFixed(1)} ms   (target < 50 ms)`);
    console.log(`peak RSS                     ${rss.toFixed(0)} MB   (target < 200 MB)`);
    console.log(`start-up to first response   ${s.startMs.toFixed(0)} ms   (existing database; target < 2000 ms)`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(staticDir, { recursive: true, force: true });
  }
}
