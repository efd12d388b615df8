/**
 * Completes package-lock.json with the platform-only optional packages the registry we install from
 * does not serve (e.g. Biome's and Rollup's builds for Android, macOS or Windows).
 *
 * Why: npm leaves a package out of the lock when it cannot fetch its manifest, and `npm ci` then refuses
 * the lock as "not in sync". Listing each such package with its os/cpu(/libc) lets `npm ci` see a complete
 * lock and skip it on every platform it is not for, without fetching it. Run after any `npm install`:
 *
 *   npm run lock:complete
 *
 * The platform is read from the package name (`cli-linux-x64-musl` → linux, x64, musl); a name it cannot
 * read is an error, so nothing is guessed silently.
 */
import { readFileSync, writeFileSync } from 'node:fs';

type LockEntry = {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
};
type Lock = { packages: Record<string, LockEntry> };

const OSES = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openbsd', 'openharmony', 'netbsd', 'sunos', 'aix'];
const CPUS = ['arm64', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'arm'];

/** os, cpu and (on Linux) libc of a platform package, from its name; null when the name does not say. */
export function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | null {
  const parts = (name.split('/').pop() ?? name).split('-');
  const os = parts.find((p) => OSES.includes(p));
  // `arm` also appears as `arm-eabi` / `arm-gnueabihf`: the part is exactly `arm` either way.
  const cpu = CPUS.find((c) => parts.includes(c));
  if (!os || !cpu) return null;
  const entry: Pick<LockEntry, 'os' | 'cpu' | 'libc'> = { os: [os], cpu: [cpu] };
  if (os === 'linux') {
    if (parts.some((p) => p.startsWith('musl'))) entry.libc = ['musl'];
    else if (parts.some((p) => p.startsWith('gnu'))) entry.libc = ['glibc'];
  }
  return entry;
}

/** Optional dependencies named in the lock that have no entry of their own. */
export function missingOptionals(lock: Lock): { name: string; version: string; parent: LockEntry }[] {
  const missing = new Map<string, { name: string; version: string; parent: LockEntry }>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
      if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
      missing.set(name, { name, version, parent: entry });
    }
  }
  return [...missing.values()];
}

export function completeLock(lock: Lock): string[] {
  const added: string[] = [];
  for (const { name, version, parent } of missingOptionals(lock)) {
    const platform = platformOf(name);
    if (!platform) throw new Error(`${name} is missing from the lock and its name does not say its platform.`);
    lock.packages[`node_modules/${name}`] = {
      version,
      ...(parent.dev ? { dev: true } : {}),
      ...(parent.devOptional ? { devOptional: true } : {}),
      optional: true,
      ...platform,
    };
    added.push(`${name}@${version}`);
  }
  const root = lock.packages[''];
  const rest = Object.entries(lock.packages)
    .filter(([path]) => path !== '')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  lock.packages = Object.fromEntries([...(root ? [['', root] as const] : []), ...rest]);
  return added;
}

if (process.argv[1]?.endsWith('complete-lockfile.ts')) {
  const file = process.argv[2] ?? 'package-lock.json';
  const lock = JSON.parse(readFileSync(file, 'utf8')) as Lock;
  const added = completeLock(lock);
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(
    added.length ? `Added ${added.length} platform-only packages:\n  ${added.join('\n  ')}` : 'The lock is complete.',
  );
}
