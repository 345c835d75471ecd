/**
 * The semantics of DESIGN.md in one place: guards on every path, entering and leaving stages,
 * robots in list order, effects, triggers with their precedence, and the cascade they set off.
 * Every function works on a {@link StepState}; none reads a clock or does I/O.
 */
import type { Deadline, Responsible, Text } from "../blueprint/blueprint.schema";
import type { CompiledPipeline, CompiledRobot, CompiledStage } from "../compile/compile-blueprint";
import { cachedCondition } from "../compile/compile-blueprint";
import { truthy } from "../conditions";
import { EngineError } from "../errors";
import type { DealView, RobotContext, RobotEffect, TriggerEvent } from "../registry/definitions";
import { updatedTask } from "../store/copy-records";
import type { DealRecord, TaskRecord, TimerRecord } from "../store/records";
import { resolveTime, type ResolveTimeContext } from "../time";
import { isEmptyValue, sameValue, SETTABLE_CORE, validateFieldValues } from "./field-values";
import { renderTemplate } from "./template";
import type { StepState, WorkingDeal } from "./step-state";

export type MoveCause = "manual" | "trigger" | "robot" | "tunnel" | "reopen" | "import" | "publish";

/** Why a move was refused by its guards. */
export interface GuardVerdict {
  missing: string[];
  /** The transition guard's label or index, when it was false. */
  guard?: string;
}

const STATUS_OF = { process: "open", success: "won", failure: "lost" } as const;

function fieldMissing(r: DealRecord, id: string): boolean {
  if (id === "amount") return !(r.amount > 0);
  if (id === "title") return isEmptyValue(r.title);
  if (id === "client") return isEmptyValue(r.client);
  return !Object.hasOwn(r.fields, id) || isEmptyValue(r.fields[id]);
}

function moveEvent(s: StepState, w: WorkingDeal, from: string | null, to: string, by: MoveCause) {
  return { type: "move", from, to, by: by === "manual" && "user" in s.actor ? s.actor.user : by };
}

/** Checks the guards of a move: the target's `enter` fields, the current stage's `leave` fields, the transition's guard. */
export function checkGuards(
  s: StepState, w: WorkingDeal, from: CompiledStage | null, to: CompiledStage, transitionIndex: number, by: MoveCause,
  pipeline: CompiledPipeline | null,
): GuardVerdict {
  const missing: string[] = [];
  const event = moveEvent(s, w, from?.id ?? null, to.id, by);
  for (const g of to.enterGuards) needFields(s, w, g, event, missing);
  if (from && from.id !== to.id && (to.kind === "success" || (to.kind === "process" && to.rank > from.rank))) {
    for (const g of from.leaveGuards) needFields(s, w, g, event, missing);
  }
  let guard: string | undefined;
  if (pipeline && pipeline.transitions !== "any" && transitionIndex >= 0) {
    const t = pipeline.transitions[transitionIndex];
    if (t?.guard && !truthy(t.guard({ deal: s.view(w), event }))) {
      guard = typeof t.transition.label === "string" ? t.transition.label : t.transition.label?.en ?? `transition ${transitionIndex}`;
    }
  }
  return guard === undefined ? { missing } : { missing, guard };
}

/** A requireFields guard that applies (its condition holds) adds the fields it finds empty to `missing`. */
function needFields(s: StepState, w: WorkingDeal, g: CompiledRobot, event: Record<string, unknown>, missing: string[]): void {
  if (g.condition !== null && !truthy(g.condition({ deal: s.view(w), event }))) return;
  for (const f of (g.params as { fields: string[] }).fields) if (fieldMissing(w.record, f) && !missing.includes(f)) missing.push(f);
}

