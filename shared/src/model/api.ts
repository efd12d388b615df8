/**
 * The HTTP API's query schemas (and, re-exported, its paths), shared so the server validates and the
 * client builds requests from one definition.
 */
import * as v from 'valibot';
import { PAGE_LIMIT } from './api-routes.ts';
import { POPULAR_WINDOWS } from './catalog.ts';
import { SLUG_MAX, SLUG_PATTERN } from './slug.ts';

export { API, PAGE_LIMIT } from './api-routes.ts';

const Limit = v.optional(
  v.pipe(
    v.string(),
    v.regex(/^\d{1,3}$/, 'limit must be a whole number.'),
    v.transform(Number),
    v.minValue(1, 'limit must be at least 1.'),
    v.maxValue(PAGE_LIMIT.max, `limit must be at most ${PAGE_LIMIT.max}.`),
  ),
  String(PAGE_LIMIT.default),
);

/** Cursors are opaque to clients; the server decides their content. */
const Cursor = v.optional(v.pipe(v.string(), v.maxLength(200, 'cursor is not valid.')));

export const PageQuery = v.object({ cursor: Cursor, limit: Limit });
export const PopularQuery = v.object({
  window: v.optional(v.picklist(POPULAR_WINDOWS, 'window must be week, month or all.'), 'week'),
  limit: Limit,
});
export const LimitQuery = v.object({ limit: Limit });

export const SlugParam = v.pipe(
  v.string(),
  v.maxLength(SLUG_MAX, 'That address is too long.'),
  v.regex(SLUG_PATTERN, 'That is not a valid address.'),
);
export const IdParam = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a valid id.'));
export const HandleParam = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,30}$/, 'That is not a valid handle.'));
