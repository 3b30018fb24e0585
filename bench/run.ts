// npm run bench — prints figures; it asserts nothing. BENCH_SECONDS shortens or lengthens each load run.
import { benchHome } from './home.bench.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
await benchHome(seconds);