function blockedMessage(s: StepState, to: string, v: GuardVerdict): string {
  const names = v.missing.map((id) => {
    const f = s.bp.fields.get(id);
    const label = f ? (typeof f.label === "string" ? f.label : f.label.en) : id;
    return `'${label}' (${id})`;
  });
  const parts: string[] = [];
  if (names.length) parts.push(`fill in ${names.join(", ")}`);
  if (v.guard) parts.push(`meet the condition '${v.guard}'`);
  return `The deal cannot move to '${to}' yet: ${parts.join(" and ")} first.`;
}

/**
 * Moves a deal within its pipeline through the pipeline's XState machine. A manual move that is
 * refused throws; an automatic one records `deal.move.blocked` and answers false.
 */
export function moveWithin(s: StepState, w: WorkingDeal, toId: string, by: MoveCause, manual: boolean): boolean {
  const p = s.pipelineOf(w);
  const from = s.stageOf(w);
  const to = p.stages.get(toId);
  if (!to) {
    if (manual) throw new EngineError("NOT_FOUND", `Pipeline '${p.id}' has no stage '${toId}'.`, { stage: toId });
    s.record(w, "deal.move.blocked", { to: toId, missing: [], reason: "unknown-stage" });
    return false;
  }
  if (to.id === from.id) return false;
  let verdict: GuardVerdict = { missing: [] };
  const next = p.machine.move(from.id, to.id, (_f, _t, index) => {
    verdict = checkGuards(s, w, from, to, index, by, p);
    return verdict.missing.length === 0 && verdict.guard === undefined;
  });
  if (!next) {
    if (from.kind !== "process") {
      if (manual) throw new EngineError("FINAL_STAGE", `The deal is closed (stage '${from.id}'). A supervisor can reopen it to a process stage.`, { stage: from.id });
      s.record(w, "deal.move.blocked", { to: to.id, missing: [], reason: "final-stage" });
      return false;
    }
    if (!p.machine.hasEdge(from.id, to.id)) {
      if (manual) throw new EngineError("TRANSITION_NOT_ALLOWED", `Pipeline '${p.id}' does not allow a move from '${from.id}' to '${to.id}'.`, { from: from.id, to: to.id });
      s.record(w, "deal.move.blocked", { to: to.id, missing: [], reason: "transition-not-allowed" });
      return false;
    }
    const data = { to: to.id, missing: verdict.missing, ...(verdict.guard !== undefined ? { guard: verdict.guard } : {}) };
    if (manual) throw new EngineError("MOVE_BLOCKED", blockedMessage(s, to.id, verdict), data);
    s.record(w, "deal.move.blocked", data);
    return false;
  }
  for (const action of next.actions) {
    if (action.kind === "exit") leaveStage(s, w);
    else enterStage(s, w, p.stages.get(action.stage)!, by, from.id);
  }
  return true;
}

/** An automatic move (trigger, robot, tunnel): counted against the cascade limit. */
export function automaticMove(s: StepState, w: WorkingDeal, to: string, by: MoveCause): boolean {
  s.countAutomaticMove();
  return moveWithin(s, w, to, by, false);
}

/** Leaving the current stage: its pending robot timers and its robots' open tasks are cancelled. */
export function leaveStage(s: StepState, w: WorkingDeal): void {
  let cancelled: TaskRecord[] | null = null;
  for (const task of w.openTasks.values()) if (task.robot !== undefined && !task.keepOnExit) (cancelled ??= []).push(task);
  if (w.timers.size) {
    const stale: string[] = [];
    for (const t of w.timers.values()) {
      if (t.kind === "robot" || (t.task !== undefined && cancelled !== null && isCancelled(cancelled, t.task))) stale.push(t.id);
    }
    for (const id of stale) s.cancelTimer(w, id);
  }
  if (cancelled === null) return;
  for (const task of cancelled) {
    s.saveTask(w, updatedTask(task, { status: "cancelled", closedAt: s.env.now, closedBy: s.actor }));
    s.record(w, "task.cancelled", { task: task.id, reason: "deal-left-stage" });
  }
}

