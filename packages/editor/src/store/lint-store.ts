/**
 * The live lint result of the blueprint being edited: every issue from the engine's
 * `validateBlueprint` (the same checks the server runs before publishing), plus custom params
 * checked against the catalogue, grouped by canvas node and chip so nodes can mark themselves.
 */
import { validateBlueprint, type Blueprint, type CatalogueEntry, type Issue } from "@voronka/engine";
import { create } from "zustand";
import { issuesByTarget } from "../model/issue-target";
import { customEntries, editorRegistry } from "../model/registry";

type CustomCheck = (bp: Blueprint, catalogue: readonly CatalogueEntry[]) => Issue[];
let customCheck: CustomCheck | null = null;

/**
 * Loads the JSON Schema check for custom robots' params (ajv, only needed when the server's
 * catalogue has custom types, so it is not in the first download).
 */
export async function loadCustomCheck(): Promise<void> {
  customCheck ??= (await import("../model/custom-params")).customParamIssues;
}

/** Whether linting this catalogue needs {@link loadCustomCheck} first. */
export function needsCustomCheck(catalogue: readonly CatalogueEntry[]): boolean {
  return customCheck === null && customEntries(catalogue).length > 0;
}

/** The result of linting one blueprint, grouped for the canvas. */
export interface LintResult {
  /** The blueprint these issues were computed for (issue paths index into it). */
  blueprint: Blueprint | null;
  issues: Issue[];
  errors: number;
  warnings: number;
  byNode: Map<string, Issue[]>;
  byItem: Map<string, Issue[]>;
}

/**
 * Lints a blueprint as the server would, errors first, then warnings.
 *
 * @example
 * const { errors, issues } = lint(bp, catalogue);
 */
export function lint(blueprint: Blueprint, catalogue: readonly CatalogueEntry[]): LintResult {
  const result = validateBlueprint(blueprint, { registry: editorRegistry(catalogue) });
  const custom = customCheck && customEntries(catalogue).length ? customCheck(blueprint, catalogue) : [];
  const errors = [...(result.ok ? [] : result.issues), ...custom].map((i) => ({ ...i, severity: i.severity ?? ("error" as const) }));
  const warnings = (result.warnings ?? []).map((i) => ({ ...i, severity: "warning" as const }));
  const issues = [...errors, ...warnings];
  const { nodes, items } = issuesByTarget(blueprint, issues);
  return { blueprint, issues, errors: errors.length, warnings: warnings.length, byNode: nodes, byItem: items };
}

/** The app's lint store, refreshed by `use-live-lint.ts`. */
export const useLintStore = create<LintResult>()(() => ({
  blueprint: null, issues: [], errors: 0, warnings: 0, byNode: new Map(), byItem: new Map(),
}));
