// The words of a case: lanes, categories, channels, statuses and where a case may be forwarded.

/** general: complaints and service problems (ร้องเรียน/ร้องทุกข์); corruption: corruption and misconduct, confidential. */
export const LANES = ['general', 'corruption'] as const;
export type Lane = (typeof LANES)[number];

export const CATEGORIES: Record<Lane, readonly string[]> = {
  general: ['service', 'conduct', 'public_works', 'nuisance', 'other'],
  corruption: ['bribery', 'procurement', 'abuse_of_power', 'misappropriation', 'conflict_of_interest', 'misconduct'],
};
export const ALL_CATEGORIES = [...CATEGORIES.general, ...CATEGORIES.corruption] as const;

/** How a case arrived: the web form, or recorded by an officer from another channel. */
export const CHANNELS = ['web', 'phone', 'letter', 'in_person', 'email', 'chat'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STATUSES = ['received', 'review', 'investigating', 'resolved', 'dismissed', 'forwarded', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

/** Where a case may go next. A case is acknowledged when it leaves 'received', concluded when it is decided. */
export const NEXT: Record<Status, readonly Status[]> = {
  received: ['review', 'dismissed', 'forwarded'],
  review: ['investigating', 'resolved', 'dismissed', 'forwarded'],
  investigating: ['resolved', 'dismissed', 'forwarded'],
  resolved: ['closed', 'investigating'],
  dismissed: ['closed', 'review'],
  forwarded: ['closed'],
  closed: [],
};
export const CONCLUDED: readonly Status[] = ['resolved', 'dismissed', 'forwarded', 'closed'];

export const FORWARD_TO = ['nacc', 'pacc', 'damrongtham', 'ombudsman', 'police', 'other'] as const;

/** How a status is counted in the statistics: finished or still being handled. */
export const isFinished = (s: string) => (CONCLUDED as readonly string[]).includes(s);