function isCancelled(cancelled: TaskRecord[], taskId: string): boolean {
  for (const t of cancelled) if (t.id === taskId) return true;
  return false;
}

/** Entering a stage: new entry number, status, history, then the stage's robots in list order. */
export function enterStage(
  s: StepState, w: WorkingDeal, stage: CompiledStage, by: MoveCause, from: string | null,
  extra: Record<string, unknown> | null = null, runRobotsToo = true,
): void {
  const r = w.record;
  r.stage = stage.id;
  r.stageEnteredAt = s.env.now;
  r.entry += 1;
  r.status = STATUS_OF[stage.kind];
  if (stage.kind === "process") delete r.closedAt;
  else r.closedAt = s.env.now;
  s.changed(w);
  if (from !== null) s.record(w, "deal.moved", extra === null ? { from, to: stage.id, by } : Object.assign({ from, to: stage.id, by }, extra));
  if (runRobotsToo) runRobots(s, w, stage, { type: "stage.entered", from, by });
}

function runRobots(s: StepState, w: WorkingDeal, stage: CompiledStage, event: Record<string, unknown>): void {
  const entry = w.record.entry;
  for (const cr of stage.robots) {
    if (cr.def.guard || cr.robot.enabled === false) continue;
    if (w.record.entry !== entry) {
      s.record(w, "robot.skipped", { robot: cr.robot.id, reason: "deal-left-stage" });
      continue;
    }
    if (cr.robot.delay) scheduleRobot(s, w, cr);
    else executeRobot(s, w, cr, event);
  }
}

function timeContext(s: StepState, w: WorkingDeal, from: Date, workingTime: boolean | undefined, eventAt?: Date): ResolveTimeContext {
  const cal = s.bp.calendar;
  return {
    from, fields: w.record.fields, eventAt,
    timeZone: cal?.timeZone ?? s.env.timeZone,
    calendar: workingTime ? cal : undefined,
  };
}

function scheduleRobot(s: StepState, w: WorkingDeal, cr: CompiledRobot): void {
  const delay = cr.robot.delay!;
  const at = resolveTime(delay, timeContext(s, w, s.env.nowDate, "workingTime" in delay ? delay.workingTime : false));
  const timer: TimerRecord = {
    id: s.env.ids.id("timer"), kind: "robot", dueAt: at ? at.toISOString() : null, deal: w.record.id,
    entry: w.record.entry, blueprintVersion: s.bp.version, robot: cr.robot.id,
    ...("field" in delay ? { field: delay.field } : {}),
  };
  s.addTimer(w, timer);
}

/** Runs one robot now: its condition, its executor, then its effects in order. */
export function executeRobot(s: StepState, w: WorkingDeal, cr: CompiledRobot, event: Record<string, unknown>): void {
  const ctx = { deal: s.view(w), event };
  if (cr.condition && !truthy(cr.condition(ctx))) {
    s.record(w, "robot.skipped", { robot: cr.robot.id, reason: "condition-false", condition: cr.robot.condition });
    return;
  }
  let effects: RobotEffect[];
  try {
    const robotCtx: RobotContext<unknown> = {
      params: cr.params, robot: { id: cr.robot.id, type: cr.robot.type }, deal: ctx.deal, event, now: s.env.now,
      render: renderWith(ctx.deal), evaluate: evaluateWith(s, cr, ctx),
    };
    effects = cr.def.execute!(robotCtx);
    if (!Array.isArray(effects)) throw new Error("the executor did not return a list of effects");
  } catch (e) {
    s.record(w, "robot.failed", { robot: cr.robot.id, error: e instanceof Error ? e.message : String(e), attempt: 1 });
    return;
  }
  const types: string[] = [];
  for (const e of effects) types.push(e.type);
  s.record(w, "robot.ran", { robot: cr.robot.id, effects: types });
  const entry = w.record.entry;
  for (let i = 0; i < effects.length; i++) {
    const effect = effects[i]!;
    if (w.record.entry !== entry && effect.type !== "outbox" && effect.type !== "notify") continue;
    applyEffect(s, w, cr, effect, i);
  }
}

