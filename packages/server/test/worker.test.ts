/**
 * The worker: the loop fires a due robot timer, timers missed while the server was down fire on
 * start, webhooks reach a local HTTP server only when private targets are allowed (127.0.0.1,
 * localhost and ::1 are refused otherwise), notifications go to VORONKA_NOTIFY_WEBHOOK or are
 * logged and acknowledged, and the loop stops cleanly.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Engine } from "@voronka/engine";
import { testBlueprint, withStage } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendJson } from "../src/worker/deliver";
import { isPrivateAddress } from "../src/worker/ssrf";
import { startWorker } from "../src/worker/worker";
import { startTestServer, type TestServer } from "./helpers";

/** A local receiver of webhooks that records what it gets. */
interface Receiver { url: string; requests: { method: string; url: string; headers: IncomingHttpHeaders; body: any }[]; server: Server }

async function receiver(status = 200): Promise<Receiver> {
  const requests: Receiver["requests"] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: text ? JSON.parse(text) : null });
      res.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

/** A clock tests move by hand. */
function manualClock(start = "2026-03-02T09:00:00.000Z") {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

const HOUR = 3_600_000;

const timerBlueprint = withStage(testBlueprint(), "sales", "lead", {
  robots: [{ id: "followUp", type: "createTask", params: { title: "Follow up", responsible: { kind: "dealResponsible" } }, delay: { after: "PT1H" } }],
});

const webhookBlueprint = (target: string) => withStage(testBlueprint(), "sales", "proposal", {
  robots: [
    { id: "tellErp", type: "webhook", params: { url: `${target}/erp`, method: "POST", headers: { "x-api-key": "k" }, body: { title: "{{deal.title}}" } } },
    { id: "tellBoss", type: "notify", params: { to: { kind: "supervisor" }, text: "{{deal.title}} reached proposal" } },
  ],
});

const poll = async <T>(fn: () => Promise<T | null | undefined | false>, ms = 5000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
};

const robotTasks = async (server: TestServer, deal: string) =>
  ((await server.api("admin", "GET", `/api/tasks?deal=${deal}`)).body.items as { robot?: string }[]).filter((t) => t.robot === "followUp");

describe("timers", () => {
  it("the loop fires a robot timer once it is due", async () => {
    const clock = manualClock();
    const server = await startTestServer({ blueprint: timerBlueprint, clock, config: { worker: true, tickMs: 50 } });
    try {
      const deal = (await server.api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Timer", responsible: "ann" })).body;
      await new Promise((r) => setTimeout(r, 200));
      expect(await robotTasks(server, deal.id)).toEqual([]);
      clock.advance(HOUR + 1000);
      const tasks = await poll(async () => ((await robotTasks(server, deal.id)).length ? robotTasks(server, deal.id) : null));
      expect(tasks).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 200));
      expect(await robotTasks(server, deal.id)).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("fires timers missed while the server was down when it starts again", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "voronka-restart-"));
    const clock = manualClock();
    try {
      const first = await startTestServer({ blueprint: timerBlueprint, clock, config: { dataDir } });
      const deal = (await first.api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Missed", responsible: "ann" })).body;
      await first.close();
      clock.advance(3 * HOUR);
      const second = await startTestServer({ clock, config: { dataDir, worker: true, tickMs: 60_000 } });
      try {
        expect(await poll(async () => (await robotTasks(second, deal.id)).length === 1)).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("outbox delivery", () => {
  let hooks: Receiver;
  let notifications: Receiver;
  beforeAll(async () => {
    hooks = await receiver();
    notifications = await receiver();
  });
  afterAll(async () => {
    hooks.server.close();
    notifications.server.close();
  });

  /** Moves a new deal to `proposal` and runs one tick; answers the deal. */
  async function fire(server: TestServer, title: string): Promise<{ id: string; entry: number }> {
    const deal = (await server.api("ann", "POST", "/api/deals", { pipeline: "sales", title, responsible: "ann" })).body;
    const moved = (await server.api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "proposal" })).body;
    await server.ctx.engine.tick();
    const row = await server.ctx.knex("deals").where("id", deal.id).first("entry");
    expect(moved.stage).toBe("proposal");
    return { id: deal.id, entry: row.entry };
  }

  it("delivers a webhook to a local server when private targets are allowed, with the idempotency key", async () => {
    const server = await startTestServer({ blueprint: webhookBlueprint(hooks.url), config: { allowPrivateWebhooks: true, notifyWebhook: `${notifications.url}/notify` } });
    try {
      const deal = await fire(server, "Allowed");
      const hit = hooks.requests.find((r) => r.body?.title === "Allowed");
      expect(hit).toMatchObject({ method: "POST", url: "/erp", body: { title: "Allowed" } });
      expect(hit!.headers["idempotency-key"]).toBe(`${deal.id}:${deal.entry}:tellErp`);
      expect(hit!.headers["x-api-key"]).toBe("k");
      expect(hit!.headers["content-type"]).toBe("application/json");
      const note = notifications.requests.find((r) => r.body?.deal === deal.id);
      expect(note?.body).toMatchObject({ kind: "notify", key: `${deal.id}:${deal.entry}:tellBoss`, payload: { to: "sue", text: "Allowed reached proposal" } });
      expect(await server.ctx.knex("outbox").count({ n: "*" }).first()).toMatchObject({ n: 0 });
    } finally {
      await server.close();
    }
  });

  it.each(["127.0.0.1", "localhost", "[::1]"])("refuses %s when private targets are not allowed, and keeps the effect for a retry", async (host) => {
    const target = hooks.url.replace("127.0.0.1", host);
    const server = await startTestServer({ blueprint: webhookBlueprint(target) });
    try {
      const before = hooks.requests.length;
      const deal = await fire(server, `Refused via ${host}`);
      expect(hooks.requests.length).toBe(before);
      const rows = await server.ctx.knex("outbox").where("deal", deal.id).select("kind", "attempts", "last_error");
      expect(rows).toEqual([{ kind: "webhook", attempts: 1, last_error: expect.stringMatching(/private, loopback or reserved.*VORONKA_ALLOW_PRIVATE_WEBHOOKS/) }]);
    } finally {
      await server.close();
    }
  });

  it("logs and acknowledges notifications when no notify webhook is set", async () => {
    const server = await startTestServer({ blueprint: webhookBlueprint("https://example.invalid"), config: { allowPrivateWebhooks: false } });
    try {
      const deal = await fire(server, "Logged");
      const kinds = (await server.ctx.knex("outbox").where("deal", deal.id).select("kind")).map((r: { kind: string }) => r.kind);
      expect(kinds).toEqual(["webhook"]);
    } finally {
      await server.close();
    }
  });

  it("fails on a non-2xx answer and on a receiver that does not answer in time", async () => {
    const failing = await receiver(503);
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      await expect(sendJson({ url: `${failing.url}/x`, method: "PUT", body: {}, allowPrivate: true, timeoutMs: 2000 })).rejects.toThrow(/PUT http:\/\/127\.0\.0\.1:\d+\/x answered 503/);
      await expect(sendJson({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, method: "POST", body: {}, allowPrivate: true, timeoutMs: 150 })).rejects.toThrow(/did not answer within 0.15 s/);
      await expect(sendJson({ url: "ftp://example.com/", method: "POST", body: {}, allowPrivate: true, timeoutMs: 150 })).rejects.toThrow(/only http and https/);
    } finally {
      failing.server.close();
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:7f00:1",
    "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:c0a8:101::1", "2001:db8::1", "fe80::1%eth0", "not-an-ip",
  ])("%s is private", (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1"])("%s is public", (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe("startWorker", () => {
  it("never overlaps ticks and waits for the one in flight when stopped", async () => {
    let running = 0;
    let overlapped = false;
    let ticks = 0;
    const engine = {
      tick: async () => {
        running++;
        if (running > 1) overlapped = true;
        await new Promise((r) => setTimeout(r, 30));
        running--;
        ticks++;
        return { timers: 0, outbox: 0 };
      },
    } as unknown as Engine;
    const worker = startWorker(engine, { tickMs: 5, logger: { error: () => undefined, debug: () => undefined } });
    await Promise.all([worker.tick(), worker.tick()]);
    await new Promise((r) => setTimeout(r, 60));
    await worker.stop();
    const after = ticks;
    expect(running).toBe(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(ticks).toBe(after);
    expect(overlapped).toBe(false);
  });
});
