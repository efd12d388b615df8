/**
 * Inline content (text with marks, hard breaks) → Markdown that `markdownToDoc` reads back as the same
 * content. The hard parts, and how they are handled:
 * - Marks nest as a stack: a mark that lasts longer is opened first, so it stays open across its
 *   neighbours (`**a _b_ c**`), and ranges that cross are closed and reopened.
 * - CommonMark only takes `**`/`_`/`~~` as emphasis when they "flank" the text the right way: whitespace
 *   at a mark's edge is moved outside it, and where a delimiter would sit between punctuation and a
 *   letter (`a**.b**`), the letter is written as a character reference (`&#97;**.b**`), which counts
 *   as punctuation to the parser and reads back as the letter. Between two delimiters that would not
 *   work side by side, an empty HTML comment goes (the reader drops HTML).
 * - Every character Markdown could take as syntax is escaped, bare URLs and e-mail addresses included
 *   (GFM would link them); spaces at a line's edge, which Markdown drops, are written as `&#32;`.
 * Italic uses `_` and bold `**`, so a closing and an opening delimiter never merge into one run.
 */
import type { InlineNode, Mark } from '../model/content.ts';

export type InlineOptions = {
  /** Headings are one line: hard breaks become spaces and every `#` is escaped (a trailing one would vanish). */
  heading?: boolean;
};

/** Written text keeps one unit per character (`*` → `\\*`), so a single character can be rewritten later. */
type TextPiece = { kind: 'text'; chars: string[]; units: string[] };
type Piece =
  | TextPiece
  | { kind: 'raw'; out: string }
  | { kind: 'delim'; out: string; opens: boolean }
  | { kind: 'break' };

type Segment = { kind: 'text'; text: string; marks: Mark[] } | { kind: 'break' };

const DELIMITERS: Record<Exclude<Mark['type'], 'link' | 'code'>, string> = { bold: '**', italic: '_', strike: '~~' };
/** When two marks last equally long, the one opened first (outermost). */
const OPEN_ORDER: Mark['type'][] = ['link', 'bold', 'italic', 'strike'];
const HARD_BREAK = '\\\n';

export function inlineToMarkdown(nodes: readonly InlineNode[], options: InlineOptions = {}): string {
  const segments = trimBreaks(moveWhitespaceOutOfMarks(mergeSegments(toSegments(nodes, options))));
  const pieces = fixFlanking(withMarkDelimiters(segments, options));
  return encodeLineEdges(pieces.map(pieceText).join(''));
}

const sameMark = (a: Mark, b: Mark) =>
  a.type === b.type && (a.type !== 'link' || a.attrs.href === (b as typeof a).attrs.href);
const hasMark = (marks: readonly Mark[], mark: Mark) => marks.some((m) => sameMark(m, mark));
const sameMarks = (a: readonly Mark[], b: readonly Mark[]) => a.length === b.length && a.every((m) => hasMark(b, m));
const isCode = (segment: Segment) => segment.kind === 'text' && segment.marks.some((m) => m.type === 'code');
/** The marks written as delimiters or brackets; `code` is written as the code span itself. */
const outerMarks = (segment: Segment | undefined): Mark[] =>
  segment?.kind === 'text' ? segment.marks.filter((m) => m.type !== 'code') : [];

function toSegments(nodes: readonly InlineNode[], { heading = false }: InlineOptions): Segment[] {
  return nodes.map((node): Segment => {
    if (node.type === 'hardBreak') return heading ? { kind: 'text', text: ' ', marks: [] } : { kind: 'break' };
    // A text node never holds a line break in the editor; one that does reads as a space in Markdown.
    return { kind: 'text', text: node.text.replace(/\r\n?|\n/g, ' '), marks: dedupe(node.marks ?? []) };
  });
}

function dedupe(marks: readonly Mark[]): Mark[] {
  return marks.filter((mark, i) => marks.findIndex((m) => sameMark(m, mark)) === i);
}

function mergeSegments(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out.at(-1);
    if (segment.kind === 'text' && last?.kind === 'text' && sameMarks(last.marks, segment.marks)) {
      out[out.length - 1] = { ...last, text: last.text + segment.text };
    } else if (segment.kind === 'break' || segment.text.length > 0) {
      out.push(segment);
    }
  }
  return out;
}

/** A break at the start of a paragraph reads as nothing, and one at the end as a literal backslash. */
function trimBreaks(segments: Segment[]): Segment[] {
  let start = 0;
  let end = segments.length;
  while (start < end && segments[start]?.kind === 'break') start++;
  while (end > start && segments[end - 1]?.kind === 'break') end--;
  return segments.slice(start, end);
}

