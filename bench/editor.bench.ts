/**
 * Editor figures (issue 6 §7), written to bench/results/editor.json:
 * 1. open: a draft with 10,000 updates of history in IndexedDB (as y-indexeddb keeps them, one record per
 *    update), offline, from the page asking for it (`sdp:draft-open`) to the editor showing it
 *    (`sdp:draft-shown`); a fresh draft each run, since y-indexeddb compacts a long history on first load.
 * 2. keystroke to paint in a 50-page draft: in the page, from the keydown's timestamp to the first task
 *    after the next animation frame (the frame that paints the character).
 * 3. co-author latency: a character typed in one browser context appears in another's editor, through
 *    the server on loopback; both timestamps on the shared wall clock (timeOrigin + now).
 * Targets: open < 150 ms, keystroke < 16 ms, co-author p99 < 100 ms.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { ACCOUNT_API, CSRF_HEADER } from '../shared/src/model/account-api.ts';
import { chromiumArgs, chromiumExecutablePath } from '../tests/support/chromium.ts';
import { startServerProcess } from '../tests/support/server-process.ts';

const PORT = Number(process.env.BENCH_PORT ?? 8297);
const OPEN_RUNS = Number(process.env.BENCH_RUNS ?? 7);
const KEYSTROKES = 60;
const COAUTHOR_EDITS = 150;
const OUT = process.env.BENCH_OUT ?? 'bench/results/editor.json';

const round = (n: number) => Math.round(n * 10) / 10;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/** 10,000 updates, each one character typed into the body's paragraph: a long writing session's log. */
function longHistory(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const paragraph = new Y.XmlElement('paragraph');
  doc.getXmlFragment('body').push([paragraph]);
  const text = new Y.XmlText();
  paragraph.push([text]);
  doc.getText('title').insert(0, 'A long history');
  const words = 'queues absorb bursts while consumers catch up ';
  for (let i = updates.length; i < count; i++) text.insert(text.length, words[i % words.length] as string);
  return updates;
}

/** About 50 pages: 250 paragraphs of ~100 words, as one update (a draft written over weeks, compacted). */
function fiftyPages(): Uint8Array[] {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment('body');
  const sentence = 'Replicas acknowledge a write once it is durable on a quorum, so a failover loses nothing. ';
  for (let i = 0; i < 250; i++) {
    const paragraph = new Y.XmlElement(i % 25 === 0 ? 'heading' : 'paragraph');
    if (i % 25 === 0) paragraph.setAttribute('level', '2' as never);
    paragraph.push([new Y.XmlText(i % 25 === 0 ? `Section ${i / 25 + 1}` : sentence.repeat(7))]);
    body.push([paragraph]);
  }
  doc.getText('title').insert(0, 'Fifty pages');
  return [Y.encodeStateAsUpdate(doc)];
}

/** Writes updates into IndexedDB the way y-indexeddb stores a doc (database = doc name, store `updates`). */
async function seedDeviceCopy(page: Page, docName: string, updates: Uint8Array[]) {
  await page.evaluate(
    async ({ name, records }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('updates', { autoIncrement: true });
          open.result.createObjectStore('custom');
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('updates', 'readwrite');
        for (const record of records) tx.objectStore('updates').add(new Uint8Array(record));
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: docName, records: updates.map((u) => Array.from(u)) },
  );
}

async function signedInContext(browser: Browser, base: string, handle: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, serviceWorkers: 'allow' });
  const res = await context.request.post(ACCOUNT_API.signup, {
    headers: { [CSRF_HEADER]: 'anonymous' },
    data: { email: `${handle}@example.com`, password: 'correct horse battery', handle },
  });
  if (!res.ok()) throw new Error(`sign-up failed: ${res.status()} ${await res.text()}`);
  return context;
}

async function controlledPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  return page;
}

const body = (page: Page) => page.getByRole('textbox', { name: 'Post body' });

