// The demo agency across modules, loaded in dependency order into an empty database.
import type { Platform } from './platform/platform.ts';
import { seedDemoAgency, type DemoResult } from './modules/agency/index.ts';
import { seedDemoPublishing } from './modules/publishing/index.ts';
import { importDemoCatalogues, seedDemoOit } from './modules/oit/index.ts';
import { seedDemoIntegrity } from './modules/integrity/index.ts';

export async function seedDemo(p: Platform): Promise<DemoResult | null> {
  const agency = await seedDemoAgency(p);
  if (!agency) return null;
  const { ids, seed } = await seedDemoPublishing(p, agency.agencyId);
  await importDemoCatalogues(p, agency.agencyId);
  await seedDemoIntegrity(p, agency.agencyId, ids);
  // last: the OIT demo checks items whose evidence (the integrity report among it) is in order
  await seedDemoOit(p, agency.agencyId, ids, seed);
  return agency;
}
