/**
 * `GET /api/events` over real HTTP: a live `deal.moved` event, replay after `since`, and scope
 * (a manager does not hear other managers' deals).
 */
import { testBlueprint } from "@voronka/engine/testing";
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCursor, streamEvents } from "../src/http/deals/event-stream";
import { startTestServer, type TestServer } from "./helpers";

let server: TestServer;

const api: TestServer["api"] = (...args) => server.api(...args);

interface SseEvent { id: string; event: string; data: { deal: string; type: string; cursor: number; data: Record<string, unknown> } }

/** Opens the stream as `user` and collects its events until closed. */
async function openStream(user: string, query = "") {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/api/events?access_token=${encodeURIComponent(server.tokens[user]!)}${query}`, { signal: abort.signal });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(block.split("\n").filter((l) => l && !l.startsWith(":")).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trimStart()]));
          if (fields["data"] !== undefined) events.push({ id: fields["id"]!, event: fields["event"]!, data: JSON.parse(fields["data"]) });
          for (const w of waiters.splice(0)) w();
        }
      }
    } catch {
      /* aborted */
    }
  })();
  /** Waits until an event matches (or fails after a while). */
  const waitFor = async (match: (e: SseEvent) => boolean, ms = 5_000): Promise<SseEvent> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching event; got ${events.map((e) => `${e.event}@${e.data.deal}`).join(", ")}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return { response, events, waitFor, close: () => abort.abort() };
}

beforeAll(async () => {
  server = await startTestServer({ blueprint: testBlueprint() });
});
afterAll(async () => {
  await server?.close();
});

describe("GET /api/events", () => {
  // First: a request made after a client aborted a stream can hold the server's close open for
  // undici's keep-alive (Node's closeIdleConnections skips it), which would only slow the suite.
  it("answers 401 without a token", async () => {
    const response = await fetch(`${server.url}/api/events`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  it("streams a deal.moved event live, with the history cursor as id", async () => {
    const stream = await openStream("ann");
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const deal = (await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Live", responsible: "ann" })).body;
      await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "proposal" });
      const moved = await stream.waitFor((e) => e.event === "deal.moved" && e.data.deal === deal.id);
      expect(moved.data.data).toMatchObject({ from: "lead", to: "proposal", by: "manual" });
      expect(moved.id).toBe(String(moved.data.cursor));
      const created = await stream.waitFor((e) => e.event === "deal.created" && e.data.deal === deal.id);
      expect(Number(created.id)).toBeLessThan(Number(moved.id));
    } finally {
      stream.close();
    }
  });

  it("replays the rows after ?since= first", async () => {
    const deal = (await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Replay", responsible: "ann" })).body;
    const history = (await api("ann", "GET", `/api/deals/${deal.id}/history`)).body.items as { cursor: number }[];
    const since = history[0]!.cursor - 1;
    await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "proposal" });
    const stream = await openStream("ann", `&since=${since}`);
    try {
      const created = await stream.waitFor((e) => e.event === "deal.created" && e.data.deal === deal.id);
      const moved = await stream.waitFor((e) => e.event === "deal.moved" && e.data.deal === deal.id);
      expect(Number(created.id)).toBeLessThan(Number(moved.id));
      const ids = stream.events.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    } finally {
      stream.close();
    }
  });

  it("sends a manager only the rows of deals in their scope", async () => {
    const stream = await openStream("ann");
    try {
      const other = (await api("boris", "POST", "/api/deals", { pipeline: "sales", title: "Boris's", responsible: "boris" })).body;
      await api("boris", "POST", `/api/deals/${other.id}/move`, { stage: "proposal" });
      const mine = (await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Ann's", responsible: "ann" })).body;
      await stream.waitFor((e) => e.data.deal === mine.id);
      expect(stream.events.some((e) => e.data.deal === other.id)).toBe(false);
    } finally {
      stream.close();
    }
  });

  describe("rows that become visible out of cursor order (PostgreSQL with several writers)", () => {
    /** A response that keeps what is written to it, and the cursors of its events. */
    const fakeResponse = () => {
      const raw = Object.assign(new EventEmitter(), { chunks: [] as string[], write(c: string) { raw.chunks.push(c); return true; }, end() { raw.emit("close"); } });
      const cursors = () => raw.chunks.flatMap((c) => [...c.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])));
      return { raw, cursors };
    };
    /** Inserts a history row with a chosen cursor, as a transaction committing late would. */
    const insertRow = (cursor: number, deal: string, seq: number) =>
      server.ctx.knex("history").insert({ cursor, deal, seq, type: "activity.logged", at: new Date().toISOString(), actor: JSON.stringify({ user: "ann" }), data: JSON.stringify({ type: "call" }) });
    const waitUntil = async (check: () => boolean, what: string) => {
      const deadline = Date.now() + 5_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    it("holds rows after a missing cursor until it commits, then sends them all in cursor order", async () => {
      const deal = (await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Late", responsible: "ann" })).body;
      const start = await latestCursor(server.ctx);
      const { raw, cursors } = fakeResponse();
      const end = streamEvents(server.ctx, { userId: "ann", role: "manager", scope: new Set(["ann"]) }, raw as unknown as ServerResponse, start, { pollMs: 30, gapWaitMs: 60_000 });
      try {
        await insertRow(start + 2, deal.id, 902);
        await new Promise((r) => setTimeout(r, 300));
        expect(cursors()).toEqual([]); // start + 1 may still commit: nothing jumps it
        await insertRow(start + 1, deal.id, 901);
        await waitUntil(() => cursors().length === 2, "both rows");
        expect(cursors()).toEqual([start + 1, start + 2]);
      } finally {
        end();
      }
    });

    it("moves on past a gap that never fills (a rolled-back transaction) after gapWaitMs", async () => {
      const deal = (await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Gap", responsible: "ann" })).body;
      const start = await latestCursor(server.ctx);
      const { raw, cursors } = fakeResponse();
      const end = streamEvents(server.ctx, { userId: "ann", role: "manager", scope: new Set(["ann"]) }, raw as unknown as ServerResponse, start, { pollMs: 30, gapWaitMs: 400 });
      try {
        const t0 = Date.now();
        await insertRow(start + 3, deal.id, 903);
        await waitUntil(() => cursors().length === 1, "the row after the gap");
        expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
        expect(cursors()).toEqual([start + 3]);
        // Later rows follow on at once.
        await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "proposal" });
        await waitUntil(() => cursors().length > 1, "the move");
        expect(cursors()[1]).toBeGreaterThan(start + 3);
      } finally {
        end();
      }
    });
  });
});
