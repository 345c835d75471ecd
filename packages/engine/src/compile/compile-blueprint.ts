/**
 * Compiles a published blueprint version once: indexes by id, parses every robot's and trigger's
 * params with its type's schema, compiles every json-logic rule, and builds one XState machine
 * per pipeline. Every step then runs on this read-only structure.
 */
import type { Blueprint, Field, Pipeline, Robot, Stage, Survey, Transition, Trigger } from "../blueprint/blueprint.schema";
import { compileCondition, type CompiledCondition } from "../conditions";
import { EngineError } from "../errors";
import type { RobotDefinition, TriggerDefinition } from "../registry/definitions";
import type { Registry } from "../registry/registry";
import type { WorkingCalendar } from "../time";
import { compilePipelineMachine, type PipelineMachine } from "./xstate-adapter";

export interface CompiledRobot {
  robot: Robot;
  def: RobotDefinition;
  params: unknown;
  pipeline: string;
  stage: string;
  condition: CompiledCondition | null;
  /** Compiled rules inside the params (e.g. a `setField` expression), by their JSON path. */
  paramConditions: Map<string, CompiledCondition>;
}

export interface CompiledTrigger {
  trigger: Trigger;
  def: TriggerDefinition;
  params: unknown;
  pipeline: string;
  stage: string;
  condition: CompiledCondition | null;
  /** Where the trigger stands in blueprint order, for ties. */
  order: number;
}

export interface CompiledStage {
  stage: Stage;
  id: string;
  kind: Stage["kind"];
  /** Process stages: their position; success and failure rank after every process stage. */
  rank: number;
  /** Position in the pipeline's array (blueprint order). */
  index: number;
  robots: CompiledRobot[];
  triggers: CompiledTrigger[];
  /** `requireFields` robots by scope. */
  enterGuards: CompiledRobot[];
  leaveGuards: CompiledRobot[];
}

export interface CompiledTransition {
  transition: Transition;
  guard: CompiledCondition | null;
}

export interface CompiledPipeline {
  pipeline: Pipeline;
  id: string;
  stages: Map<string, CompiledStage>;
  ordered: CompiledStage[];
  firstProcess: CompiledStage;
  transitions: CompiledTransition[] | "any";
  machine: PipelineMachine;
  /** All triggers of the pipeline, by event type. */
  triggersByType: Map<string, CompiledTrigger[]>;
}

/** A blueprint version ready to run. */
export interface CompiledBlueprint {
  version: number;
  blueprint: Blueprint;
  registry: Registry;
  fields: Map<string, Field>;
  surveys: Map<string, Survey>;
  activityTypes: Set<string>;
  calendar: WorkingCalendar | undefined;
  pipelines: Map<string, CompiledPipeline>;
  robots: Map<string, CompiledRobot>;
  triggers: Map<string, CompiledTrigger>;
  /** Compiled `afterEvent.match` rules and other ad-hoc rules, keyed by JSON text. */
  conditionCache: Map<string, CompiledCondition>;
}

function compileRule(rule: unknown, where: string): CompiledCondition {
  try {
    return compileCondition(rule);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new EngineError("BLUEPRINT_INVALID", `The condition of ${where} cannot be used: ${message}`);
  }
}

