/**
 * Labels in the preset's two languages. Every label of the standards blueprint is a
 * `{ en, ru }` pair: Russian is the source book's language, English the product's default.
 */

/** A label in English and Russian (DESIGN.md's `Text` with both locales set). */
export interface LocalText {
  en: string;
  ru: string;
  [locale: string]: string;
}

/**
 * Makes a two-language label.
 *
 * @example
 * t("Presentation", "Презентация") // { en: "Presentation", ru: "Презентация" }
 */
export function t(en: string, ru: string): LocalText {
  return { en, ru };
}
