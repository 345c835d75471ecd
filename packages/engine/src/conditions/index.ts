/**
 * The json-logic condition compiler: compile rules to closures, evaluate them, and analyze them
 * for the linter. Pure and browser-safe.
 *
 * Passes the official JsonLogic test suite and otherwise follows json-logic-js 2.0.5 (loose `==`,
 * `parseFloat` in `+` and `*`, `{"*": [x]}` returning x, `in` false on ""), except:
 * - `var` (and `missing`) read own properties only, and descend only into objects and arrays:
 *   `{"var": "constructor"}`, `"a.__proto__"`, `"toString"` are null; `"list.length"` of an array
 *   works, `"name.length"` or `"name.0"` of a string is null.
 * - Rules are checked when compiled: unknown operators (a Map lookup, so `__proto__` is unknown),
 *   objects with zero or several keys, wrong argument counts (e.g. `{"and": []}`, `{"==": [1]}`),
 *   literal arguments of the wrong kind (`{"in": ["a", 5]}`) and limits are `CONDITION_INVALID`;
 *   json-logic-js treats odd objects as data and tolerates any argument count.
 * - Evaluation never throws on odd data (null-prototype objects compare false, print as
 *   "[object Object]"); json-logic-js may throw there.
 * - `log` returns its argument and prints nothing.
 * - Array results are fresh on every call; the data and the rule are never mutated.
 */
export type { CompiledCondition, ConditionLimits, JsonLogic } from "./types";
export { DEFAULT_CONDITION_LIMITS } from "./types";
export { compileCondition, evaluateCondition } from "./compile-condition";
export { analyzeCondition } from "./analyze-condition";
export { truthy } from "./runtime";
export { CONDITION_OPERATORS } from "./operators";
