/**
 * The test deal's fields, as simple inputs by field type; "Save" sends the changed ones in one
 * update, which may fire `fieldChanged` triggers and reschedule timers counted from date fields.
 */
import type { Blueprint, DealRecord, Field } from "@voronka/engine";
import { useState } from "react";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import { useSimStore } from "./sim-store";

/** The field value a simple input's text stands for. */
export function fieldValue(field: Field, input: string | boolean | string[], currency: string): unknown {
  if (typeof input === "boolean") return input;
  if (Array.isArray(input)) return input;
  if (input === "") return null;
  switch (field.type) {
    case "number":
      return Number(input);
    case "money":
      return { amount: Number(input), currency };
    case "datetime":
      return new Date(input).toISOString();
    case "address":
      return { text: input };
    case "file":
      return { name: input.split("/").pop() || input, url: input };
    case "booking":
      try {
        return JSON.parse(input) as unknown;
      } catch {
        return input;
      }
    default:
      return input;
  }
}

/** The input text of a stored field value. */
function inputText(field: Field, value: unknown): string | boolean | string[] {
  if (value === undefined || value === null) return field.type === "boolean" ? false : field.multiple ? [] : "";
  if (field.type === "boolean") return value === true;
  if (field.type === "enum" && field.multiple) return Array.isArray(value) ? value.map(String) : [];
  if (field.type === "money") return String((value as { amount?: unknown }).amount ?? "");
  if (field.type === "datetime") return String(value).slice(0, 16);
  if (field.type === "address") return String((value as { text?: unknown }).text ?? "");
  if (field.type === "file") return String((value as { url?: unknown }).url ?? "");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The fields editor (see the module comment). */
export function SimFields({ deal, blueprint }: { deal: DealRecord; blueprint: Blueprint }) {
  const t = useT();
  const locale = useLocale();
  const { act, busy } = useSimStore();
  const [edits, setEdits] = useState<Record<string, string | boolean | string[]>>({});
  const changed = Object.keys(edits);
  const save = () => {
    const fields: Record<string, unknown> = {};
    for (const id of changed) {
      if (id === "amount") fields["amount"] = Number(edits[id]);
      else if (id === "title") fields["title"] = edits[id];
      else {
        const f = blueprint.fields.find((x) => x.id === id);
        if (f) fields[id] = fieldValue(f, edits[id]!, deal.currency);
      }
    }
    void act((sim) => sim.update(deal.id, fields)).then(() => setEdits({}));
  };
  const value = (f: Field) => edits[f.id] ?? inputText(f, deal.fields[f.id]);
  const set = (id: string, v: string | boolean | string[]) => setEdits((e) => ({ ...e, [id]: v }));

  return (
    <details className="sim-fields">
      <summary>{t("sim.fields")} {changed.length ? `(${changed.length})` : ""}</summary>
      <div className="sim-field-grid">
        <label className="field-label" htmlFor="sim-f-amount">{t("sim.amount")}</label>
        <input id="sim-f-amount" className="input" type="number" value={String(edits["amount"] ?? deal.amount)} onChange={(e) => set("amount", e.target.value)} />
        {blueprint.fields.map((f) => {
          const id = `sim-f-${f.id}`;
          const v = value(f);
          return (
            <div key={f.id} className="sim-field">
              <label className="field-label" htmlFor={id}>{textOf(f.label, locale) || f.id}</label>
              {f.type === "boolean" ? (
                <input id={id} type="checkbox" checked={v === true} onChange={(e) => set(f.id, e.target.checked)} />
              ) : f.type === "enum" ? (
                <select id={id} className="input" multiple={f.multiple === true} value={v as string | string[]}
                  onChange={(e) => set(f.id, f.multiple ? [...e.target.selectedOptions].map((o) => o.value) : e.target.value)}>
                  {!f.multiple ? <option value="">—</option> : null}
                  {(f.options ?? []).map((o) => <option key={o.id} value={o.id}>{textOf(o.label, locale) || o.id}</option>)}
                </select>
              ) : (
                <input id={id} className="input" value={v as string} onChange={(e) => set(f.id, e.target.value)}
                  type={f.type === "number" || f.type === "money" ? "number" : f.type === "date" ? "date" : f.type === "datetime" ? "datetime-local" : "text"} />
              )}
            </div>
          );
        })}
      </div>
      <button type="button" className="btn btn-small btn-primary" disabled={busy || !changed.length} onClick={save} data-testid="sim-save-fields">{t("sim.saveFields")}</button>
    </details>
  );
}
