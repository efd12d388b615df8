/**
 * What the sign-in and sign-up pages share: checking a form against the shared schema and turning
 * messages into plain words. Only these lazy pages import it, so valibot stays out of the first load.
 */
import * as v from 'valibot';

/** "email: an account with this email…" or "handle must be…" → "An account with this email…", "Handle must be…". */
export function plainWords(message: string): string {
  const text = message.replace(/^[A-Za-z]+: /, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Each field's first problem in plain words, or null when the form is valid. */
export function fieldErrors<F extends string>(
  schema: v.GenericSchema,
  values: Record<F, string>,
): Partial<Record<F, string>> | null {
  const result = v.safeParse(schema, values);
  if (result.success) return null;
  const errors: Partial<Record<F, string>> = {};
  for (const issue of result.issues) {
    const field = v.getDotPath(issue) as F | null;
    if (field && field in values && !errors[field]) errors[field] = plainWords(issue.message);
  }
  return errors;
}

/** A failed request as a sentence for the form's alert. */
export function requestError(error: unknown, action: string): string {
  if (error instanceof Error && error.name === 'OfflineError') {
    return `${error.message} Connect to the internet to ${action}.`;
  }
  return error instanceof Error ? plainWords(error.message) : `Could not ${action}. Try again.`;
}
