export * from './close-codes.ts';
export * from './doc-name.ts';
export * from './messages.ts';
