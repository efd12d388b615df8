import { describe, expect, it } from 'vitest';
import { CLOSE_REASONS, CloseCode, closeReason, shouldReconnectAfter, truncateUtf8 } from './close-codes.ts';

describe('close codes', () => {
  it('has a reason for every code, each short enough for a close frame', () => {
    for (const code of Object.values(CloseCode)) {
      expect(CLOSE_REASONS[code]).toBeTruthy();
      expect(new TextEncoder().encode(closeReason(code, 'x'.repeat(500))).length).toBeLessThanOrEqual(123);
    }
  });

  it('cuts multi-byte text on a character boundary', () => {
    const cut = truncateUtf8('é'.repeat(100), 123);
    expect(new TextEncoder().encode(cut).length).toBe(122);
    expect(cut).toBe('é'.repeat(61));
  });

  it('treats 44xx as permanent except rate limiting', () => {
    expect(shouldReconnectAfter(CloseCode.AccessRevoked)).toBe(false);
    expect(shouldReconnectAfter(CloseCode.Unauthenticated)).toBe(false);
    expect(shouldReconnectAfter(CloseCode.DocumentTooLarge)).toBe(false);
    expect(shouldReconnectAfter(CloseCode.RateLimited)).toBe(true);
    expect(shouldReconnectAfter(CloseCode.LoadFailed)).toBe(true);
    expect(shouldReconnectAfter(CloseCode.GoingAway)).toBe(true);
    expect(shouldReconnectAfter(CloseCode.PermissionsChanged)).toBe(true);
  });
});
