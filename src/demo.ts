// The demo agency: the agency module creates it in an empty database, then every module's demo steps run in order.
import type { Platform } from './platform/platform.ts';
import { demoSteps, type DemoContext } from './platform/module.ts';
import { seedDemoAgency, type DemoResult } from './modules/agency/index.ts';

export async function seedDemo(p: Platform): Promise<DemoResult | null> {
  const agency = await seedDemoAgency(p);
  if (!agency) return null;
  const ctx: DemoContext = { agencyId: agency.agencyId, ids: new Map(), password: agency.password };
  for (const step of demoSteps(p.modules)) await step.run(p, ctx);
  return agency;
}
