export * from './comment-markdown.ts';
export * from './doc-to-markdown.ts';
export * from './entities.ts';
export * from './front-matter.ts';
export * from './markdown-to-doc.ts';
export * from './post-front-matter.ts';
