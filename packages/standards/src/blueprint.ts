/**
 * The standards blueprint: the sales department of "Автоматизация продаж: 35 стандартов в
 * Битрикс24" (Karpov & Partners), standards 1-12, restated as one Blueprint v1 in English and Russian.
 */
import type { Blueprint } from "@voronka/engine";
import { activityNorms, activityTypes } from "./activities";
import { CALENDAR_ID, moscowOfficeCalendar } from "./calendar";
import { fields } from "./fields";
import { pipelines } from "./pipelines";
import { npsSurvey, warrantySurvey } from "./surveys";
import { t } from "./text";

/** Builds a fresh copy of the standards blueprint (edit it freely: nothing is shared). */
export function buildStandardsBlueprint(): Blueprint {
  return {
    format: "voronka.blueprint/v1",
    id: "standards",
    name: t("Sales department standards", "Стандарты отдела продаж"),
    description: t(
      "B2B and B2C sales, new and repeat clients, warm-up and warranty service: stages, tasks with deadlines, required fields, NPS, tunnels and loss reasons after the book \"Автоматизация продаж: 35 стандартов в Битрикс24\" (Karpov & Partners), standards 1-12.",
      "Продажи B2B и B2C, новые и постоянные клиенты, разогрев и гарантийное обслуживание: этапы, задачи со сроками, обязательные поля, NPS, туннели и причины отказа по книге «Автоматизация продаж: 35 стандартов в Битрикс24» (Карпов и Партнёры), стандарты 1-12.",
    ),
    fields: structuredClone(fields),
    activityTypes: structuredClone(activityTypes),
    surveys: [structuredClone(npsSurvey), structuredClone(warrantySurvey)],
    calendars: [structuredClone(moscowOfficeCalendar)],
    defaultCalendar: CALENDAR_ID,
    activityNorms: structuredClone(activityNorms),
    pipelines: pipelines(),
  };
}

/**
 * The standards blueprint, ready to run: valid under the engine's schema with no lint problems.
 *
 * @example
 * import { createEngine, createMemoryStore } from "@voronka/engine";
 * import { standardsBlueprint } from "@voronka/standards";
 * const engine = createEngine({ blueprint: standardsBlueprint, store: createMemoryStore() });
 */
export const standardsBlueprint: Blueprint = buildStandardsBlueprint();

/** A blueprint as the JSON files of this package hold it: two-space indent and a trailing newline. */
export function blueprintToJson(blueprint: Blueprint): string {
  return `${JSON.stringify(blueprint, null, 2)}\n`;
}
