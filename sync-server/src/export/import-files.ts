/**
 * What an import upload holds: a zip (an export, or any archive of Markdown files) or one Markdown file,
 * as a list of Markdown texts. Everything else is refused with a message saying what to send instead.
 *
 * A zip is read as a stream, in small slices, counting what each file inflates to: a zip bomb (a few KB
 * that expand to gigabytes) is stopped at the cap rather than after it has filled memory, whatever its
 * headers claim. Only `.md`/`.markdown` files are inflated; other entries (follows.json, images, folders,
 * macOS `__MACOSX` copies, hidden files) are skipped but still counted against the entry limit.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { IMPORT_UPLOAD_BYTES } from '../../../shared/src/drafts/drafts-api.ts';

export type ImportLimits = {
  uploadBytes: number;
  files: number;
  entries: number;
  fileBytes: number;
  totalBytes: number;
};

export const IMPORT_LIMITS: Readonly<ImportLimits> = {
  /** The upload itself (the route answers 413 above this). */
  uploadBytes: IMPORT_UPLOAD_BYTES,
  /** Markdown files made into drafts from one upload. */
  files: 100,
  /** Entries of any kind in one zip. */
  entries: 1_000,
  /** One Markdown file, uncompressed. */
  fileBytes: 1024 * 1024,
  /** All Markdown files of one zip together, uncompressed. */
  totalBytes: 20 * 1024 * 1024,
};

export type ImportFile = { name: string; markdown: string };

export type ImportRefusal = 'unsupported' | 'too-large' | 'bad-archive' | 'empty';

/** Why an upload cannot be imported; `reason` picks the HTTP status, `message` tells the person what to do. */
export class ImportRefused extends Error {
  constructor(
    readonly reason: ImportRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'ImportRefused';
  }
}

type Limits = Readonly<ImportLimits>;

/** `name`: the uploaded file's name, for a single Markdown file (its fallback title). */
export function readImportFiles(bytes: Uint8Array, { name = 'imported.md', limits = IMPORT_LIMITS as Limits } = {}) {
  if (isZip(bytes)) return readZip(bytes, limits);
  if (bytes.length > limits.fileBytes) {
    throw new ImportRefused('too-large', `A Markdown file can be up to ${mb(limits.fileBytes)}; this one is larger.`);
  }
  return [{ name: baseName(name), markdown: decodeText(bytes, baseName(name)) }];
}

const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 &&
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  (bytes[2] === 3 || bytes[2] === 5) &&
  bytes[3] === bytes[2] + 1;

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const baseName = (path: string) => path.split(/[\\/]/).pop() || path;
const isMarkdownName = (path: string) => /\.(md|markdown)$/i.test(path);
/** Folders, macOS resource copies and hidden files are not anyone's writing. */
const isSkipped = (path: string) =>
  path.endsWith('/') || path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');

/** Input slice size: DEFLATE expands at most ~1032×, so one slice inflates to at most ~1 MB. */
const SLICE = 1024;

function readZip(bytes: Uint8Array, limits: Limits): ImportFile[] {
  const files: { name: string; chunks: Uint8Array[]; size: number }[] = [];
  let entries = 0;
  let total = 0;
  let failure: ImportRefused | null = null;
  const fail = (refusal: ImportRefused) => {
    failure ??= refusal;
  };
  const unzip = new Unzip((entry) => {
    entries += 1;
    if (entries > limits.entries)
      return fail(new ImportRefused('too-large', `The zip has more than ${limits.entries} entries.`));
    if (isSkipped(entry.name) || !isMarkdownName(entry.name)) return;
    if (files.length >= limits.files) {
      return fail(new ImportRefused('too-large', `The zip has more than ${limits.files} Markdown files; split it up.`));
    }
    const file = { name: baseName(entry.name), chunks: [] as Uint8Array[], size: 0 };
    files.push(file);
    entry.ondata = (error, chunk) => {
      if (error)
        return fail(new ImportRefused('bad-archive', `${file.name} in the zip cannot be read: ${error.message}`));
      file.size += chunk.length;
      total += chunk.length;
      if (file.size > limits.fileBytes) {
        fail(new ImportRefused('too-large', `${file.name} is over ${mb(limits.fileBytes)} uncompressed.`));
      } else if (total > limits.totalBytes) {
        fail(new ImportRefused('too-large', `The Markdown in the zip is over ${mb(limits.totalBytes)} uncompressed.`));
      } else {
        file.chunks.push(chunk);
      }
    };
    try {
      entry.start();
    } catch {
      fail(
        new ImportRefused(
          'bad-archive',
          `${file.name} in the zip is compressed in a way this site cannot read; re-zip it.`,
        ),
      );
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let at = 0; at < bytes.length && !failure; at += SLICE) {
      unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
    }
  } catch (error) {
    fail(new ImportRefused('bad-archive', `The zip is damaged (${(error as Error).message}); make it again.`));
  }
  if (failure) throw failure;
  if (files.length === 0) throw new ImportRefused('empty', 'The zip holds no Markdown (.md) files.');
  return files.map((file) => ({ name: file.name, markdown: decodeText(concat(file.chunks, file.size), file.name) }));
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function decodeText(bytes: Uint8Array, name: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportRefused('unsupported', `${name} is not UTF-8 text; send a Markdown (.md) file or a zip of them.`);
  }
  // Text files have no NUL bytes; binary files (images, PDFs) that happen to decode almost always do.
  if (text.includes('\u0000')) {
    throw new ImportRefused('unsupported', `${name} is not a text file; send a Markdown (.md) file or a zip of them.`);
  }
  return text;
}
