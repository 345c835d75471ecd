import { testBlueprint } from "@voronka/engine/testing";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiClient } from "../api/client";
import { useDraftStore } from "./draft-store";
import { useEditorStore } from "./editor-store";
import { publish, saveDraft } from "./server-actions";
import { LOCAL_CATALOGUE, useSessionStore } from "./session-store";
import { useUiStore } from "./ui-store";

type Answer = { status: number; body?: unknown; etag?: string };

function signInWith(answers: Answer[]) {
  const requests: { method: string; url: string; body: unknown; ifMatch: string | undefined }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    requests.push({ method: init.method ?? "GET", url, body: init.body ? JSON.parse(String(init.body)) : undefined, ifMatch: headers["if-match"] });
    const a = answers.shift() ?? { status: 500 };
    return new Response(a.body === undefined ? "" : JSON.stringify(a.body), { status: a.status, headers: a.etag ? { etag: a.etag } : {} });
  }) as unknown as typeof globalThis.fetch;
  useSessionStore.setState({ token: "t", client: new ApiClient({ token: "t", fetch }), catalogue: LOCAL_CATALOGUE });
  return requests;
}

beforeEach(() => {
  useEditorStore.getState().load(testBlueprint());
  useDraftStore.setState({ revision: "4", saved: null, status: "idle", published: 2 });
  useUiStore.setState({ dialog: null, notices: [] });
});

describe("saving and publishing", () => {
  it("a 412 on save opens the conflict dialog", async () => {
    signInWith([{ status: 412, body: { error: { code: "VERSION_CONFLICT", message: "changed", details: {} } } }]);
    expect(await saveDraft()).toBe(false);
    expect(useUiStore.getState().dialog).toEqual({ kind: "conflict" });
  });

  it("publishing saves first, then retries with the stage mapping the server asks for", async () => {
    const requests = signInWith([
      { status: 200, etag: '"5"', body: { revision: 5, issues: [] } },
      { status: 409, body: { error: { code: "MAPPING_REQUIRED", message: "Stages hold deals", details: { stages: [{ ref: "sales/old", deals: 3 }] } } } },
      { status: 200, body: { version: 3 } },
    ]);
    const first = await publish();
    expect(first).toEqual({ kind: "mapping", stages: [{ ref: "sales/old", deals: 3 }] });
    expect(requests[0]).toMatchObject({ method: "PUT", url: "/api/blueprint/draft", ifMatch: '"4"' });
    const second = await publish({ "sales/old": "sales/lead" });
    expect(second).toEqual({ kind: "published", version: 3 });
    expect(requests[2]).toMatchObject({ method: "POST", url: "/api/blueprint/publish", body: { mapping: { "sales/old": "sales/lead" } } });
    expect(useDraftStore.getState().published).toBe(3);
  });

  it("is refused locally, with the list, while the linter finds errors", async () => {
    const requests = signInWith([]);
    useEditorStore.getState().dispatch({ type: "stage.set-kind", pipeline: "sales", stage: "won", kind: "process" });
    const outcome = await publish();
    expect(outcome.kind).toBe("invalid");
    expect(outcome.kind === "invalid" && outcome.issues.map((i) => i.code)).toContain("pipeline.success-count");
    expect(requests).toHaveLength(0);
  });
});
