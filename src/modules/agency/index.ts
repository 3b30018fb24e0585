// What other modules and the server may use of the agency module.
export { agencyModule } from './module.ts';
export { clearSiteCache } from './service.ts';
export { seedDemoAgency, readSeed, type DemoResult } from './demo.ts';
export { listExecutives, listDivisions, getDivision, headOfAgency, type Executive, type Division } from './store.ts';
