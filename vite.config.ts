import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { earlyRead } from './client/build/early-read-script.ts';
import { routeChunkPreload } from './client/build/route-chunk-preload.ts';

const API_ORIGIN = 'http://127.0.0.1:8787';
const THEME_COLOR = '#3b49df';
/** Identifies a build in the page (`<meta name="sdp-build">`); every build gets a new one unless set. */
const BUILD_ID = process.env.SDP_BUILD_ID || new Date().toISOString();

const buildIdMeta = (): Plugin => ({
  name: 'sdp-build-id',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { name: 'sdp-build', content: BUILD_ID }, injectTo: 'head' }],
});

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Few, larger chunks compress better than many small ones, and cost fewer round trips: the entry and
        // everything it needs (framework, data layer, shared components, the post page) are one chunk;
        // route-only code stays in its route's chunk.
        codeSplitting: {
          groups: [
            {
              // The schema library gets its own chunk, used only by the lazy sign-in/up pages. Reader code
              // imports paths and URL checks from valibot-free modules (api-routes.ts, safe-url.ts).
              name: 'valibot',
              test: /node_modules[\\/]valibot[\\/]/,
            },
            {
              // Everything the entry needs, in one chunk: on a cold start each module file is one more
              // request through the service worker and one more module to instantiate before the first
              // render. Not the account and social schemas (valibot at work), the Markdown converter, nor
              // what only lazy pages or the after-first-paint work use (offline saving, follow lists,
              // keeping follows offline, profile edits, reactions, comments, notifications, people lists,
              // form fields, series co-authors, drafts and their files), nor the shared modules whose
              // schemas use valibot (content, api): the entry only takes their types.
              name: 'app',
              test: /node_modules[\\/](solid-js|@solidjs|idb)[\\/]|client[\\/]src[\\/](app[\\/]|store[\\/](?!offline-saves|follow-lists|following-top-up|profile\.|answers|reaction|comment|notification|social|draft-|coauthor|post-counts)|state[\\/](?!follow-lists|background|keep-following|profile\.|social|notification|coauthors|viewed|online-action)|ui[\\/](?!PeopleList|Field|ReactionBar|Comment|InvitationAnswer|SeriesCoauthors|save-file)|routes[\\/](OfflineSave|PostFeed|PostPage))|shared[\\/]src[\\/](?!drafts[\\/]|model[\\/](accounts|social|reading-list|content|api)\.ts|editor-schema)/,
            },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 8080,
    strictPort: true,
    proxy: {
      '/api': API_ORIGIN,
      '/media': API_ORIGIN,
      '/healthz': API_ORIGIN,
      '/sync': { target: API_ORIGIN, ws: true },
    },
  },
  preview: { host: '127.0.0.1', port: 8080, strictPort: true },
  plugins: [
    solid(),
    buildIdMeta(),
    routeChunkPreload(),
    earlyRead(),
    VitePWA({
      registerType: 'prompt',
      strategies: 'generateSW',
      // client/src/sw/ registers through `virtual:pwa-register/solid` after the first paint.
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'SysDesPro',
        short_name: 'SysDesPro',
        description: 'A community blog about software system design that keeps working offline.',
        lang: 'en',
        theme_color: THEME_COLOR,
        background_color: '#f5f5f7',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/(api|media|healthz|readyz|metrics|sync)(\/|$)/],
        cleanupOutdatedCaches: true,
        // The data layer keeps API responses in IndexedDB (idb); only images are cached here.
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/media/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'sdp-media',
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
});
