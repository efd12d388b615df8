export * from './comment-markdown.ts';
export * from './entities.ts';
export * from './front-matter.ts';
export * from './markdown-to-doc.ts';
