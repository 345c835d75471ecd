/**
 * Templates for notifications and webhook bodies: `{{deal.title}}`, `{{deal.fields.x}}` and the
 * other deal attributes — plain substitution, nothing else, never code.
 */
import type { Text } from "../blueprint/blueprint.schema";
import type { DealView } from "../registry/definitions";

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_.-]+)\s*\}\}/g;
/** Deal attributes a template may name (besides `deal.fields.<id>`). */
export const TEMPLATE_ATTRIBUTES = ["id", "externalId", "title", "amount", "currency", "pipeline", "stage", "status", "responsible", "client", "createdAt", "stageEnteredAt"];

/** The placeholders a template uses, as paths (`deal.title`, `deal.fields.x`). */
export function templatePaths(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Whether a placeholder path is one a template may use; for the linter. */
export function templatePathProblem(path: string, fieldIds: Set<string>): string | null {
  const parts = path.split(".");
  if (parts[0] !== "deal") return `'{{${path}}}' is not allowed: templates may only use {{deal.…}}`;
  if (parts.length === 2 && TEMPLATE_ATTRIBUTES.includes(parts[1]!)) return null;
  if (parts.length === 3 && parts[1] === "fields") return fieldIds.has(parts[2]!) ? null : `'{{${path}}}' names field '${parts[2]}', which the blueprint does not have`;
  return `'{{${path}}}' is not a deal attribute; use {{deal.title}}, {{deal.amount}} or {{deal.fields.<field id>}}`;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v["text"] === "string") return v["text"];
    if (typeof v["amount"] === "number" && typeof v["currency"] === "string") return `${v["amount"]} ${v["currency"]}`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** Renders a template against a deal (English text of a localized template). */
export function renderTemplate(template: Text, deal: DealView, locale = "en"): string {
  const text = typeof template === "string" ? template : (template[locale] ?? template.en);
  return text.replace(PLACEHOLDER, (_m, path: string) => {
    const parts = path.split(".");
    if (parts[0] !== "deal") return "";
    if (parts.length === 2 && TEMPLATE_ATTRIBUTES.includes(parts[1]!)) return show((deal as unknown as Record<string, unknown>)[parts[1]!]);
    if (parts.length === 3 && parts[1] === "fields" && Object.hasOwn(deal.fields, parts[2]!)) return show(deal.fields[parts[2]!]);
    return "";
  });
}
