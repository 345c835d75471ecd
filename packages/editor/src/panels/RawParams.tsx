/**
 * Params of a type the catalogue does not have, as JSON: they are kept and can still be edited.
 */
import { useState } from "react";
import { useT } from "../i18n";

/** Props: the params and their change handler. */
export function RawParams({ value, onChange }: { value: Record<string, unknown>; onChange(params: Record<string, unknown>): void }) {
  const t = useT();
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <textarea className="input input-mono" rows={6} value={text} aria-label={t("inspector.params")} onChange={(e) => {
        setText(e.target.value);
        try {
          const parsed: unknown = JSON.parse(e.target.value);
          if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(t("form.paramsObject"));
          setError(null);
          onChange(parsed as Record<string, unknown>);
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        }
      }} />
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  );
}
