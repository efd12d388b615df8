export * from './accounts.ts';
export * from './api.ts';
export * from './catalog.ts';
export * from './content.ts';
export * from './reading.ts';
export * from './slug.ts';
export * from './social.ts';
