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
