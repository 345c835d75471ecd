/**
 * Localized labels (`Text` of Blueprint v1): plain text, or one text per locale with English
 * required. The editor shows and edits them in the chosen UI locale.
 */
import type { Text } from "@voronka/engine";

/** The UI locales; a blueprint's `Text` may carry more, which the editor keeps untouched. */
export type Locale = "en" | "ru";

/**
 * The label in `locale`, falling back to English, then to any other locale.
 *
 * @example
 * textOf({ en: "Lead", ru: "Лид" }, "ru") // "Лид"
 */
export function textOf(text: Text | undefined | null, locale: string): string {
  if (text === undefined || text === null) return "";
  if (typeof text === "string") return text;
  const own = text[locale];
  if (typeof own === "string" && own !== "") return own;
  if (text.en) return text.en;
  const first = Object.values(text).find((v) => typeof v === "string" && v !== "");
  return first ?? "";
}

/**
 * Sets the label's text for one locale and keeps the others. A plain string is English: setting
 * English on it stays a string; setting another locale turns it into `{ en, <locale> }`.
 *
 * @example
 * withText("Lead", "ru", "Лид") // { en: "Lead", ru: "Лид" }
 */
export function withText(text: Text | undefined, locale: string, value: string): Text {
  if (text === undefined || typeof text === "string") {
    const en = text ?? "";
    if (locale === "en") return value;
    return value === "" ? en : { en: en === "" ? value : en, [locale]: value };
  }
  const next: Record<string, string> = { ...text, [locale]: value };
  if (locale !== "en" && value === "") delete next[locale];
  return next as Text;
}

/** The text of a label in one locale only (no fallback), for an input's value. */
export function ownText(text: Text | undefined, locale: string): string {
  if (text === undefined) return "";
  if (typeof text === "string") return locale === "en" ? text : "";
  return text[locale] ?? "";
}
