/**
 * Opening whatever a user imports or a server draft holds. Drafts may be invalid, and the editor
 * must still open them: this fills in the lists the canvas walks (pipelines, stages, robots,
 * triggers, …) where they are missing or not lists, and leaves everything else as it was, so
 * the linter still reports the real problems.
 */
import type { Blueprint } from "@voronka/engine";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Any JSON as a blueprint the canvas can draw (see the module comment). Answers null when the
 * input is not an object at all.
 *
 * @example
 * coerceBlueprint(JSON.parse(text)) ?? showError("This file is not a blueprint")
 */
export function coerceBlueprint(input: unknown): Blueprint | null {
  if (!isObject(input)) return null;
  const pipelines = list(input["pipelines"]).filter(isObject).map((p, pi) => ({
    ...p,
    id: typeof p["id"] === "string" ? p["id"] : `pipeline-${pi + 1}`,
    label: p["label"] ?? p["id"] ?? `Pipeline ${pi + 1}`,
    stages: list(p["stages"]).filter(isObject).map((s, si) => ({
      ...s,
      id: typeof s["id"] === "string" ? s["id"] : `stage-${si + 1}`,
      label: s["label"] ?? s["id"] ?? `Stage ${si + 1}`,
      robots: list(s["robots"]).filter(isObject).map((r) => ({ ...r, params: isObject(r["params"]) ? r["params"] : {} })),
      triggers: list(s["triggers"]).filter(isObject).map((t) => ({ ...t, params: isObject(t["params"]) ? t["params"] : {} })),
    })),
  }));
  return {
    ...input,
    fields: list(input["fields"]),
    activityTypes: list(input["activityTypes"]),
    surveys: list(input["surveys"]),
    calendars: list(input["calendars"]),
    pipelines,
  } as unknown as Blueprint;
}
