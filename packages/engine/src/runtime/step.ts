/**
 * The pure core: (blueprint version, deal, event, now) → (new records, effects), as one
 * {@link Commit}. Each command is one function; all of them share the cascade of `cascade.ts`.
 * A command that is refused throws an {@link EngineError} and its step commits nothing.
 */
import { z } from "zod";
import type { CompiledBlueprint } from "../compile/compile-blueprint";
import { EngineError } from "../errors";
import type { TriggerEvent } from "../registry/definitions";
import type { Actor, DealRecord, TaskRecord, TimerRecord } from "../store/records";
import { updatedTask } from "../store/copy-records";
import type { Commit, LoadedDeal } from "../store/store";
import {
  dispatchEvent, enterStage, executeRobot, leaveStage, moveWithin, checkGuards, setFields, setTaskDeadline, createTask,
} from "./cascade";
import { validateFieldValues } from "./field-values";
import { StepState, type StepEnv, type WorkingDeal } from "./step-state";

/** The input of `engine.createDeal` (normative). */
export const DealInputSchema = z.object({
  pipeline: z.string().min(1),
  stage: z.string().min(1).optional(),
  title: z.string().trim().min(1).max(500),
  amount: z.number().finite().nonnegative().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, "Use an ISO 4217 code such as RUB").optional(),
  responsible: z.string().min(1),
  client: z.string().min(1).optional(),
  externalId: z.string().min(1).max(200).optional(),
  source: z.string().max(200).optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type DealInput = z.infer<typeof DealInputSchema>;

/** Everything that can happen to a deal. */
export type Command =
  | { type: "create"; input: DealInput }
  | { type: "update"; fields: Record<string, unknown> }
  | { type: "move"; stage: string; fields?: Record<string, unknown> }
  | { type: "reopen"; stage: string; reason: string }
  | { type: "completeTask"; task: string }
  | { type: "rescheduleTask"; task: string; deadline: string; reason?: string }
  | { type: "activity"; activityType: string; at?: string; data?: unknown }
  | { type: "surveyAnswer"; token: string; score: number; reason?: string }
  | { type: "webhook"; trigger: string; body: unknown }
  | { type: "signal"; event: TriggerEvent }
  | { type: "timer"; timer: TimerRecord }
  | { type: "dropTimer"; timer: TimerRecord; reason: string }
  | { type: "publishMove"; pipeline: string; stage: string };

/** What a step produced: the commit, and the deals it changed (the first is the command's deal). */
export interface StepOutput {
  commit: Commit;
  deal: DealRecord;
  /** For `webhook` and `signal`: the trigger that fired, if any. */
  fired?: string | null;
}

function fieldsOrThrow(bp: CompiledBlueprint, fields: unknown): Record<string, unknown> {
  const issues = validateFieldValues(bp.fields, fields);
  if (issues.length) throw new EngineError("VALIDATION_FAILED", issues.map((i) => i.message).join(" "), { issues });
  return fields as Record<string, unknown>;
}

function openTask(w: WorkingDeal, taskId: string): TaskRecord {
  const task = w.openTasks.get(taskId);
  if (!task) throw new EngineError("TASK_CLOSED", `Task '${taskId}' is already completed or cancelled.`, { task: taskId });
  return task;
}

/**
 * Runs one command on one deal (null for `create`). Pure: reads nothing but its arguments.
 */
export function step(bp: CompiledBlueprint, loaded: LoadedDeal | null, command: Command, actor: Actor, env: StepEnv): StepOutput {
  const s = new StepState(bp, env, actor);
  if (command.type === "create") {
    const created = create(s, command.input);
    return { commit: s.toCommit(), deal: created.record };
  }
  if (!loaded) throw new EngineError("NOT_FOUND", "There is no such deal.");
  const w = s.adopt(loaded);
  let fired: string | null | undefined;
  switch (command.type) {
    case "update":
      setFields(s, w, fieldsOrThrow(bp, command.fields), true);
      break;
    case "move": {
      if (command.fields) setFields(s, w, fieldsOrThrow(bp, command.fields), false);
      const before = w.record.stage;
      moveWithin(s, w, command.stage, "manual", true);
      if (w.record.stage === before && command.stage === before && !command.fields) return { commit: s.toCommit(), deal: w.record };
      break;
    }
    case "reopen": {
      if (!command.reason || !command.reason.trim()) throw new EngineError("REASON_REQUIRED", "Say why the deal is reopened: the reason goes into its history.");
      const p = s.pipelineOf(w);
      const from = s.stageOf(w);
      if (from.kind === "process") throw new EngineError("NOT_FINAL", `The deal is still open (stage '${from.id}'); only won or lost deals can be reopened.`);
      const to = p.stages.get(command.stage);
      if (!to || to.kind !== "process") throw new EngineError("NOT_FOUND", `Reopen takes a process stage of pipeline '${p.id}'; '${command.stage}' is not one.`, { stage: command.stage });
      const next = p.machine.reopen(from.id, to.id);
      if (!next) throw new EngineError("TRANSITION_NOT_ALLOWED", `A deal cannot be reopened from '${from.id}' to '${to.id}'.`);
      // Guards hold on every path: the target's enter fields apply to a reopen too.
      const verdict = checkGuards(s, w, null, to, -1, "reopen", p);
      if (verdict.missing.length) {
        throw new EngineError("MOVE_BLOCKED", `The deal cannot be reopened into '${to.id}' without ${verdict.missing.map((m) => `'${m}'`).join(", ")}; fill them in first.`, { to: to.id, missing: verdict.missing });
      }
      s.record(w, "deal.reopened", { reason: command.reason.trim(), from: from.id, to: to.id });
      leaveStage(s, w);
      enterStage(s, w, to, "reopen", from.id, { reason: command.reason.trim() });
      break;
    }
    case "completeTask": {
      const task = openTask(w, command.task);
      s.saveTask(w, updatedTask(task, { status: "completed", closedAt: env.now, closedBy: actor }));
      for (const t of [...w.timers.values()]) if (t.task === task.id) s.cancelTimer(w, t.id);
      s.record(w, "task.completed", { task: task.id, robot: task.robot ?? null });
      dispatchEvent(s, w, { type: "taskCompleted", task: task.id, robot: task.robot ?? null });
      break;
    }
    case "rescheduleTask": {
      const task = openTask(w, command.task);
      if (!command.reason || !command.reason.trim()) {
        throw new EngineError("REASON_REQUIRED", "Every change of a deadline needs a comment with the reason (standard 7).", { task: task.id });
      }
      const at = Date.parse(command.deadline);
      if (Number.isNaN(at)) throw new EngineError("VALIDATION_FAILED", "Give the new deadline as an ISO date and time, e.g. 2026-05-01T18:00:00+03:00.");
      const to = new Date(at).toISOString();
      const next = setTaskDeadline(s, w, task, to);
      s.saveTask(w, updatedTask(next, { reschedules: task.reschedules + 1, overdue: to <= env.now }));
      s.record(w, "task.rescheduled", { task: task.id, from: task.deadline ?? null, to, reason: command.reason.trim() });
      break;
    }
    case "activity": {
      if (!bp.activityTypes.has(command.activityType)) {
        throw new EngineError("VALIDATION_FAILED", `'${command.activityType}' is not an activity type of this blueprint; use one of: ${[...bp.activityTypes].join(", ")}.`);
      }
      const at = command.at ?? env.now;
      s.record(w, "activity.logged", { type: command.activityType, at, ...(command.data !== undefined ? { data: command.data } : {}) });
      dispatchEvent(s, w, { type: "activity", activityType: command.activityType, at, data: command.data ?? null });
      break;
    }
    case "surveyAnswer":
      throw new EngineError("UNEXPECTED", "survey answers go through answerSurvey()");
    case "webhook":
      fired = dispatchEvent(s, w, { type: "webhook", trigger: command.trigger, body: command.body }, command.trigger);
      if (fired === null) s.record(w, "trigger.fired", { trigger: command.trigger, event: "webhook", fired: false, reason: "deal-not-before-stage" }, { system: "webhook" });
      break;
    case "signal":
      fired = dispatchEvent(s, w, command.event);
      break;
    case "timer":
      fireTimer(s, w, command.timer);
      break;
    case "dropTimer":
      s.timersDone.push(command.timer.id);
      s.record(w, "timer.dropped", { reason: command.reason, timer: command.timer.id, robot: command.timer.robot ?? null, task: command.timer.task ?? null }, { system: "timer" });
      break;
    case "publishMove": {
      const p = bp.pipelines.get(command.pipeline);
      const to = p?.stages.get(command.stage);
      if (!p || !to) throw new EngineError("NOT_FOUND", `The mapping names '${command.pipeline}/${command.stage}', which the new version does not have.`);
      const from = `${w.record.pipeline}/${w.record.stage}`;
      leaveStage(s, w);
      w.record.pipeline = p.id;
      enterStage(s, w, to, "publish", from, null, false);
      break;
    }
  }
  return { commit: s.toCommit(), deal: w.record, ...(fired !== undefined ? { fired } : {}) };
}

/** Records a survey answer on the deal and dispatches `surveyAnswered`. */
export function answerSurveyStep(
  bp: CompiledBlueprint, loaded: LoadedDeal, survey: import("../store/records").SurveyRecord, score: number, reason: string | undefined, env: StepEnv,
): StepOutput {
  const s = new StepState(bp, env, { system: "webhook" });
  const w = s.adopt(loaded);
  const def = bp.surveys.get(survey.survey);
  if (!def) throw new EngineError("NOT_FOUND", `Survey '${survey.survey}' is no longer in the blueprint.`);
  if (!Number.isInteger(score) || score < def.scale.min || score > def.scale.max) {
    throw new EngineError("VALIDATION_FAILED", `The score must be a whole number from ${def.scale.min} to ${def.scale.max}.`);
  }
  const band = (["detractor", "passive", "promoter"] as const).find((b) => score >= def.bands[b][0] && score <= def.bands[b][1]);
  const clean = reason?.trim() ? reason.trim().slice(0, 2000) : undefined;
  s.surveys.push({ ...survey, status: "answered", answeredAt: env.now, score, ...(band ? { band } : {}), ...(clean ? { reason: clean } : {}) });
  s.record(w, "survey.answered", { survey: survey.survey, token: survey.token, score, band: band ?? null, reason: clean ?? null });
  dispatchEvent(s, w, { type: "surveyAnswered", survey: survey.survey, score, band: band ?? null, reason: clean ?? null });
  return { commit: s.toCommit(), deal: w.record };
}

function create(s: StepState, raw: DealInput): WorkingDeal {
  // Checked before zod, which would silently drop an own "__proto__" key from JSON.parse.
  if (raw && typeof raw === "object" && raw.fields !== undefined) fieldsOrThrow(s.bp, raw.fields);
  const parsed = DealInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ code: `deal.${i.code}`, path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: `${i.path.join(".") || "deal"}: ${i.message}` }));
    throw new EngineError("VALIDATION_FAILED", issues.map((i) => i.message).join("; "), { issues });
  }
  const input = parsed.data;
  const p = s.bp.pipelines.get(input.pipeline);
  if (!p) throw new EngineError("NOT_FOUND", `There is no pipeline '${input.pipeline}'; use one of: ${[...s.bp.pipelines.keys()].join(", ")}.`, { pipeline: input.pipeline });
  const stage = input.stage === undefined ? p.firstProcess : p.stages.get(input.stage);
  if (!stage) throw new EngineError("NOT_FOUND", `Pipeline '${p.id}' has no stage '${input.stage}'.`, { stage: input.stage });
  const fields = input.fields ? fieldsOrThrow(s.bp, input.fields) : {};
  const record: DealRecord = {
    id: s.env.ids.id("deal"), title: input.title, pipeline: p.id, stage: stage.id,
    status: stage.kind === "process" ? "open" : stage.kind === "success" ? "won" : "lost",
    amount: input.amount ?? 0, currency: input.currency ?? s.env.currency, responsible: input.responsible,
    ...(input.client !== undefined ? { client: input.client } : {}),
    ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
    createdAt: s.env.now, stageEnteredAt: s.env.now, version: 0, entry: 0, seq: 0, fields: {},
  };
  for (const [k, v] of Object.entries(fields)) {
    if (v === null) continue;
    if (k === "title" || k === "amount" || k === "currency" || k === "client") (record as unknown as Record<string, unknown>)[k] = v;
    else record.fields[k] = v;
  }
  const w = s.create(record);
  const verdict = checkGuards(s, w, null, stage, -1, "manual", p);
  if (verdict.missing.length) {
    throw new EngineError("MOVE_BLOCKED", `A deal cannot start in '${stage.id}' without ${verdict.missing.map((m) => `'${m}'`).join(", ")}.`, { to: stage.id, missing: verdict.missing });
  }
  const by = "system" in s.actor ? s.actor.system : "manual";
  s.record(w, "deal.created", { pipeline: p.id, stage: stage.id, by: by === "import" || by === "tunnel" ? by : "manual" });
  enterStage(s, w, stage, "manual", null);
  return w;
}

