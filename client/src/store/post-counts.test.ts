import { describe, expect, it } from 'vitest';
import type { StoredPost } from './db.ts';
import { withCounts } from './post-counts.ts';
import { makePost, summary } from './test-fixtures.ts';

const kept: StoredPost = { ...summary(makePost(2, { reactionCount: 5, commentCount: 1 })), authorId: 'a1' };

describe('a kept post’s counts', () => {
  it('takes the counts given and leaves the rest', () => {
    expect(withCounts(kept, { reactionCount: 6 })).toEqual({ ...kept, reactionCount: 6 });
    expect(withCounts(kept, { commentCount: 0, reactionCount: 5 })).toEqual({ ...kept, commentCount: 0 });
  });

  it('is unchanged (null) when the counts are the same or none are given', () => {
    expect(withCounts(kept, { reactionCount: 5, commentCount: 1 })).toBeNull();
    expect(withCounts(kept, {})).toBeNull();
    expect(withCounts(kept, { reactionCount: undefined })).toBeNull();
  });
});