function parseParams(def: RobotDefinition | TriggerDefinition, params: unknown, where: string): unknown {
  const parsed = def.params.safeParse(params);
  if (!parsed.success) {
    throw new EngineError("BLUEPRINT_INVALID", `The params of ${where} do not fit type '${def.type}': ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  return parsed.data;
}

/**
 * Compiles a blueprint that has passed validation and lint. It re-checks what it relies on and
 * throws `BLUEPRINT_INVALID` rather than run a half-understood blueprint.
 */
export function compileBlueprint(blueprint: Blueprint, version: number, registry: Registry): CompiledBlueprint {
  const fields = new Map(blueprint.fields.map((f) => [f.id, f]));
  const surveys = new Map(blueprint.surveys.map((s) => [s.id, s]));
  const cal = blueprint.calendars.find((c) => c.id === blueprint.defaultCalendar);
  const robots = new Map<string, CompiledRobot>();
  const triggers = new Map<string, CompiledTrigger>();
  const pipelines = new Map<string, CompiledPipeline>();
  let triggerOrder = 0;

  for (const pipeline of blueprint.pipelines) {
    const stages = new Map<string, CompiledStage>();
    const ordered: CompiledStage[] = [];
    const processCount = pipeline.stages.filter((s) => s.kind === "process").length;
    let processIndex = 0;
    const triggersByType = new Map<string, CompiledTrigger[]>();
    pipeline.stages.forEach((stage, index) => {
      const rank = stage.kind === "process" ? processIndex++ : processCount;
      const compiledRobots = stage.robots.map((robot): CompiledRobot => {
        const where = `robot '${robot.id}' on stage '${pipeline.id}/${stage.id}'`;
        const def = registry.robots.get(robot.type);
        if (!def) throw new EngineError("UNKNOWN_ROBOT_TYPE", `The ${where} has type '${robot.type}', which this engine does not know. Register it with registerRobot() or load its plugin.`);
        const params = parseParams(def, robot.params, where);
        const paramConditions = new Map<string, CompiledCondition>();
        for (const c of def.conditions?.(params) ?? []) paramConditions.set(c.path.join("."), compileRule(c.rule, where));
        const compiled: CompiledRobot = {
          robot, def, params, pipeline: pipeline.id, stage: stage.id,
          condition: robot.condition === undefined ? null : compileRule(robot.condition, where),
          paramConditions,
        };
        robots.set(robot.id, compiled);
        return compiled;
      });
      const compiledTriggers = stage.triggers.map((trigger): CompiledTrigger => {
        const where = `trigger '${trigger.id}' on stage '${pipeline.id}/${stage.id}'`;
        const def = registry.triggers.get(trigger.type);
        if (!def) throw new EngineError("UNKNOWN_TRIGGER_TYPE", `The ${where} has type '${trigger.type}', which this engine does not know. Register it with registerTrigger() or load its plugin.`);
        const compiled: CompiledTrigger = {
          trigger, def, params: parseParams(def, trigger.params, where), pipeline: pipeline.id, stage: stage.id,
          condition: trigger.condition === undefined ? null : compileRule(trigger.condition, where),
          order: triggerOrder++,
        };
        triggers.set(trigger.id, compiled);
        const list = triggersByType.get(trigger.type) ?? [];
        list.push(compiled);
        triggersByType.set(trigger.type, list);
        return compiled;
      });
      const guards = compiledRobots.filter((r) => r.def.guard && r.robot.enabled !== false);
      const cs: CompiledStage = {
        stage, id: stage.id, kind: stage.kind, rank, index,
        robots: compiledRobots, triggers: compiledTriggers,
        enterGuards: guards.filter((r) => (r.params as { scope?: string }).scope === "enter"),
        leaveGuards: guards.filter((r) => (r.params as { scope?: string }).scope === "leave"),
      };
      stages.set(stage.id, cs);
      ordered.push(cs);
    });
    const firstProcess = ordered.find((s) => s.kind === "process");
    if (!firstProcess) throw new EngineError("BLUEPRINT_INVALID", `Pipeline '${pipeline.id}' has no process stage for new deals to start in.`);
    const transitions =
      pipeline.transitions === undefined || pipeline.transitions === "any"
        ? ("any" as const)
        : pipeline.transitions.map((t, i) => ({
            transition: t,
            guard: t.guard === undefined ? null : compileRule(t.guard, `transition ${i} of pipeline '${pipeline.id}'`),
          }));
    const machine = compilePipelineMachine({
      id: pipeline.id,
      stages: pipeline.stages.map((s) => ({ id: s.id, kind: s.kind })),
      transitions: transitions === "any" ? "any" : transitions.map((t) => ({ from: t.transition.from, to: t.transition.to })),
    });
    pipelines.set(pipeline.id, { pipeline, id: pipeline.id, stages, ordered, firstProcess, transitions, machine, triggersByType });
  }

  return {
    version, blueprint, registry, fields, surveys,
    activityTypes: new Set(blueprint.activityTypes.map((a) => a.id)),
    calendar: cal ? { id: cal.id, timeZone: cal.timeZone, workingDays: cal.workingDays, hours: cal.hours, holidays: cal.holidays } : undefined,
    pipelines, robots, triggers,
    conditionCache: new Map(),
  };
}

/** A compiled rule for ad-hoc use (e.g. a deadline's `afterEvent.match`), cached per version. */
export function cachedCondition(compiled: CompiledBlueprint, rule: unknown): CompiledCondition {
  const key = JSON.stringify(rule);
  let c = compiled.conditionCache.get(key);
  if (!c) {
    c = compileRule(rule, "a deadline's event match");
    compiled.conditionCache.set(key, c);
  }
  return c;
}
