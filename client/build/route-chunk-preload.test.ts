import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRELOADED_ROUTES, preloadScript } from './route-chunk-preload.ts';

/** Runs the inline script against a minimal document and returns the hrefs it preloaded. */
function preloadedFor(pathname: string, routes: { pattern: string; files: string[] }[]): string[] {
  const links: { rel: string; href: string }[] = [];
  const document = {
    createElement: () => ({ rel: '', href: '', crossOrigin: null as string | null }),
    head: { appendChild: (l: { rel: string; href: string }) => links.push(l) },
  };
  new Function('location', 'document', preloadScript(routes))({ pathname }, document);
  return links.filter((l) => l.rel === 'modulepreload').map((l) => l.href);
}

const routes = [
  { pattern: '^/$', files: ['/assets/Home.js'] },
  { pattern: '^/p/[^/]+/?$', files: ['/assets/PostPage.js', '/assets/DocContent.js'] },
  { pattern: '^/(@|%40)[^/]+/?$', files: ['/assets/AuthorPage.js'] },
];

describe('route chunk preload script', () => {
  it("preloads only the current route's chunks", () => {
    expect(preloadedFor('/p/raft-in-plain-words', routes)).toEqual(['/assets/PostPage.js', '/assets/DocContent.js']);
    expect(preloadedFor('/', routes)).toEqual(['/assets/Home.js']);
    expect(preloadedFor('/@ana-okafor', routes)).toEqual(['/assets/AuthorPage.js']);
  });

  it('preloads nothing for pages it does not know', () => {
    expect(preloadedFor('/p/a/b', routes)).toEqual([]);
    expect(preloadedFor('/signup', routes)).toEqual([]);
  });

  it('names route modules that exist', () => {
    for (const { module } of PRELOADED_ROUTES) expect(existsSync(module), module).toBe(true);
  });
});
