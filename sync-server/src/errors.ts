/**
 * Errors a caller can act on. Each carries a stable `code` (the API's `error` field), the HTTP status it
 * maps to, and a message written for the person reading it: what is wrong and what to do next.
 * Anything that is not an AppError is a bug, answered with a generic 500 and logged.
 */
export type ErrorCode = 'bad_request' | 'not_found';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
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
