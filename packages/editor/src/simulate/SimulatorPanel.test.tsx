import { testBlueprint, withStage } from "@voronka/engine/testing";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useLocaleStore } from "../i18n";
import { useEditorStore } from "../store/editor-store";
import { lint, useLintStore } from "../store/lint-store";
import { LOCAL_CATALOGUE } from "../store/session-store";
import { useSimStore } from "./sim-store";
import { SimulatorPanel } from "./SimulatorPanel";

const bp = withStage(testBlueprint(), "sales", "lead", {
  robots: [{ id: "callClient", type: "createTask", params: { title: "Call the client", responsible: { kind: "dealResponsible" }, deadline: { after: "PT2H" } } }],
});

beforeEach(() => {
  useLocaleStore.getState().setLocale("en");
  useEditorStore.getState().load(bp);
  useLintStore.setState(lint(bp, LOCAL_CATALOGUE));
  useSimStore.getState().reset();
});

describe("<SimulatorPanel>", () => {
  it("starts a test deal, shows its tasks and history, and completes a task", async () => {
    render(<SimulatorPanel />);
    fireEvent.click(screen.getByTestId("sim-start"));
    const history = await screen.findByTestId("sim-history");
    await waitFor(() => expect(history.textContent).toContain("Deal created in “lead”"));
    expect(screen.getByTestId("sim-stage").textContent).toBe("lead");
    expect(screen.getByTestId("sim-tasks").textContent).toContain("Call the client");

    const clock = screen.getByTestId("sim-clock").textContent;
    fireEvent.click(screen.getByTestId("sim-advance-PT1H"));
    await waitFor(() => expect(screen.getByTestId("sim-clock").textContent).not.toBe(clock));

    fireEvent.click(screen.getByTestId("sim-complete-task-1"));
    await waitFor(() => expect(screen.getByTestId("sim-history").textContent).toContain("Task task-1 completed"));
  });

  it("shows a refused move with what is missing", async () => {
    render(<SimulatorPanel />);
    fireEvent.click(screen.getByTestId("sim-start"));
    await screen.findByTestId("sim-history");
    fireEvent.change(screen.getByLabelText("Move to…"), { target: { value: "contract" } });
    fireEvent.click(screen.getByTestId("sim-move"));
    await waitFor(() => expect(screen.getByTestId("sim-error").textContent).toMatch(/contractNo/));
  });

  it("will not start while the blueprint has errors", () => {
    useLintStore.setState({ errors: 2 });
    render(<SimulatorPanel />);
    expect(screen.getByTestId("sim-blocked")).toBeTruthy();
    expect((screen.getByTestId("sim-start") as HTMLButtonElement).disabled).toBe(true);
  });
});
