import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { App } from "./App";
import { starterBlueprint } from "./model/defaults";
import { useEditorStore } from "./store/editor-store";
import { useLocaleStore } from "./i18n";
import { useLintStore } from "./store/lint-store";
import { useUiStore } from "./store/ui-store";

beforeEach(() => {
  useEditorStore.getState().load(starterBlueprint());
  useUiStore.setState({ selection: null, tab: "inspect", dialog: null });
  useLintStore.setState({ blueprint: null, issues: [], errors: 0, warnings: 0, byNode: new Map(), byItem: new Map() });
  useLocaleStore.getState().setLocale("en");
  window.location.hash = "#/editor";
});

describe("<App>", () => {
  it("draws the blueprint's stages as nodes with stable test ids", async () => {
    render(<App />);
    expect(await screen.findByTestId("stage-sales-new")).toBeTruthy();
    expect(screen.getByTestId("stage-sales-won")).toBeTruthy();
    expect(screen.getByTestId("stage-sales-lost")).toBeTruthy();
    for (const id of ["save", "publish", "simulate", "add-stage", "add-robot"]) expect(screen.getByTestId(id)).toBeTruthy();
  });

  it("adds a stage, a robot and undoes with Ctrl+Z", async () => {
    render(<App />);
    await screen.findByTestId("stage-sales-new");
    fireEvent.click(screen.getByTestId("add-stage"));
    expect(await screen.findByTestId("stage-sales-stage")).toBeTruthy();
    fireEvent.click(screen.getByTestId("add-robot"));
    expect(await screen.findByTestId("chip-robot-createTask")).toBeTruthy();
    expect(await screen.findByTestId("inspector-robot", {}, { timeout: 5000 })).toBeTruthy();
    act(() => { fireEvent.keyDown(window, { key: "z", ctrlKey: true }); });
    expect(screen.queryByTestId("chip-robot-createTask")).toBeNull();
    act(() => { fireEvent.keyDown(window, { key: "z", ctrlKey: true, shiftKey: true }); });
    expect(await screen.findByTestId("chip-robot-createTask")).toBeTruthy();
  });

  it("switches the UI to Russian", async () => {
    render(<App />);
    fireEvent.change(screen.getByTestId("locale"), { target: { value: "ru" } });
    expect((await screen.findByTestId("nav-editor")).textContent).toContain("Редактор");
    expect(screen.getByTestId("stage-sales-new").textContent).toContain("Новая");
  });

  it("shows lint problems and selects a problem's stage", async () => {
    useEditorStore.getState().dispatch({ type: "stage.set-kind", pipeline: "sales", stage: "won", kind: "process" });
    render(<App />);
    fireEvent.click(screen.getByTestId("tab-problems"));
    const item = await screen.findByTestId("lint-item-0");
    expect(item.getAttribute("data-code")).toBe("pipeline.success-count");
    fireEvent.click(item.querySelector("button")!);
    expect(useUiStore.getState().selection).toEqual({ kind: "pipeline", pipeline: "sales" });
  });

  it("mounts the board at #/board (asking to sign in without a token); the control room asks to sign in too", async () => {
    window.location.hash = "#/board";
    const { unmount } = render(<App />);
    expect(await screen.findByTestId("board-signed-out")).toBeTruthy();
    unmount();
    window.location.hash = "#/control";
    render(<App />);
    expect(await screen.findByTestId("control-signed-out")).toBeTruthy();
  });
});
