import { TtlCache } from '../../platform/cache.ts';

/** The home page's news and documents block, per agency and language; cleared by every publishing change. */
export const homeCache = new TtlCache<string>(5_000);
