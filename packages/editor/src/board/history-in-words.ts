/**
 * A deal's history in words, in English or Russian, for every row type of the normative catalogue
 * (DESIGN.md "History"): "Moved from “Presentation” to “Failure” by hand", "Robot “Prepare the
 * CP” skipped: amount < 100,000", "Task “Check the loss reason” for Susanna Ivanova, due …".
 * Stages, fields, options, activity types and robots are named by the blueprint's labels; people
 * by their names; conditions through {@link conditionInWords}.
 */
import type { Actor, Blueprint, HistoryRow, Robot, Text } from "@voronka/engine";
import { translate, type Locale, type MessageKey } from "../i18n";
import type { Person } from "./board-api";
import { conditionInWords, type ConditionWords } from "./condition-in-words";
import {
  activityLabel, fieldLabel, fieldOf, formatDate, formatInstant, formatMoney, formatNumber, label, optionLabel, personName, pipelineLabel, stageLabel, surveyLabel,
} from "./format";

/** What reading a row needs. */
export interface HistoryContext {
  blueprint: Blueprint | null;
  locale: Locale;
  people: readonly Person[];
  /** The pipeline the deal was in at this row (rows name stages by id). */
  pipeline: string;
  /** Task titles by task id (from `task.created` rows and task lists). */
  taskTitles?: ReadonlyMap<string, Text>;
  /** Deal titles by id, for tunnel links; ids otherwise. */
  dealTitles?: ReadonlyMap<string, string>;
  /** For instants; the browser's zone when absent. */
  timeZone?: string;
}

/** A row in words, with a tone for the list (colour and icon). */
export interface RowInWords {
  text: string;
  tone: "move" | "robot" | "task" | "problem" | "info";
}

type Params = Record<string, string | number>;

/** The words of the connectives and the core attributes, for conditions. */
export function conditionWords(blueprint: Blueprint | null, locale: Locale): ConditionWords {
  return {
    blueprint, locale,
    word: (key) => translate(locale, `board.cond.${key}` as MessageKey),
    attribute: (name) => coreName(name, locale),
  };
}

const CORE = ["title", "amount", "currency", "client", "stage", "pipeline", "status", "responsible", "createdAt", "stageEnteredAt"] as const;

/** A core attribute's name ("amount" / "сумма"), or undefined for anything else. */
export function coreName(name: string, locale: Locale): string | undefined {
  return (CORE as readonly string[]).includes(name) ? translate(locale, `board.attr.${name as (typeof CORE)[number]}`) : undefined;
}

/** Who acted: a person's name, or the system part that did it. */
export function actorInWords(actor: Actor | undefined, ctx: Pick<HistoryContext, "locale" | "people">): string {
  if (!actor) return "—";
  if ("user" in actor) return personName(ctx.people, actor.user);
  return translate(ctx.locale, `board.actor.${actor.system}` as MessageKey);
}

function findRobot(bp: Blueprint | null, id: unknown): Robot | undefined {
  for (const p of bp?.pipelines ?? []) for (const s of p.stages) for (const r of s.robots) if (r.id === id) return r;
  return undefined;
}

/** A robot's name: its task's title, its tunnel's target, or its id. */
export function robotName(bp: Blueprint | null, id: unknown, locale: Locale): string {
  const robot = findRobot(bp, id);
  if (!robot) return String(id ?? "—");
  const params = robot.params as Record<string, unknown>;
  if (robot.type === "createTask" && params["title"] !== undefined) return label(params["title"] as Text, locale, robot.id);
  if (robot.type === "copyToTunnel" && typeof params["pipeline"] === "string") {
    return translate(locale, "board.robot.tunnel", { target: `${pipelineLabel(bp, params["pipeline"], locale)} / ${stageLabel(bp, params["pipeline"], params["stage"], locale)}` });
  }
  if (robot.type === "sendSurvey") return translate(locale, "board.robot.survey");
  if (robot.type === "notify") return translate(locale, "board.robot.notify");
  return robot.id;
}

