/** A saved post as one self-contained HTML file: the floor the app's offline render is compared with. */
import type { Post } from '../shared/src/model/index.ts';
import { docToHtml, escapeHtml } from '../sync-server/src/render/doc-to-html.ts';

export function staticPostHtml(post: Post): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(post.title)}</title></head><body><main><h1>${escapeHtml(post.title)}</h1>${docToHtml(post.content)}</main></body></html>`;
}
