/**
 * The blueprint routes over real HTTP: the draft with If-Match (412), validate, publish (422 with
 * issues, 409 MAPPING_REQUIRED, 200 with a mapping recorded `by: publish`), versions, export
 * without secrets, import (dry run saves nothing, publish refused saves nothing), the catalogue,
 * and webhook trigger secrets.
 */
import { createHash } from "node:crypto";
import { testBlueprint, withStage } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers";

const base = withStage(testBlueprint(), "sales", "proposal", { triggers: [{ id: "paid", type: "webhook", params: {} }] });
/** The same blueprint without the `proposal` stage. */
const withoutProposal = () => {
  const bp = JSON.parse(JSON.stringify(base));
  bp.pipelines[0].stages = bp.pipelines[0].stages.filter((s: { id: string }) => s.id !== "proposal");
  return bp;
};
const broken = { ...testBlueprint(), id: "Not a slug", pipelines: [{ id: "p", label: "P", stages: [] }] };

let server: TestServer;
/** A webhook secret issued while `paid` is published (for the export test). */
let issuedSecret: string;

const draft = async () => (await server.api("admin", "GET", "/api/blueprint")).body.draft;

beforeAll(async () => {
  server = await startTestServer({ blueprint: base });
  issuedSecret = (await server.api("admin", "POST", "/api/triggers/paid/secret")).body.url.split("/hooks/")[1];
});
afterAll(async () => {
  await server?.close();
});

