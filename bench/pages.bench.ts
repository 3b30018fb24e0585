// Pages against the same bytes served as a static file by the same process, in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.ts';
import { line, load } from './load.ts';

export async function benchPages(seconds: number, paths = ['/', '/oit/2567']): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-'));
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-static-'));
  const env = { DATA_DIR: dataDir, PORT: '0', STATIC_EXTRA_DIR: staticDir };
  try {
    // the first start creates and seeds the database; the measured start is on the existing database
    await (await startServer(env)).stop();
    const s = await startServer(env);
    for (const [i, p] of paths.entries()) {
      const html = await (await fetch(`${s.url}${p}`)).text();
      fs.writeFileSync(path.join(staticDir, `page${i}.html`), html);
      await load(`${s.url}${p}`, 2); // warm-up
      const page = await load(`${s.url}${p}`, seconds);
      const file = await load(`${s.url}/_static/page${i}.html`, seconds);
      console.log(`\n== GET ${p} (${(html.length / 1024).toFixed(1)} KB), 50 connections, ${seconds} s each ==`);
      console.log(line(`GET ${p}`, page));
      console.log(line('same bytes as a static file', file));
      console.log(`ratio page/static            ${((page.rps / file.rps) * 100).toFixed(0)} %   (target ≥ 50 %)`);
      if (p === '/') console.log(`p99 of /                     ${page.p99.toFixed(1)} ms   (target < 50 ms)`);
    }
    const rss = s.peakRssMb();
    await s.stop();
    console.log(`\npeak RSS                     ${rss.toFixed(0)} MB   (target < 200 MB)`);
    console.log(`start-up to first response   ${s.startMs.toFixed(0)} ms   (existing database; target < 2000 ms)`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(staticDir, { recursive: true, force: true });
  }
}
