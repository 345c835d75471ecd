/**
 * The robot and trigger registry. Built-in types are always there; `registerRobot` and
 * `registerTrigger` add module-level custom types, and `createEngine({ plugins })` adds more for one
 * engine. The catalogue the editor renders forms from is derived from it.
 */
import { z } from "zod";
import { EngineError } from "../errors";
import { changeResponsibleRobot } from "../robots/change-responsible.robot";
import { changeStageRobot } from "../robots/change-stage.robot";
import { copyToTunnelRobot } from "../robots/copy-to-tunnel.robot";
import { createTaskRobot } from "../robots/create-task.robot";
import { notifyRobot } from "../robots/notify.robot";
import { requireFieldsRobot } from "../robots/require-fields.robot";
import { sendSurveyRobot } from "../robots/send-survey.robot";
import { setFieldRobot } from "../robots/set-field.robot";
import { webhookRobot } from "../robots/webhook.robot";
import { activityTrigger } from "../triggers/activity.trigger";
import { fieldChangedTrigger } from "../triggers/field-changed.trigger";
import { overdueTrigger } from "../triggers/overdue.trigger";
import { surveyAnsweredTrigger } from "../triggers/survey-answered.trigger";
import { taskCompletedTrigger } from "../triggers/task-completed.trigger";
import { webhookTrigger } from "../triggers/webhook.trigger";
import type { CatalogueEntry, Plugin, RobotDefinition, TriggerDefinition } from "./definitions";

/** The nine built-in robot types, in catalogue order. */
export const BUILT_IN_ROBOTS: readonly RobotDefinition[] = [
  createTaskRobot, requireFieldsRobot, copyToTunnelRobot, sendSurveyRobot, setFieldRobot,
  changeResponsibleRobot, changeStageRobot, notifyRobot, webhookRobot,
];

/** The six built-in trigger types, in catalogue order. */
export const BUILT_IN_TRIGGERS: readonly TriggerDefinition[] = [
  taskCompletedTrigger, fieldChangedTrigger, surveyAnsweredTrigger, activityTrigger, webhookTrigger, overdueTrigger,
];

const TYPE_PATTERN = /^[a-zA-Z][a-zA-Z0-9_.-]*$/;

/** A set of robot and trigger types, looked up by `type`. */
export class Registry {
  readonly robots = new Map<string, RobotDefinition>();
  readonly triggers = new Map<string, TriggerDefinition>();
  #catalogue: CatalogueEntry[] | undefined;

  constructor(robots: Iterable<RobotDefinition> = [], triggers: Iterable<TriggerDefinition> = []) {
    for (const r of robots) this.addRobot(r);
    for (const t of triggers) this.addTrigger(t);
  }

  addRobot(def: RobotDefinition): void {
    checkDefinition("robot", def);
    if (!def.guard && typeof def.execute !== "function") {
      throw new EngineError("VALIDATION_FAILED", `Robot type '${def.type}' needs an execute(ctx) function that returns effects.`);
    }
    this.robots.set(def.type, def);
    this.#catalogue = undefined;
  }

  addTrigger(def: TriggerDefinition): void {
    checkDefinition("trigger", def);
    if (typeof def.matches !== "function") {
      throw new EngineError("VALIDATION_FAILED", `Trigger type '${def.type}' needs a matches(params, event) function.`);
    }
    this.triggers.set(def.type, def);
    this.#catalogue = undefined;
  }

  /** A copy with the plugins' types added. */
  with(plugins: readonly Plugin[] = []): Registry {
    const copy = new Registry(this.robots.values(), this.triggers.values());
    for (const p of plugins) {
      for (const r of p.robots ?? []) copy.addRobot(r);
      for (const t of p.triggers ?? []) copy.addTrigger(t);
    }
    return copy;
  }

  /** Every type with its JSON Schema, for the editor's forms and the server's `/api/catalogue`. */
  catalogue(): CatalogueEntry[] {
    this.#catalogue ??= [
      ...[...this.robots.values()].map((r): CatalogueEntry => ({
        kind: "robot", type: r.type, label: r.label, help: r.help, params: paramsJsonSchema(r.params),
      })),
      ...[...this.triggers.values()].map((t): CatalogueEntry => ({
        kind: "trigger", type: t.type, label: t.label, help: t.help, params: paramsJsonSchema(t.params), eventFields: t.eventFields,
      })),
    ];
    return this.#catalogue;
  }
}

function checkDefinition(kind: string, def: { type?: unknown; params?: unknown; label?: unknown }): void {
  if (typeof def?.type !== "string" || !TYPE_PATTERN.test(def.type)) {
    throw new EngineError("VALIDATION_FAILED", `A ${kind} type needs a name of letters and digits, e.g. 'sendSlack'; got ${JSON.stringify(def?.type)}.`);
  }
  if (!(def.params instanceof z.ZodType)) {
    throw new EngineError("VALIDATION_FAILED", `The ${kind} type '${def.type}' needs a zod schema as its params.`);
  }
  if (def.label === undefined) {
    throw new EngineError("VALIDATION_FAILED", `The ${kind} type '${def.type}' needs a label (en, ru).`);
  }
}

/** A params schema as JSON Schema (draft 2020-12), as the editor's forms expect it. */
export function paramsJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as Record<string, unknown>;
  delete json["$schema"];
  return json;
}

const moduleRegistry = new Registry(BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS);

/** The module-level registry: built-ins plus whatever `registerRobot` / `registerTrigger` added. */
export function defaultRegistry(): Registry {
  return moduleRegistry;
}

/**
 * Registers a custom robot type for every engine created afterwards in this process.
 *
 * @example
 * registerRobot({ type: "sendSlack", label: { en: "Send to Slack", ru: "Отправить в Slack" },
 *   help: "Posts the deal's title", params: z.object({ channel: z.string() }),
 *   execute: ({ params, deal }) => [{ type: "outbox", kind: "slack", payload: { channel: params.channel, text: deal.title } }] });
 */
export function registerRobot(def: RobotDefinition): void {
  moduleRegistry.addRobot(def);
}

/** Registers a custom trigger type; events reach it through `engine.signal(dealId, { type, … })`. */
export function registerTrigger(def: TriggerDefinition): void {
  moduleRegistry.addTrigger(def);
}
