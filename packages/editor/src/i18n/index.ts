/**
 * English and Russian UI text: a typed dictionary per locale (`en.ts`, `ru.ts`; Russian must have
 * every English key, the compiler checks), the chosen locale in a small store kept in
 * localStorage, and `t(key, params)` with `{name}` placeholders.
 */
import { useCallback } from "react";
import { create } from "zustand";
import type { Locale } from "../model/text";
import { en, type MessageKey } from "./en";
import { ru } from "./ru";

export type { Locale, MessageKey };

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { en, ru };
const KEY = "voronka.locale";

/** The locales the UI speaks, with their own names. */
export const LOCALES: readonly { id: Locale; name: string }[] = [
  { id: "en", name: "English" },
  { id: "ru", name: "Русский" },
];

function initialLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(KEY);
    if (stored === "en" || stored === "ru") return stored;
  } catch {
    /* no storage */
  }
  return globalThis.navigator?.language?.toLowerCase().startsWith("ru") ? "ru" : "en";
}

/** The chosen locale. */
export const useLocaleStore = create<{ locale: Locale; setLocale(locale: Locale): void }>()((set) => ({
  locale: initialLocale(),
  setLocale: (locale) => {
    try {
      globalThis.localStorage?.setItem(KEY, locale);
    } catch {
      /* no storage */
    }
    if (typeof document !== "undefined") document.documentElement.lang = locale;
    set({ locale });
  },
}));

/**
 * A message in a locale, with `{name}` placeholders filled in.
 *
 * @example
 * translate("ru", "lint.count", { n: 3 })
 */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[locale][key] ?? en[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] !== undefined ? String(params[name]) : whole));
}

/** A message in the current locale, outside React (notices from async actions). */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(useLocaleStore.getState().locale, key, params);
}

/** The current locale. */
export function useLocale(): Locale {
  return useLocaleStore((s) => s.locale);
}

/** The translate function for the current locale (re-renders when the locale changes). */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const locale = useLocale();
  return useCallback((key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params), [locale]);
}
