/**
 * Page cursors: opaque base64url of `publishedAt|id`. Both parts together make the position unique,
 * so posts published in the same millisecond are neither repeated nor skipped between pages.
 */
import type { Page } from '../../../shared/src/model/catalog.ts';
import { BadRequestError } from '../errors.ts';
import type { ListCursor } from '../storage/social-store.ts';
import type { PostCursor } from '../storage/store.ts';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeCursor(position: PostCursor): string {
  return Buffer.from(`${position.publishedAt}|${position.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null when it is not one this server made. */
export function decodeCursor(cursor: string): PostCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  if (bar < 0) return null;
  const publishedAt = text.slice(0, bar);
  const id = text.slice(bar + 1);
  if (!ISO.test(publishedAt) || Number.isNaN(Date.parse(publishedAt)) || !ID.test(id)) return null;
  return { publishedAt, id };
}

/**
 * Turns `limit + 1` rows into a page: the extra row only says that another page exists, and the cursor
 * points at the last row shown.
 */
export function toPage<T extends { publishedAt: string; id: string }>(
  rows: readonly T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null,
  };
}

/** The position a request's cursor names (none: null); a cursor this server did not make is a 400. */
export function readListCursor(cursor: string | undefined): ListCursor | null {
  if (cursor === undefined || cursor === '') return null;
  const decoded = decodeCursor(cursor);
  if (!decoded) throw new BadRequestError('cursor is not valid. Drop it to start again from the first page.');
  return { at: decoded.publishedAt, id: decoded.id };
}

/** `toPage` for lists ordered by another time than publishing: `at` names the row's position. */
export function toListPage<T extends { id: string }>(
  rows: readonly T[],
  limit: number,
  at: (row: T) => string,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ publishedAt: at(last), id: last.id }) : null,
  };
}
