/**
 * Small typed builders for the robots and triggers the standards use, so the pipelines read as
 * rules ("a task for the supervisor, due one working day later") rather than as JSON. Each returns
 * a plain Blueprint v1 robot or trigger; the params follow DESIGN.md "Robots" and "Triggers".
 */
import type { Deadline, Delay, Responsible, Robot, Trigger } from "@voronka/engine";
import type { FieldId, RequiredField } from "./fields";
import type { LocalText } from "./text";

/** The deal's responsible manager. */
export const MANAGER: Responsible = { kind: "dealResponsible" };
/** The responsible manager's supervisor (from the host's directory). */
export const SUPERVISOR: Responsible = { kind: "supervisor" };

/** `N` working days after the task is created (standard 5: "N days after entering the stage"). */
export const workingDaysAfter = (days: number): Deadline => ({ after: `P${days}D`, workingTime: true });

/** `N` working days before (negative) or after a date field (standard 5: "N days before a date"). */
export const workingDaysFromField = (field: FieldId, days: number): Deadline => ({
  field, offset: days < 0 ? `-P${-days}D` : `P${days}D`, workingTime: true,
});

/** Options of {@link taskRobot}. */
export interface TaskSpec {
  title: LocalText;
  description?: LocalText;
  checklist?: LocalText[];
  responsible: Responsible;
  deadline: Deadline;
  keepOnExit?: boolean;
}

/** A `createTask` robot (standards 4 and 5): what must be done here, by whom, by when. */
export function taskRobot(id: string, spec: TaskSpec, condition?: unknown): Robot {
  const params: Record<string, unknown> = { title: spec.title };
  if (spec.description) params["description"] = spec.description;
  params["responsible"] = spec.responsible;
  params["deadline"] = spec.deadline;
  if (spec.checklist) params["checklist"] = spec.checklist;
  if (spec.keepOnExit) params["keepOnExit"] = true;
  return { id, type: "createTask", params, ...(condition !== undefined ? { condition } : {}) };
}

/** A `requireFields` guard (standard 8): on `enter` to come in, on `leave` to go on to a later stage or to success. */
export function requireRobot(id: string, fieldIds: RequiredField[], scope: "enter" | "leave"): Robot {
  return { id, type: "requireFields", params: { fields: fieldIds, scope } };
}

/** A `notify` robot, optionally delayed. */
export function notifyRobot(id: string, to: Responsible, text: LocalText, delay?: Delay): Robot {
  return { id, type: "notify", params: { to, text }, ...(delay ? { delay } : {}) };
}

/** A `copyToTunnel` robot (standard 10). */
export function tunnelRobot(
  id: string, target: { pipeline: string; stage: string }, mode: "copy" | "move", carry: FieldId[] | "all", condition?: unknown,
): Robot {
  return {
    id, type: "copyToTunnel", params: { pipeline: target.pipeline, stage: target.stage, mode, carry: carry === "all" ? "all" : [...carry] },
    ...(condition !== undefined ? { condition } : {}),
  };
}

/** A `setField` robot with a fixed value. */
export function setFieldRobot(id: string, field: FieldId, value: unknown): Robot {
  return { id, type: "setField", params: { field, value } };
}

/** A `sendSurvey` robot with a one-time link to the address in `recipientField` (standard 9). */
export function surveyRobot(id: string, survey: string, recipientField: FieldId): Robot {
  return { id, type: "sendSurvey", params: { survey, recipient: { field: recipientField }, channel: "link" } };
}

/** A trigger: pulls the deal into its stage when an event of `type` matches. */
export function trigger(id: string, type: string, params: Record<string, unknown>, condition?: unknown): Trigger {
  return { id, type, params, ...(condition !== undefined ? { condition } : {}) };
}

/** json-logic: field `field` of the deal equals `value`. */
export const fieldIs = (field: FieldId, value: string): unknown => ({ "==": [{ var: `deal.fields.${field}` }, value] });

/** json-logic: field `field` of the deal is one of `values`. */
export const fieldIn = (field: FieldId, values: readonly string[]): unknown => ({ in: [{ var: `deal.fields.${field}` }, [...values]] });

/** The delay that matches a deadline, so a robot can run when a task falls due (none for `afterEvent`). */
export function delayAtDeadline(deadline: Deadline): Delay | undefined {
  return "afterEvent" in deadline ? undefined : deadline;
}
