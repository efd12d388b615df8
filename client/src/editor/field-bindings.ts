/**
 * Form fields bound to the draft's shared types, so co-authors edit the title, excerpt, tags and series
 * together: a text field applies each input as the smallest edit to its Y.Text (concurrent typing merges)
 * and follows remote edits without moving the local caret; list and scalar fields write on change.
 * Each returns its disposer.
 */
import type * as Y from 'yjs';
import { slugify } from '../../../shared/src/model/slug.ts';
import { shiftPosition, textChange } from './text-change.ts';

const LOCAL = 'draft-field';

export function bindText(text: Y.Text, field: HTMLInputElement | HTMLTextAreaElement): () => void {
  field.value = text.toString();
  const onInput = () => {
    const change = textChange(text.toString(), field.value);
    if (!change) return;
    text.doc?.transact(() => {
      if (change.remove) text.delete(change.index, change.remove);
      if (change.insert) text.insert(change.index, change.insert);
    }, LOCAL);
  };
  const onRemote = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL) return;
    const next = text.toString();
    const change = textChange(field.value, next);
    if (!change) return;
    const focused = document.activeElement === field;
    const start = field.selectionStart ?? 0;
    const end = field.selectionEnd ?? 0;
    field.value = next;
    if (focused) field.setSelectionRange(shiftPosition(start, change), shiftPosition(end, change));
  };
  field.addEventListener('input', onInput);
  text.observe(onRemote);
  return () => {
    field.removeEventListener('input', onInput);
    text.unobserve(onRemote);
  };
}

/** "Caching, Distributed systems" → ['caching', 'distributed-systems'], without repeats, at most `max`. */
export function parseTags(value: string, max: number): string[] {
  const tags: string[] = [];
  for (const part of value.split(',')) {
    const slug = slugify(part);
    if (slug && !tags.includes(slug)) tags.push(slug);
  }
  return tags.slice(0, max);
}

export function bindTags(tags: Y.Array<string>, field: HTMLInputElement, max: number): () => void {
  const show = () => {
    if (document.activeElement !== field) field.value = tags.toArray().join(', ');
  };
  show();
  const onChange = () => {
    const next = parseTags(field.value, max);
    const now = tags.toArray();
    if (next.join(',') !== now.join(',')) {
      tags.doc?.transact(() => {
        tags.delete(0, tags.length);
        tags.push(next);
      }, LOCAL);
    }
    field.value = next.join(', ');
  };
  field.addEventListener('change', onChange);
  tags.observe(show);
  return () => {
    field.removeEventListener('change', onChange);
    tags.unobserve(show);
  };
}

/** A scalar in `meta` (series title, part number, cover URL): written on change, last writer wins. */
export function bindMeta(
  meta: Y.Map<unknown>,
  key: string,
  field: HTMLInputElement,
  parse: (value: string) => string | number | null,
): () => void {
  const show = () => {
    if (document.activeElement === field) return;
    const value = meta.get(key);
    field.value = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  show();
  const onChange = () => {
    const value = parse(field.value);
    if (value === null) meta.delete(key);
    else if (meta.get(key) !== value) meta.set(key, value);
  };
  field.addEventListener('change', onChange);
  meta.observe(show);
  return () => {
    field.removeEventListener('change', onChange);
    meta.unobserve(show);
  };
}
