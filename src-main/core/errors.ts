import type { ApiError, ErrorCode, FieldProblem } from '../dto/result';

/** An expected failure with a code the UI can act on and a Chinese message it can show as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: FieldProblem[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.problems ? { code: this.code, message: this.message, problems: this.problems } : { code: this.code, message: this.message };
  }
}
