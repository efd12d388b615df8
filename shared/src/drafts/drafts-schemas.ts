/** Request bodies of the drafts API (valibot): used by the server to check and by the client before sending. */
import * as v from 'valibot';
import { HANDLE_PATTERN } from '../model/catalog.ts';

export const InviteCoauthorBody = v.strictObject({
  handle: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(HANDLE_PATTERN, 'Enter the person’s @handle.')),
  role: v.picklist(['editor', 'viewer'], 'A co-author is an editor or a viewer.'),
});
export type InviteCoauthorBody = v.InferOutput<typeof InviteCoauthorBody>;

export const SaveVersionBody = v.strictObject({
  name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'Name the version.'),
    v.maxLength(80, 'Keep the name under 80 characters.'),
  ),
});
export type SaveVersionBody = v.InferOutput<typeof SaveVersionBody>;

/** Far above any real state vector (a few bytes per client that ever edited the draft). */
const STATE_VECTOR_MAX_CHARS = 64 * 1024;

/**
 * A publish: `stateVector` is the draft's Yjs state vector on the device when "Publish" was pressed
 * (base64). The server publishes only once it holds at least that much of the draft, and answers 425
 * before then. Without it, the server publishes what it has.
 */
export const PublishDraftBody = v.strictObject({
  stateVector: v.optional(
    v.pipe(
      v.string('stateVector must be base64 text.'),
      v.maxLength(STATE_VECTOR_MAX_CHARS, 'stateVector is too long.'),
      v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'stateVector must be base64 text.'),
    ),
  ),
});
export type PublishDraftBody = v.InferOutput<typeof PublishDraftBody>;
