/**
 * A deal's history rows in words, in the UI language: "Moved from Lead to Proposal", "Task
 * “Call the client” for manager, due 3 Mar, 10:00", "Robot 'sync' (custom type): not simulated".
 */
import type { Blueprint, HistoryRow, Robot, Text } from "@voronka/engine";
import type { MessageKey } from "../i18n";
import { textOf } from "../model/text";

/** What describing needs: the blueprint, the locale, translation, and which robot types are stand-ins. */
export interface DescribeContext {
  blueprint: Blueprint;
  locale: string;
  timeZone: string;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** True for robot types the browser does not run. */
  isStandIn(type: string): boolean;
  /** The pipeline a deal is in (rows name stages by id). */
  pipelineOf(dealId: string): string | undefined;
}

/** One described row: the text and a tone for the list. */
export interface DescribedRow {
  text: string;
  tone: "move" | "robot" | "task" | "problem" | "info";
}

/** Formats an instant in the simulation's time zone. */
export function formatInstant(iso: unknown, locale: string, timeZone: string): string {
  if (typeof iso !== "string") return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
}

function findRobot(bp: Blueprint, id: unknown): Robot | undefined {
  for (const p of bp.pipelines) for (const s of p.stages) for (const r of s.robots) if (r.id === id) return r;
  return undefined;
}

const EFFECTS = ["task.create", "field.set", "responsible.change", "stage.change", "tunnel", "survey.send", "notify", "outbox"] as const;

/** A robot effect type in words ("created a task"); unknown ones as they are. */
function effectWords(effect: string, t: DescribeContext["t"]): string {
  return (EFFECTS as readonly string[]).includes(effect) ? t(`effect.${effect as (typeof EFFECTS)[number]}`) : effect;
}

const str = (v: unknown): string => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/**
 * Describes one history row.
 *
 * @example
 * describeRow({ type: "deal.moved", data: { from: "lead", to: "proposal", by: "manual" }, … }, ctx).text
 */
export function describeRow(row: HistoryRow, ctx: DescribeContext): DescribedRow {
  const { t, blueprint, locale } = ctx;
  const d = row.data;
  const pipeline = blueprint.pipelines.find((p) => p.id === (typeof d["pipeline"] === "string" ? d["pipeline"] : ctx.pipelineOf(row.deal)));
  const stage = (id: unknown) => textOf(pipeline?.stages.find((s) => s.id === id)?.label, locale) || str(id);
  const robot = (id: unknown) => str(id);
  const when = (iso: unknown) => formatInstant(iso, locale, ctx.timeZone);
  switch (row.type) {
    case "deal.created":
      return { tone: "move", text: d["by"] === "tunnel" ? t("history.createdByTunnel", { stage: stage(d["stage"]), source: str(d["source"]) }) : t("history.created", { stage: stage(d["stage"]) }) };
    case "deal.moved":
      return { tone: "move", text: t("history.moved", { from: stage(d["from"]), to: stage(d["to"]), by: t(`history.by.${str(d["by"])}` as MessageKey) }) };
    case "deal.move.blocked": {
      const missing = Array.isArray(d["missing"]) && d["missing"].length ? (d["missing"] as unknown[]).map(str).join(", ") : null;
      return { tone: "problem", text: missing ? t("history.blockedMissing", { to: stage(d["to"]), missing }) : t("history.blocked", { to: stage(d["to"]), reason: str(d["reason"] ?? d["guard"] ?? "") }) };
    }
    case "deal.fields.changed": {
      const changes = Array.isArray(d["changes"]) ? (d["changes"] as { field: string; old: unknown; new: unknown }[]) : [];
      return { tone: "info", text: t("history.fields", { changes: changes.map((c) => `${c.field}: ${str(c.old)} → ${str(c.new)}`).join("; ") }) };
    }
    case "deal.responsible.changed":
      return { tone: "info", text: t("history.responsible", { from: str(d["from"]), to: str(d["to"]) }) };
    case "deal.copied":
      return { tone: "move", text: t("history.copied", { pipeline: str(d["pipeline"]), stage: str(d["stage"]), mode: str(d["mode"]), deal: str(d["toDeal"]) }) };
    case "deal.reopened":
      return { tone: "move", text: t("history.reopened", { reason: str(d["reason"]) }) };
    case "robot.ran": {
      const r = findRobot(blueprint, d["robot"]);
      if (r && ctx.isStandIn(r.type)) return { tone: "problem", text: t("history.notSimulated", { robot: robot(d["robot"]), type: r.type }) };
      const effects = Array.isArray(d["effects"]) ? (d["effects"] as unknown[]).map((e) => effectWords(String(e), t)).join(", ") : "";
      return { tone: "robot", text: effects ? t("history.robotRan", { robot: robot(d["robot"]), effects }) : t("history.robotRanNothing", { robot: robot(d["robot"]) }) };
    }
    case "robot.skipped":
      return { tone: "info", text: t(d["reason"] === "condition-false" ? "history.skippedCondition" : "history.skippedLeft", { robot: robot(d["robot"]) }) };
    case "robot.failed":
      return { tone: "problem", text: t("history.robotFailed", { robot: robot(d["robot"]), error: str(d["error"]) }) };
    case "task.created":
      return {
        tone: "task",
        text: d["deadline"]
          ? t("history.taskCreated", { title: textOf(d["title"] as Text | undefined, locale) || str(d["task"]), responsible: str(d["responsible"]), deadline: when(d["deadline"]) })
          : t("history.taskCreatedNoDeadline", { title: textOf(d["title"] as Text | undefined, locale) || str(d["task"]), responsible: str(d["responsible"]) }),
      };
    case "task.completed":
      return { tone: "task", text: t("history.taskCompleted", { task: str(d["task"]) }) };
    case "task.cancelled":
      return { tone: "task", text: t("history.taskCancelled", { task: str(d["task"]), reason: str(d["reason"]) }) };
    case "task.rescheduled":
      return { tone: "task", text: t("history.taskRescheduled", { task: str(d["task"]), to: when(d["to"]), reason: str(d["reason"]) }) };
    case "task.overdue":
      return { tone: "problem", text: t("history.taskOverdue", { task: str(d["task"]) }) };
    case "survey.sent":
      return { tone: "info", text: t("history.surveySent", { survey: str(d["survey"]) }) };
    case "survey.answered":
      return { tone: "info", text: t("history.surveyAnswered", { score: str(d["score"]), band: str(d["band"]) }) };
    case "activity.logged":
      return { tone: "info", text: t("history.activity", { type: str(d["type"]) }) };
    case "trigger.fired":
      return { tone: "move", text: d["fired"] === false ? t("history.triggerNotFired", { trigger: str(d["trigger"]) }) : t("history.triggerFired", { trigger: str(d["trigger"]), stage: stage(d["stage"]) }) };
    case "timer.dropped":
      return { tone: "info", text: t("history.timerDropped", { reason: str(d["reason"]) }) };
    default:
      return { tone: "info", text: `${row.type} ${JSON.stringify(d)}` };
  }
}