/**
 * `** a**` is not bold in Markdown: whitespace at the edge of a mark moves outside it, keeping only the
 * marks the neighbour on that side shares (so `**a** **b**` stays one bold run when both sides are bold).
 */
function moveWhitespaceOutOfMarks(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  segments.forEach((segment, i) => {
    if (segment.kind === 'break' || segment.marks.length === 0 || isCode(segment)) {
      out.push(segment);
      return;
    }
    const [, lead = '', core = '', trail = ''] = /^(\s*)(.*?)(\s*)$/s.exec(segment.text) ?? [];
    const before = outerMarks(segments[i - 1]);
    const after = outerMarks(segments[i + 1]);
    if (lead) out.push({ kind: 'text', text: lead, marks: segment.marks.filter((m) => hasMark(before, m)) });
    if (core) out.push({ ...segment, text: core });
    if (trail) out.push({ kind: 'text', text: trail, marks: segment.marks.filter((m) => hasMark(after, m)) });
  });
  return mergeSegments(out);
}

function withMarkDelimiters(segments: readonly Segment[], options: InlineOptions): Piece[] {
  const pieces: Piece[] = [];
  const open: Mark[] = [];
  const close = (count: number) => {
    for (let n = 0; n < count; n++) pieces.push(closing(open.pop()!));
  };
  segments.forEach((segment, i) => {
    const wanted = outerMarks(segment);
    const keep = open.findIndex((m) => !hasMark(wanted, m));
    if (keep >= 0) close(open.length - keep);
    const toOpen = wanted.filter((m) => !hasMark(open, m));
    toOpen.sort((a, b) => runLength(segments, i, b) - runLength(segments, i, a) || openRank(a) - openRank(b));
    for (const mark of toOpen) {
      open.push(mark);
      if (mark.type === 'link') escapeImageBang(pieces.at(-1));
      pieces.push(opening(mark));
    }
    if (segment.kind === 'break') pieces.push({ kind: 'break' });
    else if (isCode(segment)) pieces.push({ kind: 'raw', out: codeSpan(segment.text) });
    else pieces.push(textPiece(segment.text, { ...options, inLink: open.some((m) => m.type === 'link') }));
  });
  close(open.length);
  return pieces;
}

const openRank = (mark: Mark) => OPEN_ORDER.indexOf(mark.type);

/** How many segments from `start` on carry `mark` without a gap; a hard break carries every mark. */
function runLength(segments: readonly Segment[], start: number, mark: Mark): number {
  let n = 0;
  for (let i = start; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === 'text' && !hasMark(segment.marks, mark)) break;
    n++;
  }
  return n;
}

/** `!` right before a link's `[` would make it an image. */
function escapeImageBang(previous: Piece | undefined): void {
  if (previous?.kind === 'text' && previous.units.at(-1) === '!') previous.units[previous.units.length - 1] = '\\!';
}

function opening(mark: Mark): Piece {
  if (mark.type === 'link') return { kind: 'raw', out: '[' };
  return { kind: 'delim', out: DELIMITERS[mark.type as keyof typeof DELIMITERS], opens: true };
}

function closing(mark: Mark): Piece {
  if (mark.type === 'link') return { kind: 'raw', out: `](${linkDestination(mark.attrs.href)})` };
  return { kind: 'delim', out: DELIMITERS[mark.type as keyof typeof DELIMITERS], opens: false };
}

/** A code span fenced with more backticks than it contains, padded where Markdown would strip or merge. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (/^ .*[^ ].* $/s.test(text) && text.length > 1);
  return pad ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** A link or image address: `<…>` when it has spaces or angle brackets, otherwise bare. */
export function linkDestination(href: string): string {
  const encoded = encodeReferences(href);
  if (encoded === '' || /[\s<>]/.test(encoded)) return `<${encoded.replace(/[<>\\]/g, '\\$&')}>`;
  return encoded.replace(/[()\\]/g, '\\$&');
}

