/**
 * The custom rjsf fields and widget that `form-schema.ts` assigns: localized text, timing,
 * condition, responsible, raw JSON and ids with suggestions. They read the blueprint and locale
 * from the form context.
 */
import type { Blueprint, Deadline, Delay, JsonLogic, Responsible, Text } from "@voronka/engine";
import type { FieldProps, RegistryFieldsType, RegistryWidgetsType, WidgetProps } from "@rjsf/utils";
import { useId, useState } from "react";
import { useT } from "../i18n";
import type { ConditionField } from "../model/condition-fields";
import type { Locale } from "../model/text";
import { ConditionBuilder } from "./ConditionBuilder";
import { TextInput } from "./TextInput";
import { TimingEditor } from "./TimingEditor";

/** What the params form's custom fields need from the editor. */
export interface ParamsFormContext {
  blueprint: Blueprint;
  locale: Locale;
  /** The pipeline of the robot or trigger (its stages are suggested first). */
  pipeline: string;
  conditionFields: readonly ConditionField[];
  eventTypes: readonly { type: string; label: string }[];
  matchFields(eventType: string): readonly ConditionField[];
}

const contextOf = (p: { registry: { formContext?: unknown } }): ParamsFormContext => p.registry.formContext as ParamsFormContext;
const titleOf = (p: FieldProps): string => String(p.schema.title ?? p.name);

function Label({ htmlFor, title, required }: { htmlFor?: string; title: string; required?: boolean | undefined }) {
  return <label className="field-label" htmlFor={htmlFor}>{title}{required ? <span className="required">*</span> : null}</label>;
}

function TextField(p: FieldProps) {
  const multiline = Boolean((p.uiSchema?.["ui:options"] as { multiline?: boolean } | undefined)?.multiline);
  return (
    <div className="form-group rjsf-custom">
      <Label title={titleOf(p)} required={p.required} />
      <TextInput value={p.formData as Text | undefined} label={titleOf(p)} multiline={multiline} testId={`param-${p.name}`}
        onChange={(v) => p.onChange(v, p.fieldPathId.path)} />
    </div>
  );
}

function TimingField(p: FieldProps) {
  const ctx = contextOf(p);
  const mode = (p.uiSchema?.["ui:options"] as { mode?: "delay" | "deadline" } | undefined)?.mode ?? "deadline";
  return (
    <div className="form-group rjsf-custom">
      <Label title={titleOf(p)} required={p.required} />
      <TimingEditor value={p.formData as Delay | Deadline | undefined} mode={mode} fields={ctx.blueprint.fields} eventTypes={ctx.eventTypes}
        matchFields={ctx.matchFields} locale={ctx.locale} testId={`param-${p.name}`}
        onChange={(v) => p.onChange(v, p.fieldPathId.path)} />
    </div>
  );
}

function ConditionField(p: FieldProps) {
  const ctx = contextOf(p);
  return (
    <div className="form-group rjsf-custom">
      <Label title={titleOf(p)} required={p.required} />
      <ConditionBuilder value={p.formData as JsonLogic | undefined} fields={ctx.conditionFields} testId={`param-${p.name}`}
        onChange={(v) => p.onChange(v, p.fieldPathId.path)} />
    </div>
  );
}

const ROLE_KINDS = ["dealResponsible", "supervisor", "user", "roundRobin"] as const;

function ResponsibleField(p: FieldProps) {
  const t = useT();
  const id = useId();
  const value = (p.formData ?? { kind: "dealResponsible" }) as Responsible;
  const set = (v: Responsible) => p.onChange(v, p.fieldPathId.path);
  const switchKind = (kind: Responsible["kind"]) =>
    set(kind === "user" ? { kind, user: "" } : kind === "roundRobin" ? { kind, users: [] } : { kind });
  return (
    <div className="form-group rjsf-custom" data-testid={`param-${p.name}`}>
      <Label htmlFor={id} title={titleOf(p)} required={p.required} />
      <select id={id} className="input" value={value.kind} onChange={(e) => switchKind(e.target.value as Responsible["kind"])}>
        {ROLE_KINDS.map((k) => <option key={k} value={k}>{t(`role.${k}`)}</option>)}
      </select>
      {value.kind === "user" ? (
        <input className="input" aria-label={t("role.userId")} placeholder={t("role.userId")} value={value.user} onChange={(e) => set({ kind: "user", user: e.target.value })} />
      ) : null}
      {value.kind === "roundRobin" ? (
        <input className="input" aria-label={t("role.userIds")} placeholder={t("role.userIds")} value={value.users.join(", ")}
          onChange={(e) => set({ kind: "roundRobin", users: e.target.value.split(",").map((u) => u.trim()).filter(Boolean) })} />
      ) : null}
    </div>
  );
}

