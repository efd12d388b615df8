import type { ContentProblem } from '../../shared/src/model/content.ts';

/**
 * Errors a caller can act on. Each carries a stable `code` (the API's `error` field), the HTTP status it
 * maps to, and a message written for the person reading it: what is wrong and what to do next.
 * Anything that is not an AppError is a bug, answered with a generic 500 and logged.
 */
export type ErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'invalid-content'
  | 'too_early';
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 425;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: ErrorStatus,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The JSON body of the answer: `{ error, message }`, plus what a subclass adds. */
  toJSON(): { error: string; message: string } & Record<string, unknown> {
    return { error: this.code, message: this.message };
  }
}

export class BadRequestError extends AppError {
  constructor(message: string) {
    super('bad_request', 400, message);
    this.name = 'BadRequestError';
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not_found', 404, message);
    this.name = 'NotFoundError';
  }
}

/** Not signed in, or the credentials given are wrong. */
export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super('unauthorized', 401, message);
    this.name = 'UnauthorizedError';
  }
}

/** Signed in, but this request may not do this (e.g. a missing CSRF header). */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', 403, message);
    this.name = 'ForbiddenError';
  }
}

/** The request clashes with what is stored (a taken handle, an idempotency key reused for another change). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', 409, message);
    this.name = 'ConflictError';
  }
}

/** The request body is larger than this endpoint takes (e.g. an avatar over 1 MB). */
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('too_large', 413, message);
    this.name = 'PayloadTooLargeError';
  }
}

/** The body is not a kind this endpoint takes (e.g. an avatar that is not PNG, JPEG or WebP). */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super('unsupported_media_type', 415, message);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** Content that breaks the schema (publishing a draft): says what and where, item by item. */
export class InvalidContentError extends AppError {
  constructor(
    message: string,
    readonly problems: ContentProblem[],
  ) {
    super('invalid-content', 422, message);
    this.name = 'InvalidContentError';
  }

  override toJSON() {
    return { ...super.toJSON(), problems: this.problems };
  }
}

/** The server does not have what the request depends on yet (a draft's newest edits); try again soon. */
export class TooEarlyError extends AppError {
  constructor(message: string) {
    super('too_early', 425, message);
    this.name = 'TooEarlyError';
  }
}
