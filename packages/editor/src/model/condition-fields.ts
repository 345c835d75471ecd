/**
 * What a condition may read, as the visual builder's field list: the deal's attributes, its
 * blueprint fields (`deal.fields.<id>`), and the event's fields where the condition is evaluated
 * (DESIGN.md "Conditions"): a trigger's event fields from the catalogue, `stage.entered` for an
 * immediate robot, `timer` for a delayed one, `move` for a guard or transition.
 */
import type { Blueprint, Field } from "@voronka/engine";
import { textOf } from "./text";

/** One field of the condition builder (react-querybuilder's `Field` shape, kept minimal). */
export interface ConditionField {
  name: string;
  label: string;
  inputType?: "text" | "number" | "date" | "datetime-local";
  valueEditorType?: "text" | "select" | "checkbox" | "multiselect";
  values?: { name: string; label: string }[];
}

/** Where a condition is evaluated, which decides what `event` carries. */
export type ConditionContext =
  | { kind: "trigger"; eventFields: readonly string[] }
  | { kind: "robot"; delayed: boolean }
  | { kind: "move" }
  | { kind: "event"; eventFields: readonly string[] };

/** The deal's core attributes a condition may read, with their input types. */
export const DEAL_ATTRIBUTES: readonly { name: string; type: ConditionField["inputType"] }[] = [
  { name: "title", type: "text" }, { name: "amount", type: "number" }, { name: "currency", type: "text" },
  { name: "pipeline", type: "text" }, { name: "stage", type: "text" }, { name: "status", type: "text" },
  { name: "responsible", type: "text" }, { name: "client", type: "text" }, { name: "id", type: "text" },
  { name: "externalId", type: "text" }, { name: "createdAt", type: "datetime-local" }, { name: "stageEnteredAt", type: "datetime-local" },
];

function blueprintField(f: Field, locale: string, prefix: string): ConditionField[] {
  const label = `${prefix}${textOf(f.label, locale) || f.id}`;
  const name = `deal.fields.${f.id}`;
  switch (f.type) {
    case "number":
      return [{ name, label, inputType: "number" }];
    case "money":
      return [{ name: `${name}.amount`, label, inputType: "number" }];
    case "boolean":
      return [{ name, label, valueEditorType: "checkbox" }];
    case "date":
      return [{ name, label, inputType: "date" }];
    case "enum":
      return [{ name, label, valueEditorType: "select", values: (f.options ?? []).map((o) => ({ name: o.id, label: textOf(o.label, locale) || o.id })) }];
    default:
      return [{ name, label, inputType: "text" }];
  }
}

/** The event fields of a context (without `type`, which every event has). */
export function eventFieldsOf(context: ConditionContext): readonly string[] {
  switch (context.kind) {
    case "trigger":
    case "event":
      return context.eventFields;
    case "robot":
      return context.delayed ? ["robot"] : ["from", "by"];
    case "move":
      return ["from", "to", "by"];
  }
}

/**
 * The builder's fields for a blueprint and context; labels are prefixed by the given words
 * (e.g. "Deal: ", "Field: ", "Event: ").
 *
 * @example
 * conditionFields(bp, { kind: "trigger", eventFields: ["field", "old", "new"] }, "en", prefixes)
 */
export function conditionFields(
  bp: Blueprint,
  context: ConditionContext,
  locale: string,
  prefixes: { deal: string; field: string; event: string },
  attributeLabel: (name: string) => string = (n) => n,
): ConditionField[] {
  const deal = DEAL_ATTRIBUTES.map((a) => ({ name: `deal.${a.name}`, label: `${prefixes.deal}${attributeLabel(a.name)}`, ...(a.type ? { inputType: a.type } : {}) }));
  const statusField = deal.find((d) => d.name === "deal.status");
  if (statusField) Object.assign(statusField, { valueEditorType: "select", values: ["open", "won", "lost"].map((s) => ({ name: s, label: s })) });
  const fields = bp.fields.flatMap((f) => blueprintField(f, locale, prefixes.field));
  const event = ["type", ...eventFieldsOf(context)].map((e) => ({ name: `event.${e}`, label: `${prefixes.event}${e}`, inputType: "text" as const }));
  return [...deal, ...fields, ...event];
}
