import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useLocaleStore } from "../i18n";
import { starterBlueprint } from "../model/defaults";
import { useEditorStore } from "../store/editor-store";
import { useUiStore } from "../store/ui-store";
import { FAR_ZOOM } from "./level-of-detail";
import { PipelineCanvas } from "./PipelineCanvas";

beforeEach(() => {
  useEditorStore.getState().load(starterBlueprint());
  useUiStore.setState({ selection: null, tab: "inspect", dialog: null });
  useLocaleStore.getState().setLocale("en");
});

const zoomOf = (canvas: HTMLElement) => Number(/scale\(([0-9.]+)\)/.exec(canvas.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform ?? "")?.[1]);

describe("<PipelineCanvas> level of detail", () => {
  it(`marks the canvas is-far below ${FAR_ZOOM * 100}% zoom (chips and handles not drawn) and not at the editor's zoom`, async () => {
    render(<PipelineCanvas />);
    const canvas = await screen.findByTestId("canvas");
    expect(await screen.findByTestId("stage-sales-new")).toBeTruthy();
    // The editor's own zoom for a new blueprint is at least 0.6: details shown.
    await waitFor(() => expect(zoomOf(canvas)).toBeGreaterThanOrEqual(0.6));
    expect(canvas.classList.contains("is-far")).toBe(false);
    const zoomOut = canvas.querySelector<HTMLButtonElement>(".react-flow__controls-zoomout")!;
    for (let i = 0; i < 12 && zoomOf(canvas) >= FAR_ZOOM; i++) {
      await act(async () => {
        fireEvent.click(zoomOut);
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
    }
    expect(zoomOf(canvas)).toBeLessThan(FAR_ZOOM);
    expect(canvas.classList.contains("is-far")).toBe(true);
    // Still every stage and its chips in the DOM: only the drawing changes.
    expect(screen.getByTestId("stage-sales-new")).toBeTruthy();
  });
});
