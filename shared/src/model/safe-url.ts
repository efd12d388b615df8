/** Which URLs content may link to or load: kept free of the schema library so the reader can use it. */
export const MAX_URL_LENGTH = 2_048;

/** Only http(s) and same-origin absolute paths: no `javascript:`, `data:` or protocol-relative URLs. */
export function isSafeUrl(url: string): boolean {
  if (url.length > MAX_URL_LENGTH) return false;
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
