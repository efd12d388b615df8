/** Popular posts, tags and authors per window over HTTP, cached, and refreshed by writes that matter. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_API } from '../../../shared/src/model/accounts.ts';
import { API } from '../../../shared/src/model/api.ts';
import type { AuthorSummary, PostSummary, TagSummary } from '../../../shared/src/model/catalog.ts';
import { SOCIAL_API } from '../../../shared/src/model/social-api.ts';
import { type SocialApp, socialApp, type TestUser } from '../testing/social-app.ts';

// The fixture catalog is dated 2025; this app runs on today's clock, so only posts published here are in
// this week's window.
let t: SocialApp;
let writer: TestUser;
let fresh: string[];
beforeAll(async () => {
  t = await socialApp();
  writer = await t.user('writer');
  fresh = [await t.publish(writer.id, 'fresh-one'), await t.publish(writer.id, 'fresh-two')];
});
afterAll(() => t.cleanup());

const get = async <T>(path: string) => {
  const res = await t.anonymous().get(path);
  expect(res.status).toBe(200);
  return (res.body as { items: T[] }).items;
};
let ops = 0;
const op = () => `op-popular-${String(++ops).padStart(4, '0')}`;

describe('popular windows', () => {
  it('posts: this week holds only this week’s posts; all time holds the rest too', async () => {
    const week = await get<PostSummary>(`${API.popularPosts}?window=week`);
    expect(week.map((p) => p.id).sort()).toEqual([...fresh].sort());
    const all = await get<PostSummary>(`${API.popularPosts}?window=all&limit=50`);
    expect(all.length).toBe(26);
  });

  it('tags and authors take the window: recent posts and followers count within it', async () => {
    const weekTags = await get<TagSummary>(`${API.popularTags}?window=week`);
    // caching: no followers, 2 posts this week → 6; raft: 2 followers, no recent posts → 2.
    expect(weekTags[0]?.slug).toBe('caching');
    const allTags = await get<TagSummary>(`${API.popularTags}?window=all`);
    expect(allTags.map((tag) => tag.slug)).toEqual(['caching', 'raft', 'queues']);

    const authors = async (window: string) =>
      (await get<AuthorSummary>(`${API.popularAuthors}?window=${window}`)).map((a) => a.handle);
    // bo 2 × 2 followers = 4, ana 2, cy and the writer 0 (cy has more posts).
    expect(await authors('week')).toEqual(['bo', 'ana', 'cy', writer.handle]);
    // A follower this week: 2 × 1 + 3 × 1 = 5 beats bo's 4 this week; over all time bo's follows were new once too.
    const fan = await t.user('fan');
    await fan.d.put(ACCOUNT_API.followAuthor(writer.id), { opId: op() });
    expect((await authors('week'))[0]).toBe(writer.handle);
    expect((await authors('all'))[0]).toBe('bo');
  });

  it('is cached, and a reaction, comment or follow refreshes it', async () => {
    const order = async () => (await get<PostSummary>(`${API.popularPosts}?window=week`)).map((p) => p.slug);
    const before = await order();
    expect(before).toEqual(['fresh-two', 'fresh-one']);

    // Written behind the services' back: the cached answer stands, until publishing says so.
    const third = await t.publish(writer.id, 'fresh-three');
    expect(await order()).toEqual(before);
    expect(await t.services().postPublished(third)).toBe(0);
    expect(await order()).toContain('fresh-three');

    const fans = [await t.user('fan'), await t.user('fan')];
    for (const fan of fans) await fan.d.put(SOCIAL_API.reaction(fresh[0] ?? '', 'like'), { opId: op() });
    expect((await order())[0]).toBe('fresh-one');

    const newcomer = await t.user('newcomer');
    const authors = async () =>
      (await get<AuthorSummary>(`${API.popularAuthors}?window=week`)).map((a) => a.handle).indexOf(newcomer.handle);
    expect(await authors()).toBe(-1); // no posts yet
    const theirs = await t.publish(newcomer.id, 'newcomer-post');
    expect(await authors()).toBe(-1); // the cached answer predates their post
    for (const fan of fans) await fan.d.put(ACCOUNT_API.followAuthor(newcomer.id), { opId: op() });
    await fans[0]?.d.post(SOCIAL_API.comments(theirs), { body: 'Welcome!', opId: op() });
    expect(await authors()).toBe(0);
  });

  it('refuses a window it does not know', async () => {
    for (const path of [API.popularPosts, API.popularTags, API.popularAuthors]) {
      const res = await t.anonymous().get(`${path}?window=year`);
      expect(res).toMatchObject({ status: 400, body: { message: 'window must be week, month or all.' } });
    }
  });
});
