/**
 * @voronka/engine — blueprints compiled to statecharts, with robots, triggers and durable timers.
 * Pure and browser-safe: no I/O, no clock reads. See the package README for a five-minute tour.
 */
export * from "./blueprint/blueprint.schema";
export { EngineError, ENGINE_ERROR_CODES, toEngineError } from "./errors";
export type { EngineErrorCode, EngineErrorKind, Issue, Result } from "./errors";
export { validateBlueprint, lintBlueprint, LINT_CODES, blueprintJsonSchema } from "./lint";
export { compileBlueprint } from "./compile/compile-blueprint";
export type { CompiledBlueprint, CompiledPipeline, CompiledStage, CompiledRobot, CompiledTrigger } from "./compile/compile-blueprint";
export { compileCondition, evaluateCondition, analyzeCondition, truthy, CONDITION_OPERATORS, DEFAULT_CONDITION_LIMITS } from "./conditions";
export type { CompiledCondition, ConditionLimits } from "./conditions";
export {
  addDuration, parseDuration, resolveTime, isValidTimeZone, isWorkingMoment, nextWorkingMoment,
  type WorkingCalendar, type ParsedDuration,
} from "./time";
export {
  Registry, registerRobot, registerTrigger, defaultRegistry, BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS, paramsJsonSchema,
} from "./registry/registry";
export type {
  RobotDefinition, TriggerDefinition, RobotContext, RobotEffect, TriggerEvent, CatalogueEntry, Plugin, Reference, DealView,
} from "./registry/definitions";
export { createEngine, Engine, randomIds } from "./runtime/engine";
export type { EngineOptions, Directory, Clock, EngineEvent, CommandOptions } from "./runtime/engine";
export { DealInputSchema } from "./runtime/step";
export { ImportRowSchema, type ImportRow, type ImportResult } from "./runtime/import-deals";
export type { DealInput } from "./runtime/step";
export type { Ids } from "./runtime/step-state";
export type { Explanation } from "./runtime/explain";
export { renderTemplate } from "./runtime/template";
export { validateFieldValues, isEmptyValue } from "./runtime/field-values";
export { createMemoryStore } from "./store/memory-store";
export type * from "./store/store";
export type * from "./store/records";
export { HISTORY_TYPES } from "./store/records";
