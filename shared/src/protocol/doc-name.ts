/**
 * Document names: `<kind>:<id>`, e.g. `draft:q3-outline` or `user:u_42`. The kind picks the access rule
 * on the server; the id names one document of that kind. Parsing is pure and total (it never throws) so
 * the server can turn every outcome into a close code without try/catch.
 */

export const DOC_KINDS = ['draft', 'user'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export type DocName = { kind: DocKind; id: string };

/** Ids are URL-safe without escaping, so `/sync/<name>` needs no encoding on either side. */
export const DOC_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** A syntactically valid kind, known or not: lets "unknown kind" (4404) differ from "malformed" (4400). */
const KIND_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

export type DocNameError =
  | { error: 'malformed'; message: string }
  | { error: 'unknown-kind'; kind: string; message: string };

export type ParsedDocName = ({ ok: true } & DocName) | ({ ok: false } & DocNameError);

export function isDocKind(kind: string): kind is DocKind {
  return (DOC_KINDS as readonly string[]).includes(kind);
}

export function parseDocName(name: string): ParsedDocName {
  const colon = name.indexOf(':');
  if (colon < 0) {
    return { ok: false, error: 'malformed', message: 'document name must be <kind>:<id>' };
  }
  const kind = name.slice(0, colon);
  const id = name.slice(colon + 1);
  if (!KIND_PATTERN.test(kind)) {
    return { ok: false, error: 'malformed', message: 'document kind must be lower-case letters' };
  }
  if (!DOC_ID_PATTERN.test(id)) {
    return { ok: false, error: 'malformed', message: 'document id must be 1-64 of A-Z a-z 0-9 _ -' };
  }
  if (!isDocKind(kind)) {
    return { ok: false, error: 'unknown-kind', kind, message: `unknown document kind "${kind}"` };
  }
  return { ok: true, kind, id };
}

/** Builds a name; throws on an invalid id because a caller that builds one bad name has a bug. */
export function formatDocName(kind: DocKind, id: string): string {
  if (!DOC_ID_PATTERN.test(id)) throw new RangeError(`Invalid ${kind} id "${id}": use 1-64 of A-Z a-z 0-9 _ -`);
  return `${kind}:${id}`;
}

export const draftDocName = (draftId: string) => formatDocName('draft', draftId);
export const userDocName = (userId: string) => formatDocName('user', userId);
