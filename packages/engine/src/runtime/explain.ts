/**
 * "Why is this deal here, and what is it waiting for?" — answered from the deal, its open tasks,
 * its pending timers, its history and the blueprint, in words and as data.
 */
import type { CompiledBlueprint } from "../compile/compile-blueprint";
import type { HistoryRow, TaskRecord } from "../store/records";
import type { LoadedDeal } from "../store/store";
import { isEmptyValue } from "./field-values";

export interface Explanation {
  deal: string;
  pipeline: string;
  stage: string;
  status: string;
  since: string;
  /** How it got here: the `deal.moved` or `deal.created` row, with the trigger that fired if any. */
  arrived: { by: string; at: string; actor: HistoryRow["actor"]; trigger?: string; from?: string } | null;
  /** Robots of this stage that were skipped this time, with the condition that was false. */
  skippedRobots: { robot: string; reason: string; condition?: unknown }[];
  /** Robots of this stage that failed this time. */
  failedRobots: { robot: string; error: string }[];
  openTasks: { task: string; title: TaskRecord["title"]; responsible: string; deadline: string | null; overdue: boolean; waitingForEvent?: string }[];
  /** Delayed robots still to run, and when. */
  waitingRobots: { robot: string; dueAt: string | null; field?: string }[];
  /** Triggers that can still pull the deal on, by stage. */
  triggers: { trigger: string; type: string; stage: string; condition?: unknown }[];
  /** Fields still missing before the deal can move to the next process stage (or to success). */
  nextStage: { stage: string; missing: string[] } | null;
  /** Recent moves refused by guards. */
  blockedMoves: { to: string; missing: string[]; guard?: string; at: string }[];
  /** The same, in sentences. */
  text: string[];
}

function label(t: unknown): string {
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && "en" in t) return String((t as { en: unknown }).en);
  return "";
}

