import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

const request = (
  forwardedFor?: string | string[],
  socket: { remoteAddress?: string } = { remoteAddress: '10.0.0.9' },
) => ({
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  socket,
});

describe('clientAddress', () => {
  it('LIMIT-6: without trustProxy, the socket address; X-Forwarded-For is ignored', () => {
    expect(clientAddress(request('203.0.113.7'), false)).toBe('10.0.0.9');
    expect(clientAddress(request(), false)).toBe('10.0.0.9');
    expect(clientAddress(request(undefined, {}), false)).toBe('unknown');
  });

  it("LIMIT-6: with trustProxy, the LAST X-Forwarded-For entry (the proxy's view)", () => {
    expect(clientAddress(request('203.0.113.7'), true)).toBe('203.0.113.7');
    // The first entries are whatever the client claimed; only the last was written by our proxy.
    expect(clientAddress(request('1.2.3.4, 198.51.100.2,203.0.113.7'), true)).toBe('203.0.113.7');
    expect(clientAddress(request('1.2.3.4, 2001:db8::1'), true)).toBe('2001:db8::1');
    expect(clientAddress(request(['1.2.3.4', '203.0.113.8']), true)).toBe('203.0.113.8');
  });

  it('LIMIT-6: with trustProxy, a missing or garbage last entry falls back to the socket address', () => {
    expect(clientAddress(request(), true)).toBe('10.0.0.9');
    expect(clientAddress(request(''), true)).toBe('10.0.0.9');
    expect(clientAddress(request('203.0.113.7, not-an-ip'), true)).toBe('10.0.0.9');
    expect(clientAddress(request('203.0.113.7,'), true)).toBe('10.0.0.9');
  });
});
