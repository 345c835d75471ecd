/**
 * Ids for new things: slugs made from labels, made unique in their scope (robot and trigger ids
 * are unique in the whole blueprint; stage ids within their pipeline).
 */
import type { Blueprint } from "@voronka/engine";

const SLUG = /^[a-z][a-zA-Z0-9_-]*$/;

/** True for a valid Blueprint v1 slug (a letter first, no dots or spaces). */
export function isSlug(value: string): boolean {
  return SLUG.test(value) && value.length <= 64;
}

const CYRILLIC: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "h", ц: "ts", ч: "ch", ш: "sh", щ: "sch",
  ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/**
 * A slug from any label: transliterated, lower-case words joined with `-`.
 *
 * @example
 * slugify("Первичный контакт") // "pervichnyy-kontakt"
 */
export function slugify(label: string, fallback = "item"): string {
  const latin = [...label.toLowerCase()].map((c) => CYRILLIC[c] ?? c).join("");
  const words = latin.replace(/[^a-z0-9]+/g, " ").trim().split(/\s+/).filter(Boolean);
  let slug = words.join("-").slice(0, 48);
  if (!slug || !/^[a-z]/.test(slug)) slug = `${fallback}${slug ? `-${slug}` : ""}`;
  return slug;
}

/** `base`, or `base-2`, `base-3`, … — the first that is not taken. */
export function uniqueId(base: string, taken: ReadonlySet<string> | readonly string[]): string {
  const set = taken instanceof Set ? taken : new Set(taken as readonly string[]);
  if (!set.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!set.has(candidate)) return candidate;
  }
}

/** Every robot and trigger id of the blueprint (one namespace, DESIGN.md "Ids"). */
export function itemIds(bp: Blueprint): Set<string> {
  const ids = new Set<string>();
  for (const p of bp.pipelines) {
    for (const s of p.stages) {
      for (const r of s.robots) ids.add(r.id);
      for (const t of s.triggers) ids.add(t.id);
    }
  }
  return ids;
}

/** The stage ids of one pipeline. */
export function stageIds(bp: Blueprint, pipeline: string): Set<string> {
  return new Set(bp.pipelines.find((p) => p.id === pipeline)?.stages.map((s) => s.id) ?? []);
}