describe("GET /api/blueprint and the draft", () => {
  it("answers the published version, no draft yet, and ETag \"0\"", async () => {
    const r = await server.api("manager", "GET", "/api/blueprint");
    expect(r.status).toBe(200);
    expect(r.headers.get("etag")).toBe('"0"');
    expect(r.body).toEqual({ published: { version: 1, savedAt: expect.any(String), blueprint: base }, draft: null });
  });

  it("saves any JSON blueprint as the draft, storing its problems as issues", async () => {
    const r = await server.api("admin", "PUT", "/api/blueprint/draft", broken, { "if-match": '"0"' });
    expect(r.status).toBe(200);
    expect(r.headers.get("etag")).toBe('"1"');
    expect(r.body).toMatchObject({ revision: 1, valid: false });
    expect(r.body.issues).toContainEqual(expect.objectContaining({ path: ["id"], severity: "error" }));
    const stored = await draft();
    expect(stored).toMatchObject({ revision: 1, blueprint: broken });
    expect(stored.issues).toEqual(r.body.issues);
  });

  it("honours If-Match: a stale revision answers 412 and saves nothing", async () => {
    const stale = await server.api("admin", "PUT", "/api/blueprint/draft", base, { "if-match": '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: "VERSION_CONFLICT", details: { revision: 1 } });
    expect((await draft()).blueprint).toEqual(broken);
    const ok = await server.api("admin", "PUT", "/api/blueprint/draft", base, { "if-match": 'W/"1"' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ revision: 2, valid: true, issues: [] });
    expect((await server.api("admin", "PUT", "/api/blueprint/draft", base, { "if-match": "soon" })).status).toBe(400);
  });

  it("answers the JSON Schema of blueprints", async () => {
    const r = await server.api("manager", "GET", "/api/blueprint/schema");
    expect(r.status).toBe(200);
    expect(r.body).toHaveProperty("properties.pipelines");
  });
});

describe("POST /api/blueprint/validate", () => {
  it("answers ok for a sound blueprint and every issue for a broken one, saving nothing", async () => {
    const before = (await draft()).revision;
    expect((await server.api("manager", "POST", "/api/blueprint/validate", base)).body).toEqual({ ok: true, issues: [], warnings: [] });
    const r = await server.api("manager", "POST", "/api/blueprint/validate", broken);
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(r.body.issues.length).toBeGreaterThan(1);
    expect(r.body.issues[0]).toEqual({ code: expect.any(String), path: expect.any(Array), message: expect.any(String), severity: "error" });
    expect((await draft()).revision).toBe(before);
  });
});

describe("POST /api/blueprint/publish", () => {
  it("refuses a draft with errors: 422 BLUEPRINT_INVALID with its issues; the published version stays", async () => {
    await server.api("admin", "PUT", "/api/blueprint/draft", broken);
    const r = await server.api("admin", "POST", "/api/blueprint/publish", {});
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("BLUEPRINT_INVALID");
    expect(r.body.error.details.issues).toContainEqual(expect.objectContaining({ path: ["id"] }));
    expect((await server.api("admin", "GET", "/api/blueprint")).body.published.version).toBe(1);
  });

  it("refuses to orphan deals: 409 MAPPING_REQUIRED naming the stage; with a mapping, 200 and the deals recorded by: publish", async () => {
    const deal = (await server.api("ann", "POST", "/api/deals", { pipeline: "sales", title: "In proposal", responsible: "ann", stage: "proposal" })).body;
    expect(deal.stage).toBe("proposal");
    await server.api("admin", "PUT", "/api/blueprint/draft", withoutProposal());

    const refused = await server.api("admin", "POST", "/api/blueprint/publish");
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "MAPPING_REQUIRED", details: { stages: [{ ref: "sales/proposal", deals: 1 }] } });
    expect((await server.api("ann", "GET", `/api/deals/${deal.id}`)).body.stage).toBe("proposal");

    const bad = await server.api("admin", "POST", "/api/blueprint/publish", { mapping: { "sales/proposal": "sales/nowhere" } });
    expect(bad.status).toBe(400);

    const ok = await server.api("admin", "POST", "/api/blueprint/publish", { mapping: { "sales/proposal": "sales/lead" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ version: 2 });
    expect((await server.api("ann", "GET", `/api/deals/${deal.id}`)).body.stage).toBe("lead");
    const history = (await server.api("ann", "GET", `/api/deals/${deal.id}/history`)).body.items;
    expect(history).toContainEqual(expect.objectContaining({ type: "deal.moved", data: expect.objectContaining({ from: "sales/proposal", to: "lead", by: "publish" }) }));
  });

  it("honours If-Match on the draft revision it publishes", async () => {
    const current = (await draft()).revision;
    expect((await server.api("admin", "POST", "/api/blueprint/publish", {}, { "if-match": `"${current - 1}"` })).status).toBe(412);
  });
});

describe("versions and export", () => {
  it("lists published versions, newest first, and answers each", async () => {
    const list = (await server.api("manager", "GET", "/api/blueprint/versions")).body;
    expect(list).toEqual({ items: [{ version: 2, savedAt: expect.any(String) }, { version: 1, savedAt: expect.any(String) }], nextCursor: null });
    expect((await server.api("manager", "GET", "/api/blueprint/versions/1")).body.blueprint).toEqual(base);
    expect((await server.api("manager", "GET", "/api/blueprint/versions/9")).status).toBe(404);
    expect((await server.api("manager", "GET", "/api/blueprint/versions/zero")).status).toBe(400);
  });

  it("exports a version as a download, with no webhook secret in it", async () => {
    const secret = issuedSecret;
    expect(secret).toMatch(/^whsec_/);
    const r = await server.api("manager", "GET", "/api/blueprint/export?version=1");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="test-v1.json"');
    expect(r.body).toEqual(base);
    const text = JSON.stringify(r.body);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(createHash("sha256").update(secret).digest("hex"));
    expect((await server.api("manager", "GET", "/api/blueprint/export")).body.pipelines[0].stages.map((s: { id: string }) => s.id)).not.toContain("proposal");
  });
});

describe("POST /api/blueprints/import", () => {
  it("dryRun=1 answers the changes and issues and saves nothing", async () => {
    const before = await draft();
    const r = await server.api("admin", "POST", "/api/blueprints/import?dryRun=1", base);
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(true);
    expect(r.body.issues).toEqual([]);
    expect(r.body.changes).toMatchObject({
      against: { kind: "draft", revision: before.revision },
      identical: false,
      stages: { added: ["sales/proposal"], removed: [], changed: expect.arrayContaining(["sales/contract"]) },
      triggers: { added: ["sales/proposal/paid"], removed: [], changed: [] },
      pipelines: { added: [], removed: [], changed: [] },
    });
    expect(await draft()).toEqual(before);
  });

  it("saves the body as the draft; publish=1 also publishes, and a refused publish saves nothing", async () => {
    const saved = await server.api("admin", "POST", "/api/blueprints/import", base);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ revision: expect.any(Number), valid: true });
    expect(saved.body.version).toBeUndefined();
    expect((await draft()).revision).toBe(saved.body.revision);

    const refused = await server.api("admin", "POST", "/api/blueprints/import?publish=1", broken);
    expect(refused.status).toBe(422);
    expect((await draft()).revision).toBe(saved.body.revision);

    const published = await server.api("admin", "POST", "/api/blueprints/import?publish=1", base);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 3, revision: saved.body.revision + 1 });
    expect((await server.api("manager", "GET", "/api/blueprint")).body.published.version).toBe(3);
  });
});

