import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, ImportRefused, readImportFiles } from './import-files.ts';

const zip = (files: Record<string, string | Uint8Array>, level: 0 | 9 = 9) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])), {
    level,
  });

const refusal = (run: () => unknown): ImportRefused => {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportRefused) return error;
    throw error;
  }
  throw new Error('expected the import to be refused');
};

describe('readImportFiles', () => {
  it('reads one Markdown file under its name', () => {
    expect(readImportFiles(strToU8('# Hello\n'), { name: 'notes/hello.md' })).toEqual([
      { name: 'hello.md', markdown: '# Hello\n' },
    ]);
  });

  it('reads the Markdown files of a zip, stored or deflated, and skips everything else', () => {
    const files = {
      'posts/a.md': 'A',
      'drafts/b.markdown': 'B',
      'follows.json': '{}',
      'media/x.png': new Uint8Array([0x89, 0x50]),
      '__MACOSX/posts/._a.md': 'junk',
      '.hidden.md': 'hidden',
      'empty-dir/': new Uint8Array(),
    };
    for (const level of [0, 9] as const) {
      expect(readImportFiles(zip(files, level))).toEqual([
        { name: 'a.md', markdown: 'A' },
        { name: 'b.markdown', markdown: 'B' },
      ]);
    }
  });

  it('refuses what is not Markdown or a zip', () => {
    expect(refusal(() => readImportFiles(new Uint8Array([0xff, 0xfe, 0x00, 0x41]), { name: 'x.pdf' }))).toMatchObject({
      reason: 'unsupported',
      message: 'x.pdf is not UTF-8 text; send a Markdown (.md) file or a zip of them.',
    });
    expect(refusal(() => readImportFiles(strToU8('a\u0000b')))).toMatchObject({ reason: 'unsupported' });
    expect(refusal(() => readImportFiles(zip({ 'a.txt': 'x' })))).toMatchObject({
      reason: 'empty',
      message: 'The zip holds no Markdown (.md) files.',
    });
  });

  it('refuses a damaged or cut-off zip', () => {
    const bytes = zip({ 'a.md': Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n') });
    const damaged = bytes.slice();
    damaged.fill(0xff, 40, 60);
    expect(refusal(() => readImportFiles(damaged))).toMatchObject({
      reason: 'bad-archive',
      message: expect.stringMatching(/^a\.md in the zip cannot be read: /),
    });
    expect(refusal(() => readImportFiles(bytes.slice(0, bytes.length / 2)))).toMatchObject({
      reason: 'bad-archive',
      message: 'The zip is damaged (invalid zip data); make it again.',
    });
  });

  it('stops a zip bomb at the cap while inflating, whatever it claims', () => {
    const bomb = zip({ 'bomb.md': new Uint8Array(8 * 1024 * 1024).fill(0x61) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const limits = { ...IMPORT_LIMITS, fileBytes: 1024 * 1024 };
    expect(refusal(() => readImportFiles(bomb, { limits }))).toMatchObject({
      reason: 'too-large',
      message: 'bomb.md is over 1 MB uncompressed.',
    });
    const many = zip(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`${i}.md`, 'a'.repeat(600 * 1024)])));
    expect(refusal(() => readImportFiles(many, { limits: { ...limits, totalBytes: 2 * 1024 * 1024 } }))).toMatchObject({
      reason: 'too-large',
      message: 'The Markdown in the zip is over 2 MB uncompressed.',
    });
  });

  it('refuses too many files or entries, and a single file over the size cap', () => {
    const four = zip({ 'a.md': 'a', 'b.md': 'b', 'c.md': 'c', 'd.txt': 'd' });
    expect(refusal(() => readImportFiles(four, { limits: { ...IMPORT_LIMITS, files: 2 } })).message).toBe(
      'The zip has more than 2 Markdown files; split it up.',
    );
    expect(refusal(() => readImportFiles(four, { limits: { ...IMPORT_LIMITS, entries: 3 } })).message).toBe(
      'The zip has more than 3 entries.',
    );
    expect(
      refusal(() => readImportFiles(strToU8('x'.repeat(11)), { limits: { ...IMPORT_LIMITS, fileBytes: 10 } })),
    ).toMatchObject({
      reason: 'too-large',
    });
  });
});
