import { testBlueprint } from "@voronka/engine/testing";
import { describe, expect, it } from "vitest";
import { createEditorStore, redo, undo } from "./editor-store";

const labelOf = (store: ReturnType<typeof createEditorStore>) => store.getState().blueprint.pipelines[0]!.stages[0]!.label;

describe("the undo stack", () => {
  it("applies operations, undoes and redoes them", () => {
    const store = createEditorStore(testBlueprint());
    const original = store.getState().blueprint;
    store.getState().dispatch({ type: "stage.rename", pipeline: "sales", stage: "lead", label: "Leads" });
    store.getState().dispatch({ type: "stage.delete", pipeline: "sales", stage: "proposal" });
    expect(store.getState().blueprint.pipelines[0]!.stages.map((s) => s.id)).toEqual(["lead", "contract", "won", "lost"]);

    undo(store);
    expect(store.getState().blueprint.pipelines[0]!.stages.map((s) => s.id)).toContain("proposal");
    expect(labelOf(store)).toBe("Leads");
    undo(store);
    expect(store.getState().blueprint).toBe(original);
    redo(store);
    expect(labelOf(store)).toBe("Leads");
    redo(store);
    expect(store.getState().blueprint.pipelines[0]!.stages).toHaveLength(4);
  });

  it("a new edit after undo drops the redo branch", () => {
    const store = createEditorStore(testBlueprint());
    store.getState().dispatch({ type: "stage.rename", pipeline: "sales", stage: "lead", label: "A" });
    undo(store);
    store.getState().dispatch({ type: "stage.rename", pipeline: "sales", stage: "lead", label: "B" });
    expect(store.temporal.getState().futureStates).toHaveLength(0);
    redo(store);
    expect(labelOf(store)).toBe("B");
  });

  it("operations that change nothing make no undo step", () => {
    const store = createEditorStore(testBlueprint());
    expect(store.getState().dispatch({ type: "stage.rename", pipeline: "sales", stage: "nope", label: "x" })).toBe(false);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it("keystrokes in one field coalesce into one step; another field starts a new one", () => {
    const store = createEditorStore(testBlueprint());
    const type = (label: string, now: number, key = "stage:sales/lead:label") =>
      store.getState().dispatch({ type: "stage.rename", pipeline: "sales", stage: "lead", label }, { coalesce: key, now });
    type("L", 1000);
    type("Le", 1100);
    type("Lea", 1200);
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    type("Lead!", 5000); // a pause: a new step
    expect(store.temporal.getState().pastStates).toHaveLength(2);
    store.getState().dispatch({ type: "stage.rename", pipeline: "sales", stage: "proposal", label: "P" }, { coalesce: "stage:sales/proposal:label", now: 5100 });
    expect(store.temporal.getState().pastStates).toHaveLength(3);
    undo(store);
    undo(store);
    expect(labelOf(store)).toBe("Lea");
    undo(store);
    expect(labelOf(store)).toEqual({ en: "lead", ru: "lead" });
  });

  it("loading a blueprint replaces it without an undo step and clears the history", () => {
    const store = createEditorStore(testBlueprint());
    store.getState().dispatch({ type: "stage.rename", pipeline: "sales", stage: "lead", label: "A" });
    const loaded = testBlueprint({ id: "loaded" });
    store.getState().load(loaded);
    expect(store.getState().blueprint).toBe(loaded);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    undo(store);
    expect(store.getState().blueprint).toBe(loaded);
  });

  it("an import is one undoable step", () => {
    const store = createEditorStore(testBlueprint());
    const before = store.getState().blueprint;
    store.getState().dispatch({ type: "blueprint.replace", blueprint: testBlueprint({ id: "imported" }) });
    expect(store.getState().blueprint.id).toBe("imported");
    undo(store);
    expect(store.getState().blueprint).toBe(before);
  });
});
