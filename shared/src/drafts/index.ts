export * from './draft-doc.ts';
export * from './drafts-api.ts';
export * from './drafts-schemas.ts';
export * from './editor-json-to-doc.ts';