/** Builds the explanation of a deal (pure). */
export function explainDeal(bp: CompiledBlueprint, loaded: LoadedDeal, history: HistoryRow[], now: Date): Explanation {
  const r = loaded.record;
  const p = bp.pipelines.get(r.pipeline);
  const stage = p?.stages.get(r.stage);
  const text: string[] = [];
  let entryIndex = -1;
  for (let i = history.length - 1; i >= 0; i--) {
    const t = history[i]!.type;
    if (t === "deal.moved" || t === "deal.created") { entryIndex = i; break; }
  }
  const arrivedRow = entryIndex >= 0 ? history[entryIndex]! : null;
  const sinceEntry = entryIndex >= 0 ? history.slice(entryIndex) : [];
  const fired = entryIndex > 0 && history[entryIndex - 1]!.type === "trigger.fired" ? String(history[entryIndex - 1]!.data["trigger"]) : undefined;
  const arrived = arrivedRow
    ? {
        by: String(arrivedRow.data["by"] ?? "manual"), at: arrivedRow.at, actor: arrivedRow.actor,
        ...(fired ? { trigger: fired } : {}),
        ...(arrivedRow.data["from"] !== undefined && arrivedRow.data["from"] !== null ? { from: String(arrivedRow.data["from"]) } : {}),
      }
    : null;
  const who = (a: HistoryRow["actor"]) => ("user" in a ? `user ${a.user}` : `the system (${a.system})`);
  if (arrived) {
    text.push(
      arrivedRow!.type === "deal.created"
        ? `The deal was created in '${label(stage?.stage.label) || r.stage}' by ${who(arrived.actor)} at ${arrived.at}.`
        : `The deal came to '${label(stage?.stage.label) || r.stage}' from '${arrived.from}' at ${arrived.at}, moved by ${fired ? `trigger '${fired}'` : arrived.by === "manual" ? who(arrived.actor) : arrived.by}.`,
    );
  }
  if (r.status !== "open") text.push(`The deal is ${r.status === "won" ? "won" : "lost"}; it stays here unless a supervisor reopens it.`);
  const skippedRobots = sinceEntry.filter((h) => h.type === "robot.skipped").map((h) => ({
    robot: String(h.data["robot"]), reason: String(h.data["reason"]), ...(h.data["condition"] !== undefined ? { condition: h.data["condition"] } : {}),
  }));
  for (const s of skippedRobots) {
    text.push(s.reason === "condition-false"
      ? `Robot '${s.robot}' did not run: its condition ${JSON.stringify(s.condition)} was false.`
      : `Robot '${s.robot}' did not run: the deal left the stage first.`);
  }
  const failedRobots = sinceEntry.filter((h) => h.type === "robot.failed").map((h) => ({ robot: String(h.data["robot"]), error: String(h.data["error"]) }));
  for (const f of failedRobots) text.push(`Robot '${f.robot}' failed: ${f.error}.`);
  const openTasks = loaded.openTasks.map((t) => {
    const rule = t.deadlineRule;
    const waiting = !t.deadline && rule && "afterEvent" in rule ? rule.afterEvent.type : undefined;
    const overdue = t.overdue || (t.deadline !== undefined && t.deadline <= now.toISOString());
    text.push(`Open task '${label(t.title)}' for ${t.responsible}${t.deadline ? `, due ${t.deadline}${overdue ? " (overdue)" : ""}` : waiting ? `, its deadline starts with the next '${waiting}' event` : ", no deadline"}.`);
    return { task: t.id, title: t.title, responsible: t.responsible, deadline: t.deadline ?? null, overdue, ...(waiting ? { waitingForEvent: waiting } : {}) };
  });
  if (!openTasks.length && r.status === "open") text.push("The deal has no open task (it is shown in red).");
  const waitingRobots = loaded.timers.filter((t) => t.kind === "robot").map((t) => ({ robot: t.robot ?? "", dueAt: t.dueAt, ...(t.field ? { field: t.field } : {}) }));
  for (const w of waitingRobots) text.push(w.dueAt ? `Robot '${w.robot}' will run at ${w.dueAt}.` : `Robot '${w.robot}' waits for field '${w.field}' to be filled.`);
  const triggers: Explanation["triggers"] = [];
  let nextStage: Explanation["nextStage"] = null;
  if (p && stage && stage.kind === "process" && r.status === "open") {
    for (const st of p.ordered) {
      for (const ct of st.triggers) {
        const forward = st.rank > stage.rank;
        const backward = ct.trigger.allowBackward === true && st.kind === "process" && st.rank < stage.rank;
        if (st.id === stage.id || (!forward && !backward)) continue;
        triggers.push({ trigger: ct.trigger.id, type: ct.trigger.type, stage: st.id, ...(ct.trigger.condition !== undefined ? { condition: ct.trigger.condition } : {}) });
      }
    }
    for (const t of triggers) text.push(`Trigger '${t.trigger}' (${t.type}) can pull it to '${t.stage}'.`);
    const next = p.ordered.find((s) => s.kind === "process" && s.rank === stage.rank + 1) ?? p.ordered.find((s) => s.kind === "success");
    if (next) {
      const missing: string[] = [];
      for (const g of [...next.enterGuards, ...stage.leaveGuards]) {
        for (const f of (g.params as { fields: string[] }).fields) {
          const empty = f === "amount" ? !(r.amount > 0) : f === "title" ? isEmptyValue(r.title) : f === "client" ? isEmptyValue(r.client) : !Object.hasOwn(r.fields, f) || isEmptyValue(r.fields[f]);
          if (empty && !missing.includes(f)) missing.push(f);
        }
      }
      nextStage = { stage: next.id, missing };
      if (missing.length) text.push(`To move on to '${next.id}', fill in: ${missing.join(", ")}.`);
    }
  }
  const blockedMoves = history.filter((h) => h.type === "deal.move.blocked").slice(-5).map((h) => ({
    to: String(h.data["to"]), missing: (h.data["missing"] as string[]) ?? [], at: h.at,
    ...(h.data["guard"] !== undefined ? { guard: String(h.data["guard"]) } : {}),
  }));
  return {
    deal: r.id, pipeline: r.pipeline, stage: r.stage, status: r.status, since: r.stageEnteredAt, arrived,
    skippedRobots, failedRobots, openTasks, waitingRobots, triggers, nextStage, blockedMoves, text,
  };
}
