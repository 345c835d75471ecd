/**
 * The auth hook (DESIGN.md "Auth", normative): every `/api` request carries a bearer token, checked
 * in `onRequest` — before the body is read — so an anonymous caller learns nothing about bodies,
 * routes or data; they get 401. `GET /api/events` also takes `?access_token=`, since a browser's
 * EventSource cannot send headers. A valid token of an active user sets `request.caller` with the
 * scope computed from the users' supervisor chains.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { HostRepos } from "../host";
import { HttpError } from "../http/errors";

/** Paths that accept `?access_token=` as well as the header. */
const QUERY_TOKEN_PATHS = new Set(["/api/events"]);

/** Whether a path is under the authenticated API. */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** A path with percent-escapes decoded (a malformed escape leaves it as it is). */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Whether a request is for the authenticated API: by the route it matched (the router decodes
 * escapes, so `/%61pi/users` matches `/api/users`) and by its decoded path (for unmatched ones).
 */
export function isApiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return (route !== undefined && isApiPath(route)) || isApiPath(decoded(request.url.split("?", 1)[0]!));
}

/** The token a request presents, from `Authorization: Bearer …` or (where allowed) `?access_token=`. */
export function presentedToken(request: FastifyRequest, path: string): string | null {
  const header = request.headers.authorization;
  if (typeof header === "string") {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? m[1]! : null;
  }
  if (QUERY_TOKEN_PATHS.has(path)) {
    const q = (request.query ?? {}) as Record<string, unknown>;
    if (typeof q["access_token"] === "string" && q["access_token"] !== "") return q["access_token"];
  }
  return null;
}

/**
 * Installs the hook on the root instance; every route module registered after inherits it.
 *
 * @example
 * installAuth(app, host); // then: request.caller on every /api route
 */
export function installAuth(app: FastifyInstance, host: HostRepos): void {
  app.addHook("onRequest", async (request) => {
    if (!isApiRequest(request)) return;
    const token = presentedToken(request, request.routeOptions.url ?? decoded(request.url.split("?", 1)[0]!));
    if (!token) {
      throw new HttpError("UNAUTHENTICATED", "Sign in: send 'Authorization: Bearer <token>' (an admin creates tokens; `pnpm voronka token create`).");
    }
    const found = token.length <= 200 ? await host.tokens.authenticate(token) : null;
    const user = found ? await host.users.get(found.userId) : null;
    if (!found || !user || !user.active) {
      throw new HttpError("UNAUTHENTICATED", "This token is not valid: it may have been revoked, or its user deactivated. Ask an admin for a new one.");
    }
    request.caller = { userId: user.id, role: user.role, scope: await host.users.scopeOf(user.id) };
  });
}
