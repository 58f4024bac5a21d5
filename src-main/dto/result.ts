/** How every call's outcome crosses a process or network boundary: a value, never a thrown error. */

export type ErrorCode =
  | 'UNKNOWN_METHOD'
  | 'INVALID_INPUT'
  | 'VALIDATION'
  | 'REFERENCE_MISSING'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'NO_DATABASE'
  | 'ALREADY_INITIALISED'
  | 'WRITE_FAILED'
  | 'STORAGE_READONLY'
  | 'LOCKED'
  | 'UNAUTHORIZED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** A problem with one field of one record; `row` is set when the record came from a file. */
export interface FieldProblem {
  field: string;
  reason: string;
  message: string;
  row?: number;
}

export interface ApiError {
  code: ErrorCode;
  /** Simplified Chinese, fit to show a user as is. */
  message: string;
  problems?: FieldProblem[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
