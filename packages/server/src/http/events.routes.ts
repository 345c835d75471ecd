/**
 * `GET /api/events?since=<cursor>`: server-sent events of history rows in the caller's scope, for
 * the live board and canvas. Rows after `since` (or after `Last-Event-ID`, which a reconnecting
 * EventSource sends) are replayed first; without either the stream starts at the present. A
 * browser's EventSource cannot send headers, so the auth hook also accepts `?access_token=`.
 */
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteModule } from "../context";
import { callerOf } from "./deals/access";
import { latestCursor, streamEvents } from "./deals/event-stream";

const EventsQuery = z.object({
  since: z.string().regex(/^\d+$/).optional().describe("Replay history rows after this cursor (an event's `id`)."),
  access_token: z.string().optional().describe("The bearer token, for EventSource, which cannot send headers."),
});

/** Registers the event stream. */
const events: RouteModule = async (root, ctx) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const open = new Set<() => void>();
  // Open streams would keep the server from closing: end them first.
  app.addHook("preClose", async () => {
    for (const end of open) end();
    open.clear();
  });

  app.get(
    "/api/events",
    { schema: { tags: ["events"], summary: "Server-sent events of history rows in your scope (text/event-stream)", querystring: EventsQuery } },
    async (request, reply) => {
      const caller = callerOf(request);
      const lastEventId = request.headers["last-event-id"];
      const resume = typeof lastEventId === "string" && /^\d+$/.test(lastEventId) ? lastEventId : request.query.since;
      const after = resume !== undefined ? Number(resume) : await latestCursor(ctx);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      raw.write("retry: 3000\n\n");
      const end = streamEvents(ctx, caller, raw, after);
      open.add(end);
      raw.on("close", () => open.delete(end));
    },
  );
};

export default events;