async function openTimes(page: Page, context: BrowserContext): Promise<number[]> {
  const times: number[] = [];
  const history = longHistory(10_000);
  for (let run = 0; run < OPEN_RUNS; run++) {
    const id = `bench-open-${Date.now().toString(36)}-${run}`;
    await page.goto('/drafts');
    await seedDeviceCopy(page, `draft:${id}`, history);
    await context.setOffline(true);
    await page.goto(`/write/${id}`);
    await page.waitForFunction(() => performance.getEntriesByName('sdp:draft-shown').length > 0, null, {
      timeout: 30_000,
    });
    await body(page).getByText('queues absorb bursts', { exact: false }).first().waitFor();
    times.push(
      await page.evaluate(() => {
        const open = performance.getEntriesByName('sdp:draft-open')[0]?.startTime ?? Number.NaN;
        const shown = performance.getEntriesByName('sdp:draft-shown')[0]?.startTime ?? Number.NaN;
        return shown - open;
      }),
    );
    await context.setOffline(false);
  }
  return times;
}

async function keystrokeTimes(page: Page, context: BrowserContext): Promise<number[]> {
  const id = `bench-keys-${Date.now().toString(36)}`;
  await page.goto('/drafts');
  await seedDeviceCopy(page, `draft:${id}`, fiftyPages());
  await context.setOffline(true);
  await page.goto(`/write/${id}`);
  await body(page).getByText('Section 10').waitFor();
  await page.evaluate(`(() => {
    window.__keyLatencies = [];
    document.addEventListener('keydown', (event) => {
      const start = event.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__keyLatencies.push(performance.now() - start), 0));
    }, true);
  })()`);
  await body(page).getByText('Section 5').click();
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.type('x');
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(200);
  await context.setOffline(false);
  return (await page.evaluate('window.__keyLatencies')) as number[];
}

async function coauthorLatencies(browser: Browser, base: string, owner: BrowserContext): Promise<number[]> {
  const writer = await owner.newPage();
  await writer.goto('/write');
  await writer.waitForURL(/\/write\/[^/]+$/);
  await writer.locator('.draft-status strong', { hasText: /^Synced$/ }).waitFor({ timeout: 20_000 });
  const url = writer.url();
  // The same person in a second browser (a co-author's path through the server is the same).
  const second = await browser.newContext({ baseURL: base, storageState: await owner.storageState() });
  const reader = await second.newPage();
  await reader.goto(url);
  await reader.locator('.draft-status strong', { hasText: /^Synced$/ }).waitFor({ timeout: 20_000 });
  await reader.evaluate(`(() => {
    window.__seen = [];
    const editor = document.querySelector('[aria-label="Post body"]');
    let last = editor.textContent.length;
    new MutationObserver(() => {
      const now = performance.timeOrigin + performance.now();
      const length = editor.textContent.length;
      for (let i = last; i < length; i++) window.__seen.push(now);
      last = length;
    }).observe(editor, { subtree: true, childList: true, characterData: true });
  })()`);
  await body(writer).click();
  const sent: number[] = [];
  for (let i = 0; i < COAUTHOR_EDITS; i++) {
    sent.push(await writer.evaluate(() => performance.timeOrigin + performance.now()));
    await writer.keyboard.type('a');
    await writer.waitForTimeout(40);
  }
  await reader.waitForFunction((n) => (window as unknown as { __seen: number[] }).__seen.length >= n, COAUTHOR_EDITS, {
    timeout: 30_000,
  });
  const seen = (await reader.evaluate('window.__seen')) as number[];
  await second.close();
  await writer.close();
  return sent.map((at, i) => (seen[i] as number) - at);
}

async function main() {
  const server = await startServerProcess({ port: PORT });
  const browser = await chromium.launch({ executablePath: chromiumExecutablePath, args: chromiumArgs });
  try {
    const handle = `bench_${Date.now().toString(36)}`;
    const context = await signedInContext(browser, server.url, handle);
    const page = await controlledPage(context);
    const open = await openTimes(page, context);
    const keys = await keystrokeTimes(page, context);
    const coauthor = await coauthorLatencies(browser, server.url, context);
    const results = {
      date: new Date().toISOString(),
      machine: `${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
      targets: { open_10k_ms_max: 150, keystroke_to_paint_ms_max: 16, coauthor_p99_ms_max: 100 },
      open_10k_updates: { runs: open.length, median_ms: round(quantile(open, 0.5)), all_ms: open.map(round) },
      keystroke_to_paint_50_pages: {
        keystrokes: keys.length,
        p50_ms: round(quantile(keys, 0.5)),
        p99_ms: round(quantile(keys, 0.99)),
        max_ms: round(Math.max(...keys)),
      },
      coauthor_edit_latency: {
        edits: coauthor.length,
        p50_ms: round(quantile(coauthor, 0.5)),
        p99_ms: round(quantile(coauthor, 0.99)),
      },
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
