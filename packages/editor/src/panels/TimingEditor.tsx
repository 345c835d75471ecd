/**
 * A delay (when a robot runs) or a deadline (when a task is due), in every form of DESIGN.md:
 * after a duration, relative to a date field (offset and time of day), at an instant, or — for
 * deadlines — a duration after an event; with the working-time toggle where it applies.
 */
import type { Delay, Deadline, Field } from "@voronka/engine";
import { useT } from "../i18n";
import type { ConditionField } from "../model/condition-fields";
import { textOf } from "../model/text";
import { ConditionBuilder } from "./ConditionBuilder";
import { DurationInput } from "./DurationInput";

type Timing = Delay | Deadline;
type Kind = "none" | "after" | "field" | "at" | "afterEvent";

/** Props: the value (absent = immediately / no deadline), which forms are allowed, and lookups. */
export interface TimingEditorProps {
  value: Timing | undefined;
  onChange(value: Timing | undefined): void;
  /** `delay` for robots (no afterEvent), `deadline` for tasks. */
  mode: "delay" | "deadline";
  /** The blueprint's fields (date and datetime ones are offered). */
  fields: readonly Field[];
  /** Event types for `afterEvent` (the catalogue's trigger types). */
  eventTypes: readonly { type: string; label: string }[];
  /** Condition fields for an `afterEvent` match, by event type. */
  matchFields?: (eventType: string) => readonly ConditionField[];
  locale: string;
  testId?: string;
}

function kindOf(v: Timing | undefined): Kind {
  if (!v) return "none";
  if ("afterEvent" in v) return "afterEvent";
  if ("at" in v) return "at";
  if ("field" in v) return "field";
  return "after";
}

/** `YYYY-MM-DDTHH:MM` (local) for an ISO instant, and back. */
const toLocalInput = (iso: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** The timing editor (see the module comment). */
export function TimingEditor({ value, onChange, mode, fields, eventTypes, matchFields, locale, testId = "timing" }: TimingEditorProps) {
  const t = useT();
  const kind = kindOf(value);
  const dateFields = fields.filter((f) => f.type === "date" || f.type === "datetime");
  const working = value && !("at" in value) ? value.workingTime === true : false;
  const kinds: Kind[] = mode === "deadline" ? ["none", "after", "field", "at", "afterEvent"] : ["none", "after", "field", "at"];

  const switchKind = (next: Kind) => {
    const keep = working ? { workingTime: true } : {};
    if (next === "none") onChange(undefined);
    else if (next === "after") onChange({ after: "P1D", ...keep });
    else if (next === "field") onChange({ field: dateFields[0]?.id ?? "", offset: "P0D", ...keep });
    else if (next === "at") onChange({ at: new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1, 9)).toISOString() });
    else onChange({ afterEvent: { type: eventTypes[0]?.type ?? "taskCompleted" }, after: "PT1H", ...keep });
  };

  const setWorking = (on: boolean) => {
    if (!value || "at" in value) return;
    const next = { ...value } as Record<string, unknown>;
    if (on) next["workingTime"] = true;
    else delete next["workingTime"];
    onChange(next as Timing);
  };

  return (
    <div className="timing" data-testid={testId}>
      <select className="input" aria-label={t(`timing.${mode}`)} value={kind} onChange={(e) => switchKind(e.target.value as Kind)} data-testid={`${testId}-kind`}>
        {kinds.map((k) => <option key={k} value={k}>{t(k === "none" ? (mode === "delay" ? "timing.immediately" : "timing.noDeadline") : `timing.kind.${k}`)}</option>)}
      </select>
      {value && "afterEvent" in value ? (
        <div className="timing-row">
          <select className="input" aria-label={t("timing.eventType")} value={value.afterEvent.type} onChange={(e) => onChange({ ...value, afterEvent: { type: e.target.value } })}>
            {eventTypes.map((e) => <option key={e.type} value={e.type}>{e.label}</option>)}
            {!eventTypes.some((e) => e.type === value.afterEvent.type) ? <option value={value.afterEvent.type}>{value.afterEvent.type}</option> : null}
          </select>
          <DurationInput label={t("timing.after")} value={value.after} onChange={(after) => onChange({ ...value, after })} testId={`${testId}-after`} />
          <details className="timing-match">
            <summary>{t("timing.match")}</summary>
            <ConditionBuilder
              value={value.afterEvent.match}
              onChange={(match) => onChange({ ...value, afterEvent: match === undefined ? { type: value.afterEvent.type } : { type: value.afterEvent.type, match } })}
              fields={matchFields?.(value.afterEvent.type) ?? []}
              testId={`${testId}-match`}
            />
          </details>
        </div>
      ) : value && "at" in value ? (
        <div className="timing-row">
          <input
            type="datetime-local"
            className="input"
            aria-label={t("timing.kind.at")}
            value={toLocalInput(value.at)}
            onChange={(e) => { const d = new Date(e.target.value); if (!Number.isNaN(d.getTime())) onChange({ at: d.toISOString() }); }}
          />
        </div>
      ) : value && "field" in value ? (
        <div className="timing-row">
          <select className="input" aria-label={t("timing.field")} value={value.field} onChange={(e) => onChange({ ...value, field: e.target.value })} data-testid={`${testId}-field`}>
            {!dateFields.some((f) => f.id === value.field) ? <option value={value.field}>{value.field || t("timing.pickField")}</option> : null}
            {dateFields.map((f) => <option key={f.id} value={f.id}>{textOf(f.label, locale) || f.id}</option>)}
          </select>
          <DurationInput label={t("timing.offset")} value={value.offset} signed onChange={(offset) => onChange({ ...value, offset })} testId={`${testId}-offset`} />
          <label className="inline">
            <span>{t("timing.time")}</span>
            <input type="time" className="input" value={value.time ?? ""} onChange={(e) => {
              const next = { ...value } as Record<string, unknown>;
              if (e.target.value) next["time"] = e.target.value;
              else delete next["time"];
              onChange(next as Timing);
            }} />
          </label>
        </div>
      ) : value && "after" in value ? (
        <div className="timing-row">
          <DurationInput label={t("timing.after")} value={value.after} onChange={(after) => onChange({ ...value, after })} testId={`${testId}-after`} />
        </div>
      ) : null}
      {value && !("at" in value) ? (
        <label className="checkbox">
          <input type="checkbox" checked={working} onChange={(e) => setWorking(e.target.checked)} data-testid={`${testId}-working`} />
          <span>{t("timing.workingTime")}</span>
        </label>
      ) : null}
    </div>
  );
}