function fireTimer(s: StepState, w: WorkingDeal, timer: TimerRecord): void {
  s.timersDone.push(timer.id);
  w.timers.delete(timer.id);
  const drop = (reason: string) => s.record(w, "timer.dropped", { reason, timer: timer.id, robot: timer.robot ?? null, task: timer.task ?? null }, { system: "timer" });
  if (timer.kind === "robot") {
    if (timer.entry !== w.record.entry) return drop("stale-entry");
    const cr = timer.robot ? s.bp.robots.get(timer.robot) : undefined;
    if (!cr || cr.pipeline !== w.record.pipeline || cr.stage !== w.record.stage || cr.robot.enabled === false || !cr.robot.delay) return drop("robot-removed");
    executeRobot(s, w, cr, { type: "timer", robot: cr.robot.id });
    return;
  }
  const task = timer.task ? w.openTasks.get(timer.task) : undefined;
  if (!task) return drop("task-closed");
  if (task.deadline === undefined || task.deadline !== timer.dueAt) return drop("deadline-changed");
  s.saveTask(w, updatedTask(task, { overdue: true }));
  s.record(w, "task.overdue", { task: task.id, robot: task.robot ?? null, deadline: task.deadline }, { system: "timer" });
  dispatchEvent(s, w, { type: "overdue", task: task.id, robot: task.robot ?? null, deadline: task.deadline });
}

export { createTask };
