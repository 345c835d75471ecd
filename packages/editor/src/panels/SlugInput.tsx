/**
 * An id input: edits freely, commits on Enter or leaving the field, and refuses (with a message)
 * ids that are not slugs or are taken.
 */
import { useEffect, useState } from "react";
import { useT } from "../i18n";
import { isSlug } from "../model/ids";

/** Props: the id, which ids are taken, and the commit handler. */
export interface SlugInputProps {
  value: string;
  taken: ReadonlySet<string>;
  onCommit(id: string): void;
  label: string;
  testId?: string;
}

/** The id input (see the module comment). */
export function SlugInput({ value, taken, onCommit, label, testId }: SlugInputProps) {
  const t = useT();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const error = draft === value ? null : !isSlug(draft) ? t("id.invalid") : taken.has(draft) ? t("id.taken") : null;
  const commit = () => {
    if (draft !== value && !error) onCommit(draft);
    else if (error) setDraft(value);
  };
  return (
    <div className="slug-input">
      <input
        className="input input-mono"
        aria-label={label}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => { if (e.key === "Enter") commit(); if (e.key === "Escape") setDraft(value); }}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      />
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  );
}
