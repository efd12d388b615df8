/**
 * Front matter for Markdown files: simple `key: value` lines between `---` fences at the very top.
 * Deliberately not YAML: no nesting, no types, so a value means exactly what it says. Callers parse
 * numbers and lists themselves and report problems in their own terms. `formatFrontMatter` writes what
 * `parseFrontMatter` reads back to the same values.
 */

export type FrontMatter = { data: Record<string, string>; body: string };

/** A malformed front-matter block; `line` is 1-based in the source file. */
export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`Line ${line}: ${message}`);
    this.name = 'FrontMatterError';
  }
}

const FENCE = /^---\s*$/;
const ENTRY = /^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*?)\s*$/;

export function parseFrontMatter(source: string): FrontMatter {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (!FENCE.test(lines[0] ?? '')) return { data: {}, body: lines.join('\n') };

  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end < 0) throw new FrontMatterError('the front matter opens with --- but has no closing --- line.', 1);

  const data: Record<string, string> = {};
  for (let i = 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = ENTRY.exec(line);
    if (!match) throw new FrontMatterError(`expected "key: value", found "${line.trim().slice(0, 60)}".`, i + 1);
    const [, key = '', value = ''] = match;
    if (Object.hasOwn(data, key)) throw new FrontMatterError(`"${key}" is given twice; keep one.`, i + 1);
    data[key] = unquote(value);
  }
  return {
    data,
    body: lines
      .slice(end + 1)
      .join('\n')
      .replace(/^\n+/, ''),
  };
}

/** Matching surrounding quotes are optional syntax, not part of the value. */
function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}

/**
 * The front-matter block for these entries, in order, ending with a line break; '' when there are none.
 * Empty values are left out; a line break in a value becomes a space (one line per entry); a value that
 * the reader would trim or unquote is quoted.
 */
export function formatFrontMatter(entries: Readonly<Record<string, string | undefined>>): string {
  const lines: string[] = [];
  for (const [key, raw] of Object.entries(entries)) {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) throw new RangeError(`"${key}" cannot be a front-matter key.`);
    const value = raw?.replace(/\r\n?|\n/g, ' ');
    if (value) lines.push(`${key}: ${needsQuotes(value) ? `"${value}"` : value}`);
  }
  return lines.length ? `---\n${lines.join('\n')}\n---\n` : '';
}

const needsQuotes = (value: string) => value.trim() !== value || /^(["']).*\1$/.test(value);
