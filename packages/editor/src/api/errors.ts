/**
 * The API client's one error class. The server answers `{ "error": { code, message, details } }`;
 * network failures and unreadable answers get codes of their own, so the UI handles every
 * failure the same way.
 */

/** Codes the client itself may raise, besides the server's (`VERSION_CONFLICT`, `MAPPING_REQUIRED`, …). */
export const CLIENT_ERROR_CODES = {
  NETWORK: "The server could not be reached.",
  BAD_RESPONSE: "The server's answer could not be read.",
  OFFLINE: "You are not signed in to a server.",
} as const;

/** A refused or failed API request: HTTP status (0 without one), code, message and details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Reads an error body `{ error: { code, message, details } }`, tolerating anything else. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === "object" && error !== null) {
    const e = error as { code?: unknown; message?: unknown; details?: unknown };
    return new ApiError(
      status,
      typeof e.code === "string" ? e.code : `HTTP_${status}`,
      typeof e.message === "string" ? e.message : `The server answered ${status}.`,
      typeof e.details === "object" && e.details !== null ? (e.details as Record<string, unknown>) : {},
    );
  }
  return new ApiError(status, `HTTP_${status}`, `The server answered ${status}.`);
}

/** Any thrown value as an {@link ApiError}. */
export function toApiError(cause: unknown): ApiError {
  if (cause instanceof ApiError) return cause;
  return new ApiError(0, "NETWORK", cause instanceof Error ? cause.message : String(cause));
}
