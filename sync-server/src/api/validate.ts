/** Turns the shared valibot schemas' verdicts into BadRequestErrors whose message says what is wrong. */
import * as v from 'valibot';
import { BadRequestError } from '../errors.ts';

export function parseQuery<TSchema extends v.GenericSchema>(
  schema: TSchema,
  query: Record<string, string>,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, query);
  if (!result.success) throw new BadRequestError(describeIssues(result.issues));
  return result.output;
}

/** `what` names the parameter for the reader, e.g. "post slug". */
export function parseParam<TSchema extends v.GenericSchema<string, string>>(
  schema: TSchema,
  value: string | undefined,
  what: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value ?? '');
  if (!result.success) throw new BadRequestError(`Invalid ${what}: ${describeIssues(result.issues)}`);
  return result.output;
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'The request is not valid.';
  const key = v.getDotPath(first);
  // Schema messages usually name their field ("limit must be…"); add the key when they do not.
  return key && !first.message.toLowerCase().includes(key.toLowerCase()) ? `${key}: ${first.message}` : first.message;
}

/** A JSON body checked against a schema; an empty body counts as `{}` when `emptyIsObject`. */
export async function parseBody<TSchema extends v.GenericSchema>(
  schema: TSchema,
  request: { text(): Promise<string> },
  { emptyIsObject = false } = {},
): Promise<v.InferOutput<TSchema>> {
  const text = await request.text();
  let body: unknown = {};
  if (text.trim() !== '' || !emptyIsObject) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new BadRequestError(
        'The body must be JSON, e.g. {"email": "…"}, sent with Content-Type: application/json.',
      );
    }
  }
  if (Array.isArray(body)) throw new BadRequestError('The body must be a JSON object, not a list.');
  const result = v.safeParse(schema, body);
  if (!result.success) throw new BadRequestError(describeIssues(result.issues));
  return result.output;
}
