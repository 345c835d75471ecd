/**
 * The engine's one error class and its code catalogue.
 *
 * Every refused command rejects with an {@link EngineError}; its `code` comes from
 * {@link ENGINE_ERROR_CODES} and its `kind` says whose move it is: `user` (fix the input),
 * `operational` (retry or reload: a version conflict, a stale blueprint) or `unexpected` (a bug).
 */

/** Every code an {@link EngineError} may carry, with its kind. Servers map these to HTTP statuses. */
export const ENGINE_ERROR_CODES = {
  VALIDATION_FAILED: "user",
  BLUEPRINT_INVALID: "user",
  NOT_FOUND: "user",
  MOVE_BLOCKED: "user",
  TRANSITION_NOT_ALLOWED: "user",
  FINAL_STAGE: "user",
  NOT_FINAL: "user",
  REASON_REQUIRED: "user",
  TASK_CLOSED: "user",
  SURVEY_ANSWERED: "user",
  CASCADE_LIMIT: "user",
  CONDITION_INVALID: "user",
  MAPPING_REQUIRED: "user",
  UNKNOWN_ROBOT_TYPE: "user",
  UNKNOWN_TRIGGER_TYPE: "user",
  VERSION_CONFLICT: "operational",
  BLUEPRINT_STALE: "operational",
  NO_BLUEPRINT: "operational",
  UNEXPECTED: "unexpected",
} as const;

export type EngineErrorCode = keyof typeof ENGINE_ERROR_CODES;
export type EngineErrorKind = (typeof ENGINE_ERROR_CODES)[EngineErrorCode];

/**
 * A refused command or an internal failure, as data: a stable `code`, a `kind`, a message a
 * non-programmer can act on, and `details` for programs (e.g. the missing fields of `MOVE_BLOCKED`).
 *
 * @example
 * try { await engine.move(id, "contract", { actor: { user: "ann" } }) }
 * catch (e) { if (e instanceof EngineError && e.code === "MOVE_BLOCKED") console.log(e.details.missing) }
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly kind: EngineErrorKind;
  readonly details: Record<string, unknown>;

  constructor(code: EngineErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "EngineError";
    this.code = code;
    this.kind = ENGINE_ERROR_CODES[code];
    this.details = details;
  }

  /** A plain object for logs and HTTP bodies: `{ code, kind, message, details }`. */
  toJSON(): { code: EngineErrorCode; kind: EngineErrorKind; message: string; details: Record<string, unknown> } {
    return { code: this.code, kind: this.kind, message: this.message, details: this.details };
  }
}

/** Turns any thrown value into an {@link EngineError}, keeping one that already is. */
export function toEngineError(cause: unknown): EngineError {
  if (cause instanceof EngineError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const error = new EngineError("UNEXPECTED", `Unexpected engine failure: ${message}`);
  (error as { cause?: unknown }).cause = cause;
  return error;
}

/** One problem found by validation or lint: a stable code, a JSON path, and a message for people. */
export interface Issue {
  code: string;
  path: (string | number)[];
  message: string;
  severity?: "error" | "warning";
}

/** The result of validation and lint: every issue at once, or the value. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };
