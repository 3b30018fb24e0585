export * from './dates.ts';
export * from './baht.ts';
export * from './idcard.ts';
export * from './normalize.ts';
export * from './segment.ts';
export * from './collate.ts';
export * from './dateinput.ts';
