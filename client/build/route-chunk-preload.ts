/**
 * Vite plugin: an inline script in index.html that modulepreloads the current route's chunk (and the
 * chunks it imports) before the app starts. Without it the route chunk is requested only after the entry
 * has run and the router has matched, a second round trip through the service worker on every cold
 * start, offline included. Only the current route's chunks are fetched, so no page loads more JS.
 */
import type { Plugin, Rollup } from 'vite';

type OutputChunk = Rollup.OutputChunk;

/**
 * Path patterns of the pages people open directly (links, reloads, offline) and the module that renders each.
 * Not the post page: it is part of the entry (see client/src/app/routes.ts).
 */
export const PRELOADED_ROUTES: readonly { pattern: string; module: string }[] = [
  { pattern: '^/$', module: 'client/src/routes/Home.tsx' },
  { pattern: '^/t/[^/]+/?$', module: 'client/src/routes/TagPage.tsx' },
  { pattern: '^/(@|%40)[^/]+/?$', module: 'client/src/routes/AuthorPage.tsx' },
  { pattern: '^/series/[^/]+/?$', module: 'client/src/routes/SeriesPage.tsx' },
  { pattern: '^/saved/?$', module: 'client/src/routes/SavedPage.tsx' },
];

/** The inline script: pure so it can be tested without a build. */
export function preloadScript(routes: readonly { pattern: string; files: string[] }[]): string {
  const table = JSON.stringify(routes.map((r) => [r.pattern, r.files]));
  return `(()=>{for(const[p,f]of ${table})if(new RegExp(p).test(location.pathname)){for(const u of f){const l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href=u;document.head.appendChild(l)}break}})()`;
}

export function routeChunkPreload(base = '/'): Plugin {
  return {
    name: 'sdp-route-chunk-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((o): o is OutputChunk => o.type === 'chunk');
        const entry = chunks.find((c) => c.isEntry);
        const alreadyLoaded = new Set([entry?.fileName, ...(entry?.imports ?? [])]);
        const routes = PRELOADED_ROUTES.map(({ pattern, module }) => {
          const chunk = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(module));
          if (!chunk) throw new Error(`route-chunk-preload: no chunk for ${module}; update PRELOADED_ROUTES.`);
          const files = [chunk.fileName, ...chunk.imports].filter((f) => !alreadyLoaded.has(f));
          return { pattern, files: files.map((f) => `${base}${f}`) };
        });
        return [{ tag: 'script', children: preloadScript(routes), injectTo: 'head-prepend' }];
      },
    },
  };
}
