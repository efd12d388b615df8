import { describe, expect, it } from 'vitest';
import { isHandleSegment, routes } from './routes.ts';

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

  it('has every page, a 404 last, and lazy components', () => {
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
      '/reading-list',
      '/notifications',
      '/settings',
      '/settings/profile',
      '/:handle',
      '*404',
    ]);
    const lists = routes.find((r) => r.path === '/u/:id/:list');
    expect(lists?.matchFilters).toEqual({ list: ['followers', 'following'] });
    for (const route of routes) expect(typeof (route.component as { preload?: unknown }).preload).toBe('function');
  });
});
