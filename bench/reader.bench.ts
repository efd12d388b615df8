/**
 * Reader figures (issue: foundation §6), written to bench/results/reader.json:
 * 1. gzipped JS that the home page and a post page load (fresh browser, no service worker yet);
 * 2. offline time from navigation to the post's text on screen, for a saved post, next to the same
 *    for a static HTML file of that post served from the same service-worker cache (the floor).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from '@playwright/test';
import type { Page as FeedPage, Post, PostSummary } from '../shared/src/model/index.ts';
import { chromiumArgs, chromiumExecutablePath } from '../tests/support/chromium.ts';
import { startServerProcess } from '../tests/support/server-process.ts';
import { staticPostHtml } from './static-post-html.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 8296);
const OUT = 'bench/results/reader.json';

type JsWeight = { gzip_bytes: number; raw_bytes: number; files: { url: string; gzip_bytes: number }[] };

async function jsWeight(browser: Browser, url: string): Promise<JsWeight> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const scripts: Promise<{ url: string; raw: number; gzip: number }>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    scripts.push(
      res.body().then((body) => ({ url: new URL(res.url()).pathname, raw: body.length, gzip: gzipSync(body).length })),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const files = await Promise.all(scripts);
  await context.close();
  return {
    gzip_bytes: files.reduce((n, f) => n + f.gzip, 0),
    raw_bytes: files.reduce((n, f) => n + f.raw, 0),
    files: files.map((f) => ({ url: f.url, gzip_bytes: f.gzip })),
  };
}

/**
 * Records, in the page, the first animation frame at which `marker` is in the document's text. A string,
 * not a function: tsx/esbuild would wrap a function's inner names in a helper the page does not have.
 */
const recordTextOnScreen = (marker: string) => `(() => {
  const marker = ${JSON.stringify(marker)};
  const check = () => {
    if (document.body && document.body.textContent.includes(marker)) window.__textOnScreenMs = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/**
 * Navigates and returns the page's own timestamp of the text appearing. It is read with plain
 * `page.evaluate` calls after the load, never `waitForFunction`/`waitForSelector`: those inject
 * Playwright's polling script (~11 ms of main-thread work) into the page while it is loading, which
 * would be measured as part of the app's load and not of the floor's.
 */
async function timeToText(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const value = await page.evaluate('window.__textOnScreenMs ?? null');
    if (typeof value === 'number') return value;
    if (Date.now() > deadline) throw new Error(`text did not appear on ${url} within 15 s`);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function offlineTiming(browser: Browser, base: string, post: Post, marker: string) {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(`${base}/p/${post.slug}`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  await page.getByRole('button', { name: 'Save for offline' }).click();
  await page.getByRole('button', { name: /Saved for offline/ }).waitFor();

  // The floor: the same post as one static HTML file, put in the cache the service worker serves /media/ from.
  const floorPath = `/media/bench-floor-${post.slug}.html`;
  await page.evaluate(
    async ({ path, html }) => {
      const cache = await caches.open('sdp-media');
      await cache.put(path, new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
    },
    { path: floorPath, html: staticPostHtml(post) },
  );

  await context.addInitScript(recordTextOnScreen(marker));
  await context.setOffline(true);
  const app: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    app.push(await timeToText(page, `${base}/p/${post.slug}`));
    floor.push(await timeToText(page, `${base}${floorPath}`));
  }
  await context.close();
  const appMedian = median(app);
  const floorMedian = median(floor);
  return {
    runs: RUNS,
    app_median_ms: round(appMedian),
    floor_median_ms: round(floorMedian),
    // Two decimals: at one, 1.45 would read as 1.5.
    ratio: Math.round((appMedian / floorMedian) * 100) / 100,
    app_ms: app.map(round),
    floor_ms: floor.map(round),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const server = await startServerProcess({ port: PORT });
  const browser = await chromium.launch({ executablePath: chromiumExecutablePath, args: chromiumArgs });
  try {
    const feed = (await (await fetch(`${server.url}/api/posts?limit=5`)).json()) as FeedPage<PostSummary>;
    const summary = feed.items[0];
    if (!summary) throw new Error('no posts to measure: is the store seeded?');
    const post = (await (await fetch(`${server.url}/api/posts/${summary.slug}`)).json()) as Post;
    const marker = firstSentence(post);

    const home = await jsWeight(browser, `${server.url}/`);
    const postPage = await jsWeight(browser, `${server.url}/p/${post.slug}`);
    const offline = await offlineTiming(browser, server.url, post, marker);
    const results = {
      date: new Date().toISOString(),
      machine: `${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
      targets: { js_gzip_bytes_max: 50 * 1024, offline_ratio_max: 1.5 },
      js: { home, post: postPage },
      offline_saved_post: { slug: post.slug, ...offline },
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `home JS ${(home.gzip_bytes / 1024).toFixed(1)} KB gz, post JS ${(postPage.gzip_bytes / 1024).toFixed(1)} KB gz; ` +
        `offline saved post ${offline.app_median_ms} ms vs floor ${offline.floor_median_ms} ms (×${offline.ratio}) → ${OUT}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

function firstSentence(post: Post): string {
  for (const block of post.content.content) {
    if (block.type === 'paragraph' && block.content?.[0]?.type === 'text') return block.content[0].text.slice(0, 40);
  }
  throw new Error(`post ${post.slug} has no paragraph to look for`);
}

await main();
