/**
 * How a robot or trigger reads on its chip: an icon for its type and a one-line summary of its
 * params (a task's title, the fields a guard requires, a tunnel's target, …). Custom types show
 * their catalogue label.
 */
import type { Robot, Text, Trigger } from "@voronka/engine";
import { textOf } from "../model/text";

const ROBOT_ICONS: Record<string, string> = {
  createTask: "☑", requireFields: "⚑", copyToTunnel: "⇆", sendSurvey: "★", setField: "✎",
  changeResponsible: "⇄", changeStage: "↪", notify: "✉", webhook: "⌁",
};

const TRIGGER_ICONS: Record<string, string> = {
  taskCompleted: "✔", fieldChanged: "✎", surveyAnswered: "★", activity: "☏", webhook: "⌁", overdue: "◔",
};

/** The icon of a robot or trigger type (custom types get a generic one). */
export function chipIcon(kind: "robot" | "trigger", type: string): string {
  return (kind === "robot" ? ROBOT_ICONS[type] : TRIGGER_ICONS[type]) ?? (kind === "robot" ? "⚙" : "⚡");
}

const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(", ") : "");

/**
 * A short summary of a robot's params in `locale`; empty when the type's label says enough.
 *
 * @example
 * robotSummary({ id: "call", type: "createTask", params: { title: { en: "Call" } } }, "en") // "Call"
 */
export function robotSummary(robot: Robot, locale: string): string {
  const p = robot.params;
  switch (robot.type) {
    case "createTask":
      return textOf(p["title"] as Text | undefined, locale);
    case "requireFields":
      return list(p["fields"]);
    case "copyToTunnel":
      return `${String(p["pipeline"] || "?")} / ${String(p["stage"] || "?")}`;
    case "changeStage":
      return String(p["stage"] ?? "");
    case "setField":
      return String(p["field"] ?? "");
    case "sendSurvey":
      return String(p["survey"] ?? "");
    case "notify":
      return textOf(p["text"] as Text | undefined, locale);
    case "webhook": {
      const url = String(p["url"] ?? "");
      try {
        return new URL(url).host;
      } catch {
        return url;
      }
    }
    default:
      return "";
  }
}

/** A short summary of a trigger's params. */
export function triggerSummary(trigger: Trigger): string {
  const p = trigger.params;
  switch (trigger.type) {
    case "fieldChanged":
      return list(p["fields"]);
    case "activity":
      return list(p["types"]);
    case "taskCompleted":
    case "overdue":
      return typeof p["robot"] === "string" ? p["robot"] : "";
    case "surveyAnswered":
      return typeof p["survey"] === "string" ? p["survey"] : "";
    default:
      return "";
  }
}
