/**
 * Outbox delivery: what the engine's `deliver` option does with effects that leave the system.
 *
 * - `webhook` (the robot): an HTTP POST/PUT of the rendered body as JSON to the robot's URL, with
 *   its headers and `Idempotency-Key: <dealId:entry:robotId>`; 2xx acknowledges, anything else
 *   (a 3xx included: redirects are not followed) fails and the engine retries with backoff.
 *   Private targets are refused unless allowed (see ssrf.ts).
 * - `notify`, `survey` and custom kinds: POSTed as `{ kind, key, deal, payload }` to
 *   `VORONKA_NOTIFY_WEBHOOK` when set (an operator's own endpoint, trusted, so not guarded);
 *   otherwise logged and acknowledged — e-mail and SMS are out of scope (DESIGN.md).
 *
 * Requests go through `node:http(s)` rather than `fetch` so the SSRF check can sit in the socket's
 * own DNS lookup, and so no redirect can lead elsewhere.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { OutboxRecord } from "@voronka/engine";
import { assertPublicLiteral, guardedLookup } from "./ssrf";

/** The logger delivery reports to (a fastify/pino logger fits). */
export interface DeliveryLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Options of {@link createDeliver}. */
export interface DeliverOptions {
  allowPrivateWebhooks: boolean;
  notifyWebhook?: string | undefined;
  /** Base for survey links (`/s/<token>` → absolute). */
  publicUrl: string;
  logger: DeliveryLogger;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
}

/** One HTTP call. */
export interface HttpCall {
  url: string;
  method: "POST" | "PUT";
  headers?: Record<string, string>;
  body: unknown;
  allowPrivate: boolean;
  timeoutMs: number;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Sends one JSON request; resolves with the status on 2xx, rejects otherwise (with a message that
 * says what the receiver answered).
 */
export function sendJson(call: HttpCall): Promise<number> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(call.url);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`only http and https URLs are called, not ${url.protocol}`);
      if (!call.allowPrivate) assertPublicLiteral(url.hostname);
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const payload = Buffer.from(JSON.stringify(call.body ?? null), "utf8");
    const headers: Record<string, string> = { ...(call.headers ?? {}), "content-type": "application/json", "content-length": String(payload.length), "user-agent": "Voronka-Webhook/0.1" };
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, { method: call.method, headers, ...(call.allowPrivate ? {} : { lookup: guardedLookup }) }, (res: IncomingMessage) => {
      let size = 0;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(c);
        size += c.length;
      });
      res.on("end", () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve(status);
        const text = Buffer.concat(chunks).toString("utf8").slice(0, 200);
        reject(new Error(`${call.method} ${url.origin}${url.pathname} answered ${status}${text ? `: ${text}` : ""}`));
      });
      res.on("error", reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`${call.method} ${url.origin}${url.pathname} did not answer within ${call.timeoutMs / 1000} s`)), call.timeoutMs);
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(payload);
  });
}

/** Makes a survey's relative link absolute. */
function withAbsoluteUrl(effect: OutboxRecord, publicUrl: string): Record<string, unknown> {
  const url = effect.payload["url"];
  if (typeof url !== "string" || !url.startsWith("/")) return effect.payload;
  return { ...effect.payload, url: new URL(url, publicUrl).toString() };
}

/**
 * The engine's `deliver` function for this server.
 *
 * @example
 * const engine = createEngine({ store, deliver: createDeliver({ allowPrivateWebhooks: false, publicUrl, logger }) });
 */
export function createDeliver(options: DeliverOptions): (effect: OutboxRecord) => Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (effect) => {
    if (effect.kind === "webhook") {
      const p = effect.payload as { url?: unknown; method?: unknown; headers?: unknown; body?: unknown };
      if (typeof p.url !== "string") throw new Error("the webhook effect has no URL");
      const method = p.method === "PUT" ? "PUT" : "POST";
      const headers = typeof p.headers === "object" && p.headers !== null ? (p.headers as Record<string, string>) : {};
      await sendJson({ url: p.url, method, headers: { ...headers, "idempotency-key": effect.key }, body: p.body, allowPrivate: options.allowPrivateWebhooks, timeoutMs });
      return;
    }
    const message = { kind: effect.kind, key: effect.key, deal: effect.deal, payload: withAbsoluteUrl(effect, options.publicUrl), createdAt: effect.createdAt };
    if (options.notifyWebhook) {
      await sendJson({ url: options.notifyWebhook, method: "POST", headers: { "idempotency-key": effect.key }, body: message, allowPrivate: true, timeoutMs });
      return;
    }
    options.logger.info({ outbox: message }, `${effect.kind} for deal ${effect.deal} (no VORONKA_NOTIFY_WEBHOOK: logged, not sent)`);
  };
}
