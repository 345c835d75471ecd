/**
 * A colour for a stage or a lane: a small palette, a free colour input, and "default".
 */
import { useT } from "../i18n";

/** The palette offered first. */
export const PALETTE = ["#4f46e5", "#0891b2", "#0d9488", "#16a34a", "#ca8a04", "#ea580c", "#dc2626", "#db2777", "#7c3aed", "#475569"] as const;

/** Props: the colour (null = the default), and its change handler. */
export function ColorPicker({ value, onChange, label }: { value: string | null; onChange(color: string | null): void; label: string }) {
  const t = useT();
  return (
    <div className="color-picker" role="group" aria-label={label}>
      {PALETTE.map((c) => (
        <button key={c} type="button" className={`swatch${value === c ? " is-active" : ""}`} style={{ background: c }} onClick={() => onChange(c)} aria-label={c} aria-pressed={value === c} />
      ))}
      <input type="color" aria-label={t("color.custom")} value={value ?? "#4f46e5"} onChange={(e) => onChange(e.target.value)} />
      <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(null)} disabled={value === null}>{t("color.default")}</button>
    </div>
  );
}
