/**
 * Static analysis of a json-logic rule for the blueprint linter.
 */
import type { Issue } from "../errors";
import type { ConditionLimits, JsonLogic } from "./types";
import { DEFAULT_CONDITION_LIMITS } from "./types";
import { walkCondition, type VarRead } from "./walk-condition";

export type { VarRead } from "./walk-condition";

/** What {@link analyzeCondition} reports about a rule. */
export interface ConditionAnalysis {
  /** Every problem that would make `compileCondition` throw; paths are relative to the rule root. */
  issues: Issue[];
  /** Every data name read literally by `var`, `missing` and `missing_some`, in rule order. */
  vars: VarRead[];
  /** The distinct known operators used, in first-use order. */
  operators: string[];
}

/**
 * Lists a rule's problems, the variables it reads and the operators it uses, so the linter can
 * point at the exact spot in a blueprint; never throws, whatever the input.
 */
export function analyzeCondition(rule: JsonLogic, limits: ConditionLimits = DEFAULT_CONDITION_LIMITS): ConditionAnalysis {
  const { issues, vars, operators } = walkCondition(rule, limits);
  return { issues, vars, operators };
}
