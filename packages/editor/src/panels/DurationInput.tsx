/**
 * An ISO-8601 duration as an amount and a unit (minutes, hours, days, weeks), with "before/after"
 * for signed offsets. Durations of several parts (`P1DT2H`) are edited as text.
 */
import { useState } from "react";
import { useT } from "../i18n";
import { DURATION_UNITS, joinDuration, splitDuration, type DurationUnit } from "../model/duration";

/** Props: the ISO value, its change handler, whether it may be negative (an offset). */
export interface DurationInputProps {
  value: string | undefined;
  onChange(value: string): void;
  signed?: boolean;
  label: string;
  testId?: string;
}

/** The duration input (see the module comment). */
export function DurationInput({ value, onChange, signed = false, label, testId }: DurationInputProps) {
  const t = useT();
  const simple = splitDuration(value);
  const [raw, setRaw] = useState(value !== undefined && !simple);
  if (raw) {
    return (
      <div className="duration">
        <input
          aria-label={label}
          className="input input-mono"
          value={value ?? ""}
          placeholder="P1DT2H"
          onChange={(e) => onChange(e.target.value.trim().toUpperCase())}
          data-testid={testId}
        />
        <button type="button" className="btn btn-small btn-ghost" onClick={() => { setRaw(false); onChange(joinDuration(simple ?? { negative: false, amount: 1, unit: "D" })); }}>
          {t("duration.simple")}
        </button>
      </div>
    );
  }
  const d = simple ?? { negative: false, amount: 1, unit: "D" as DurationUnit };
  return (
    <div className="duration">
      <input
        type="number"
        min={0}
        aria-label={label}
        className="input input-number"
        value={d.amount}
        onChange={(e) => onChange(joinDuration({ ...d, amount: Number(e.target.value) || 0 }))}
        data-testid={testId}
      />
      <select aria-label={t("duration.unit")} className="input" value={d.unit} onChange={(e) => onChange(joinDuration({ ...d, unit: e.target.value as DurationUnit }))}>
        {DURATION_UNITS.map((u) => <option key={u} value={u}>{t(`duration.${u}`)}</option>)}
      </select>
      {signed ? (
        <select aria-label={t("duration.direction")} className="input" value={d.negative ? "before" : "after"} onChange={(e) => onChange(joinDuration({ ...d, negative: e.target.value === "before" }))}>
          <option value="after">{t("duration.after")}</option>
          <option value="before">{t("duration.before")}</option>
        </select>
      ) : null}
      <button type="button" className="btn btn-small btn-ghost" title={t("duration.rawTitle")} onClick={() => setRaw(true)}>ISO</button>
    </div>
  );
}
