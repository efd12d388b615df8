/**
 * WebSocket close codes the sync server uses, each with the reason text it sends. One table, so the
 * server, the client and the README say the same thing.
 *
 * The stock y-websocket provider treats 4400–4499 as permanent (it stops reconnecting and emits
 * `closed`) and every other code as transient (it reconnects with backoff). The codes follow that:
 * a 44xx means "reconnecting as-is cannot help". 4429 is the exception a client should handle itself —
 * see `shouldReconnectAfter`, which a provider can take as its `shouldReconnect` option.
 *
 * | Code | Name               | Reason (sent)                              | Client should                          |
 * | ---- | ------------------ | ------------------------------------------ | -------------------------------------- |
 * | 1001 | GoingAway          | server going away                          | reconnect (server restarting)          |
 * | 1009 | MessageTooBig      | message too big                            | not resend that message (ws sets this) |
 * | 1011 | InternalError      | internal error                             | reconnect (a server bug, logged)       |
 * | 4000 | PermissionsChanged | permissions changed, reconnect             | reconnect now (new rights apply)       |
 * | 4400 | MalformedDocName   | malformed document name                    | fix the name; do not retry             |
 * | 4401 | Unauthenticated    | missing, invalid or expired token[: why]   | get a new token, then connect()        |
 * | 4403 | Forbidden          | no permission for this document            | stop                                   |
 * | 4404 | UnknownDocKind     | unknown document kind                      | stop                                   |
 * | 4409 | ProtocolError      | protocol error: <detail>                   | stop (a client bug; resending repeats) |
 * | 4410 | AccessRevoked      | access revoked                             | stop; drop local copy if appropriate   |
 * | 4413 | DocumentTooLarge   | document too large: <detail>               | stop; the edit would pass the size cap |
 * | 4429 | RateLimited        | rate limited                               | reconnect after a delay                |
 * | 4500 | LoadFailed         | document could not be loaded, retry later  | reconnect with backoff                 |
 * | 4503 | StorageFailed      | could not store update, retry later        | reconnect with backoff (resends)       |
 *
 * Reasons are at most 123 bytes (RFC 6455); `closeReason` enforces it.
 */

export const CloseCode = {
  GoingAway: 1001,
  MessageTooBig: 1009,
  InternalError: 1011,
  PermissionsChanged: 4000,
  MalformedDocName: 4400,
  Unauthenticated: 4401,
  Forbidden: 4403,
  UnknownDocKind: 4404,
  ProtocolError: 4409,
  AccessRevoked: 4410,
  DocumentTooLarge: 4413,
  RateLimited: 4429,
  LoadFailed: 4500,
  StorageFailed: 4503,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

export const CLOSE_REASONS: Record<CloseCodeValue, string> = {
  [CloseCode.GoingAway]: 'server going away',
  [CloseCode.MessageTooBig]: 'message too big',
  [CloseCode.InternalError]: 'internal error',
  [CloseCode.PermissionsChanged]: 'permissions changed, reconnect',
  [CloseCode.MalformedDocName]: 'malformed document name',
  [CloseCode.Unauthenticated]: 'missing, invalid or expired token',
  [CloseCode.Forbidden]: 'no permission for this document',
  [CloseCode.UnknownDocKind]: 'unknown document kind',
  [CloseCode.ProtocolError]: 'protocol error',
  [CloseCode.AccessRevoked]: 'access revoked',
  [CloseCode.DocumentTooLarge]: 'document too large',
  [CloseCode.RateLimited]: 'rate limited',
  [CloseCode.LoadFailed]: 'document could not be loaded, retry later',
  [CloseCode.StorageFailed]: 'could not store update, retry later',
};

const MAX_REASON_BYTES = 123;

/** The reason text for a code, with an optional detail, cut to the 123 bytes a close frame allows. */
export function closeReason(code: CloseCodeValue, detail?: string): string {
  const base = CLOSE_REASONS[code];
  return truncateUtf8(detail ? `${base}: ${detail}` : base, MAX_REASON_BYTES);
}

export function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

/**
 * Whether a client should reconnect after the server closed with `code`: like the stock provider's
 * default, except that 4429 (rate limited) is transient — the provider's backoff is the delay.
 */
export function shouldReconnectAfter(code: number): boolean {
  if (code === CloseCode.RateLimited) return true;
  return !(code >= 4400 && code < 4500);
}
