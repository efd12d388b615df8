import { describe, expect, it } from 'vitest';
import { AckTracker } from './ack-tracker.ts';

describe('AckTracker', () => {
  it('ACK-1: acks the longest stored prefix', () => {
    const acks = new AckTracker();
    const one = acks.next();
    const two = acks.next();
    acks.waitForStorage(one);
    acks.waitForStorage(two);
    expect(acks.take()).toBeNull();
    acks.stored(one);
    expect(acks.take()).toBe(1);
    const three = acks.next(); // carried nothing: done at once, but after 2
    expect(acks.take()).toBeNull();
    acks.stored(two);
    expect(acks.take()).toBe(three);
    expect(acks.take()).toBeNull();
  });

  it('ACK-3: never acks past a refused update', () => {
    const acks = new AckTracker();
    acks.next();
    const refused = acks.next();
    acks.refused(refused);
    acks.next();
    expect(acks.take()).toBe(1);
    expect(acks.hasRefused).toBe(true);
    expect(acks.take()).toBeNull();
  });
});
