import { describe, expect, it } from 'vitest';
import { CONTENT_LIMITS, isSafeUrl, plainText, validateDoc } from './content.ts';

const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('validateDoc', () => {
  it('accepts a document made of the editor schema', () => {
    const result = validateDoc({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        para('Hello'),
        { type: 'bulletList', content: [{ type: 'listItem', content: [para('one')] }] },
        { type: 'codeBlock', attrs: { language: 'go' }, content: [{ type: 'text', text: 'x := 1' }] },
        { type: 'image', attrs: { src: '/media/a.svg', alt: 'A diagram' } },
      ],
    });
    expect(result.ok).toBe(true);
  });

  it('refuses nodes the schema does not have, naming where', () => {
    const result = validateDoc({ type: 'doc', content: [para('ok'), { type: 'iframe', attrs: { src: 'https://x' } }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.path).toBe('content.1.type');
  });

  it('refuses javascript: links and unknown attributes', () => {
    const badLink = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }],
        },
      ],
    };
    expect(validateDoc(badLink).ok).toBe(false);
    const extraAttr = { type: 'doc', content: [{ type: 'paragraph', onclick: 'x', content: [] }] };
    expect(validateDoc(extraAttr).ok).toBe(false);
  });

  it('refuses documents over the size limits', () => {
    const huge = { type: 'doc', content: [para('x'.repeat(CONTENT_LIMITS.maxTextLength + 1))] };
    const result = validateDoc(huge);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/too long/);
  });

  it('refuses wrong types without throwing', () => {
    for (const input of [null, 42, 'doc', { type: 'doc' }, { type: 'doc', content: 'x' }]) {
      expect(validateDoc(input).ok).toBe(false);
    }
  });
});

describe('isSafeUrl', () => {
  it.each([
    ['https://example.com/a', true],
    ['http://example.com', true],
    ['/media/x.svg', true],
    ['//evil.example/x', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['JaVaScRiPt:alert(1)', false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeUrl(url)).toBe(safe);
  });
});

describe('plainText', () => {
  it('joins inline text and separates blocks with newlines', () => {
    const doc = {
      type: 'doc',
      content: [
        para('a'),
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'b' },
            { type: 'text', text: 'c' },
          ],
        },
      ],
    };
    expect(plainText(doc)).toBe('a\nbc');
  });
});
