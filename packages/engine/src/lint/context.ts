/**
 * What every lint rule shares: the blueprint indexed by id, every robot and trigger with its place
 * and parsed params, and the issue list with helpers that set code, path and severity.
 */
import type { Blueprint, Field, Pipeline, Robot, Stage, Trigger } from "../blueprint/blueprint.schema";
import type { Issue } from "../errors";
import type { RobotDefinition, TriggerDefinition } from "../registry/definitions";
import type { Registry } from "../registry/registry";
import { WARNING_CODES } from "./codes";
import type { Path } from "./describe";

/** A robot with where it sits and, when its type is known and its params fit, its parsed params. */
export interface RobotSite {
  robot: Robot;
  pipeline: Pipeline;
  stage: Stage;
  /** `["pipelines", p, "stages", s, "robots", r]`. */
  path: Path;
  def: RobotDefinition | undefined;
  /** Present only when the params parsed. */
  params?: unknown;
}

/** A trigger with where it sits and its parsed params (when they fit). */
export interface TriggerSite {
  trigger: Trigger;
  pipeline: Pipeline;
  stage: Stage;
  path: Path;
  def: TriggerDefinition | undefined;
  params?: unknown;
}

/** The shared state of one lint run. */
export interface LintContext {
  readonly bp: Blueprint;
  readonly registry: Registry;
  readonly issues: Issue[];
  /** First field with each id. */
  readonly fields: Map<string, Field>;
  readonly pipelines: Map<string, Pipeline>;
  readonly surveys: Set<string>;
  readonly activityTypes: Set<string>;
  readonly calendars: Set<string>;
  /** First robot with each id, across the blueprint. */
  readonly robotsById: Map<string, RobotSite>;
  readonly robots: RobotSite[];
  readonly triggers: TriggerSite[];
  /** Adds an issue; codes in `WARNING_CODES` get severity "warning", all others "error". */
  report(code: string, path: Path, message: string): void;
}

function list<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** A short name for a robot or trigger site: "robot 'call' on stage 'lead' of pipeline 'sales'". */
export function siteName(kind: "robot" | "trigger", site: { robot?: Robot; trigger?: Trigger; stage: Stage; pipeline: Pipeline }): string {
  const id = (site.robot ?? site.trigger)?.id;
  return `${kind} '${id}' on stage '${site.stage.id}' of pipeline '${site.pipeline.id}'`;
}

/** Upper-cases the first letter (for messages that start with a name). */
export function cap(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** Indexes a structurally valid blueprint (and, defensively, a partly invalid one) for the rules. */
export function createContext(bp: Blueprint, registry: Registry): LintContext {
  const issues: Issue[] = [];
  const firstById = <T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> => {
    const map = new Map<string, T>();
    for (const item of list(items)) if (item && typeof item.id === "string" && !map.has(item.id)) map.set(item.id, item);
    return map;
  };
  const robots: RobotSite[] = [];
  const triggers: TriggerSite[] = [];
  const robotsById = new Map<string, RobotSite>();
  list(bp.pipelines).forEach((pipeline, p) => {
    if (!pipeline) return;
    list(pipeline.stages).forEach((stage, s) => {
      if (!stage) return;
      list(stage.robots).forEach((robot, r) => {
        if (!robot) return;
        const site: RobotSite = { robot, pipeline, stage, path: ["pipelines", p, "stages", s, "robots", r], def: registry.robots.get(robot.type) };
        robots.push(site);
        if (typeof robot.id === "string" && !robotsById.has(robot.id)) robotsById.set(robot.id, site);
      });
      list(stage.triggers).forEach((trigger, t) => {
        if (!trigger) return;
        triggers.push({ trigger, pipeline, stage, path: ["pipelines", p, "stages", s, "triggers", t], def: registry.triggers.get(trigger.type) });
      });
    });
  });
  return {
    bp,
    registry,
    issues,
    fields: firstById(bp.fields),
    pipelines: firstById(bp.pipelines),
    surveys: new Set(firstById(bp.surveys).keys()),
    activityTypes: new Set(firstById(bp.activityTypes).keys()),
    calendars: new Set(firstById(bp.calendars).keys()),
    robotsById,
    robots,
    triggers,
    report(code, path, message) {
      issues.push({ code, path, message, severity: WARNING_CODES.has(code) ? "warning" : "error" });
    },
  };
}
