/**
 * Blueprint validation and lint: input guards, the zod schema, each robot's and trigger's params,
 * and the lint rules, with a stable catalogue of issue codes (README.md beside this file), plus the
 * generated Blueprint v1 JSON Schema. Pure and browser-safe: the editor lints exactly as the server.
 */
export { lintBlueprint, validateBlueprint } from "./validate";
export { LINT_CODES, WARNING_CODES } from "./codes";
export { DEFAULT_INPUT_LIMITS, FORBIDDEN_KEYS, guardInput, type InputLimits } from "./guard-input";
export { RESERVED_FIELD_IDS } from "./lint-ids";
export { CONDITION_DEAL_ATTRIBUTES, MOVE_EVENT_FIELDS, ROBOT_EVENT_FIELDS, TIMER_EVENT_FIELDS } from "./lint-conditions";
export { BLUEPRINT_SCHEMA_ID, blueprintJsonSchema } from "./blueprint-json-schema";
