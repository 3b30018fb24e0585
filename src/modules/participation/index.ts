// What other modules and the server may use of the participation module.
export { participationModule } from './module.ts';