// The robot context's functions are made by these factories, not written inline: an inline arrow
// assigned to a property is a named function, which the dev build (esbuild's keepNames, as tsx
// runs it) wraps in a `__name` call on every creation, i.e. on every robot run.
function renderWith(deal: DealView): RobotContext<unknown>["render"] {
  return function (t: Text, locale?: string) {
    return renderTemplate(t, deal, locale);
  };
}

function evaluateWith(s: StepState, cr: CompiledRobot, ctx: { deal: DealView; event: Record<string, unknown> }): RobotContext<unknown>["evaluate"] {
  return function (rule) {
    const compiled = cr.paramConditions.get("expression") ?? cachedCondition(s.bp, rule);
    return compiled(ctx);
  };
}

/** Who a role names, for this deal. */
export function resolveResponsible(s: StepState, w: WorkingDeal, r: Responsible, robotId: string): string {
  switch (r.kind) {
    case "dealResponsible": return w.record.responsible;
    case "supervisor": return s.env.lookups.supervisorOf(w.record.responsible) ?? w.record.responsible;
    case "user": return r.user;
    case "roundRobin": return r.users[s.env.lookups.roundRobin(robotId, r.users.length) % r.users.length]!;
  }
}

function outboxKey(w: WorkingDeal, robotId: string, i: number): string {
  return `${w.record.id}:${w.record.entry}:${robotId}${i > 0 ? `:${i}` : ""}`;
}

function applyEffect(s: StepState, w: WorkingDeal, cr: CompiledRobot, effect: RobotEffect, i: number): void {
  const robotId = cr.robot.id;
  switch (effect.type) {
    case "task.create":
      createTask(s, w, {
        robot: robotId, title: effect.title, description: effect.description,
        responsible: resolveResponsible(s, w, effect.responsible, robotId),
        deadline: effect.deadline, checklist: effect.checklist, keepOnExit: effect.keepOnExit ?? false,
      });
      return;
    case "field.set": {
      const issues = validateFieldValues(s.bp.fields, { [effect.field]: effect.value });
      if (issues.length) {
        s.record(w, "robot.failed", { robot: robotId, error: issues.map((x) => x.message).join(" "), attempt: 1 });
        return;
      }
      setFields(s, w, { [effect.field]: effect.value }, true);
      return;
    }
    case "responsible.change": {
      const to = resolveResponsible(s, w, effect.to, robotId);
      if (to !== w.record.responsible) {
        const from = w.record.responsible;
        w.record.responsible = to;
        s.changed(w);
        s.record(w, "deal.responsible.changed", { from, to, robot: robotId });
      }
      return;
    }
    case "stage.change":
      automaticMove(s, w, effect.stage, "robot");
      return;
    case "tunnel":
      tunnel(s, w, robotId, effect);
      return;
    case "survey.send": {
      const survey = s.bp.surveys.get(effect.survey);
      if (!survey) {
        s.record(w, "robot.failed", { robot: robotId, error: `survey '${effect.survey}' is not in the blueprint`, attempt: 1 });
        return;
      }
      const token = s.env.ids.token();
      const url = `/s/${token}`;
      s.surveys.push({ token, deal: w.record.id, survey: survey.id, robot: robotId, recipient: effect.recipient, channel: effect.channel, url, status: "sent", sentAt: s.env.now });
      s.record(w, "survey.sent", { survey: survey.id, token, url });
      s.outbox.push({
        id: s.env.ids.id("outbox"), key: outboxKey(w, robotId, i), kind: "survey", deal: w.record.id,
        payload: { survey: survey.id, token, url, recipient: effect.recipient, channel: effect.channel, question: survey.question },
        createdAt: s.env.now, attempts: 0, nextAttemptAt: s.env.now,
      });
      return;
    }
    case "notify":
      s.outbox.push({
        id: s.env.ids.id("outbox"), key: outboxKey(w, robotId, i), kind: "notify", deal: w.record.id,
        payload: { to: resolveResponsible(s, w, effect.to, robotId), text: effect.text, ...(effect.texts ? { texts: effect.texts } : {}), deal: w.record.id },
        createdAt: s.env.now, attempts: 0, nextAttemptAt: s.env.now,
      });
      return;
    case "outbox":
      s.outbox.push({
        id: s.env.ids.id("outbox"), key: outboxKey(w, robotId, i), kind: effect.kind, deal: w.record.id,
        payload: effect.payload, createdAt: s.env.now, attempts: 0, nextAttemptAt: s.env.now,
      });
      return;
    default:
      s.record(w, "robot.failed", { robot: robotId, error: `unknown effect type '${(effect as { type: string }).type}'`, attempt: 1 });
  }
}

