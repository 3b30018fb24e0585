// What other modules and the server may use of the complaints module.
export { complaintsModule } from './module.ts';
export { recoverAccess } from './access.ts';
export { approveReader } from './readers.ts';
