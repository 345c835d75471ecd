/**
 * The editor's operations on a blueprint: a discriminated union of plain, JSON-serialisable
 * objects, and the pure {@link apply} that performs one. Undo/redo, copy/paste, the canvas, the
 * inspector and saves all change the model only through `apply`, so every change is replayable.
 */
import type { Blueprint, Text } from "@voronka/engine";
import { applyItemOperation, type ItemOperation } from "./ops-items";
import { applyPipelineOperation, type PipelineOperation } from "./ops-pipelines";
import { applyStageOperation, type StageOperation } from "./ops-stages";

export type { ItemOperation, PipelineOperation, StageOperation };

/** Replaces the whole blueprint (import, opening a version): one undoable step. */
export interface ReplaceOperation {
  type: "blueprint.replace";
  blueprint: Blueprint;
}

/** Changes the blueprint's name or description. */
export interface BlueprintUpdateOperation {
  type: "blueprint.update";
  name?: Text;
  description?: Text | null;
}

/** Several operations as one undoable step (e.g. auto-layout, paste). */
export interface BatchOperation {
  type: "batch";
  operations: Operation[];
}

/** Every change the editor can make to a blueprint. */
export type Operation = ReplaceOperation | BlueprintUpdateOperation | BatchOperation | PipelineOperation | StageOperation | ItemOperation;

/**
 * Applies one operation and returns the new blueprint; the input is never mutated, and untouched
 * parts are shared. An operation whose target does not exist (a stale selection after undo,
 * say) changes nothing and returns the same blueprint object, so callers can tell.
 *
 * @example
 * const next = apply(bp, { type: "stage.rename", pipeline: "sales", stage: "lead", label: { en: "Lead", ru: "Лид" } });
 */
export function apply(blueprint: Blueprint, operation: Operation): Blueprint {
  switch (operation.type) {
    case "blueprint.replace":
      return operation.blueprint;
    case "blueprint.update": {
      const next: Blueprint = { ...blueprint };
      if (operation.name !== undefined) next.name = operation.name;
      if (operation.description === null) delete next.description;
      else if (operation.description !== undefined) next.description = operation.description;
      return next;
    }
    case "batch":
      return operation.operations.reduce(apply, blueprint);
    default:
      if (operation.type.startsWith("pipeline.") || operation.type.startsWith("transition.")) {
        return applyPipelineOperation(blueprint, operation as PipelineOperation);
      }
      if (operation.type.startsWith("stage.") || operation.type === "layout.apply") {
        return applyStageOperation(blueprint, operation as StageOperation);
      }
      return applyItemOperation(blueprint, operation as ItemOperation);
  }
}

