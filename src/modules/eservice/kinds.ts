// The E-Service module's fixed vocabulary: permissions, request statuses, channels, field kinds, time units.

/** Officers of a unit work its queue: accept, move through the steps, ask for information, complete, reject. */
export const HANDLE = 'eservice.handle';
/** The catalogue: services, their steps and their forms. */
export const MANAGE = 'eservice.manage';
/** The equal-service view and the satisfaction comments (staff statistics). */
export const READ = 'eservice.read';
/** API keys of Open311 clients. */
export const KEYS = 'eservice.keys';
/** The staff menu entry and its landing page: anyone holding one of the permissions above. */
export const AREA = 'eservice.area';

export const STATUSES = ['submitted', 'in_progress', 'info_requested', 'completed', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly Status[] = ['submitted', 'in_progress', 'info_requested'];
export const isOpen = (s: string) => (OPEN_STATUSES as readonly string[]).includes(s);

/** How a request arrived: the web form, at the counter (entered by staff), by phone (entered by staff), another system (Open311). */
export const CHANNELS = ['online', 'walk_in', 'phone', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];
/** What an officer records for someone who came or called. */
export const STAFF_CHANNELS = ['walk_in', 'phone'] as const;

/** What a request form asks; each kind has its own check on the server. */
export const FIELD_KINDS = ['text', 'block', 'number', 'date', 'choice', 'file', 'national_id', 'address', 'phone', 'email'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const UNITS = ['minute', 'hour', 'day'] as const;
export type Unit = (typeof UNITS)[number];
export const UNIT_MINUTES: Record<Unit, number> = { minute: 1, hour: 60, day: 24 * 60 };

/** Path segments under /e-service that are pages of their own, never a service's slug. */
export const RESERVED_SLUGS = ['track', 'statistics', 'guide', 'poster', 'new', 'request', 'manual', 'open311', 'api'] as const;
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const FIELD_KEY_RE = /^[a-z][a-z0-9_]{0,39}$/;

/** Files a form takes (checked by their content) and how large. */
export const FILE_TYPES = ['pdf', 'png', 'jpg', 'webp'] as const;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 5;

/** Kinds of history events a requester may see on the tracking page. */
export const EVENT_KINDS = ['submitted', 'accepted', 'step', 'info_requested', 'info_given', 'completed', 'rejected', 'rated'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
