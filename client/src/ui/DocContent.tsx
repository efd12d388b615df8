import type { JSX } from 'solid-js';
import type { DocNode } from '../../../shared/src/model/content.ts';
import { docToTree, type VNode } from './doc-tree.ts';

/** Builds DOM from the element tree with createElement/setAttribute/text nodes only — never HTML strings. */
function build(node: VNode): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const element = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) element.setAttribute(name, value);
  for (const child of node.children) element.append(build(child));
  return element;
}

/** A post's body. The content is rebuilt when the doc changes (content is replaced wholesale, not edited). */
export function DocContent(props: { doc: DocNode }): JSX.Element {
  return <div class="prose">{docToTree(props.doc).map(build)}</div>;
}
