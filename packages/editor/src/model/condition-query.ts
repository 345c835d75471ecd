/**
 * json-logic ↔ the visual builder's query (react-querybuilder's `formatQuery(q, "jsonlogic")`
 * and `parseJsonLogic`). A rule the builder cannot show exactly (operators it does not have,
 * `!!`, arithmetic) is detected, so the editor falls back to the raw JSON instead of silently
 * dropping parts of it.
 */
import type { JsonLogic } from "@voronka/engine";
import type { RuleGroupType } from "react-querybuilder";
import { formatQuery } from "react-querybuilder/formatQuery";
import { parseJsonLogic } from "react-querybuilder/parseJsonLogic";

/** An empty query: no rules means no condition. */
export const EMPTY_QUERY: RuleGroupType = { combinator: "and", rules: [] };

/** `{ and: [x] }` is just `x`: the builder's single-rule group reads better unwrapped. */
function unwrap(rule: unknown): unknown {
  if (typeof rule === "object" && rule !== null && !Array.isArray(rule)) {
    const keys = Object.keys(rule);
    const only = keys.length === 1 ? keys[0]! : null;
    const args = only ? (rule as Record<string, unknown>)[only] : undefined;
    if ((only === "and" || only === "or") && Array.isArray(args) && args.length === 1) return unwrap(args[0]);
  }
  return rule;
}

/** Stable JSON text for comparing rules (object keys sorted). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * The json-logic rule of a builder query; undefined when the query has no rules.
 *
 * @example
 * queryToRule({ combinator: "and", rules: [{ field: "deal.amount", operator: ">=", value: 1000 }] })
 * // { ">=": [{ var: "deal.amount" }, 1000] }
 */
export function queryToRule(query: RuleGroupType): JsonLogic | undefined {
  if (!query.rules.length) return undefined;
  const rule = formatQuery(query, { format: "jsonlogic", parseNumbers: "strict-limited" });
  if (rule === false || rule === null) return undefined;
  return unwrap(rule);
}

/**
 * The builder query for a rule, or null when the builder cannot show the rule exactly (then the
 * rule is edited as JSON). An absent rule is the empty query.
 */
export function ruleToQuery(rule: JsonLogic | undefined): RuleGroupType | null {
  if (rule === undefined || rule === null) return EMPTY_QUERY;
  if (typeof rule !== "object" || Array.isArray(rule)) return null;
  let query: RuleGroupType;
  try {
    query = parseJsonLogic(rule as never);
  } catch {
    return null;
  }
  const back = queryToRule(query);
  return back !== undefined && canonical(back) === canonical(unwrap(rule)) ? query : null;
}
