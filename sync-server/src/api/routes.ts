/**
 * The catalog's HTTP routes, as listed in shared `API`. Thin: validate with the shared schemas, call the
 * catalog, return JSON. Errors are thrown and turned into JSON by the app's error handler.
 */
import { Hono } from 'hono';
import type { HandleMoved } from '../../../shared/src/model/accounts.ts';
import {
  API,
  HandleParam,
  IdParam,
  LimitQuery,
  PageQuery,
  PopularQuery,
  SlugParam,
} from '../../../shared/src/model/api.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { NotFoundError } from '../errors.ts';
import type { HandleRedirect } from '../storage/store.ts';
import { parseParam, parseQuery } from './validate.ts';

/** Where a handle given up by a rename now points (accounts/), or null. */
export type HandleRedirects = (handle: string) => Promise<HandleRedirect | null>;

export function apiRoutes(catalog: Catalog, handleRedirect: HandleRedirects = async () => null): Hono {
  const api = new Hono();
  // The client keeps its own copy (IndexedDB); HTTP caches must always ask again. A route that set its own
  // policy (a signed-in user's private answers: no-store) keeps it.
  api.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });

  // Fixed segments ("popular", "by-handle") are registered before the parameters they would otherwise match.
  api.get('/api/posts', async (c) => c.json(await catalog.latest(parseQuery(PageQuery, c.req.query()))));

  api.get('/api/posts/popular', async (c) => {
    const { window, limit } = parseQuery(PopularQuery, c.req.query());
    return c.json(await catalog.popularPosts(window, limit));
  });

  api.get('/api/posts/:slug', async (c) =>
    c.json(await catalog.postBySlug(parseParam(SlugParam, c.req.param('slug'), 'post slug'))),
  );

  api.get('/api/tags/popular', async (c) =>
    c.json(await catalog.popularTags(parseQuery(LimitQuery, c.req.query()).limit)),
  );

  api.get('/api/tags/:slug', async (c) =>
    c.json(await catalog.tag(parseParam(SlugParam, c.req.param('slug'), 'tag slug'))),
  );

  api.get('/api/tags/:slug/posts', async (c) => {
    const slug = parseParam(SlugParam, c.req.param('slug'), 'tag slug');
    return c.json(await catalog.tagPosts(slug, parseQuery(PageQuery, c.req.query())));
  });

  api.get('/api/authors/popular', async (c) =>
    c.json(await catalog.popularAuthors(parseQuery(LimitQuery, c.req.query()).limit)),
  );

  // An old handle (renamed within the hold period) answers 301 to the new one, with a JSON body saying
  // where it went; fetch() follows the redirect, so a client simply receives the author under the new handle.
  api.get('/api/authors/by-handle/:handle', async (c) => {
    const handle = parseParam(HandleParam, c.req.param('handle'), 'author handle');
    try {
      return c.json(await catalog.authorByHandle(handle));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const moved = await handleRedirect(handle);
      if (!moved) throw error;
      c.header('Location', API.authorByHandle(moved.handle));
      return c.json<HandleMoved>(
        {
          error: 'moved',
          message: `@${handle.toLowerCase()} is now @${moved.handle}.`,
          movedTo: moved.handle,
          id: moved.userId,
        },
        301,
      );
    }
  });

  api.get('/api/authors/:id', async (c) =>
    c.json(await catalog.authorById(parseParam(IdParam, c.req.param('id'), 'author id'))),
  );

  api.get('/api/authors/:id/posts', async (c) => {
    const id = parseParam(IdParam, c.req.param('id'), 'author id');
    return c.json(await catalog.authorPosts(id, parseQuery(PageQuery, c.req.query())));
  });

  api.get('/api/series/:slug', async (c) =>
    c.json(await catalog.series(parseParam(SlugParam, c.req.param('slug'), 'series slug'))),
  );

  return api;
}
