/**
 * The app as a whole: `/health`, the OpenAPI document and its UI, the editor (built or not), and
 * the one error table — every engine code's status, fastify's body errors, schema validation, and
 * 500s that leak nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENGINE_ERROR_CODES, EngineError, type EngineErrorCode } from "@voronka/engine";
import { testBlueprint } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadPlugins } from "../src/app";
import { HTTP_STATUS, HttpError, toErrorAnswer, type ErrorBody } from "../src/http/errors";
import { startTestServer, type TestServer } from "./helpers";

let server: TestServer;

/** The parts of the OpenAPI document the assertions read. */
interface OpenApiOperation { security?: unknown[]; requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }
interface OpenApiRead {
  openapi: string;
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

beforeAll(async () => {
  server = await startTestServer({ blueprint: testBlueprint(), config: { editorDir: join(tmpdir(), "voronka-no-editor-here") } });
});
afterAll(async () => {
  await server?.close();
});

describe("public routes", () => {
  it("GET /health answers ok with the database and the published version", async () => {
    const r = await fetch(`${server.url}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: "ok", version: "0.1.0", database: "sqlite", blueprintVersion: 1 });
  });

  it("GET /openapi.json documents every route with its schemas and the bearer scheme", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as OpenApiRead;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    for (const path of ["/api/blueprint", "/api/blueprint/draft", "/api/blueprint/publish", "/api/blueprints/import", "/api/catalogue", "/api/users", "/api/tokens", "/api/settings", "/api/deals", "/health"]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.paths["/api/users"]!["post"]!.requestBody!.content["application/json"]!.schema.required).toEqual(["name", "role"]);
    expect(doc.paths["/api/blueprint/publish"]!["post"]!.requestBody!.content["application/json"]!.schema).toBeDefined();
    expect(doc.paths["/health"]!["get"]!.security).toEqual([]);
    expect(doc.paths["/hooks/{secret}"]!["post"]!.security).toEqual([]);
    expect(doc.paths).not.toHaveProperty(["/openapi.json"]);
  });

  it("GET /docs serves the API explorer", async () => {
    const r = await fetch(`${server.url}/docs/`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/html/);
  });

  it("GET / says the editor is not built, linking the docs", async () => {
    const r = await fetch(`${server.url}/`);
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain("The editor is not built yet");
    expect(html).toContain('href="/docs"');
  });

  it("GET / serves the built editor when there is one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "voronka-editor-"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Voronka editor</title>");
    writeFileSync(join(dir, "app.js"), "console.log('editor')");
    const withEditor = await startTestServer({ demo: false, config: { editorDir: dir } });
    try {
      expect(await (await fetch(`${withEditor.url}/`)).text()).toContain("Voronka editor");
      const js = await fetch(`${withEditor.url}/app.js`);
      expect(js.status).toBe(200);
      expect(await js.text()).toContain("editor");
      expect((await fetch(`${withEditor.url}/health`)).status).toBe(200);
    } finally {
      await withEditor.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("errors", () => {
  const codes = Object.keys(ENGINE_ERROR_CODES) as EngineErrorCode[];

  it.each(codes)("maps the engine's %s through the one table", (code) => {
    const a = toErrorAnswer(new EngineError(code, `message for ${code}`, { x: 1 }));
    expect(a.status).toBe(HTTP_STATUS[code]);
    if (code === "UNEXPECTED") expect(a.body.error.message).not.toContain("message for");
    else expect(a.body).toEqual({ error: { code, message: `message for ${code}`, details: { x: 1 } } });
  });

  it.each([
    ["VALIDATION_FAILED", 400], ["UNAUTHENTICATED", 401], ["FORBIDDEN", 403], ["NOT_FOUND", 404],
    ["TRANSITION_NOT_ALLOWED", 409], ["FINAL_STAGE", 409], ["MAPPING_REQUIRED", 409], ["NOT_FINAL", 409],
    ["SURVEY_ANSWERED", 410], ["VERSION_CONFLICT", 412], ["PAYLOAD_TOO_LARGE", 413],
    ["MOVE_BLOCKED", 422], ["REASON_REQUIRED", 422], ["CASCADE_LIMIT", 422], ["BLUEPRINT_INVALID", 422], ["TASK_CLOSED", 422],
    ["RATE_LIMITED", 429], ["UNEXPECTED", 500],
  ] as const)("answers %s with %i (DESIGN.md conventions)", (code, status) => {
    expect(HTTP_STATUS[code]).toBe(status);
    expect(toErrorAnswer(new HttpError(code, "m")).status).toBe(status);
  });

  it("turns anything else into 500 UNEXPECTED without its message", () => {
    const a = toErrorAnswer(new Error("SQLITE_CORRUPT at /var/lib/voronka/db password=hunter2"), { requestId: "req-7" });
    expect(a).toEqual({ status: 500, unexpected: true, body: { error: { code: "UNEXPECTED", message: expect.stringContaining("req-7"), details: { requestId: "req-7" } } } });
    expect(JSON.stringify(a.body)).not.toMatch(/SQLITE|hunter2|var\/lib/);
    expect(toErrorAnswer("a string").status).toBe(500);
    expect(toErrorAnswer({ statusCode: 429 }).body.error.code).toBe("RATE_LIMITED");
  });

  it("answers an unexpected failure over HTTP with 500 and nothing internal", async () => {
    const store = server.ctx.store;
    const original = store.loadDraft.bind(store);
    store.loadDraft = async () => {
      throw new Error("SQLITE_IOERR: disk I/O error in /secret/path");
    };
    try {
      const r = await server.api("manager", "GET", "/api/blueprint");
      expect(r.status).toBe(500);
      expect(r.body.error.code).toBe("UNEXPECTED");
      expect(JSON.stringify(r.body)).not.toMatch(/SQLITE|secret/);
    } finally {
      store.loadDraft = original;
    }
  });

  it("answers schema problems with 400 VALIDATION_FAILED naming each path", async () => {
    const r = await server.api("admin", "POST", "/api/users", { name: "", role: "chief", email: 7 });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION_FAILED");
    expect(r.body.error.message).toMatch(/^The request body is not valid: /);
    expect(r.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["email", "name", "role"]);
    const q = await server.api("admin", "GET", "/api/users?limit=0");
    expect(q.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: { in: "querystring" } });
  });

  it("answers malformed JSON with 400, a missing route with 404 JSON, and an unknown content-type with 415", async () => {
    const bad = await server.api("admin", "POST", "/api/users", "{\"name\": ");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/not valid JSON/);
    const poisoned = await server.api("admin", "POST", "/api/clients", '{"name":"x","__proto__":{"admin":true}}');
    expect(poisoned.status).toBe(400);
    const missing = await server.api("admin", "GET", "/api/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("GET /api/nothing-here") });
    const xml = await fetch(`${server.url}/api/clients`, { method: "POST", headers: { authorization: `Bearer ${server.tokens.admin}`, "content-type": "application/xml" }, body: "<client/>" });
    expect(xml.status).toBe(415);
    expect(((await xml.json()) as ErrorBody).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("plugins (VORONKA_PLUGINS)", () => {
  it("loads modules by path relative to the working directory, and explains a bad one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "voronka-plugins-"));
    try {
      writeFileSync(join(dir, "good.mjs"), "export default { robots: [], triggers: [] };");
      writeFileSync(join(dir, "bad.mjs"), "export default 42;");
      expect(await loadPlugins(["./good.mjs"], dir)).toEqual([{ robots: [], triggers: [] }]);
      await expect(loadPlugins(["./bad.mjs"], dir)).rejects.toThrow(/'\.\/bad\.mjs' must export default \{ robots\?/);
      await expect(loadPlugins(["./missing.mjs"], dir)).rejects.toThrow(/VORONKA_PLUGINS: cannot load '\.\/missing\.mjs'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("puts plugin robots in the catalogue and lets blueprints use them", async () => {
    const postToChat = {
      type: "postToChat",
      label: { en: "Post to the team chat" },
      help: { en: "Posts a message about the deal." },
      params: z.object({ channel: z.string().min(1) }),
      execute: () => [],
    };
    const custom = await startTestServer({ demo: false, plugins: [{ robots: [postToChat] }] });
    try {
      const catalogue = (await custom.api("admin", "GET", "/api/catalogue")).body as { type: string }[];
      expect(catalogue.map((e) => e.type)).toContain("postToChat");
      const bp = testBlueprint();
      bp.pipelines[0]!.stages[0]!.robots.push({ id: "chat", type: "postToChat", params: { channel: "#sales" } });
      expect((await custom.api("admin", "POST", "/api/blueprint/validate", bp)).body.ok).toBe(true);
      expect((await server.api("admin", "POST", "/api/blueprint/validate", bp)).body.ok).toBe(false);
    } finally {
      await custom.close();
    }
  });
});