/** Creates a task with its deadline and, when it has one, its deadline timer. */
export function createTask(
  s: StepState, w: WorkingDeal,
  t: { robot?: string; title: Text; description?: Text | undefined; responsible: string; deadline?: Deadline | undefined; checklist?: Text[] | undefined; keepOnExit: boolean },
): TaskRecord {
  const r = w.record;
  // One literal, then the optional keys (no conditional spreads: no temporary object per key).
  const task: TaskRecord = {
    id: s.env.ids.id("task"), deal: r.id, pipeline: r.pipeline, stage: r.stage, entry: r.entry, title: t.title,
    responsible: t.responsible, keepOnExit: t.keepOnExit, status: "open", createdAt: s.env.now, overdue: false, reschedules: 0,
  };
  if (t.robot !== undefined) task.robot = t.robot;
  if (t.description !== undefined) task.description = t.description;
  if (t.checklist !== undefined) task.checklist = t.checklist;
  if (t.deadline !== undefined) task.deadlineRule = t.deadline;
  if (t.deadline && !("afterEvent" in t.deadline)) {
    const at = resolveTime(t.deadline, timeContext(s, w, s.env.nowDate, "workingTime" in t.deadline ? t.deadline.workingTime : false));
    if (at) task.deadline = at.toISOString();
    addDeadlineTimer(s, w, task, "field" in t.deadline ? t.deadline.field : undefined);
  }
  s.saveTask(w, task);
  s.record(w, "task.created", { task: task.id, robot: task.robot ?? null, responsible: task.responsible, deadline: task.deadline ?? null, title: task.title });
  return task;
}

function addDeadlineTimer(s: StepState, w: WorkingDeal, task: TaskRecord, field?: string): void {
  const timer: TimerRecord = {
    id: s.env.ids.id("timer"), kind: "deadline", dueAt: task.deadline ?? null, deal: w.record.id, entry: w.record.entry,
    blueprintVersion: s.bp.version, task: task.id,
  };
  if (task.robot !== undefined) timer.robot = task.robot;
  if (field !== undefined) timer.field = field;
  s.addTimer(w, timer);
}

/** Sets a task's deadline (reschedule or an `afterEvent` start): replaces its deadline timer. */
export function setTaskDeadline(s: StepState, w: WorkingDeal, task: TaskRecord, deadline: string | null, field?: string): TaskRecord {
  for (const t of [...w.timers.values()]) if (t.kind === "deadline" && t.task === task.id) s.cancelTimer(w, t.id);
  const next = updatedTask(task, { overdue: deadline !== null && deadline <= s.env.now ? task.overdue : false });
  if (deadline === null) delete next.deadline;
  else next.deadline = deadline;
  addDeadlineTimer(s, w, next, field);
  s.saveTask(w, next);
  return next;
}

/**
 * Applies field updates (core attributes and blueprint fields), records `deal.fields.changed`,
 * reschedules timers counted from a changed date field, and — when `raise` — dispatches one
 * `fieldChanged` event per changed field, which may pull the deal elsewhere.
 */
