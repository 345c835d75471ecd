import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useLocaleStore } from "../i18n";
import { useSessionStore } from "../store/session-store";
import { initialBoardState, useBoardStore } from "./board-store";
import { rescheduleProblem } from "./task-actions";
import { groupTasks, TasksView } from "./TasksView";
import { boardBlueprint, dealOf, fakeClient, meOf, taskOf, type FakeRoute } from "./test-fixtures";

const bp = boardBlueprint();
const hour = 3600_000;

function setup(who: "ann" | "sue", extra: FakeRoute[] = []) {
  const late = taskOf({ id: "t-late", deal: "d1", deadline: new Date(Date.now() - 5 * hour).toISOString(), reschedules: 1 });
  const later = taskOf({ id: "t-later", deal: "d2", deadline: new Date(Date.now() + 48 * hour).toISOString(), responsible: "sue", title: "Check the loss reason" });
  const { client, calls } = fakeClient([
    ...extra,
    { method: "GET", path: /\/api\/tasks\?/, answer: ({ url }) => ({ body: { items: /responsible=ann/.test(url) || who === "ann" ? [late] : [late, later], nextCursor: null } }) },
    { method: "GET", path: /\/api\/deals\/d1$/, answer: () => ({ body: { ...dealOf({ id: "d1", title: "ACME" }), openTasks: [late], surveys: [] } }) },
    { method: "GET", path: /\/api\/deals\/d2$/, answer: () => ({ body: { ...dealOf({ id: "d2", title: "Globex" }), openTasks: [later], surveys: [] } }) },
    { method: "GET", path: /\/api\/deals\/d1\/history/, answer: () => ({ body: { items: [{ deal: "d1", seq: 4, type: "task.rescheduled", at: "2026-03-02T09:00:00.000Z", actor: { user: "ann" }, data: { task: "t-late", from: null, to: "x", reason: "Client on holiday" } }], nextCursor: null } }) },
  ]);
  useSessionStore.setState({ client, token: "t" });
  useBoardStore.setState({ ...initialBoardState(), phase: "ready", blueprint: bp, me: meOf(who), pipeline: "sales" });
  return calls;
}

beforeEach(() => useLocaleStore.getState().setLocale("en"));

describe("<TasksView>", () => {
  it("lists my tasks due today, overdue first, with the deal and the reason of the last reschedule", async () => {
    const calls = setup("ann");
    render(<TasksView />);
    const overdue = await screen.findByTestId("tasks-group-overdue");
    expect(within(overdue).getByTestId("task-t-late").getAttribute("data-overdue")).toBe("true");
    await waitFor(() => expect(screen.getByTestId("task-deal-t-late").textContent).toBe("ACME"));
    await waitFor(() => expect(screen.getByTestId("task-reason-t-late").textContent).toContain("Client on holiday"));
    const list = calls.find((c) => c.url.includes("/api/tasks?"))!.url;
    expect(list).toMatch(/status=open/);
    expect(list).toMatch(/responsible=ann/);
    expect(list).toMatch(/dueBefore=/);
    expect(screen.queryByTestId("tasks-scope-team")).toBeNull();
  });

  it("lets a supervisor see the team's tasks", async () => {
    const calls = setup("sue");
    render(<TasksView />);
    fireEvent.click(await screen.findByTestId("tasks-scope-team"));
    fireEvent.click(screen.getByTestId("tasks-range-all"));
    expect(await screen.findByTestId("task-t-later")).toBeTruthy();
    expect(screen.getByTestId("tasks-group-later").textContent).toContain("Susanna Ivanova");
    expect(calls.filter((c) => c.url.includes("/api/tasks?")).at(-1)!.url).not.toMatch(/responsible=/);
  });

  it("refuses to reschedule without a reason, then shows the server's 422, then reschedules", async () => {
    let answer: "refuse" | "ok" = "refuse";
    const calls = setup("ann", [{
      method: "POST", path: /\/api\/tasks\/t-late\/reschedule$/,
      answer: ({ body }) => answer === "refuse"
        ? { status: 422, body: { error: { code: "REASON_REQUIRED", message: "Every change of a deadline needs a comment with the reason (standard 7).", details: {} } } }
        : { body: { task: { ...taskOf({ id: "t-late", deal: "d1" }), deadline: (body as { deadline: string }).deadline }, deal: dealOf({ id: "d1" }) } },
    }]);
    render(<TasksView />);
    fireEvent.click(await screen.findByTestId("task-reschedule-t-late"));
    await screen.findByTestId("reschedule-dialog");

    fireEvent.change(screen.getByTestId("reschedule-reason"), { target: { value: "   " } });
    fireEvent.click(screen.getByTestId("reschedule-submit"));
    const error = await screen.findByTestId("reschedule-error");
    expect(error.getAttribute("data-kind")).toBe("reason");
    expect(error.textContent).toContain("Write the reason");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    fireEvent.change(screen.getByTestId("reschedule-reason"), { target: { value: "The client asked" } });
    fireEvent.click(screen.getByTestId("reschedule-submit"));
    await waitFor(() => expect(screen.getByTestId("reschedule-error").getAttribute("data-kind")).toBe("server"));
    expect(screen.getByTestId("reschedule-error").textContent).toContain("REASON_REQUIRED");

    answer = "ok";
    fireEvent.click(screen.getByTestId("reschedule-submit"));
    await waitFor(() => expect(screen.queryByTestId("reschedule-dialog")).toBeNull());
    const posts = calls.filter((c) => c.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toMatchObject({ reason: "The client asked" });
    expect(Date.parse((posts[1]!.body as { deadline: string }).deadline)).toBeGreaterThan(Date.now());
  });
});

describe("task helpers", () => {
  it("checks a reschedule before sending it", () => {
    expect(rescheduleProblem("2026-05-01T10:00:00.000Z", "")).toEqual({ kind: "reason" });
    expect(rescheduleProblem(null, "because")).toEqual({ kind: "deadline" });
    expect(rescheduleProblem("2026-05-01T10:00:00.000Z", "because")).toBeNull();
  });

  it("groups open tasks into overdue, today, later and no deadline", () => {
    const now = new Date(2026, 2, 5, 12, 0).getTime();
    const at = (h: number) => new Date(2026, 2, 5, h, 0).toISOString();
    const groups = groupTasks([
      taskOf({ id: "a", deal: "d", deadline: at(9) }),
      taskOf({ id: "b", deal: "d", deadline: at(18) }),
      taskOf({ id: "c", deal: "d", deadline: new Date(2026, 2, 9, 9).toISOString() }),
      taskOf({ id: "d", deal: "d" }),
      taskOf({ id: "e", deal: "d", status: "completed" }),
    ], now);
    expect(Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, v.map((x) => x.id)]))).toEqual({ overdue: ["a"], today: ["b"], later: ["c"], none: ["d"] });
  });
});
