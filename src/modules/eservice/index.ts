// What other modules and the server may use of the E-Service module.
export { eserviceModule } from './module.ts';
