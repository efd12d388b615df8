/**
 * The smallest single edit turning one string into another: what a form field's `input` event changed,
 * applied to a Y.Text as a delete and an insert at that spot, so two co-authors typing in the same title
 * merge character by character instead of the last one overwriting the whole field.
 */
export type TextChange = { index: number; remove: number; insert: string };

export function textChange(before: string, after: string): TextChange | null {
  if (before === after) return null;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

/** Where a caret at `position` ends up after a change made by someone else. */
export function shiftPosition(position: number, change: TextChange): number {
  if (position <= change.index) return position;
  if (position >= change.index + change.remove) return position - change.remove + change.insert.length;
  return change.index + change.insert.length;
}
