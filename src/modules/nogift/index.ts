// What other modules and the server may use of the No Gift module.
export { nogiftModule } from './module.ts';
