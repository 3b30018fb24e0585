// The demo agency across modules, loaded in dependency order into an empty database.
import type { Platform } from './platform/platform.ts';
import { seedDemoAgency, type DemoResult } from './modules/agency/index.ts';
import { seedDemoPublishing } from './modules/publishing/index.ts';
import { seedDemoOit } from './modules/oit/index.ts';

export async function seedDemo(p: Platform): Promise<DemoResult | null> {
  const agency = await seedDemoAgency(p);
  if (!agency) return null;
  const { ids, seed } = await seedDemoPublishing(p, agency.agencyId);
  await seedDemoOit(p, agency.agencyId, ids, seed);
  return agency;
}
