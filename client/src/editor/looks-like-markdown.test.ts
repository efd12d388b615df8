import { describe, expect, it } from 'vitest';
import { looksLikeMarkdown } from './looks-like-markdown.ts';

describe('looksLikeMarkdown', () => {
  it.each([
    '# Title\n\nText',
    'Intro\n\n- one\n- two',
    '- [ ] a task',
    '1. first\n2. second',
    '> quoted',
    '```ts\nconst a = 1;\n```',
    'Some **bold** words',
    'See [the docs](https://example.com/docs).',
    'Call `fetch()` first',
    'That was ~~wrong~~ right',
  ])('takes %j as Markdown', (text) => {
    expect(looksLikeMarkdown(text)).toBe(true);
  });

  it.each([
    'Just a sentence.',
    'a * b * c',
    'f(**kwargs, **opts)',
    '#hashtag and C# are fine',
    'https://example.com/a_b_c',
    'Price: 5 * 3 = 15\nTotal: 15',
    '',
  ])('leaves %j as plain text', (text) => {
    expect(looksLikeMarkdown(text)).toBe(false);
  });
});
