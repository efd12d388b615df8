/**
 * Whether the server answered the last time anyone asked. `navigator.onLine` only knows whether the
 * device has a network (and can be wrong: a captive portal, a dead Wi-Fi, or an emulated offline page
 * that was reloaded reads `true`); a request that gets no answer at all says more. The API client
 * reports every outcome here; `state/online.ts` combines both for the app's "offline" state.
 */
type Listener = (reachable: boolean) => void;

let reachable = true;
const listeners = new Set<Listener>();

export const serverReachable = (): boolean => reachable;

/** Called with true for any answer (even an error status), false when a request got none. */
export function reportReachable(answered: boolean): void {
  if (answered === reachable) return;
  reachable = answered;
  for (const listener of [...listeners]) listener(answered);
}

/** Calls `listener` when reachability changes; returns the disposer. */
export function onReachableChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
