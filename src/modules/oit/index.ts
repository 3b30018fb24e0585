// What other modules and the server may use of the OIT module.
export { oitModule } from './module.ts';
export { importCatalogue, addBinding, saveTicks, itemUrl } from './service.ts';
export { parseCatalogue, type CatalogueItem } from './catalogue.ts';
export { itemReadiness, summary } from './readiness.ts';
export { listItems, listYears, getItem } from './store.ts';
