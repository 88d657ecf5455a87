// Typed errors that services throw; one wrapper in the web app turns them into RFC 9457
// problem+json. Kept here (no server imports) so the browser can read the same codes.
import type { z } from "zod";

export const ERROR_CODES = {
  invalid: { status: 400, title: "Invalid request" },
  unauthenticated: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  unprocessable: { status: 422, title: "Unprocessable input" },
  rate_limited: { status: 429, title: "Too many requests" },
  unavailable: { status: 503, title: "Service unavailable" },
  insufficient_storage: { status: 507, title: "Insufficient storage" },
  internal: { status: 500, title: "Internal error" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with one field: `path` is the JSON path within the body, e.g. "data.label". */
export interface FieldProblem {
  path: string;
  message: string;
}

export class RoundhouseError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export class Invalid extends RoundhouseError {
  constructor(message: string, problems: FieldProblem[] = []) {
    super("invalid", message, problems);
  }
  static fromZod(error: z.ZodError, where = "body"): Invalid {
    const problems = error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    const summary = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ");
    return new Invalid(`The ${where} is invalid: ${summary}`, problems);
  }
}
export class Unauthenticated extends RoundhouseError {
  constructor(message = "Sign in, or send an API token as 'Authorization: Bearer <token>'.") {
    super("unauthenticated", message);
  }
}
export class Forbidden extends RoundhouseError {
  constructor(message: string) {
    super("forbidden", message);
  }
}
export class NotFound extends RoundhouseError {
  constructor(entity: string, id: string) {
    super("not_found", `${entity} ${id} does not exist.`);
  }
}
/** Well-formed input the model cannot score (missing feature, wrong type, unknown category). */
export class Unprocessable extends RoundhouseError {
  constructor(message: string, problems: FieldProblem[] = []) {
    super("unprocessable", message, problems);
  }
}
export class Unavailable extends RoundhouseError {
  constructor(message: string) {
    super("unavailable", message);
  }
}
/** The server's disk is at its reserve: nothing more is written until an operator makes room. */
export class InsufficientStorage extends RoundhouseError {
  constructor(message: string, path = "file") {
    super("insufficient_storage", message, [{ path, message: "no room on the server's disk" }]);
  }
}
export class Conflict extends RoundhouseError {
  constructor(message: string, problems: FieldProblem[] = []) {
    super("conflict", message, problems);
  }
}

/** Slow down: answered as 429 with a Retry-After header of `retryAfterSeconds`. */
export class TooManyRequests extends RoundhouseError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("rate_limited", message);
  }
}

/** RFC 9457 problem details, with Roundhouse's field-level `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldProblem[];
  requestId?: string;
}

/** The problem+json body for a typed error (the web app and `roundhouse serve` answer alike). */
export function toProblem(err: RoundhouseError, requestId: string): Problem {
  return {
    type: `https://roundhouse.dev/problems/${err.code}`,
    title: ERROR_CODES[err.code].title,
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(err.problems.length ? { errors: err.problems } : {}),
    requestId,
  };
}

export class PayloadTooLarge extends RoundhouseError {
  constructor(limitBytes: number, what = "The upload", hint = " (ROUNDHOUSE_MAX_UPLOAD_BYTES)", path = "file") {
    super("payload_too_large", `${what} is larger than the limit of ${formatBytes(limitBytes)}${hint}.`, [{ path, message: "too large" }]);
  }
}

export function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 10 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
