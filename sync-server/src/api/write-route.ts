/**
 * The shape every social change takes: signed in with the CSRF token, an op id, a valid body, within the
 * user's rate, then answered with its result (marked when it is a replay).
 */
import type { Context } from 'hono';
import { OpBody } from '../../../shared/src/model/social.ts';
import type { TokenBuckets } from '../accounts/rate-limit.ts';
import type { WriteOp, Written } from '../social/write-once.ts';
import { markReplayed, rateLimited, requireOpId, type SessionGuard } from './session-guard.ts';
import { parseBody } from './validate.ts';

export type WriteRoute<B> = {
  /** Parses the body (after the session and CSRF token are checked). */
  read: (c: Context) => Promise<B>;
  /** The user's bucket and what they are doing, for the 429 message. */
  limit?: [TokenBuckets, string];
  /** 204: the change has nothing to answer with (its result is null). */
  status?: 200 | 201 | 204;
};

export type Write = ReturnType<typeof writeRoutes>['write'];

/** The 429 message for doing `what` too fast. */
export const slow = (what: string) => (seconds: number) =>
  `You are ${what} too fast. Wait ${seconds} seconds and try again; nothing was lost.`;

export function writeRoutes({ guard, now }: { guard: SessionGuard; now: () => Date }) {
  return {
    write<B extends object>(
      route: WriteRoute<B>,
      run: (c: Context, op: WriteOp, body: B) => Promise<Written<unknown>>,
    ) {
      return async (c: Context) => {
        const session = await guard.requireUser(c);
        const body = await route.read(c);
        // A body may carry the op id (social changes) or leave it to the Idempotency-Key header (drafts).
        const bodyOpId = 'opId' in body && typeof body.opId === 'string' ? body.opId : undefined;
        const op = { userId: session.user.id, opId: requireOpId(c, bodyOpId), at: now() };
        if (route.limit) {
          const tooMany = rateLimited(c, route.limit[0], op.userId, slow(route.limit[1]));
          if (tooMany) return tooMany;
        }
        const { result, replayed } = await run(c, op, body);
        markReplayed(c, replayed);
        if (route.status === 204) return c.body(null, 204);
        return c.json(result, route.status ?? 200);
      };
    },

    /** For changes whose body is at most `{ opId }`. */
    opOnly: { read: (c: Context) => parseBody(OpBody, c.req, { emptyIsObject: true }) },
  };
}
