/**
 * One server-sent-events connection of `GET /api/events`: history rows of the deals in the
 * caller's scope (`id:` the row's cursor, `event:` its type, `data:` the row as JSON).
 *
 * The history table is the source of truth: the stream replays rows after `since` from it, then
 * each commit this process makes (`engine.on`) wakes it. When the commit's rows carry cursors that
 * follow on from the last one sent, they go out directly; otherwise the stream reads the table
 * from its last cursor. A slow poll also reads the table, so commits made by other processes
 * (a separate worker, other servers on the same database) reach the client too.
 *
 * Cursors are handed out when a row is inserted, but rows become visible when their transaction
 * commits; on PostgreSQL, with several writers, a row can become visible after rows with higher
 * cursors. So the stream never jumps a gap at once: rows after a missing cursor are held back until
 * the gap fills (the slower transaction commits, and its rows go out in cursor order) or until it
 * has stayed open for `gapWaitMs` (a rolled-back transaction leaves a gap for ever), and then it
 * moves on. A client's `Last-Event-ID` is therefore always a cursor below which it has seen every
 * row there will be. (With SQLite there is one writer, so rows appear in cursor order and there
 * are no gaps to wait for.)
 */
import type { EngineEvent, HistoryRow } from "@voronka/engine";
import type { ServerResponse } from "node:http";
import type { AppContext, Caller } from "../../context";
import { inScope } from "./access";
import { historyFromRow } from "./rows";

/** Tuning knobs (tests shorten them). */
export interface EventStreamOptions {
  /** A comment line keeps proxies from closing an idle stream; default 15 s. */
  heartbeatMs?: number;
  /** How often the history table is read for other processes' commits; default 2 s. */
  pollMs?: number;
  /** Rows read per query. */
  batch?: number;
  /** How long rows after a missing cursor wait for it (a slower transaction) before the stream moves on; default 5 s. */
  gapWaitMs?: number;
}

/** The last history cursor there is (0 for an empty history). */
export async function latestCursor(ctx: AppContext): Promise<number> {
  const row = (await ctx.knex("history").max({ c: "cursor" }).first()) as { c: unknown } | undefined;
  return row?.c == null ? 0 : Number(row.c);
}

/** Formats one history row as an SSE message. */
export function sseMessage(row: HistoryRow & { cursor: number }): string {
  return `id: ${row.cursor}\nevent: ${row.type}\ndata: ${JSON.stringify(row)}\n\n`;
}

/**
 * Streams history rows after `after` to `raw` until the connection closes. Answers the function
 * that ends the stream from the server's side (on shutdown).
 */
export function streamEvents(ctx: AppContext, caller: Caller, raw: ServerResponse, after: number, options: EventStreamOptions = {}): () => void {
  const batch = options.batch ?? 500;
  const gapWaitMs = options.gapWaitMs ?? 5_000;
  let last = after;
  let closed = false;
  let running = false;
  let dirty = false;
  /** Since when (ms) the cursor after `last` has been missing while later rows were visible. */
  let gapSince: number | null = null;
  let recheck: ReturnType<typeof setTimeout> | null = null;

  const write = (row: HistoryRow & { cursor: number }) => {
    if (!closed) raw.write(sseMessage(row));
  };

  /** Reads the table from `last` until it is caught up; coalesces wake-ups while it runs. */
  const pump = async (): Promise<void> => {
    if (running) {
      dirty = true;
      return;
    }
    running = true;
    try {
      do {
        dirty = false;
        for (;;) {
          if (closed) return;
          const rows = (await ctx.knex("history as h")
            .join("deals as d", "d.id", "h.deal")
            .where("h.cursor", ">", last)
            .orderBy("h.cursor", "asc")
            .limit(batch)
            .select("h.*", "d.responsible as responsible")) as Record<string, unknown>[];
          let held = false;
          for (const r of rows) {
            const row = historyFromRow(r);
            if (row.cursor <= last) continue;
            if (row.cursor !== last + 1) {
              // A gap: wait for the missing rows, up to gapWaitMs from when it was first seen.
              const now = Date.now();
              gapSince ??= now;
              if (now - gapSince < gapWaitMs) {
                held = true;
                scheduleRecheck(gapWaitMs - (now - gapSince));
                break;
              }
            }
            gapSince = null;
            last = row.cursor;
            if (inScope(caller, String(r["responsible"]))) write(row);
          }
          if (held || rows.length < batch) break;
        }
      } while (dirty);
    } catch (e) {
      if (!closed) raw.write(`: error reading history: ${e instanceof Error ? e.message.replace(/\s+/g, " ") : "unknown"}\n\n`);
    } finally {
      running = false;
    }
  };

  const onCommit = (event: EngineEvent) => {
    if (closed || !event.history.length) return;
    const cursors = event.history.map((h) => h.cursor);
    const contiguous = !running && gapSince === null && cursors.every((c, i) => c !== undefined && c === last + 1 + i);
    if (!contiguous) {
      void pump();
      return;
    }
    const owner = new Map(event.deals.map((d) => [d.id, d.responsible]));
    if (event.history.some((h) => !owner.has(h.deal))) {
      void pump();
      return;
    }
    for (const h of event.history) {
      const row = { ...h, cursor: h.cursor! };
      last = row.cursor;
      if (inScope(caller, owner.get(h.deal)!)) write(row);
    }
  };

  /** Reads again soon while a gap is open (a commit or the poll may come first). */
  function scheduleRecheck(remainingMs: number) {
    if (recheck || closed) return;
    recheck = setTimeout(() => {
      recheck = null;
      void pump();
    }, Math.max(10, Math.min(250, remainingMs)));
    recheck.unref();
  }

  const unsubscribe = ctx.engine.on(onCommit);
  const heartbeat = setInterval(() => {
    if (!closed) raw.write(`: heartbeat ${new Date().toISOString()}\n\n`);
  }, options.heartbeatMs ?? 15_000);
  const poll = setInterval(() => void pump(), options.pollMs ?? 2_000);
  heartbeat.unref();
  poll.unref();

  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    clearInterval(poll);
    if (recheck) clearTimeout(recheck);
  };
  raw.on("close", close);
  raw.on("error", close);
  void pump();
  return () => {
    close();
    raw.end();
  };
}
