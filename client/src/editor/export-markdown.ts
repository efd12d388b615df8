/**
 * "Export as Markdown" for the draft open in the editor: the draft's front matter and body as a `.md`
 * file named after its title. It reads the document on this device, so it works offline.
 */
import type * as Y from 'yjs';
import { draftFields } from '../../../shared/src/drafts/draft-doc.ts';
import { draftToMarkdown } from '../../../shared/src/drafts/draft-markdown.ts';
import { slugify } from '../../../shared/src/model/slug.ts';
import { saveFile } from '../ui/save-file.ts';

export function draftMarkdownFile(doc: Y.Doc): { name: string; blob: Blob } {
  const name = `${slugify(draftFields(doc).title.toString()) || 'untitled-draft'}.md`;
  return { name, blob: new Blob([draftToMarkdown(doc)], { type: 'text/markdown;charset=utf-8' }) };
}

export function exportDraftAsMarkdown(doc: Y.Doc): void {
  const { name, blob } = draftMarkdownFile(doc);
  saveFile(blob, name);
}
