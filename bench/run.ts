// npm run bench — prints figures; it asserts nothing.
// BENCH_SECONDS: length of each load run (default 10). BENCH_ONLY: pages | search | report. BENCH_SEARCH_DOCS: corpus size.
// WEB_CONCURRENCY: workers of the measured server (default: one per core, as npm start). BENCH_PEER=0 skips peer-bench;
// PEER_BENCH_DIR: where it is (default ../shared/tools/peer-bench), run when its setup.sh has been run.
// BENCH_ONLY=growth (only when asked: it takes minutes): BENCH_GROWTH=1,10,100 content factors, BENCH_GROWTH_RUNS=30.
import { benchPages } from './pages.bench.ts';
import { benchSearch } from './search.bench.ts';
import { benchReport } from './report.bench.ts';
import { benchGrowth } from './growth.bench.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const only = process.env.BENCH_ONLY;
if (!only || only === 'pages') await benchPages(seconds);
if (!only || only === 'search') await benchSearch();
if (only === 'growth') await benchGrowth();
// last: its peak memory includes the whole process
if (!only || only === 'report') await benchReport();
