import { describe, expect, it } from 'vitest';
import type { PublishResult } from '../../../shared/src/drafts/drafts-api.ts';
import { publishedText } from './draft-panel-state.ts';

describe('publishedText', () => {
  it('names the revision and what the server removed', () => {
    const result = { revision: 2, stripped: ['an iframe', 'a javascript: link'] } as PublishResult;
    expect(publishedText(result)).toBe(
      'Published (revision 2). Removed what posts cannot contain: an iframe, a javascript: link.',
    );
    expect(publishedText({ ...result, stripped: [] })).toBe('Published (revision 2).');
    expect(publishedText(undefined)).toBe('Published.');
  });
});