export function setFields(s: StepState, w: WorkingDeal, values: Record<string, unknown>, raise: boolean): void {
  const changes: { field: string; old: unknown; new: unknown }[] = [];
  const r = w.record;
  for (const [field, value] of Object.entries(values)) {
    if (SETTABLE_CORE.has(field)) {
      const core = r as unknown as Record<string, unknown>;
      const old = core[field] ?? null;
      if (sameValue(old, value)) continue;
      if (value === null) delete core[field];
      else core[field] = value;
      changes.push({ field, old, new: value });
      continue;
    }
    const old = Object.hasOwn(r.fields, field) ? r.fields[field] : null;
    if (sameValue(old, value)) continue;
    if (value === null) delete r.fields[field];
    else r.fields[field] = value;
    changes.push({ field, old, new: value });
  }
  if (!changes.length) return;
  s.changed(w);
  s.record(w, "deal.fields.changed", { changes });
  for (const c of changes) rescheduleFromField(s, w, c.field);
  if (!raise) return;
  for (const c of changes) dispatchEvent(s, w, { type: "fieldChanged", field: c.field, old: c.old, new: c.new });
}

function rescheduleFromField(s: StepState, w: WorkingDeal, field: string): void {
  for (const t of [...w.timers.values()]) {
    if (t.field !== field) continue;
    if (t.kind === "robot") {
      const cr = t.robot ? s.bp.robots.get(t.robot) : undefined;
      const delay = cr?.robot.delay;
      if (!delay) continue;
      const at = resolveTime(delay, timeContext(s, w, new Date(w.record.stageEnteredAt), "workingTime" in delay ? delay.workingTime : false));
      const dueAt = at ? at.toISOString() : null;
      if (dueAt === t.dueAt) continue;
      s.cancelTimer(w, t.id);
      s.addTimer(w, { ...t, id: s.env.ids.id("timer"), dueAt });
    } else {
      const task = t.task ? w.openTasks.get(t.task) : undefined;
      const rule = task?.deadlineRule;
      if (!task || !rule || !("field" in rule)) continue;
      const at = resolveTime(rule, timeContext(s, w, new Date(task.createdAt), rule.workingTime));
      const deadline = at ? at.toISOString() : null;
      if (deadline === (task.deadline ?? null)) continue;
      setTaskDeadline(s, w, task, deadline, field);
    }
  }
}

