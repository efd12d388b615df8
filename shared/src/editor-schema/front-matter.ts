/**
 * Front matter for Markdown files: simple `key: value` lines between `---` fences at the very top.
 * Deliberately not YAML: no nesting, no types, so a value means exactly what it says. Callers parse
 * numbers and lists themselves and report problems in their own terms.
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
