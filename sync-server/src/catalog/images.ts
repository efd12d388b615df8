/** The image sources a post shows, in reading order without repeats, so a reader can fetch them for offline use. */
import type { BlockNode, DocNode } from '../../../shared/src/model/content.ts';

export function imageSources(doc: DocNode): string[] {
  const seen = new Set<string>();
  const walk = (blocks: readonly BlockNode[]) => {
    for (const block of blocks) {
      if (block.type === 'image') seen.add(block.attrs.src);
      else if (block.type === 'blockquote') walk(block.content);
      else if (block.type === 'bulletList' || block.type === 'orderedList' || block.type === 'taskList') {
        for (const item of block.content) walk(item.content);
      }
    }
  };
  walk(doc.content);
  return [...seen];
}
