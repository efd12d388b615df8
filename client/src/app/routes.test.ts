import { describe, expect, it, vi } from 'vitest';
import { isHandleSegment, routes } from './routes.ts';

// The post page is imported eagerly and needs a browser (the router reads window.history on import).
vi.mock('../routes/PostPage.tsx', () => ({ default: () => null }));

describe('route table', () => {
  it('matches /@handle only for segments that start with @', () => {
    expect(isHandleSegment('@ana-okafor')).toBe(true);
    expect(isHandleSegment('@priya_r')).toBe(true);
    expect(isHandleSegment('%40priya_r')).toBe(true);
    expect(isHandleSegment('ana-okafor')).toBe(false);
    expect(isHandleSegment('@')).toBe(false);
    expect(isHandleSegment('@has space')).toBe(false);
    expect(isHandleSegment(`@${'a'.repeat(31)}`)).toBe(false);
  });

  it('has every page, a 404 last, and lazy components but the post page', () => {
    expect(routes.map((r) => r.path)).toEqual([
      '/',
      '/p/:slug',
      '/t/:tag',
      '/series/:slug',
      '/u/:id',
      '/u/:id/:list',
      '/saved',
      '/signup',
      '/signin',
      '/drafts',
      '/write',
      '/write/:id',
      '/reading-list',
      '/notifications',
      '/settings',
      '/settings/profile',
      '/:handle',
      '*404',
    ]);
    const lists = routes.find((r) => r.path === '/u/:id/:list');
    expect(lists?.matchFilters).toEqual({ list: ['followers', 'following'] });
    const lazyPaths = routes.filter((r) => typeof (r.component as { preload?: unknown }).preload === 'function');
    expect(lazyPaths.map((r) => r.path)).toEqual(routes.map((r) => r.path).filter((p) => p !== '/p/:slug'));
  });
});
