/**
 * What the account pages (sign-in, sign-up, edit profile) share: checking a form against the shared schema and turning
 * messages into plain words. Only these lazy pages import it, so valibot stays out of the first load.
 */
import * as v from 'valibot';

/** How a form names its fields when they lead a message ("supportUrl must be…" → "Support link must be…"). */
export type FieldLabels = Readonly<Record<string, string>>;

/**
 * "email: an account with this email…" or "handle must be…" → "An account with this email…", "Handle must
 * be…"; a leading field key with a label in `labels` reads as that label.
 */
export function plainWords(message: string, labels: FieldLabels = {}): string {
  const text = message.replace(/^[A-Za-z]+: /, '');
  const key = /^[A-Za-z]+/.exec(text)?.[0];
  const named = key && labels[key] ? `${labels[key]}${text.slice(key.length)}` : text;
  return named.charAt(0).toUpperCase() + named.slice(1);
}

/** Each field's first problem in plain words, or null when the form is valid. */
export function fieldErrors<F extends string>(
  schema: v.GenericSchema,
  values: Record<F, string>,
  labels?: FieldLabels,
): Partial<Record<F, string>> | null {
  const result = v.safeParse(schema, values);
  if (result.success) return null;
  const errors: Partial<Record<F, string>> = {};
  for (const issue of result.issues) {
    const field = v.getDotPath(issue) as F | null;
    if (field && field in values && !errors[field]) errors[field] = plainWords(issue.message, labels);
  }
  return errors;
}

/**
 * The field a server message is about, when it starts with one of `fields` ("website must be…",
 * "handle \"x\" is taken…", "bio: …"); null otherwise.
 */
export function fieldOfMessage<F extends string>(message: string, fields: readonly F[]): F | null {
  const first = /^([A-Za-z]+)\b/.exec(message)?.[1];
  return fields.find((field) => field === first) ?? null;
}

/** A failed request as a sentence for the form's alert. */
export function requestError(error: unknown, action: string): string {
  if (error instanceof Error && error.name === 'OfflineError') {
    return `${error.message} Connect to the internet to ${action}.`;
  }
  return error instanceof Error ? plainWords(error.message) : `Could not ${action}. Try again.`;
}
