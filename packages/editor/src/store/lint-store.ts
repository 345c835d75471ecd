/**
 * The live lint result of the blueprint being edited: every issue from the engine's
 * `validateBlueprint` (the same checks the server runs before publishing), plus custom params
 * checked against the catalogue, grouped by canvas node and chip so nodes can mark themselves.
 */
import { validateBlueprint, type Blueprint, type CatalogueEntry, type Issue } from "@voronka/engine";
import { create } from "zustand";
import { customParamIssues } from "../model/custom-params";
import { issuesByTarget } from "../model/issue-target";
import { editorRegistry } from "../model/registry";

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
  const errors = [...(result.ok ? [] : result.issues), ...customParamIssues(blueprint, catalogue)].map((i) => ({ ...i, severity: i.severity ?? ("error" as const) }));
  const warnings = (result.warnings ?? []).map((i) => ({ ...i, severity: "warning" as const }));
  const issues = [...errors, ...warnings];
  const { nodes, items } = issuesByTarget(blueprint, issues);
  return { blueprint, issues, errors: errors.length, warnings: warnings.length, byNode: nodes, byItem: items };
}

/** The app's lint store, refreshed by `use-live-lint.ts`. */
export const useLintStore = create<LintResult>()(() => ({
  blueprint: null, issues: [], errors: 0, warnings: 0, byNode: new Map(), byItem: new Map(),
}));
