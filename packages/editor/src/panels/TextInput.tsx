/**
 * A localized label (`Text`): one input per UI locale, the chosen locale first. Keeps any other
 * locales the label carries. English is required by the blueprint format; the linter says so.
 */
import type { Text } from "@voronka/engine";
import { LOCALES, useLocale } from "../i18n";
import { ownText, withText } from "../model/text";

/** Props: the label, its change handler, an accessible name, and whether it is multi-line. */
export interface TextInputProps {
  value: Text | undefined;
  onChange(value: Text): void;
  label: string;
  multiline?: boolean;
  testId?: string;
}

/** The localized text input (see the module comment). */
export function TextInput({ value, onChange, label, multiline = false, testId }: TextInputProps) {
  const locale = useLocale();
  const ordered = [...LOCALES].sort((a, b) => (a.id === locale ? -1 : b.id === locale ? 1 : 0));
  return (
    <div className="text-input">
      {ordered.map((l, i) => {
        const common = {
          className: `input${i > 0 ? " input-secondary" : ""}`,
          value: ownText(value, l.id),
          "aria-label": `${label} (${l.id.toUpperCase()})`,
          "data-testid": testId ? `${testId}-${l.id}` : undefined,
          onChange: (e: { target: { value: string } }) => onChange(withText(value, l.id, e.target.value)),
          placeholder: i > 0 ? ownText(value, locale) || undefined : undefined,
        };
        return (
          <div key={l.id} className="text-input-row">
            <span className="locale-tag">{l.id.toUpperCase()}</span>
            {multiline ? <textarea rows={2} {...common} /> : <input {...common} />}
          </div>
        );
      })}
    </div>
  );
}
