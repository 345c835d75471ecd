/**
 * Deal versions over HTTP: `ETag: "<version>"` on answers, `If-Match: "<version>"` on writes
 * (DESIGN.md "Conventions"). A stale `If-Match` answers 412 `VERSION_CONFLICT`; without one the
 * engine retries its own version conflicts.
 */
import { EngineError } from "@voronka/engine";
import type { FastifyReply, FastifyRequest } from "fastify";

/** The strong entity tag of a deal version: `"7"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** Sets the deal's `ETag` on a reply. */
export function setEtag(reply: FastifyReply, version: number): void {
  void reply.header("etag", etagOf(version));
}

/**
 * The version a request's `If-Match` names, or undefined when there is none (or `*`). Accepts
 * `"7"`, `W/"7"` and a bare `7`; several tags or anything else is a 400.
 */
export function expectedVersionOf(request: FastifyRequest): number | undefined {
  const header = request.headers["if-match"];
  if (header === undefined || header.trim() === "" || header.trim() === "*") return undefined;
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!m) {
    throw new EngineError("VALIDATION_FAILED", `If-Match must be the deal's ETag, such as "7" (got ${header}).`, { ifMatch: header });
  }
  return Number(m[1]);
}
