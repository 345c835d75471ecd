/**
 * Compiles json-logic rules to closure trees: the rule is walked, checked and turned into nested
 * JS closures once, so evaluating it does no operator lookup and no rule walking.
 */
import { EngineError } from "../errors";
import type { CompiledCondition, ConditionLimits, JsonLogic } from "./types";
import { DEFAULT_CONDITION_LIMITS } from "./types";
import { walkCondition } from "./walk-condition";

/**
 * Compiles a json-logic rule to a closure tree once, for conditions evaluated many times (stage
 * gates, robot filters); throws `EngineError("CONDITION_INVALID", message, { issues })` for unknown
 * operators, rules deeper or larger than `limits`, and malformed operator arguments.
 *
 * Reads of the data are own-property only (`{"var": "constructor"}` is `null`), evaluation never
 * throws on odd data, and array results are fresh on every call.
 *
 * @example
 * const canSign = compileCondition({ and: [{ ">=": [{ var: "deal.amount" }, 100000] }, { "!": { var: "deal.lossReason" } }] });
 * canSign({ deal: { amount: 250000 } }); // true
 * canSign({ deal: { amount: 5000 } });   // false
 */
export function compileCondition(rule: JsonLogic, limits: ConditionLimits = DEFAULT_CONDITION_LIMITS): CompiledCondition {
  const { node, issues } = walkCondition(rule, limits);
  if (issues.length > 0) {
    const first = issues[0]?.message ?? "invalid condition";
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
    throw new EngineError("CONDITION_INVALID", `Invalid condition: ${first}${more}`, { issues });
  }
  return node.fn;
}

/** Compiles and runs a rule in one go, for one-off checks; caches nothing, so prefer {@link compileCondition} in loops. */
export function evaluateCondition(rule: JsonLogic, data: unknown): unknown {
  return compileCondition(rule)(data);
}
