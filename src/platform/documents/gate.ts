// How many documents are made at once, in this process: making one holds the event loop for a while.
import { HttpError } from '../http/errors.ts';
import { Gate } from '../http/multipart.ts';

export const DOCUMENTS_AT_ONCE = { atOnce: 2, waiting: 32, waitMs: 20_000 };

export const documentGate = new Gate(DOCUMENTS_AT_ONCE.atOnce, DOCUMENTS_AT_ONCE.waiting, DOCUMENTS_AT_ONCE.waitMs, () => new HttpError(503, 'error.503.title', 'error.503.documentsBusy'));
