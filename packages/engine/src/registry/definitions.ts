/**
 * What a robot or trigger type is: one module with a zod schema for its params, labels and help in
 * English and Russian, and behaviour as plain data. Built-ins and embedders' custom types use the
 * same shape, registered with `registerRobot` / `registerTrigger`.
 */
import type { z } from "zod";
import type { Deadline, JsonLogic, Responsible, Text } from "../blueprint/blueprint.schema";

/** A name in a robot's or trigger's params that must exist in the blueprint (checked by the linter). */
export type Reference =
  | { kind: "field" | "dateField" | "survey" | "activityType" | "calendar" | "pipeline"; id: string; path: (string | number)[] }
  | { kind: "stage"; id: string; pipeline?: string; path: (string | number)[] }
  | { kind: "robot"; id: string; path: (string | number)[] }
  | { kind: "template"; template: unknown; path: (string | number)[] }
  /** A delay or deadline: its field must be a date, and working time needs a default calendar. */
  | { kind: "timing"; spec: Deadline; path: (string | number)[] };

/** The deal as a robot or condition sees it (read-only). */
export interface DealView {
  id: string;
  externalId: string | null;
  title: string;
  amount: number;
  currency: string;
  pipeline: string;
  stage: string;
  status: string;
  responsible: string;
  client: string | null;
  createdAt: string;
  stageEnteredAt: string;
  fields: Readonly<Record<string, unknown>>;
}

/** What an executor receives. */
export interface RobotContext<P> {
  params: P;
  robot: { id: string; type: string };
  deal: DealView;
  /** The condition context's event (`stage.entered` or `timer`). */
  event: Record<string, unknown>;
  /** The step's instant, as an ISO string (the engine never reads a clock). */
  now: string;
  /** Renders a template: `{{deal.title}}`, `{{deal.fields.x}}` and the other deal attributes, nothing else. */
  render(template: Text, locale?: string): string;
  /** Evaluates a json-logic rule against `{ deal, event }`. */
  evaluate(rule: JsonLogic): unknown;
}

/** What a robot asks the engine to do. The engine applies these in order, inside the step. */
export type RobotEffect =
  | { type: "task.create"; title: Text; description?: Text; responsible: Responsible; deadline?: Deadline; checklist?: Text[]; keepOnExit?: boolean }
  | { type: "field.set"; field: string; value: unknown }
  | { type: "responsible.change"; to: Responsible }
  | { type: "stage.change"; stage: string }
  | { type: "tunnel"; pipeline: string; stage: string; mode: "copy" | "move"; carry: "all" | string[] }
  | { type: "survey.send"; survey: string; recipient: unknown; channel: "link" | "webhook" }
  | { type: "notify"; to: Responsible; text: string; /** The text in every locale the template has. */ texts?: Record<string, string> }
  /** Any effect that leaves the system: delivered through the outbox at least once. */
  | { type: "outbox"; kind: string; payload: Record<string, unknown> };

/** A robot type. */
export interface RobotDefinition<P = any> {
  type: string;
  label: Text;
  help: Text;
  params: z.ZodType<P>;
  /** True for `requireFields`: a guard, not an action (no executor, no delay). */
  guard?: boolean;
  /** Names in the params the linter must find in the blueprint. */
  references?(params: P): Reference[];
  /** json-logic rules inside the params, for the linter and the compiler. */
  conditions?(params: P): { path: (string | number)[]; rule: JsonLogic }[];
  execute?(ctx: RobotContext<P>): RobotEffect[];
  /** False for robots whose effect the browser simulator cannot show (custom ones default to false). */
  simulated?: boolean;
}

/** An event a trigger may react to: `{ type, …its event fields }`. */
export type TriggerEvent = { type: string } & Record<string, unknown>;

/** A trigger type. */
export interface TriggerDefinition<P = any> {
  type: string;
  label: Text;
  help: Text;
  params: z.ZodType<P>;
  /** Fields of the event that conditions may read as `event.<name>`. */
  eventFields: string[];
  references?(params: P): Reference[];
  /** Whether an event of this type matches the params (the condition is checked after). */
  matches(params: P, event: TriggerEvent): boolean;
}

/** One entry of `engine.catalogue()`: what the editor renders a form from. */
export interface CatalogueEntry {
  kind: "robot" | "trigger";
  type: string;
  label: Text;
  help: Text;
  params: Record<string, unknown>;
  eventFields?: string[];
}

/** A plugin module for the server: `export default { robots?, triggers? }`. */
export interface Plugin {
  robots?: RobotDefinition[];
  triggers?: TriggerDefinition[];
}
