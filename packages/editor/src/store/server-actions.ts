/**
 * What the editor asks of the server: load the draft and catalogue, save the draft with
 * `If-Match`, publish (with a stage mapping when deals would be stranded), and open versions.
 * Failures become notices or dialogs; a 401 signs out.
 */
import type { Blueprint, Issue } from "@voronka/engine";
import { toApiError, type ApiError } from "../api/errors";
import type { MappingStage } from "../api/types";
import { t } from "../i18n";
import { coerceBlueprint } from "../model/coerce";
import { starterBlueprint } from "../model/defaults";
import { useDraftStore } from "./draft-store";
import { useEditorStore } from "./editor-store";
import { lint, loadCustomCheck, needsCustomCheck } from "./lint-store";
import { useSessionStore } from "./session-store";
import { useUiStore } from "./ui-store";

function fail(error: ApiError): void {
  if (error.status === 401) {
    useSessionStore.getState().signOut();
    useUiStore.getState().notify("error", t("auth.expired"));
    return;
  }
  useUiStore.getState().notify("error", error.message);
}

/** Loads the catalogue and the draft (or the published version) into the editor. */
export async function loadFromServer(): Promise<void> {
  const client = useSessionStore.getState().client;
  if (!client) return;
  const draft = useDraftStore.getState();
  draft.set({ status: "loading" });
  try {
    const [catalogue, state] = await Promise.all([client.catalogue(), client.blueprint()]);
    useSessionStore.getState().setCatalogue(catalogue, "server");
    const source = state.draft?.blueprint ?? state.published?.blueprint ?? null;
    const blueprint = (source !== null ? coerceBlueprint(source) : null) ?? starterBlueprint();
    useEditorStore.getState().load(blueprint);
    useDraftStore.getState().set({
      revision: state.etag, saved: source !== null ? blueprint : null, published: state.published?.version ?? null,
      serverIssues: state.draft?.issues ?? [], status: "idle",
    });
    useUiStore.getState().select(null);
  } catch (e) {
    useDraftStore.getState().set({ status: "idle" });
    fail(toApiError(e));
  }
}

/** Saves the document as the server's draft. Answers true when saved. */
export async function saveDraft(): Promise<boolean> {
  const client = useSessionStore.getState().client;
  if (!client) {
    useUiStore.getState().notify("info", t("save.offline"));
    return false;
  }
  const blueprint = useEditorStore.getState().blueprint;
  const draft = useDraftStore.getState();
  draft.set({ status: "saving" });
  try {
    const saved = await client.saveDraft(blueprint, draft.revision);
    useDraftStore.getState().set({ revision: saved.revision ?? draft.revision, saved: blueprint, serverIssues: saved.issues, status: "idle" });
    const problems = saved.issues.filter((i) => i.severity !== "warning").length;
    useUiStore.getState().notify("success", problems ? t("save.doneWithProblems", { n: problems }) : t("save.done"));
    return true;
  } catch (e) {
    useDraftStore.getState().set({ status: "idle" });
    const error = toApiError(e);
    if (error.status === 412 || error.code === "VERSION_CONFLICT") {
      useUiStore.getState().openDialog({ kind: "conflict" });
    } else {
      fail(error);
    }
    return false;
  }
}

/** The result of a publish attempt, for the publish dialog. */
export type PublishOutcome =
  | { kind: "published"; version: number }
  | { kind: "invalid"; issues: Issue[] }
  | { kind: "mapping"; stages: MappingStage[] }
  | { kind: "failed"; message: string };

/**
 * Publishes: refused locally while the linter finds errors; otherwise saves unsaved changes,
 * then asks the server, passing `mapping` when the dialog collected one.
 */
export async function publish(mapping?: Record<string, string>): Promise<PublishOutcome> {
  const client = useSessionStore.getState().client;
  if (!client) return { kind: "failed", message: t("publish.offline") };
  const { blueprint } = useEditorStore.getState();
  const catalogue = useSessionStore.getState().catalogue;
  if (needsCustomCheck(catalogue)) await loadCustomCheck();
  const local = lint(blueprint, catalogue);
  if (local.errors > 0) return { kind: "invalid", issues: local.issues.filter((i) => i.severity !== "warning") };
  const draft = useDraftStore.getState();
  if (draft.saved !== blueprint || draft.revision === null) {
    if (!(await saveDraft())) return { kind: "failed", message: t("publish.saveFirst") };
  }
  useDraftStore.getState().set({ status: "publishing" });
  try {
    const { version } = await client.publish(mapping, useDraftStore.getState().revision);
    useDraftStore.getState().set({ status: "idle", published: version, mapping: null, publishIssues: null });
    useUiStore.getState().notify("success", t("publish.done", { version }));
    return { kind: "published", version };
  } catch (e) {
    useDraftStore.getState().set({ status: "idle" });
    const error = toApiError(e);
    if (error.code === "MAPPING_REQUIRED") {
      const stages = Array.isArray(error.details["stages"]) ? (error.details["stages"] as MappingStage[]) : [];
      return { kind: "mapping", stages };
    }
    if (error.code === "BLUEPRINT_INVALID") {
      return { kind: "invalid", issues: Array.isArray(error.details["issues"]) ? (error.details["issues"] as Issue[]) : [] };
    }
    if (error.status === 412 || error.code === "VERSION_CONFLICT") {
      useUiStore.getState().openDialog({ kind: "conflict" });
      return { kind: "failed", message: error.message };
    }
    if (error.status === 401) fail(error);
    return { kind: "failed", message: error.message };
  }
}

/** Opens a published version in the editor (one undoable step; save to make it the draft). */
export async function openVersion(version: number): Promise<void> {
  const client = useSessionStore.getState().client;
  if (!client) return;
  try {
    const answer = await client.version(version);
    const blueprint = coerceBlueprint(answer.blueprint);
    if (!blueprint) throw new Error(t("versions.unreadable"));
    useEditorStore.getState().dispatch({ type: "blueprint.replace", blueprint });
    useUiStore.getState().select(null);
    useUiStore.getState().notify("info", t("versions.opened", { version }));
  } catch (e) {
    fail(toApiError(e));
  }
}

/** Replaces the document with an imported blueprint (undoable). */
export function importBlueprint(blueprint: Blueprint): void {
  useEditorStore.getState().dispatch({ type: "blueprint.replace", blueprint });
  useUiStore.getState().select(null);
}
