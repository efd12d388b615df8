/**
 * Whether the built client is older than what it is built from, and building it when it is.
 * Kept apart from start.ts so it can be tested without starting anything.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What the client build is made from. */
const CLIENT_SOURCES = ['client', 'shared', 'vite.config.ts', 'index.html'];

/** The newest modification time under the given paths (0 when none exist). */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    let info: ReturnType<typeof statSync>;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(path)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(join(path, name));
      }
    } else {
      newest = Math.max(newest, info.mtimeMs);
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

export function clientBuildIsStale(clientDir: string, root: string = REPO_ROOT): boolean {
  let builtAt: number;
  try {
    builtAt = statSync(join(clientDir, 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  return newestMtime(CLIENT_SOURCES.map((p) => join(root, p))) > builtAt;
}

export function ensureClientBuilt(clientDir: string): void {
  if (!clientBuildIsStale(clientDir)) return;
  if (resolve(clientDir) !== resolve(REPO_ROOT, 'dist/client')) {
    // vite builds to dist/client; a custom CLIENT_DIR is someone else's build, so only warn.
    console.warn(`CLIENT_DIR ${clientDir} has no up-to-date index.html; serving it as it is.`);
    return;
  }
  console.log('The client build is missing or out of date; running "npx vite build"…');
  const result = spawnSync('npx', ['vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The client build failed (see above). Fix the error and run "npm start" again.');
    process.exit(1);
  }
}
