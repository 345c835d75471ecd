/**
 * Role checks for routes: 403 `FORBIDDEN` with the error body when the caller's role may not do
 * what they asked. Admin-only: blueprint writes, users, tokens, settings writes, plan writes and
 * trigger secrets (DESIGN.md "Auth").
 */
import type { FastifyRequest } from "fastify";
import type { Caller, Role } from "../context";
import { HttpError } from "../http/errors";

const withArticle = (word: string) => `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;

/** The authenticated caller of an `/api` route (the auth hook set it; absent means 401). */
export function callerOfRequest(request: FastifyRequest): Caller {
  if (!request.caller) throw new HttpError("UNAUTHENTICATED", "Sign in: send 'Authorization: Bearer <token>'.");
  return request.caller;
}

/**
 * The caller, when their role is one of `roles`; otherwise 403 naming what they tried.
 *
 * @example
 * requireRole(request, ["admin"], "publish the blueprint");
 */
export function requireRole(request: FastifyRequest, roles: readonly Role[], what: string): Caller {
  const caller = callerOfRequest(request);
  if (!roles.includes(caller.role)) {
    const who = roles.map(withArticle).join(" or ");
    throw new HttpError("FORBIDDEN", `Only ${who} may ${what}; you are signed in as ${withArticle(caller.role)}.`, { role: caller.role, required: roles });
  }
  return caller;
}

/** The caller, when they are an admin; otherwise 403. */
export function requireAdmin(request: FastifyRequest, what: string): Caller {
  return requireRole(request, ["admin"], what);
}
