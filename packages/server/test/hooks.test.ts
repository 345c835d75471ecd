/**
 * `POST /hooks/:secret` over real HTTP: the secret is the credential (its SHA-256 is stored), the
 * body names the deal by id or external id, and the answer says whether the trigger fired.
 */
import { createHash } from "node:crypto";
import { testBlueprint, withStage } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers";

const blueprint = withStage(testBlueprint(), "sales", "proposal", { triggers: [{ id: "paid", type: "webhook", params: {} }] });
const SECRET = "whsec-test-0123456789abcdef0123456789abcdef";

let server: TestServer;

const api: TestServer["api"] = (...args) => server.api(...args);

/** Calls an inbound webhook as its sender would: no token, the secret in the path. */
const hook = (secret: string, body: unknown) => api(null, "POST", `/hooks/${secret}`, body);

beforeAll(async () => {
  server = await startTestServer({ blueprint });
  await server.ctx.knex("webhook_secrets").insert({ trigger_id: "paid", hash: createHash("sha256").update(SECRET).digest("hex"), created_at: new Date().toISOString() });
});
afterAll(async () => {
  await server?.close();
});

describe("POST /hooks/:secret", () => {
  it("fires the trigger for { dealId } without a bearer token, answering where the deal is", async () => {
    const deal = (await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Paid by id", responsible: "ann" })).body;
    const r = await hook(SECRET, { dealId: deal.id, amount: 100 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ deal: { id: deal.id, pipeline: "sales", stage: "proposal", status: "open", version: expect.any(Number) }, fired: true });
    const history = (await api("ann", "GET", `/api/deals/${deal.id}/history`)).body.items;
    expect(history).toContainEqual(expect.objectContaining({ type: "trigger.fired", data: expect.objectContaining({ trigger: "paid" }) }));
  });

  it("finds the deal by { externalId }", async () => {
    await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Paid by external id", responsible: "ann", externalId: "erp-42" });
    const r = await hook(SECRET, { externalId: "erp-42" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ deal: { externalId: "erp-42", stage: "proposal" }, fired: true });
  });

  it("answers fired: false when the trigger does not apply (the deal is already there)", async () => {
    const deal = (await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Already there", responsible: "ann", stage: "proposal" })).body;
    const r = await hook(SECRET, { dealId: deal.id });
    expect(r.status).toBe(200);
    expect(r.body.fired).toBe(false);
  });

  it("answers 404 for an unknown secret and changes nothing", async () => {
    const deal = (await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Wrong secret", responsible: "ann" })).body;
    const r = await hook("not-the-secret", { dealId: deal.id });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("NOT_FOUND");
    expect((await api("ann", "GET", `/api/deals/${deal.id}`)).body.stage).toBe("lead");
  });

  it("answers 400 when the body names no deal, 404 when it names an unknown one", async () => {
    expect((await hook(SECRET, { hello: "world" })).status).toBe(400);
    expect((await hook(SECRET, { dealId: "no-such-deal" })).status).toBe(404);
    expect((await hook(SECRET, { externalId: "no-such-external-id" })).status).toBe(404);
  });

  // Last: issuing replaces the secret the tests above use.
  it("works with a secret issued by POST /api/triggers/:id/secret, and stops working once rotated", async () => {
    const issued = await api("olga", "POST", "/api/triggers/paid/secret");
    expect(issued.status).toBe(200);
    const path = new URL(issued.body.url as string).pathname;
    const deal = (await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Issued secret", responsible: "ann" })).body;
    const r = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dealId: deal.id }) });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { fired: boolean }).fired).toBe(true);
    await api("olga", "POST", "/api/triggers/paid/secret");
    const old = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dealId: deal.id }) });
    expect(old.status).toBe(404);
  });
});
