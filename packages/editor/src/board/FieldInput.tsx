/**
 * One field's input, by its type: enum → select (multiple → checkboxes), date → date input,
 * datetime → datetime-local, number, money (amount + currency), url, email, phone, string and text,
 * address `{text}`, file `{name, url}`, booking `{resource, from, to}`, boolean (yes / no), user
 * (the people in scope). Test ids: `field-input-<id>` on the main control, `-<part>` suffixes on
 * the parts of composite values, `-<option>` on checkboxes.
 */
import { useId } from "react";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import type { Person } from "./board-api";
import type { Draft, FieldSpec } from "./field-values";

/** Props: the field, its draft and where changes go. */
export interface FieldInputProps {
  spec: FieldSpec;
  draft: Draft;
  onChange(draft: Draft): void;
  people?: readonly Person[];
  /** A message under the input (an error). */
  error?: string | null;
  required?: boolean;
}

const INPUT_TYPE: Partial<Record<FieldSpec["type"], string>> = { url: "url", email: "email", phone: "tel", date: "date", datetime: "datetime-local", number: "number" };

/** The input (see the module comment). */
export function FieldInput({ spec, draft, onChange, people = [], error, required = false }: FieldInputProps) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const label = textOf(spec.label, locale) || spec.id;
  const help = spec.help ? textOf(spec.help, locale) : "";
  const testId = `field-input-${spec.id}`;
  const obj = (draft && typeof draft === "object" && !Array.isArray(draft) ? draft : {}) as Record<string, string>;
  const part = (key: string, value: string) => onChange({ ...obj, [key]: value });
  const invalid = error ? true : undefined;
  const common = { id, "aria-invalid": invalid, "aria-required": required || undefined } as const;

  let control;
  if (spec.type === "enum" && spec.multiple) {
    const chosen = Array.isArray(draft) ? draft : [];
    control = (
      <div className="bf-checks" role="group" aria-labelledby={`${id}-label`} data-testid={testId}>
        {(spec.options ?? []).map((o) => (
          <label key={o.id} className="bf-check">
            <input type="checkbox" checked={chosen.includes(o.id)} data-testid={`${testId}-${o.id}`}
              onChange={(e) => onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id))} />
            {textOf(o.label, locale) || o.id}
          </label>
        ))}
      </div>
    );
  } else if (spec.type === "enum" || spec.type === "user" || spec.type === "boolean") {
    const options = spec.type === "enum"
      ? (spec.options ?? []).map((o) => ({ value: o.id, label: textOf(o.label, locale) || o.id }))
      : spec.type === "user"
        ? people.filter((p) => p.active !== false).map((p) => ({ value: p.id, label: p.name }))
        : [{ value: "true", label: t("board.input.yes") }, { value: "false", label: t("board.input.no") }];
    const value = spec.type === "boolean" ? (typeof draft === "boolean" ? String(draft) : "") : typeof draft === "string" ? draft : "";
    control = (
      <select {...common} className="input" value={value} data-testid={testId}
        onChange={(e) => onChange(spec.type === "boolean" ? (e.target.value === "" ? null : e.target.value === "true") : e.target.value)}>
        <option value="">{t("board.input.choose")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    );
  } else if (spec.multiple || spec.type === "text") {
    control = (
      <textarea {...common} className="input bf-textarea" rows={spec.multiple ? 3 : 3} value={typeof draft === "string" ? draft : ""} data-testid={testId}
        placeholder={spec.multiple ? t("board.input.listHint") : undefined} onChange={(e) => onChange(e.target.value)} />
    );
  } else if (spec.type === "money") {
    control = (
      <div className="bf-row" data-testid={testId}>
        <input {...common} className="input" type="number" min={0} step="any" inputMode="decimal" value={obj["amount"] ?? ""} aria-label={`${label}: ${t("board.input.amount")}`}
          data-testid={`${testId}-amount`} onChange={(e) => part("amount", e.target.value)} />
        <input className="input input-short" value={obj["currency"] ?? ""} maxLength={3} aria-label={`${label}: ${t("board.input.currency")}`}
          data-testid={`${testId}-currency`} onChange={(e) => part("currency", e.target.value.toUpperCase())} />
      </div>
    );
  } else if (spec.type === "address") {
    control = (
      <input {...common} className="input" value={obj["text"] ?? ""} placeholder={t("board.input.address")} autoComplete="street-address"
        data-testid={testId} onChange={(e) => part("text", e.target.value)} />
    );
  } else if (spec.type === "file") {
    control = (
      <div className="bf-row" data-testid={testId}>
        <input {...common} className="input" value={obj["name"] ?? ""} placeholder={t("board.input.fileName")} aria-label={`${label}: ${t("board.input.fileName")}`}
          data-testid={`${testId}-name`} onChange={(e) => part("name", e.target.value)} />
        <input className="input" type="url" value={obj["url"] ?? ""} placeholder={t("board.input.fileUrl")} aria-label={`${label}: ${t("board.input.fileUrl")}`}
          data-testid={`${testId}-url`} onChange={(e) => part("url", e.target.value)} />
      </div>
    );
  } else if (spec.type === "booking") {
    control = (
      <div className="bf-row bf-wrap" data-testid={testId}>
        <input {...common} className="input" value={obj["resource"] ?? ""} placeholder={t("board.input.resource")} aria-label={`${label}: ${t("board.input.resource")}`}
          data-testid={`${testId}-resource`} onChange={(e) => part("resource", e.target.value)} />
        <input className="input" type="datetime-local" value={obj["from"] ?? ""} aria-label={`${label}: ${t("board.input.from")}`}
          data-testid={`${testId}-from`} onChange={(e) => part("from", e.target.value)} />
        <input className="input" type="datetime-local" value={obj["to"] ?? ""} aria-label={`${label}: ${t("board.input.to")}`}
          data-testid={`${testId}-to`} onChange={(e) => part("to", e.target.value)} />
      </div>
    );
  } else {
    control = (
      <input {...common} className="input" type={INPUT_TYPE[spec.type] ?? "text"} value={typeof draft === "string" ? draft : ""} data-testid={testId}
        {...(spec.type === "number" ? { step: "any", inputMode: "decimal" as const } : {})} onChange={(e) => onChange(e.target.value)} />
    );
  }

  return (
    <div className={`bf-field${error ? " has-error" : ""}`} data-field={spec.id} data-type={spec.type}>
      <label className="bf-label" id={`${id}-label`} htmlFor={id}>
        {label}
        {required ? <span className="bf-required" aria-hidden> *</span> : null}
      </label>
      {control}
      {help ? <div className="bf-help">{help}</div> : null}
      {error ? <div className="bf-error" role="alert">{error}</div> : null}
    </div>
  );
}