/** A stage reference: `stage` in the row's pipeline, or `pipeline/stage` for a tunnel. */
function stageRef(ctx: HistoryContext, ref: unknown, pipeline = ctx.pipeline): string {
  if (typeof ref === "string" && ref.includes("/")) {
    const [p, s] = ref.split("/") as [string, string];
    return `${pipelineLabel(ctx.blueprint, p, ctx.locale)} / ${stageLabel(ctx.blueprint, p, s, ctx.locale)}`;
  }
  return stageLabel(ctx.blueprint, pipeline, ref, ctx.locale);
}

/** A field's value in words, by the field's type. */
export function valueInWords(ctx: Pick<HistoryContext, "blueprint" | "locale" | "people">, fieldId: string, value: unknown): string {
  const { locale } = ctx;
  if (value === null || value === undefined || value === "") return "—";
  const f = fieldOf(ctx.blueprint, fieldId);
  if (Array.isArray(value)) return value.map((v) => valueInWords(ctx, fieldId, v)).join(", ");
  if (fieldId === "amount" && typeof value === "number") return formatNumber(value, locale);
  if (fieldId === "responsible") return personName(ctx.people, value);
  const o = typeof value === "object" ? (value as Record<string, unknown>) : null;
  switch (f?.type) {
    case "enum": return optionLabel(f, value, locale);
    case "boolean": return translate(locale, value ? "board.cond.yes" : "board.cond.no");
    case "date": return formatDate(value, locale);
    case "datetime": return formatInstant(value, locale);
    case "number": return typeof value === "number" ? formatNumber(value, locale) : String(value);
    case "money": return o && typeof o["amount"] === "number" ? formatMoney(o["amount"], String(o["currency"] ?? ""), locale) : JSON.stringify(value);
    case "address": return o ? String(o["text"] ?? "") : String(value);
    case "file": return o ? String(o["name"] ?? o["url"] ?? "") : String(value);
    case "user": return personName(ctx.people, value);
    case "booking": return o ? `${String(o["resource"] ?? "")}, ${formatInstant(o["from"], locale)} – ${formatInstant(o["to"], locale)}` : String(value);
    default: return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** One row in words (see the module comment). */
export function historyInWords(row: HistoryRow, ctx: HistoryContext): RowInWords {
  const { locale, blueprint: bp } = ctx;
  const d = row.data ?? {};
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  const when = (iso: unknown) => formatInstant(iso, locale, ctx.timeZone);
  const task = (id: unknown) => {
    const title = typeof id === "string" ? ctx.taskTitles?.get(id) : undefined;
    return title !== undefined ? label(title, locale, String(id)) : String(id ?? "—");
  };
  const deal = (id: unknown) => (typeof id === "string" ? ctx.dealTitles?.get(id) ?? id : "—");
  const fieldName = (id: string) => fieldLabel(bp, id, locale, (x) => coreName(x, locale));
  const robot = robotName(bp, d["robot"], locale);
  switch (row.type) {
    case "deal.created": {
      const stage = stageLabel(bp, typeof d["pipeline"] === "string" ? d["pipeline"] : ctx.pipeline, d["stage"], locale);
      if (d["by"] === "tunnel") return { tone: "move", text: t("board.h.createdTunnel", { stage, source: deal(d["source"]) }) };
      if (d["by"] === "import") return { tone: "move", text: t("board.h.imported", { stage }) };
      return { tone: "move", text: t("board.h.created", { stage }) };
    }
    case "deal.moved": {
      const pipeline = typeof d["pipeline"] === "string" ? d["pipeline"] : ctx.pipeline;
      const by = ["manual", "trigger", "robot", "tunnel", "reopen", "import", "publish"].includes(String(d["by"])) ? t(`board.by.${String(d["by"])}` as MessageKey) : String(d["by"] ?? "");
      return { tone: "move", text: t("board.h.moved", { from: stageRef(ctx, d["from"]), to: stageRef(ctx, d["to"], pipeline), by }) };
    }
    case "deal.move.blocked": {
      const to = stageRef(ctx, d["to"]);
      const missing = Array.isArray(d["missing"]) ? (d["missing"] as unknown[]).map((m) => fieldName(String(m))) : [];
      if (missing.length) return { tone: "problem", text: t(d["tunnel"] ? "board.h.blockedTunnel" : "board.h.blocked", { to, missing: missing.join(", ") }) };
      if (d["guard"] !== undefined) return { tone: "problem", text: t("board.h.blockedGuard", { to, guard: String(d["guard"]) }) };
      const reason = ["final-stage", "transition-not-allowed", "unknown-stage"].includes(String(d["reason"])) ? t(`board.reason.${String(d["reason"])}` as MessageKey) : String(d["reason"] ?? "—");
      return { tone: "problem", text: t("board.h.blockedReason", { to, reason }) };
    }
    case "deal.fields.changed": {
      const changes = Array.isArray(d["changes"]) ? (d["changes"] as { field: string; old: unknown; new: unknown }[]) : [];
      const list = changes.map((c) => t("board.h.change", { field: fieldName(c.field), old: valueInWords(ctx, c.field, c.old), new: valueInWords(ctx, c.field, c.new) })).join("; ");
      return { tone: "info", text: t("board.h.fields", { changes: list || "—" }) };
    }
    case "deal.responsible.changed":
      return { tone: "info", text: t("board.h.responsible", { from: personName(ctx.people, d["from"]), to: personName(ctx.people, d["to"]) }) };
    case "deal.copied": {
      const target = `${pipelineLabel(bp, d["pipeline"], locale)} / ${stageLabel(bp, String(d["pipeline"] ?? ""), d["stage"], locale)}`;
      return { tone: "move", text: d["mode"] === "move" ? t("board.h.tunnelMoved", { target }) : t("board.h.copied", { target, deal: deal(d["toDeal"]) }) };
    }
    case "deal.reopened":
      return { tone: "move", text: t("board.h.reopened", { from: stageRef(ctx, d["from"]), to: stageRef(ctx, d["to"]), reason: String(d["reason"] ?? "—") }) };
    case "robot.ran": {
      const effects = Array.isArray(d["effects"]) ? (d["effects"] as unknown[]).map((e) => effectWords(String(e), locale)) : [];
      return { tone: "robot", text: effects.length ? t("board.h.robotRan", { robot, effects: effects.join(", ") }) : t("board.h.robotRanNothing", { robot }) };
    }
    case "robot.skipped": {
      if (d["reason"] === "deal-left-stage") return { tone: "info", text: t("board.h.skippedLeft", { robot }) };
      if (d["condition"] === undefined) return { tone: "info", text: t("board.h.skippedFalse", { robot }) };
      return { tone: "info", text: t("board.h.skipped", { robot, condition: conditionInWords(d["condition"], conditionWords(bp, locale)) }) };
    }
    case "robot.failed":
      return { tone: "problem", text: t("board.h.robotFailed", { robot, error: String(d["error"] ?? "—"), attempt: Number(d["attempt"] ?? 1) }) };
    case "task.created": {
      const title = d["title"] !== undefined ? label(d["title"] as Text, locale, String(d["task"])) : task(d["task"]);
      const who = personName(ctx.people, d["responsible"]);
      return { tone: "task", text: d["deadline"] ? t("board.h.taskCreated", { title, responsible: who, deadline: when(d["deadline"]) }) : t("board.h.taskCreatedOpen", { title, responsible: who }) };
    }
    case "task.completed":
      return { tone: "task", text: t("board.h.taskCompleted", { title: task(d["task"]) }) };
    case "task.cancelled": {
      const reason = d["reason"] === "deal-left-stage" ? t("board.reason.deal-left-stage") : String(d["reason"] ?? "—");
      return { tone: "task", text: t("board.h.taskCancelled", { title: task(d["task"]), reason }) };
    }
    case "task.rescheduled":
      return { tone: "task", text: t(d["from"] ? "board.h.taskRescheduled" : "board.h.taskScheduled", { title: task(d["task"]), from: when(d["from"]), to: when(d["to"]), reason: String(d["reason"] ?? "—") }) };
    case "task.overdue":
      return { tone: "problem", text: t("board.h.taskOverdue", { title: task(d["task"]), deadline: when(d["deadline"]) }) };
    case "survey.sent":
      return { tone: "info", text: t("board.h.surveySent", { survey: surveyLabel(bp, d["survey"], locale) }) };
    case "survey.answered": {
      const band = ["promoter", "passive", "detractor"].includes(String(d["band"])) ? t(`board.band.${String(d["band"])}` as MessageKey) : "—";
      return { tone: "info", text: t(d["reason"] ? "board.h.surveyAnsweredReason" : "board.h.surveyAnswered", { score: String(d["score"] ?? "—"), band, reason: String(d["reason"] ?? "") }) };
    }
    case "activity.logged": {
      const note = typeof (d["data"] as { note?: unknown } | undefined)?.note === "string" ? String((d["data"] as { note: string }).note) : "";
      return { tone: "info", text: t(note ? "board.h.activityNote" : "board.h.activity", { type: activityLabel(bp, d["type"], locale), note }) };
    }
    case "trigger.fired": {
      if (d["fired"] === false) return { tone: "info", text: t("board.h.triggerNotFired", { trigger: triggerName(bp, d["trigger"], locale) }) };
      return { tone: "move", text: t("board.h.triggerFired", { trigger: triggerName(bp, d["trigger"], locale), stage: stageRef(ctx, d["stage"]) }) };
    }
    case "timer.dropped": {
      const reason = ["stale-entry", "robot-removed", "task-closed", "deadline-changed"].includes(String(d["reason"])) ? t(`board.reason.${String(d["reason"])}` as MessageKey) : String(d["reason"] ?? "—");
      return { tone: "info", text: t("board.h.timerDropped", { reason }) };
    }
    default:
      return { tone: "info", text: `${String(row.type)} ${JSON.stringify(d)}` };
  }
}

const EFFECTS = ["task.create", "field.set", "responsible.change", "stage.change", "tunnel", "survey.send", "notify", "webhook"] as const;

/** A robot effect in words ("created a task"); unknown ones as they are. */
function effectWords(effect: string, locale: Locale): string {
  return (EFFECTS as readonly string[]).includes(effect) ? translate(locale, `board.effect.${effect as (typeof EFFECTS)[number]}`) : effect;
}

const TRIGGER_TYPES = ["taskCompleted", "fieldChanged", "surveyAnswered", "activity", "webhook", "overdue"] as const;

/** A trigger's name: its type in words and its id. */
export function triggerName(bp: Blueprint | null, id: unknown, locale: Locale): string {
  for (const p of bp?.pipelines ?? []) {
    for (const s of p.stages) {
      const tr = s.triggers.find((x) => x.id === id);
      if (tr) return (TRIGGER_TYPES as readonly string[]).includes(tr.type) ? translate(locale, `board.trigger.${tr.type as (typeof TRIGGER_TYPES)[number]}`) : tr.id;
    }
  }
  return String(id ?? "—");
}

/**
 * A whole history in words, oldest first: task titles come from its own `task.created` rows, and
 * the pipeline follows the deal through `move` tunnels.
 */
export function historyListInWords(rows: readonly HistoryRow[], ctx: Omit<HistoryContext, "pipeline"> & { pipeline: string }): { row: HistoryRow; words: RowInWords; actor: string }[] {
  const titles = new Map<string, Text>(ctx.taskTitles ?? []);
  for (const r of rows) if (r.type === "task.created" && typeof r.data["task"] === "string" && r.data["title"] !== undefined) titles.set(r.data["task"], r.data["title"] as Text);
  const created = rows.find((r) => r.type === "deal.created");
  let pipeline = typeof created?.data["pipeline"] === "string" ? created.data["pipeline"] : ctx.pipeline;
  return rows.map((row) => {
    const words = historyInWords(row, { ...ctx, pipeline, taskTitles: titles });
    if (row.type === "deal.copied" && row.data["mode"] === "move" && typeof row.data["pipeline"] === "string") pipeline = row.data["pipeline"];
    return { row, words, actor: actorInWords(row.actor, ctx) };
  });
}
