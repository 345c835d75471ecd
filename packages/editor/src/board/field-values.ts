/**
 * Field values as the board's forms edit them (Blueprint v1 "Field values"): each field type has a
 * draft the inputs hold (strings as typed), turned back into the value the API takes — number,
 * `{ amount, currency }`, `"YYYY-MM-DD"`, an ISO instant, option ids, `{ text }`, `{ name, url }`,
 * `{ resource, from, to }` — or an error. {@link fieldsBody} builds the `fields` of a move or a
 * PATCH from the drafts.
 */
import type { Blueprint, Field, FieldType } from "@voronka/engine";
import { fromLocalInput, toLocalInput } from "./format";

/** A field as a form shows it: a blueprint field, or a core attribute dressed as one. */
export interface FieldSpec {
  id: string;
  type: FieldType;
  label: Field["label"];
  options?: Field["options"];
  multiple?: boolean;
  help?: Field["help"];
}

/** The draft of one field: what its inputs hold. */
export type Draft = string | boolean | null | string[] | Record<string, string>;

/** A draft turned into a value: `empty`, a `value`, or an `error` (a message key suffix). */
export type Parsed = { kind: "empty" } | { kind: "value"; value: unknown } | { kind: "error"; error: "number" | "url" | "email" | "date" | "incomplete" };

const CORE_SPECS: Record<string, FieldSpec> = {
  title: { id: "title", type: "string", label: { en: "Title", ru: "Название" } },
  amount: { id: "amount", type: "number", label: { en: "Amount", ru: "Сумма" } },
  currency: { id: "currency", type: "string", label: { en: "Currency", ru: "Валюта" } },
  client: { id: "client", type: "string", label: { en: "Client", ru: "Клиент" } },
};

