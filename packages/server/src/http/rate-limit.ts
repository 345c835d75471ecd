/**
 * Rate limiting (DESIGN.md "Conventions": 429 `RATE_LIMITED`), with `@fastify/rate-limit`: a
 * fixed window of one minute, counted in this process's memory (an LRU of keys).
 *
 * - A signed-in request is counted against its user, whichever of their tokens it presents
 *   (`VORONKA_RATE_LIMIT`, default 6000 a minute: 100 a second on average, with bursts); everything
 *   else — the survey page, inbound webhooks, the editor's files — against the caller's IP address
 *   (`VORONKA_RATE_LIMIT_ANONYMOUS`, default 600 a minute).
 * - The plugin adds its check to every route as a route-level `onRequest` hook, and fastify runs
 *   those after the instance's own: the auth hook has already named the user (or refused the
 *   request with 401, which is not counted: tokens are 256-bit random strings, not guessable).
 * - The answer is the usual error body, with `Retry-After` (seconds) and the `x-ratelimit-*`
 *   headers on every counted response. A refused request changes nothing: it never reaches a route.
 * - `0` turns a limit off. Several server processes count separately: behind a balancer, divide
 *   the limits by the number of processes (or set them at the proxy).
 */
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { RateLimits } from "../context";
import { HttpError } from "./errors";

const WINDOW_MS = 60_000;

/** The key a request is counted under: its signed-in user, or its IP address. */
export function rateLimitKey(request: FastifyRequest): string {
  return request.caller ? `user:${request.caller.userId}` : `ip:${request.ip}`;
}

/**
 * Registers the limiter on the root instance, before the routes (it applies to routes registered
 * after it). Does nothing when both limits are 0.
 */
export async function installRateLimit(app: FastifyInstance, limits: RateLimits): Promise<void> {
  if (limits.perUser <= 0 && limits.perAddress <= 0) return;
  const limitOf = (key: string) => (key.startsWith("user:") ? limits.perUser : limits.perAddress);
  await app.register(rateLimit, {
    global: true,
    hook: "onRequest",
    timeWindow: WINDOW_MS,
    cache: 10_000,
    keyGenerator: rateLimitKey,
    // An unlimited kind of key is let through without counting.
    allowList: (request: FastifyRequest) => limitOf(rateLimitKey(request)) <= 0,
    max: (_request: FastifyRequest, key: string) => limitOf(key),
    errorResponseBuilder: (request: FastifyRequest, context) => {
      const who = request.caller ? "your account" : "your address";
      return new HttpError(
        "RATE_LIMITED",
        `Too many requests from ${who}: at most ${context.max} a minute. Try again in ${context.after}; to send many changes at once, use the bulk routes (such as POST /api/deals/import) or ask an admin to raise VORONKA_RATE_LIMIT.`,
        { limit: context.max, windowSeconds: WINDOW_MS / 1000, retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
      );
    },
  });
}
