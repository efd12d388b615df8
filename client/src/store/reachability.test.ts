import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, OfflineError } from './api-client.ts';
import { onReachableChange, reportReachable, serverReachable } from './reachability.ts';

describe('server reachability', () => {
  afterEach(() => reportReachable(true));

  it('follows the API client: no answer → unreachable; any answer, even an error, → reachable', async () => {
    let fail = true;
    const client = createApiClient({
      base: 'http://test.local',
      isOnline: () => true,
      fetch: async () => {
        if (fail) throw new TypeError('Failed to fetch');
        return new Response(JSON.stringify({ error: 'nope', message: 'Not here.' }), { status: 404 });
      },
    });
    const seen: boolean[] = [];
    const stop = onReachableChange((reachable) => seen.push(reachable));
    await expect(client.read('/api/posts')).rejects.toBeInstanceOf(OfflineError);
    expect(serverReachable()).toBe(false);
    fail = false;
    await expect(client.read('/api/posts')).rejects.toThrow('Not here.');
    expect(serverReachable()).toBe(true);
    expect(seen).toEqual([false, true]);
    stop();
  });
});