describe("GET /api/catalogue", () => {
  it("serves engine.catalogue() unchanged", async () => {
    const r = await server.api("manager", "GET", "/api/catalogue");
    expect(r.status).toBe(200);
    expect(r.body).toEqual(JSON.parse(JSON.stringify(server.ctx.engine.catalogue())));
    expect(r.body.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["createTask", "webhook", "taskCompleted"]));
  });
});

describe("webhook trigger secrets", () => {
  it("issues a secret whose URL fires the trigger; rotating stops the old one; revoking stops all", async () => {
    const first = await server.api("admin", "POST", "/api/triggers/paid/secret");
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ trigger: "paid", url: expect.stringMatching(new RegExp(`^${server.url}/hooks/whsec_[A-Za-z0-9_-]{43}$`)), createdAt: expect.any(String), rotated: true });
    const deal = (await server.api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Hook", responsible: "ann" })).body;
    const call = (url: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dealId: deal.id }) });
    expect((await call(first.body.url)).status).toBe(200);
    expect((await server.api("ann", "GET", `/api/deals/${deal.id}`)).body.stage).toBe("proposal");

    const second = await server.api("admin", "POST", "/api/triggers/paid/secret");
    expect((await call(first.body.url)).status).toBe(404);
    expect((await call(second.body.url)).status).toBe(200);
    const row = await server.ctx.knex("webhook_secrets").where("trigger_id", "paid").first();
    expect(row.hash).toBe(createHash("sha256").update(second.body.url.split("/hooks/")[1]).digest("hex"));
    expect((await server.api("admin", "GET", "/api/triggers/secrets")).body.items).toEqual([{ trigger: "paid", createdAt: expect.any(String) }]);

    expect((await server.api("admin", "DELETE", "/api/triggers/paid/secret")).status).toBe(204);
    expect((await call(second.body.url)).status).toBe(404);
  });

  it("answers 404 for a trigger that is not a webhook trigger", async () => {
    const r = await server.api("admin", "POST", "/api/triggers/nope/secret");
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("NOT_FOUND");
  });
});

describe("body limit and malformed JSON", () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ blueprint: base, demo: false, config: { bodyLimit: 16 * 1024 } });
    await small.api("admin", "PUT", "/api/blueprint/draft", base);
  });
  afterAll(async () => {
    await small?.close();
  });

  it("answers 413 PAYLOAD_TOO_LARGE past the limit and changes nothing", async () => {
    const big = { ...base, description: "x".repeat(20 * 1024) };
    const r = await small.api("admin", "PUT", "/api/blueprint/draft", big);
    expect(r.status).toBe(413);
    expect(r.body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { limit: 16 * 1024 } });
    expect((await small.api("admin", "GET", "/api/blueprint")).body.draft).toMatchObject({ revision: 1, blueprint: base });
  });

  it("answers 400 with a clear message for malformed JSON and changes nothing", async () => {
    const r = await small.api("admin", "PUT", "/api/blueprint/draft", '{"format": "voronka.blueprint/v1",');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("not valid JSON") });
    const empty = await small.api("admin", "PUT", "/api/blueprint/draft", "");
    expect(empty.status).toBe(400);
    expect((await small.api("admin", "GET", "/api/blueprint")).body.draft.revision).toBe(1);
  });
});