/** An `&` that would start a character reference is written as `&amp;`, so it reads back as itself. */
export function encodeReferences(text: string): string {
  return text.replace(/&(?=#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g, '&amp;');
}

/**
 * Escapes what Markdown would read as syntax anywhere in a line. Line-start syntax (`#`, `>`, `-`, `1.`)
 * is escaped per line afterwards, since only then is it known where lines start.
 */
export function escapeText(text: string, options: InlineOptions & { inLink?: boolean } = {}): string {
  return textPiece(text, options).units.join('');
}

const REFERENCE_START = /^&(?:#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/;
const ALWAYS_ESCAPED = /[\\`*_[\]<~|]/;
/**
 * GFM links bare URLs and e-mail addresses: escaping one character (`https\://`, `www\.`, `me\@x.io`)
 * breaks the pattern, not the text. An address would otherwise also swallow a `_` next to it.
 */
const AUTOLINK_START = /(?:https?|ftp)(:)\/\/|www(\.)|[\w.+-](@)[\w-]/gi;

/**
 * `inLink`: marked drops the backslash of `\[` and `\]` in a link's (or image's) text before reading it,
 * so there brackets are written as references.
 */
function textPiece(text: string, { heading = false, inLink = false }: InlineOptions & { inLink?: boolean }): TextPiece {
  const chars = Array.from(text);
  const units = chars.map((ch, i) => {
    if (ch === '&' && REFERENCE_START.test(chars.slice(i, i + 34).join(''))) return '&amp;';
    if (inLink && (ch === '[' || ch === ']')) return reference(ch);
    return ALWAYS_ESCAPED.test(ch) || (heading && ch === '#') ? `\\${ch}` : ch;
  });
  for (const match of text.matchAll(AUTOLINK_START)) {
    const offset = match[1] ? match[0].length - 3 : match[2] ? 3 : 1;
    const index = Array.from(text.slice(0, (match.index ?? 0) + offset)).length;
    units[index] = `\\${chars[index]}`;
  }
  return { kind: 'text', chars, units };
}

const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;
type CharClass = 'space' | 'punct' | 'other';
const classifyChar = (ch: string | undefined): CharClass =>
  ch === undefined || WHITESPACE.test(ch) ? 'space' : PUNCTUATION.test(ch) ? 'punct' : 'other';

/**
 * A delimiter only opens when it is left-flanking (and `_` not inside a word) and only closes when it is
 * right-flanking. Where the neighbouring character breaks that, the neighbour is written as a character
 * reference: the parser sees `&` or `;` (punctuation) and the text still reads the same. Where the
 * neighbour is another delimiter, an empty HTML comment goes between them (marked counts `~` as a letter
 * next to `*`, so `**.**~~` would not close).
 */
function fixFlanking(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  pieces.forEach((piece, i) => {
    const prevPiece = out.at(-1);
    const nextPiece = pieces[i + 1];
    if (piece.kind === 'delim') {
      const prev = classify(piece, prevPiece, 'before');
      const next = classify(piece, nextPiece, 'after');
      const underscore = piece.out === '_';
      if (piece.opens && prev === 'other' && (underscore || next === 'punct')) {
        if (prevPiece?.kind === 'text') encodeUnit(prevPiece, prevPiece.units.length - 1);
        else out.push(SEPARATOR);
      }
      out.push(piece);
      if (!piece.opens && next === 'other' && (underscore || prev === 'punct')) {
        if (nextPiece?.kind === 'text') encodeUnit(nextPiece, 0);
        else out.push(SEPARATOR);
      }
      return;
    }
    out.push(piece);
  });
  return out;
}

const SEPARATOR: Piece = { kind: 'raw', out: '<!-- -->' };

const pieceText = (piece: Piece | undefined): string => {
  if (piece === undefined) return '';
  if (piece.kind === 'break') return HARD_BREAK;
  return piece.kind === 'text' ? piece.units.join('') : piece.out;
};

/** How the parser sees the character on one side of a delimiter (escapes and references end in punctuation). */
function classify(delimiter: Piece, neighbour: Piece | undefined, side: 'before' | 'after'): CharClass {
  if (delimiter.kind === 'delim' && delimiter.out === '**' && neighbour?.kind === 'delim' && neighbour.out === '~~') {
    return 'other';
  }
  const text = pieceText(neighbour);
  return classifyChar(side === 'before' ? Array.from(text).at(-1) : Array.from(text)[0]);
}

function encodeUnit(piece: TextPiece, index: number): void {
  const ch = piece.chars[index];
  if (ch !== undefined) piece.units[index] = reference(ch);
}

const reference = (ch: string) => `&#${ch.codePointAt(0)};`;

/**
 * Per line: spaces at either edge would be dropped (or, four of them, start a code block), so they are
 * written as references; and a line that starts like a heading, quote, list item or setext underline is
 * escaped. Text pieces never start with a delimiter, so these checks only ever see written text.
 */
function encodeLineEdges(markdown: string): string {
  return markdown
    .split('\n')
    .map((line, i, lines) => {
      const isBroken = i < lines.length - 1; // ends with the `\` of a hard break
      const body = isBroken ? line.slice(0, -1) : line;
      const edged = body
        .replace(/^[ \t]+/, (ws) => Array.from(ws, reference).join(''))
        .replace(/[ \t]+$/, (ws) => Array.from(ws, reference).join(''))
        .replace(/^([#>+=-])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2');
      return isBroken ? `${edged}\\` : edged;
    })
    .join('\n');
}
