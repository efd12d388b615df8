/**
 * Whether pasted plain text was written in Markdown, so pasting it should keep its structure. Plain prose
 * and code must not match: one asterisk, a lone `#` or a URL are not enough. It takes a block marker at
 * the start of a line (heading, list, task, quote, code fence) or a paired inline one (`**bold**`,
 * `[text](url)`, `` `code` ``, `~~struck~~`).
 */
const BLOCK = [
  /^#{1,6} \S/, // heading
  /^ {0,3}[-*+] \S/, // bullet item (also task items)
  /^ {0,3}\d{1,9}[.)] \S/, // numbered item
  /^ {0,3}> ?\S/, // quote
  /^ {0,3}(```|~~~)/, // code fence
];
const INLINE = [
  /\*\*[^*\s](?:[^*]*[^*\s])?\*\*/, // **bold**
  /__[^_\s](?:[^_]*[^_\s])?__/, // __bold__
  /!?\[[^\]\n]+\]\((?:https?:\/\/|\/)[^)\s]*\)/, // [link](url), ![image](url)
  /`[^`\n]+`/, // `code`
  /~~[^~\s](?:[^~]*[^~\s])?~~/, // ~~struck~~
];

export function looksLikeMarkdown(text: string): boolean {
  const lines = text.split(/\r\n?|\n/);
  if (lines.some((line) => BLOCK.some((pattern) => pattern.test(line)))) return true;
  return INLINE.some((pattern) => pattern.test(text));
}
