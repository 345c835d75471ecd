/**
 * HTTP errors: the one table that maps every error code (the engine's and the server's own) to a
 * status, the server's error class, and the one handler that turns anything thrown into
 * `{ "error": { "code", "message", "details" } }` (DESIGN.md "Conventions"). Unexpected failures
 * answer 500 `UNEXPECTED` with a request id and are logged; their internals never leave the server.
 */
import { EngineError, type EngineErrorCode } from "@voronka/engine";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * Every code an error body may carry, with its HTTP status: the engine's codes (the compiler
 * checks that none is missing) and the server's own.
 */
export const HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  TRANSITION_NOT_ALLOWED: 409,
  FINAL_STAGE: 409,
  NOT_FINAL: 409,
  MAPPING_REQUIRED: 409,
  BLUEPRINT_STALE: 409,
  NO_BLUEPRINT: 409,
  CONFLICT: 409,
  SURVEY_ANSWERED: 410,
  VERSION_CONFLICT: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MOVE_BLOCKED: 422,
  REASON_REQUIRED: 422,
  CASCADE_LIMIT: 422,
  BLUEPRINT_INVALID: 422,
  TASK_CLOSED: 422,
  CONDITION_INVALID: 422,
  UNKNOWN_ROBOT_TYPE: 422,
  UNKNOWN_TRIGGER_TYPE: 422,
  RATE_LIMITED: 429,
  UNEXPECTED: 500,
  UNAVAILABLE: 503,
} as const satisfies Record<EngineErrorCode, number> & Record<string, number>;

/** A code of an error body. */
export type HttpErrorCode = keyof typeof HTTP_STATUS;

/** The body every refused request answers. */
export interface ErrorBody {
  error: { code: HttpErrorCode; message: string; details: Record<string, unknown> };
}

/**
 * An error the server raises itself (authentication, roles, host data). Its status comes from
 * {@link HTTP_STATUS}; throw it from a handler or hook and the error handler answers it.
 *
 * @example
 * throw new HttpError("FORBIDDEN", "Only an admin may edit users.", { role: "manager" });
 */
export class HttpError extends Error {
  readonly code: HttpErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: HttpErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "HttpError";
    this.code = code;
    this.details = details;
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

/** A status and body for an error, with whether it is the server's fault (to be logged). */
export interface ErrorAnswer {
  status: number;
  body: ErrorBody;
  unexpected: boolean;
}

const answer = (code: HttpErrorCode, message: string, details: Record<string, unknown> = {}): ErrorAnswer => ({
  status: HTTP_STATUS[code],
  body: { error: { code, message, details } },
  unexpected: HTTP_STATUS[code] >= 500,
});

interface ValidationItem { instancePath?: string; message?: string; params?: Record<string, unknown> }

/** `/fields/amount` → `fields.amount`; the root → `(root)`. */
const pathOf = (instancePath: string | undefined): string => {
  const p = (instancePath ?? "").replace(/^\//, "").split("/").filter(Boolean).join(".");
  return p === "" ? "(root)" : p;
};

const PART: Record<string, string> = { body: "request body", querystring: "query string", params: "path", headers: "headers" };

/** A schema validation failure (zod through fastify-type-provider-zod, or fastify's own). */
function validationAnswer(error: FastifyError & { validation: ValidationItem[]; validationContext?: string }): ErrorAnswer {
  const where = PART[error.validationContext ?? "body"] ?? error.validationContext ?? "request";
  const issues = error.validation.map((v) => ({ path: pathOf(v.instancePath), message: v.message ?? "is not valid" }));
  const list = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join("; ");
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  return answer("VALIDATION_FAILED", `The ${where} is not valid: ${list}${more}.`, { in: error.validationContext ?? "body", issues });
}

/**
 * Turns anything thrown into a status and an error body: the engine's and the server's errors by
 * the table, fastify's validation and body-parsing errors into 400/413/415, and anything else into
 * 500 `UNEXPECTED` without its message.
 */
export function toErrorAnswer(cause: unknown, context: { requestId?: string; bodyLimit?: number } = {}): ErrorAnswer {
  const { requestId, bodyLimit } = context;
  if (cause instanceof HttpError || cause instanceof EngineError) {
    const code = cause.code as HttpErrorCode;
    if (code === "UNEXPECTED") return unexpected(requestId);
    return answer(code, cause.message, cause.details);
  }
  const error = cause as Partial<FastifyError> & { validation?: ValidationItem[] };
  if (error && Array.isArray(error.validation)) return validationAnswer(error as FastifyError & { validation: ValidationItem[] });
  switch (error?.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return answer("PAYLOAD_TOO_LARGE", `The request body is larger than this server accepts${bodyLimit ? ` (${bodyLimit} bytes; VORONKA_BODY_LIMIT)` : ""}. Send less at once, e.g. import deals in batches.`, bodyLimit ? { limit: bodyLimit } : {});
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return answer("VALIDATION_FAILED", "The request body is not valid JSON. Check its quotes, commas and brackets (keys such as __proto__ and constructor are refused).");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return answer("VALIDATION_FAILED", "The request body is empty but its content-type says JSON: send a JSON document, or leave out the content-type header.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return answer("UNSUPPORTED_MEDIA_TYPE", "This content-type is not accepted here: send JSON with 'content-type: application/json'.");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return answer("VALIDATION_FAILED", "The request body does not match its Content-Length header.");
    default:
      break;
  }
  const status = typeof error?.statusCode === "number" ? error.statusCode : 500;
  if (status === 429) return answer("RATE_LIMITED", "Too many requests; wait a little and try again.");
  if (status === 413) return answer("PAYLOAD_TOO_LARGE", "The request is too large.");
  if (status === 404) return answer("NOT_FOUND", "Not found.");
  // Other client errors from fastify (a bad URL, a bad header) say what is wrong and nothing internal.
  if (status >= 400 && status < 500 && typeof error?.code === "string" && error.code.startsWith("FST_")) {
    return answer("VALIDATION_FAILED", error.message ?? "The request is not valid.", { fastify: error.code });
  }
  return unexpected(requestId);
}

function unexpected(requestId: string | undefined): ErrorAnswer {
  return answer("UNEXPECTED", `Something went wrong on the server. It has been logged${requestId ? ` as request ${requestId}` : ""}; try again, and tell the administrator if it keeps happening.`, requestId ? { requestId } : {});
}

/** Sends an error answer. */
export function sendError(reply: FastifyReply, request: FastifyRequest, cause: unknown, bodyLimit?: number): FastifyReply {
  const a = toErrorAnswer(cause, { requestId: request.id, ...(bodyLimit !== undefined ? { bodyLimit } : {}) });
  if (a.unexpected) request.log.error({ err: cause }, "unexpected error");
  if (a.status === 401) void reply.header("www-authenticate", 'Bearer realm="voronka"');
  return reply.code(a.status).type("application/json; charset=utf-8").send(a.body);
}

/**
 * Installs the one error handler and the not-found handler on the root instance (every route
 * module inherits them).
 */
export function installErrorHandling(app: FastifyInstance, options: { bodyLimit: number }): void {
  app.setErrorHandler((error, request, reply) => sendError(reply, request, error, options.bodyLimit));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, request, new HttpError("NOT_FOUND", `There is no ${request.method} ${request.url.split("?")[0]} route. The API is described at /docs.`)),
  );
}
