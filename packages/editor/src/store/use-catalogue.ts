/**
 * Looking up catalogue entries by kind and type (the server's catalogue when signed in).
 */
import type { CatalogueEntry } from "@voronka/engine";
import { useMemo } from "react";
import { useSessionStore } from "./session-store";

const indexes = new WeakMap<readonly CatalogueEntry[], Map<string, CatalogueEntry>>();

/** The catalogue as a map `robot:createTask` → entry (cached per catalogue). */
export function catalogueIndex(catalogue: readonly CatalogueEntry[]): Map<string, CatalogueEntry> {
  let index = indexes.get(catalogue);
  if (!index) {
    index = new Map(catalogue.map((e) => [`${e.kind}:${e.type}`, e]));
    indexes.set(catalogue, index);
  }
  return index;
}

/** One catalogue entry, or undefined for a type the catalogue does not have. */
export function useCatalogueEntry(kind: "robot" | "trigger", type: string): CatalogueEntry | undefined {
  const catalogue = useSessionStore((s) => s.catalogue);
  return useMemo(() => catalogueIndex(catalogue).get(`${kind}:${type}`), [catalogue, kind, type]);
}

/** Every entry of one kind, in catalogue order. */
export function useCatalogueKind(kind: "robot" | "trigger"): CatalogueEntry[] {
  const catalogue = useSessionStore((s) => s.catalogue);
  return useMemo(() => catalogue.filter((e) => e.kind === kind), [catalogue, kind]);
}