function JsonField(p: FieldProps) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(() => (p.formData === undefined ? "" : JSON.stringify(p.formData, null, 2)));
  const [error, setError] = useState<string | null>(null);
  const onText = (next: string) => {
    setText(next);
    if (!next.trim()) {
      setError(null);
      p.onChange(undefined, p.fieldPathId.path);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      setError(null);
      p.onChange(parsed, p.fieldPathId.path);
    } catch {
      // Not JSON: a plain text value (a template body, a string) is fine too.
      setError(t("form.jsonAsText"));
      p.onChange(next, p.fieldPathId.path);
    }
  };
  return (
    <div className="form-group rjsf-custom">
      <Label htmlFor={id} title={titleOf(p)} required={p.required} />
      <textarea id={id} className="input input-mono" rows={3} value={text} onChange={(e) => onText(e.target.value)} data-testid={`param-${p.name}`} />
      {error ? <div className="field-hint">{error}</div> : null}
    </div>
  );
}

/** Suggested ids for an id-valued param, by its name (works for custom types' params too). */
export function suggestions(ctx: ParamsFormContext, hint: string): { value: string; label: string }[] {
  const bp = ctx.blueprint;
  const own = bp.pipelines.find((p) => p.id === ctx.pipeline);
  const h = hint.toLowerCase();
  if (h.startsWith("field")) return bp.fields.map((f) => ({ value: f.id, label: f.type }));
  if (h.startsWith("pipeline")) return bp.pipelines.map((p) => ({ value: p.id, label: "" }));
  if (h.startsWith("stage")) {
    const rest = bp.pipelines.filter((p) => p !== own);
    return [...(own ? [own] : []), ...rest].flatMap((p) => p.stages.map((s) => ({ value: s.id, label: p.id })));
  }
  if (h.startsWith("survey")) return bp.surveys.map((s) => ({ value: s.id, label: "" }));
  if (h === "types" || h.startsWith("activit")) return bp.activityTypes.map((a) => ({ value: a.id, label: "" }));
  if (h.startsWith("robot")) return bp.pipelines.flatMap((p) => p.stages.flatMap((s) => s.robots.map((r) => ({ value: r.id, label: `${p.id}/${s.id}` }))));
  if (h.startsWith("calendar")) return bp.calendars.map((c) => ({ value: c.id, label: c.timeZone }));
  return [];
}

function SlugWidget(p: WidgetProps) {
  const listId = useId();
  const ctx = contextOf(p);
  const opts = p.options as { hint?: string; extra?: string[] };
  const list = [...(opts.extra ?? []).map((v) => ({ value: v, label: "" })), ...suggestions(ctx, opts.hint ?? p.name)];
  return (
    <>
      <input
        id={p.id}
        className="form-control input-mono"
        list={listId}
        value={typeof p.value === "string" ? p.value : ""}
        required={p.required}
        disabled={p.disabled || p.readonly}
        onChange={(e) => p.onChange(e.target.value === "" ? undefined : e.target.value)}
        onBlur={(e) => p.onBlur(p.id, e.target.value)}
        onFocus={(e) => p.onFocus(p.id, e.target.value)}
      />
      <datalist id={listId}>
        {list.map((o, i) => <option key={`${o.value}-${i}`} value={o.value}>{o.label}</option>)}
      </datalist>
    </>
  );
}

/** The custom fields, by the names `form-schema.ts` uses. */
export const FORM_FIELDS: RegistryFieldsType = {
  voronkaText: TextField,
  voronkaTiming: TimingField,
  voronkaCondition: ConditionField,
  voronkaResponsible: ResponsibleField,
  voronkaJson: JsonField,
};

/** The custom widgets. */
export const FORM_WIDGETS: RegistryWidgetsType = { voronkaSlug: SlugWidget };
