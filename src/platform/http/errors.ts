import type { MessageKey } from '../i18n/index.ts';

/** An error with an HTTP status and a catalogue message, shown as a page in the visitor's language. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly titleKey: MessageKey,
    readonly bodyKey: MessageKey,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(`${status} ${titleKey}`);
  }
}

export class NotFoundError extends HttpError {
  constructor() {
    super(404, 'error.404.title', 'error.404.body');
  }
}

export class ForbiddenError extends HttpError {
  constructor() {
    super(403, 'error.403.title', 'error.403.body');
  }
}

/** A rule of the domain was broken by user input: shown on the form, never a 500. */
export class ValidationError extends Error {
  constructor(readonly errors: Record<string, MessageKey | { key: MessageKey; vars: Record<string, string | number> }>) {
    super('validation failed');
  }
}
