/**
 * The robot and trigger types the editor lints and simulates with: the engine's built-ins, plus a
 * stand-in for every type the server's catalogue has and the browser does not (custom robots
 * loaded by the server's plugins). A stand-in accepts any params object, produces no effects
 * (`simulated: false`, so the simulator says "not simulated") and its triggers never fire in the
 * browser; its params are checked against the catalogue's JSON Schema instead (`custom-params.ts`).
 */
import {
  defaultRegistry, ParamsSchema, type CatalogueEntry, type Plugin, type Registry, type RobotDefinition, type TriggerDefinition,
} from "@voronka/engine";

/** The catalogue entries the browser's engine does not know. */
export function customEntries(catalogue: readonly CatalogueEntry[]): CatalogueEntry[] {
  const known = defaultRegistry();
  return catalogue.filter((e) => (e.kind === "robot" ? !known.robots.has(e.type) : !known.triggers.has(e.type)));
}

/** A plugin with a stand-in for each custom catalogue entry. */
export function standInPlugin(catalogue: readonly CatalogueEntry[]): Plugin {
  const robots: RobotDefinition[] = [];
  const triggers: TriggerDefinition[] = [];
  for (const e of customEntries(catalogue)) {
    if (e.kind === "robot") {
      robots.push({ type: e.type, label: e.label, help: e.help, params: ParamsSchema, execute: () => [], simulated: false });
    } else {
      triggers.push({ type: e.type, label: e.label, help: e.help, params: ParamsSchema, eventFields: e.eventFields ?? [], matches: () => false });
    }
  }
  return { robots, triggers };
}

const cache = new WeakMap<readonly CatalogueEntry[], Registry>();

/**
 * The registry for a catalogue: built-ins plus stand-ins (cached per catalogue array).
 *
 * @example
 * validateBlueprint(bp, { registry: editorRegistry(catalogue) })
 */
export function editorRegistry(catalogue: readonly CatalogueEntry[]): Registry {
  let registry = cache.get(catalogue);
  if (!registry) {
    registry = defaultRegistry().with([standInPlugin(catalogue)]);
    cache.set(catalogue, registry);
  }
  return registry;
}

/** True when the browser cannot run robots of this type (a stand-in). */
export function isStandInRobot(registry: Registry, type: string): boolean {
  return registry.robots.get(type)?.simulated === false;
}
