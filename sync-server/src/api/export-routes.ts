/**
 * GET /api/me/export (the zip of everything the user wrote) and POST /api/me/import (a zip or one
 * Markdown file → new drafts). Thin like the other routes: refuse cross-site changes, check the session
 * and CSRF token before reading a body, cap the upload (413), rate-limit both per user, and call
 * export/. An import may carry an Idempotency-Key: sent again, it returns the same drafts.
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DRAFTS_API, IMPORT_UPLOAD_BYTES } from '../../../shared/src/drafts/drafts-api.ts';
import { IDEMPOTENCY_HEADER, OpId } from '../../../shared/src/model/accounts.ts';
import type { Accounts } from '../accounts/accounts.ts';
import { type BucketOptions, TokenBuckets } from '../accounts/rate-limit.ts';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';
import type { WritingArchive } from '../export/writing-archive.ts';
import { rateLimited, refuseCrossSite, sessionGuard } from './session-guard.ts';
import { parseParam } from './validate.ts';
import { slow } from './write-route.ts';

/** Each import can make many drafts, each export reads everything: 10 at once, then one a minute per user. */
export const DEFAULT_TRANSFER_RATE_LIMIT: BucketOptions = { burst: 10, refillMs: 60_000 };

/** What a browser or a script may call a zip or a Markdown file; the content itself is checked after. */
const IMPORT_TYPES = [
  'application/zip',
  'application/x-zip-compressed',
  'application/octet-stream',
  'text/markdown',
  'text/x-markdown',
  'text/plain',
];
const NAME_MAX = 200;

export type ExportRouteDeps = {
  accounts: Accounts;
  archive: WritingArchive;
  /** Per user, for imports and (separately) exports. */
  transferRateLimit?: BucketOptions;
  now?: () => Date;
};

export function exportRoutes(deps: ExportRouteDeps): Hono {
  const guard = sessionGuard(deps.accounts);
  const limit = deps.transferRateLimit ?? DEFAULT_TRANSFER_RATE_LIMIT;
  const imports = new TokenBuckets(limit);
  const exports = new TokenBuckets(limit);
  const now = deps.now ?? (() => new Date());
  const api = new Hono();

  api.get(DRAFTS_API.exportAll, async (c) => {
    const session = await guard.requireUser(c);
    const tooMany = rateLimited(c, exports, session.user.id, slow('exporting'));
    if (tooMany) return tooMany;
    const zip = await deps.archive.exportFor(session.user.id);
    return c.body(new Uint8Array(zip), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="sysdespro-export-${now().toISOString().slice(0, 10)}.zip"`,
      'Cache-Control': 'no-store',
    });
  });

  api.post(
    DRAFTS_API.importDrafts,
    refuseCrossSite,
    // Signed in (with the CSRF token) before the body is read; then its kind, then at most the cap.
    async (c, next) => {
      await guard.requireUser(c);
      requireImportType(c);
      await next();
    },
    bodyLimit({
      maxSize: IMPORT_UPLOAD_BYTES,
      onError: () => {
        throw new PayloadTooLargeError(
          `The upload is over ${IMPORT_UPLOAD_BYTES / (1024 * 1024)} MB; split it into smaller zips or files.`,
        );
      },
    }),
    async (c) => {
      const session = await guard.requireUser(c);
      const opHeader = c.req.header(IDEMPOTENCY_HEADER);
      const opId = opHeader === undefined ? undefined : parseParam(OpId, opHeader, `${IDEMPOTENCY_HEADER} header`);
      const tooMany = rateLimited(c, imports, session.user.id, slow('importing'));
      if (tooMany) return tooMany;
      const name = c.req.query('name')?.slice(0, NAME_MAX);
      const upload = new Uint8Array(await c.req.arrayBuffer());
      const items = await deps.archive.importFor(session.user.id, upload, { name, opId });
      return c.json({ items }, 201);
    },
  );

  return api;
}

function requireImportType(c: Context): void {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!IMPORT_TYPES.includes(type)) {
    throw new UnsupportedMediaTypeError(
      `Send a zip (application/zip) or a Markdown file (text/markdown), not ${type || 'a body without a Content-Type'}.`,
    );
  }
}
