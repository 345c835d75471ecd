/**
 * Turns a catalogue entry's params JSON Schema into an rjsf schema and uiSchema: localized labels
 * (`Text`) get the two-locale input, delays and deadlines the timing editor, json-logic rules the
 * condition builder, roles the responsible picker, ids a text box with suggestions from the
 * blueprint, and unions readable option titles. Anything else — a custom robot's schema — is left
 * to rjsf's standard widgets, so a new type gets a form with no editor code.
 */
import type { RJSFSchema, UiSchema } from "@rjsf/utils";

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);
const options = (s: Schema): Schema[] | null => {
  const list = (s["anyOf"] ?? s["oneOf"]) as unknown;
  return Array.isArray(list) ? list.filter(isObject) : null;
};
const props = (s: Schema): Schema => (isObject(s["properties"]) ? s["properties"] : {});

/** `{ anyOf: [string, { en, ru? }] }`: a localized label. */
export function isTextSchema(s: Schema): boolean {
  const opts = options(s);
  return !!opts && opts.length === 2 && opts.some((o) => o["type"] === "string") && opts.some((o) => o["type"] === "object" && isObject(props(o)["en"]));
}

/** A union with `after` and `at` forms: a delay, or (with `afterEvent`) a deadline. */
export function timingMode(s: Schema): "delay" | "deadline" | null {
  const opts = options(s);
  if (!opts || !opts.some((o) => "after" in props(o)) || !opts.some((o) => "at" in props(o))) return null;
  return opts.some((o) => "afterEvent" in props(o)) ? "deadline" : "delay";
}

/** The engine marks json-logic values with this description. */
export function isConditionSchema(s: Schema): boolean {
  return typeof s["description"] === "string" && /json-?logic/i.test(s["description"]) && s["type"] === undefined && !options(s);
}

/** A union discriminated by `kind` with the role kinds of DESIGN.md's `Responsible`. */
export function isResponsibleSchema(s: Schema): boolean {
  const opts = options(s);
  const kinds = opts?.map((o) => (props(o)["kind"] as Schema | undefined)?.["const"]) ?? [];
  return kinds.includes("dealResponsible") && kinds.includes("supervisor");
}

/** A schema that says nothing about its value (`{}`, or only a description). */
function isTypeless(s: Schema): boolean {
  return !["type", "anyOf", "oneOf", "allOf", "enum", "const", "properties", "items", "$ref", "not"].some((k) => k in s);
}

/** A union of strings only (ids and constants): one text box with suggestions. */
function stringUnion(s: Schema): string[] | null {
  const opts = options(s);
  if (!opts || !opts.every((o) => o["type"] === "string")) return null;
  return opts.map((o) => o["const"]).filter((c): c is string => typeof c === "string");
}

const isSlugPattern = (s: Schema): boolean => s["type"] === "string" && typeof s["pattern"] === "string" && s["pattern"].startsWith("^[a-z]");

/** A readable title for a union option without one. */
function optionTitle(o: Schema, siblings: Schema[], label: (key: string) => string): string {
  if (typeof o["title"] === "string") return o["title"];
  if (o["const"] !== undefined) return String(o["const"]);
  const kind = (props(o)["kind"] as Schema | undefined)?.["const"];
  if (typeof kind === "string") return label(kind);
  if (o["type"] === "object") {
    const own = Object.keys(props(o)).filter((k) => !siblings.every((sib) => sib === o || k in props(sib)));
    return (own.length ? own : Object.keys(props(o))).map(label).join(" + ") || label("object");
  }
  if (o["type"] === "array") return label("list");
  return label(String(o["type"] ?? "value"));
}

/**
 * The rjsf schema and uiSchema for a params JSON Schema. `label` names a property or option in
 * the UI language (it falls back to the key).
 *
 * @example
 * const { schema, uiSchema } = prepareForm(entry.params, (k) => k);
 */
export function prepareForm(params: Record<string, unknown>, label: (key: string) => string): { schema: RJSFSchema; uiSchema: UiSchema } {
  const schema = structuredClone(params) as Schema;
  const walk = (s: Schema, key: string | null): UiSchema => {
    const ui: UiSchema = {};
    if (key !== null && s["title"] === undefined) s["title"] = label(key);
    // A custom field stands for the whole union (rjsf would otherwise add its option picker).
    const field = (name: string, options?: Record<string, string | boolean>): UiSchema =>
      ({ "ui:field": name, "ui:fieldReplacesAnyOrOneOf": true, ...(options ? { "ui:options": options } : {}) });
    if (isTextSchema(s)) return field("voronkaText", { multiline: key === "description" || key === "text" });
    const timing = timingMode(s);
    if (timing) return field("voronkaTiming", { mode: timing });
    if (isResponsibleSchema(s)) return field("voronkaResponsible");
    if (isConditionSchema(s)) return field("voronkaCondition");
    if (isTypeless(s)) return field("voronkaJson");
    const consts = stringUnion(s);
    if (consts) {
      const title = s["title"];
      for (const k of Object.keys(s)) delete s[k];
      Object.assign(s, { type: "string", title });
      return { "ui:widget": "voronkaSlug", "ui:options": { hint: key ?? "", extra: consts } };
    }
    if (isSlugPattern(s)) return { "ui:widget": "voronkaSlug", "ui:options": { hint: key ?? "" } };
    const opts = options(s);
    if (opts) {
      const inner = opts.map((o) => {
        o["title"] = optionTitle(o, opts, label);
        // A constant option ("all") says everything by being picked: no input for it.
        return o["const"] !== undefined ? { "ui:widget": "hidden" } : walk(o, null);
      });
      if (inner.some((u) => Object.keys(u).length)) ui["anyOf" in s ? "anyOf" : "oneOf"] = inner;
    }
    for (const [k, v] of Object.entries(props(s))) {
      if (isObject(v)) ui[k] = walk(v, k);
    }
    if (isObject(s["items"])) {
      const itemSchema = s["items"];
      const items = walk(itemSchema, null);
      if (items["ui:widget"] === "voronkaSlug") items["ui:options"] = { ...(items["ui:options"] as object), hint: key ?? "" };
      // A list of plain values reads as one labelled list, not "Fields-1", "Fields-2", …
      if (itemSchema["type"] !== "object" && items["ui:field"] === undefined) items["ui:label"] = false;
      ui["items"] = items;
    }
    if (s["type"] === "object" && s["additionalProperties"] === false && key !== null && !Object.keys(props(s)).length) ui["ui:widget"] = "hidden";
    return ui;
  };
  const uiSchema = walk(schema, null);
  uiSchema["ui:submitButtonOptions"] = { norender: true };
  return { schema: schema as RJSFSchema, uiSchema };
}
