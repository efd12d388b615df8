/**
 * Which persistedAck a connection may receive. Update-carrying messages are numbered 1, 2, 3… in
 * arrival order; ack N promises that messages 1..N are all stored (or carried nothing new). So the
 * ack is the highest N below every message still waiting for storage and below the first refused
 * one: a refused update is never stored, and acknowledging past it would claim it was.
 */
export class AckTracker {
  private received = 0;
  private readonly waiting: number[] = [];
  private firstRefused = Number.POSITIVE_INFINITY;
  private sent = 0;

  /** Numbers the next update-carrying message. */
  next(): number {
    this.received += 1;
    return this.received;
  }

  waitForStorage(index: number): void {
    this.waiting.push(index);
  }

  stored(index: number): void {
    const at = this.waiting.indexOf(index);
    if (at >= 0) this.waiting.splice(at, 1);
  }

  refused(index: number): void {
    this.firstRefused = Math.min(this.firstRefused, index);
  }

  get hasRefused(): boolean {
    return this.firstRefused !== Number.POSITIVE_INFINITY;
  }

  get ackable(): number {
    // Indices are pushed in increasing order, so the first waiting one is the smallest.
    const firstWaiting = this.waiting[0] ?? Number.POSITIVE_INFINITY;
    return Math.min(this.received, firstWaiting - 1, this.firstRefused - 1);
  }

  /** The ack to send now, if it moved. */
  take(): number | null {
    const ack = this.ackable;
    if (ack <= this.sent) return null;
    this.sent = ack;
    return ack;
  }
}
