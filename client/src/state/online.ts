/**
 * Whether the app is online, as a signal: the browser says it has a network AND the server answered the
 * last request (store/reachability.ts). While the server is unreachable with the browser claiming a
 * network, `/healthz` is asked every 10 s, and at once when the browser says it is back online.
 */
import { createSignal } from 'solid-js';
import { onReachableChange, reportReachable, serverReachable } from '../store/reachability.ts';

const PROBE_EVERY_MS = 10_000;

const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;
const [online, setOnline] = createSignal(browserOnline() && serverReachable());
const update = () => setOnline(browserOnline() && serverReachable());

let probe: ReturnType<typeof setTimeout> | undefined;
function probeSoon(delay: number) {
  clearTimeout(probe);
  probe = setTimeout(async () => {
    probe = undefined;
    if (serverReachable() || !browserOnline()) return;
    try {
      const res = await fetch('/healthz', { cache: 'no-store' });
      reportReachable(res.ok || res.status < 500);
    } catch {
      // Still no answer.
    }
    if (!serverReachable()) probeSoon(PROBE_EVERY_MS);
  }, delay);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    update();
    if (!serverReachable()) probeSoon(0);
  });
  window.addEventListener('offline', update);
  onReachableChange((reachable) => {
    update();
    if (!reachable) probeSoon(PROBE_EVERY_MS);
  });
}

export const isOnline = online;
