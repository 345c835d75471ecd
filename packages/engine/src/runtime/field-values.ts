/**
 * Checks field values against their blueprint types before any step uses them, so a bad value is
 * refused with a message naming the field, and a prototype trick never reaches a deal.
 */
import type { Field } from "../blueprint/blueprint.schema";
import type { Issue } from "../errors";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const CURRENCY = /^[A-Z]{3}$/;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** Core attributes a request may set beside blueprint fields. */
export const SETTABLE_CORE = new Set(["title", "amount", "currency", "client"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isDateString = (v: unknown) => typeof v === "string" && ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** Whether a required field counts as missing. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "number") return Number.isNaN(value);
  return false;
}

function checkScalar(field: Field, v: unknown): string | null {
  switch (field.type) {
    case "string": case "text": case "phone":
      return typeof v === "string" && v.length <= 100_000 ? null : "a text";
    case "url":
      return typeof v === "string" && /^https?:\/\/\S+$/.test(v) ? null : "a web address starting with http:// or https://";
    case "email":
      return typeof v === "string" && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : "an e-mail address";
    case "number":
      return typeof v === "number" && Number.isFinite(v) ? null : "a number";
    case "money":
      return isObject(v) && typeof v["amount"] === "number" && Number.isFinite(v["amount"]) && typeof v["currency"] === "string" && CURRENCY.test(v["currency"])
        ? null : "an amount with a currency, e.g. { \"amount\": 1000, \"currency\": \"RUB\" }";
    case "boolean":
      return typeof v === "boolean" ? null : "true or false";
    case "date":
      return isDateString(v) ? null : "a date as YYYY-MM-DD";
    case "datetime":
      return typeof v === "string" && ISO_DATETIME.test(v) && !Number.isNaN(Date.parse(v)) ? null : "a date and time with its offset, e.g. 2026-05-01T10:00:00+03:00";
    case "enum":
      return typeof v === "string" && (field.options ?? []).some((o) => o.id === v)
        ? null : `one of: ${(field.options ?? []).map((o) => o.id).join(", ")}`;
    case "address":
      return isObject(v) && typeof v["text"] === "string" ? null : "an address { \"text\": \"…\", \"lat\"?, \"lon\"? }";
    case "file":
      return isObject(v) && typeof v["name"] === "string" && typeof v["url"] === "string" ? null : "a file reference { \"name\", \"url\" }";
    case "user":
      return typeof v === "string" && v.length > 0 ? null : "a user id";
    case "booking":
      return isObject(v) && typeof v["resource"] === "string" && typeof v["from"] === "string" && typeof v["to"] === "string" && !Number.isNaN(Date.parse(v["from"])) && !Number.isNaN(Date.parse(v["to"]))
        ? null : "a booking { \"resource\", \"from\", \"to\" }";
  }
}

function hasForbiddenKey(v: unknown, depth = 0): boolean {
  if (depth > 8) return true;
  if (Array.isArray(v)) return v.some((x) => hasForbiddenKey(x, depth + 1));
  if (isObject(v)) return Object.keys(v).some((k) => FORBIDDEN_KEYS.has(k) || hasForbiddenKey(v[k], depth + 1));
  return false;
}

/**
 * Validates a set of field updates. `null` clears a field. Core attributes `title`, `amount`,
 * `currency` and `client` are accepted too. Answers every problem at once.
 */
export function validateFieldValues(fields: Map<string, Field>, values: unknown): Issue[] {
  if (!isObject(values)) return [{ code: "fields.not-object", path: ["fields"], message: "Send fields as an object of field id → value." }];
  const issues: Issue[] = [];
  for (const key of Object.keys(values)) {
    const v = values[key];
    const path = ["fields", key];
    if (FORBIDDEN_KEYS.has(key)) { issues.push({ code: "fields.forbidden", path, message: `'${key}' is not a field name.` }); continue; }
    if (SETTABLE_CORE.has(key)) {
      const ok = key === "amount" ? typeof v === "number" && Number.isFinite(v) && v >= 0
        : key === "currency" ? typeof v === "string" && CURRENCY.test(v)
        : key === "client" ? v === null || (typeof v === "string" && v.length > 0)
        : typeof v === "string" && v.trim().length > 0 && v.length <= 500;
      if (!ok) issues.push({ code: "fields.bad-value", path, message: `'${key}' must be ${key === "amount" ? "a number ≥ 0" : key === "currency" ? "an ISO 4217 code such as RUB" : key === "client" ? "a client id" : "a non-empty text of at most 500 characters"}.` });
      continue;
    }
    const field = fields.get(key);
    if (!field) { issues.push({ code: "fields.unknown", path, message: `There is no field '${key}' in this blueprint. Check the id, or add the field in the editor.` }); continue; }
    if (v === null) continue;
    if (hasForbiddenKey(v)) { issues.push({ code: "fields.forbidden", path, message: `The value of '${key}' contains a forbidden key (__proto__, constructor or prototype) or is nested too deep.` }); continue; }
    if (field.multiple) {
      if (!Array.isArray(v)) { issues.push({ code: "fields.bad-value", path, message: `'${key}' takes a list of values.` }); continue; }
      v.forEach((item, i) => {
        const expected = checkScalar(field, item);
        if (expected) issues.push({ code: "fields.bad-value", path: [...path, i], message: `Each value of '${key}' must be ${expected}.` });
      });
      continue;
    }
    const expected = checkScalar(field, v);
    if (expected) issues.push({ code: "fields.bad-value", path, message: `'${key}' must be ${expected}.` });
  }
  return issues;
}

/** Whether two field values are the same (JSON equality; values are plain JSON). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