/** The form spec of a field id: the blueprint's field, or a core attribute; unknown ids as text. */
export function specOf(bp: Blueprint | null, id: string): FieldSpec {
  const field = bp?.fields.find((f) => f.id === id);
  if (field) return field;
  return CORE_SPECS[id] ?? { id, type: "string", label: id };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/** The draft of a stored value (for editing) or of nothing (a new value). */
export function draftOf(spec: FieldSpec, value: unknown, currency = "RUB"): Draft {
  if (spec.multiple) {
    const list = Array.isArray(value) ? value : [];
    return spec.type === "enum" ? list.map(String) : list.map((v) => str(isObject(v) ? v["text"] ?? v["url"] : v)).join("\n");
  }
  const o = isObject(value) ? value : {};
  switch (spec.type) {
    case "boolean": return typeof value === "boolean" ? value : null;
    case "money": return { amount: str(o["amount"]), currency: str(o["currency"]) || currency };
    case "address": return { text: str(o["text"]) };
    case "file": return { name: str(o["name"]), url: str(o["url"]) };
    case "booking": return { resource: str(o["resource"]), from: toLocalInput(str(o["from"]) || null), to: toLocalInput(str(o["to"]) || null) };
    case "datetime": return toLocalInput(typeof value === "string" ? value : null);
    default: return str(value);
  }
}

function parseScalar(type: FieldType, text: string): Parsed {
  const v = text.trim();
  if (v === "") return { kind: "empty" };
  switch (type) {
    case "number": {
      const n = Number(v.replace(/\s/g, "").replace(",", "."));
      return Number.isFinite(n) ? { kind: "value", value: n } : { kind: "error", error: "number" };
    }
    case "url": return /^https?:\/\/\S+$/.test(v) ? { kind: "value", value: v } : { kind: "error", error: "url" };
    case "email": return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? { kind: "value", value: v } : { kind: "error", error: "email" };
    case "date": return /^\d{4}-\d{2}-\d{2}$/.test(v) ? { kind: "value", value: v } : { kind: "error", error: "date" };
    case "datetime": {
      const iso = fromLocalInput(v);
      return iso ? { kind: "value", value: iso } : { kind: "error", error: "date" };
    }
    default: return { kind: "value", value: type === "text" ? text : v };
  }
}

/** Turns a field's draft into its value (see {@link Parsed}). */
export function parseDraft(spec: FieldSpec, draft: Draft): Parsed {
  if (spec.multiple) {
    if (Array.isArray(draft)) return draft.length ? { kind: "value", value: draft } : { kind: "empty" };
    const lines = String(draft ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
    if (!lines.length) return { kind: "empty" };
    const parsed = lines.map((l) => parseDraft({ ...spec, multiple: false }, spec.type === "address" ? { text: l } : l));
    const bad = parsed.find((p) => p.kind === "error");
    return bad ?? { kind: "value", value: parsed.map((p) => (p.kind === "value" ? p.value : null)) };
  }
  if (spec.type === "boolean") return typeof draft === "boolean" ? { kind: "value", value: draft } : { kind: "empty" };
  if (spec.type === "enum") return typeof draft === "string" && draft !== "" ? { kind: "value", value: draft } : { kind: "empty" };
  const o = isObject(draft) ? (draft as Record<string, string>) : {};
  switch (spec.type) {
    case "money": {
      const amount = parseScalar("number", o["amount"] ?? "");
      if (amount.kind !== "value") return amount;
      const currency = (o["currency"] ?? "").trim().toUpperCase();
      return /^[A-Z]{3}$/.test(currency) ? { kind: "value", value: { amount: amount.value, currency } } : { kind: "error", error: "incomplete" };
    }
    case "address": {
      const text = (o["text"] ?? "").trim();
      return text ? { kind: "value", value: { text } } : { kind: "empty" };
    }
    case "file": {
      const name = (o["name"] ?? "").trim();
      const url = (o["url"] ?? "").trim();
      if (!name && !url) return { kind: "empty" };
      if (!/^https?:\/\/\S+$/.test(url)) return { kind: "error", error: "url" };
      return { kind: "value", value: { name: name || url.split("/").pop() || url, url } };
    }
    case "booking": {
      const resource = (o["resource"] ?? "").trim();
      const from = fromLocalInput(o["from"] ?? "");
      const to = fromLocalInput(o["to"] ?? "");
      if (!resource && !from && !to) return { kind: "empty" };
      return resource && from && to ? { kind: "value", value: { resource, from, to } } : { kind: "error", error: "incomplete" };
    }
    default: return parseScalar(spec.type, typeof draft === "string" ? draft : "");
  }
}

/** The `fields` body of a request from drafts, and the fields that are empty or wrong. */
export interface FieldsBody {
  fields: Record<string, unknown>;
  empty: string[];
  errors: Record<string, Exclude<Parsed, { kind: "value" } | { kind: "empty" }>["error"]>;
}

/**
 * Builds the `fields` of `POST /api/deals/:id/move` (or `PATCH`) from the form's drafts. With
 * `clearEmpty`, an emptied field is sent as `null` (cleared), as an edit form needs; a
 * missing-fields form leaves empty ones out and reports them.
 *
 * @example
 * fieldsBody([specOf(bp, "lossReason")], { lossReason: "too-expensive" }).fields // { lossReason: "too-expensive" }
 */
export function fieldsBody(specs: readonly FieldSpec[], drafts: Readonly<Record<string, Draft>>, options: { clearEmpty?: boolean } = {}): FieldsBody {
  const out: FieldsBody = { fields: {}, empty: [], errors: {} };
  for (const spec of specs) {
    const parsed = parseDraft(spec, drafts[spec.id] ?? null);
    if (parsed.kind === "value") out.fields[spec.id] = parsed.value;
    else if (parsed.kind === "empty") {
      out.empty.push(spec.id);
      if (options.clearEmpty && spec.id !== "title" && spec.id !== "amount" && spec.id !== "currency") out.fields[spec.id] = null;
    } else out.errors[spec.id] = parsed.error;
  }
  return out;
}
