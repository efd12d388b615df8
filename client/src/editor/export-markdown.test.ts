import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { markdownToDraftUpdate } from '../../../shared/src/drafts/draft-markdown.ts';
import { draftMarkdownFile } from './export-markdown.ts';

describe('draftMarkdownFile', () => {
  it('names the file after the title and holds the draft as Markdown', async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, markdownToDraftUpdate('---\ntitle: Queues: a primer\ntags: queues\n---\nBody **text**.').update);
    const { name, blob } = draftMarkdownFile(doc);
    expect(name).toBe('queues-a-primer.md');
    expect(blob.type).toBe('text/markdown;charset=utf-8');
    expect(await blob.text()).toBe('---\ntitle: Queues: a primer\ntags: queues\n---\n\nBody **text**.\n');
  });

  it('gives an untitled draft a name', () => {
    expect(draftMarkdownFile(new Y.Doc()).name).toBe('untitled-draft.md');
  });
});