function tunnel(s: StepState, w: WorkingDeal, robotId: string, e: Extract<RobotEffect, { type: "tunnel" }>): void {
  s.countAutomaticMove();
  const tp = s.bp.pipelines.get(e.pipeline);
  const ts = tp?.stages.get(e.stage);
  const to = `${e.pipeline}/${e.stage}`;
  if (!tp || !ts) {
    s.record(w, "robot.failed", { robot: robotId, error: `tunnel target '${to}' is not in the blueprint`, attempt: 1 });
    return;
  }
  const src = w.record;
  if (e.mode === "move") {
    if (src.status !== "open") {
      s.record(w, "robot.failed", { robot: robotId, error: "a 'move' tunnel cannot take a closed deal; use 'copy'", attempt: 1 });
      return;
    }
    const probe = { ...w, record: { ...src, pipeline: tp.id } };
    const v = checkGuards(s, probe, null, ts, -1, "tunnel", null);
    if (v.missing.length) {
      s.record(w, "deal.move.blocked", { to, missing: v.missing, tunnel: robotId });
      return;
    }
    const from = `${src.pipeline}/${src.stage}`;
    leaveStage(s, w);
    src.pipeline = tp.id;
    s.record(w, "deal.copied", { toDeal: src.id, pipeline: tp.id, stage: ts.id, mode: "move" });
    enterStage(s, w, ts, "tunnel", from, { pipeline: tp.id });
    return;
  }
  const carried: Record<string, unknown> = {};
  const keys = e.carry === "all" ? Object.keys(src.fields) : e.carry;
  for (const k of keys) if (Object.hasOwn(src.fields, k)) carried[k] = structuredCloneJson(src.fields[k]);
  const record: DealRecord = {
    id: s.env.ids.id("deal"), title: src.title, pipeline: tp.id, stage: ts.id, status: STATUS_OF[ts.kind],
    amount: src.amount, currency: src.currency, responsible: src.responsible,
    ...(src.client !== undefined ? { client: src.client } : {}), ...(src.source !== undefined ? { source: src.source } : {}),
    createdAt: s.env.now, stageEnteredAt: s.env.now, version: 0, entry: 0, seq: 0, fields: carried, sourceDeal: src.id,
  };
  const probe: WorkingDeal = { record, expectedVersion: null, openTasks: new Map(), timers: new Map(), view: null, touched: false };
  const v = checkGuards(s, probe, null, ts, -1, "tunnel", null);
  if (v.missing.length) {
    s.record(w, "deal.move.blocked", { to, missing: v.missing, tunnel: robotId, mode: "copy" });
    return;
  }
  const nw = s.create(record);
  s.record(nw, "deal.created", { pipeline: tp.id, stage: ts.id, by: "tunnel", source: src.id }, { system: "tunnel" });
  s.record(w, "deal.copied", { toDeal: record.id, pipeline: tp.id, stage: ts.id, mode: "copy" });
  enterStage(s, nw, ts, "tunnel", null);
}

function structuredCloneJson<T>(v: T): T {
  return v === null || typeof v !== "object" ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * An event reaches a deal: `afterEvent` deadlines waiting for it start, then the pipeline's
 * triggers of its type are matched. The furthest-forward stage wins; ties go to blueprint order.
 * Triggers never pull a deal out of success or failure.
 */
export function dispatchEvent(s: StepState, w: WorkingDeal, event: TriggerEvent, onlyTrigger?: string): string | null {
  for (const task of [...w.openTasks.values()]) {
    const rule = task.deadlineRule;
    if (task.deadline !== undefined || !rule || !("afterEvent" in rule) || rule.afterEvent.type !== event.type) continue;
    if (rule.afterEvent.match !== undefined && !truthy(cachedCondition(s.bp, rule.afterEvent.match)({ deal: s.view(w), event }))) continue;
    const at = resolveTime(rule, { ...timeContext(s, w, s.env.nowDate, rule.workingTime, s.env.nowDate) });
    if (at) setTaskDeadline(s, w, task, at.toISOString());
  }
  if (w.record.status !== "open") return null;
  const p = s.pipelineOf(w);
  const current = p.stages.get(w.record.stage);
  if (!current || current.kind !== "process") return null;
  let best: { trigger: string; stage: CompiledStage } | null = null;
  for (const ct of p.triggersByType.get(event.type) ?? []) {
    if (onlyTrigger !== undefined && ct.trigger.id !== onlyTrigger) continue;
    const st = p.stages.get(ct.stage)!;
    if (st.id === current.id) continue;
    const forward = st.rank > current.rank;
    const backward = ct.trigger.allowBackward === true && st.kind === "process" && st.rank < current.rank;
    if (!forward && !backward) continue;
    if (best && (st.rank < best.stage.rank || (st.rank === best.stage.rank && st.index >= best.stage.index))) continue;
    if (!ct.def.matches(ct.params, event)) continue;
    if (ct.condition && !truthy(ct.condition({ deal: s.view(w), event }))) continue;
    best = { trigger: ct.trigger.id, stage: st };
  }
  if (!best) return null;
  s.record(w, "trigger.fired", { trigger: best.trigger, event: event.type, stage: best.stage.id }, { system: "trigger" });
  automaticMove(s, w, best.stage.id, "trigger");
  return best.trigger;
}
