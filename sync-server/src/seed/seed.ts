/**
 * Loads the demo content into an empty store. Everything is read and checked before anything is
 * written, and the catalog goes in through one `importCatalog` call (one transaction), so a bad file
 * leaves the store empty rather than half-seeded. Media are copied first: a copy left behind by a failed
 * import is harmless and overwritten by the next attempt.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from '../logger.ts';
import type { Store } from '../storage/store.ts';
import { buildSeedCatalog } from './build-catalog.ts';
import { readSeed } from './read-seed.ts';

export type SeedOptions = {
  store: Store;
  seedDir: string;
  /** Media are copied to `${dataDir}/media`. */
  dataDir: string;
  logger: Logger;
  now?: Date;
};

export type SeedOutcome = { seeded: false } | { seeded: true; posts: number; authors: number; media: number };

export async function seedIfEmpty({
  store,
  seedDir,
  dataDir,
  logger,
  now = new Date(),
}: SeedOptions): Promise<SeedOutcome> {
  if ((await store.countPosts()) > 0) return { seeded: false };

  const source = await readSeed(seedDir);
  const catalog = buildSeedCatalog(source, now);

  const mediaDir = join(dataDir, 'media');
  await mkdir(mediaDir, { recursive: true });
  await Promise.all(source.media.map((file) => copyFile(file, join(mediaDir, basename(file)))));

  await store.importCatalog(catalog);
  const outcome = {
    seeded: true as const,
    posts: catalog.posts.length,
    authors: catalog.users.length,
    media: source.media.length,
  };
  logger.info(
    { ...outcome, tags: catalog.tags.length, reactions: catalog.reactions.length, comments: catalog.comments.length },
    'seeded the demo catalog',
  );
  return outcome;
}
