// What the server may use of the admin module.
export { adminModule } from './module.ts';
