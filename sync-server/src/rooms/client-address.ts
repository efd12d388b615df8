/**
 * The client address the per-IP connection rate is keyed on (tests/sync/SPEC.md, LIMIT-6).
 *
 * Without `trustProxy`, the socket's peer address, always: `X-Forwarded-For` is ignored, because a
 * client talking to us directly could write any address into it and escape its own limit.
 *
 * With `trustProxy` (the server sits behind one reverse proxy that appends to the header), the LAST
 * entry: it is what our proxy saw. Earlier entries come from the client or from proxies we do not
 * control and can be forged. A missing or unparseable last entry falls back to the socket address
 * (the proxy's), which is the conservative choice: such clients share one bucket.
 */
import { isIP } from 'node:net';

export type AddressSource = {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string | undefined };
};

export function clientAddress(request: AddressSource, trustProxy: boolean): string {
  const socketAddress = request.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return socketAddress;
  const header = request.headers['x-forwarded-for'];
  // Node joins repeated X-Forwarded-For headers with ", "; be safe with an array too.
  const joined = Array.isArray(header) ? header.join(',') : header;
  if (!joined) return socketAddress;
  const last = joined.split(',').at(-1)?.trim() ?? '';
  return isIP(last) !== 0 ? last : socketAddress;
}
