// What other modules and the server may use of the integrity module.
export { integrityModule } from './module.ts';
export { sendReminders } from './reminders.ts';
export { reportModel } from './report.ts';
export { publishReport } from './reports.ts';
