import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useLocaleStore } from "../i18n";
import { useSessionStore } from "../store/session-store";
import { onLiveRow } from "./board-actions";
import { cardMarks, groupColumns, summarize, type BoardDeal } from "./board-model";
import { initialBoardState, useBoardStore } from "./board-store";
import { BoardPage } from "./BoardPage";
import { boardBlueprint, dealOf, fakeClient, meOf, taskOf, type FakeRoute } from "./test-fixtures";

const bp = boardBlueprint();
const sales = bp.pipelines[0]!;
const now = Date.parse("2026-03-05T09:00:00.000Z");

describe("board model", () => {
  const items: BoardDeal[] = [
    { deal: dealOf({ id: "a", stage: "lead", stageEnteredAt: "2026-03-04T09:00:00.000Z" }), noOpenTask: false, overdue: 0 },
    { deal: dealOf({ id: "b", stage: "lead", stageEnteredAt: "2026-03-01T09:00:00.000Z" }), noOpenTask: false, overdue: 2 },
    { deal: dealOf({ id: "c", stage: "lead", amount: 50000 }), noOpenTask: true, overdue: 0 },
    { deal: dealOf({ id: "d", stage: "proposal", responsible: "sue" }), noOpenTask: false, overdue: 0 },
    { deal: dealOf({ id: "e", stage: "lost", status: "lost" }), noOpenTask: true, overdue: 0 },
    { deal: dealOf({ id: "f", pipeline: "warm", stage: "nurture" }), noOpenTask: true, overdue: 0 },
    { deal: dealOf({ id: "g", stage: "gone" }), noOpenTask: false, overdue: 0 },
  ];

  it("groups a pipeline's deals into its stages: red first, then overdue, then the longest in stage", () => {
    const columns = groupColumns(sales, items);
    expect(columns.map((c) => c.stage.id)).toEqual(["lead", "proposal", "won", "lost"]);
    expect(columns[0]!.deals.map((d) => d.deal.id)).toEqual(["c", "b", "a"]);
    expect(columns[0]!.totals).toEqual([{ currency: "RUB", amount: 350000 }]);
    expect(columns[3]!.deals.map((d) => d.deal.id)).toEqual(["e"]);
    expect(summarize(columns)).toEqual({ deals: 4, red: 1, overdue: 1 });
  });

  it("filters by responsible and to deals with no open task", () => {
    expect(groupColumns(sales, items, { responsible: "sue" }).flatMap((c) => c.deals.map((d) => d.deal.id))).toEqual(["d"]);
    expect(groupColumns(sales, items, { noOpenTaskOnly: true }).flatMap((c) => c.deals.map((d) => d.deal.id))).toEqual(["c"]);
  });

  it("marks red only open deals with no open task, and counts time in stage", () => {
    expect(cardMarks(items[2]!, now)).toMatchObject({ red: true, overdue: 0 });
    expect(cardMarks(items[4]!, now).red).toBe(false);
    expect(cardMarks(items[0]!, now).inStageMs).toBe(24 * 3600_000);
  });
});

function routes(): FakeRoute[] {
  const deals = [
    dealOf({ id: "d-red", title: "Red deal" }),
    dealOf({ id: "d-late", title: "Late deal", stage: "proposal" }),
    dealOf({ id: "d-ok", title: "Fine deal", amount: 70000, responsible: "sue" }),
  ];
  return [
    { method: "GET", path: /\/api\/blueprint$/, answer: () => ({ body: { published: { version: 1, blueprint: bp }, draft: null } }) },
    { method: "GET", path: /\/api\/me$/, answer: () => ({ body: meOf("sue") }) },
    { method: "GET", path: /\/api\/settings$/, answer: () => ({ body: { timeZone: "Europe/Moscow", currency: "RUB" } }) },
    { method: "GET", path: /\/api\/deals\?.*noOpenTask=1/, answer: () => ({ body: { items: [deals[0]], nextCursor: null } }) },
    { method: "GET", path: /\/api\/deals\?.*status=open/, answer: () => ({ body: { items: deals, nextCursor: null } }) },
    { method: "GET", path: /\/api\/deals\?.*status=lost/, answer: () => ({ body: { items: [dealOf({ id: "d-lost", title: "Lost deal", stage: "lost", status: "lost" })], nextCursor: null } }) },
    { method: "GET", path: /\/api\/deals\?/, answer: () => ({ body: { items: [], nextCursor: null } }) },
    { method: "GET", path: /\/api\/tasks\?.*overdue=1/, answer: () => ({ body: { items: [taskOf({ id: "t1", deal: "d-late", deadline: "2026-01-01T09:00:00.000Z", overdue: true })], nextCursor: null } }) },
  ];
}

describe("<BoardPage>", () => {
  beforeEach(() => {
    useLocaleStore.getState().setLocale("en");
    useBoardStore.setState(initialBoardState());
  });

  it("asks to sign in when signed out", () => {
    useSessionStore.setState({ client: null, token: null });
    render(<BoardPage />);
    expect(screen.getByTestId("board-signed-out")).toBeTruthy();
  });

  it("shows the pipeline as columns with red and overdue cards, amounts and time in stage; filters to red", async () => {
    const { client, calls } = fakeClient(routes());
    useSessionStore.setState({ client, token: "t" });
    render(<BoardPage />);
    const lead = await screen.findByTestId("column-lead");
    await waitFor(() => expect(lead.getAttribute("data-count")).toBe("2"));
    expect(calls.some((c) => /noOpenTask=1/.test(c.url) && /pipeline=sales/.test(c.url))).toBe(true);

    const red = screen.getByTestId("deal-card-d-red");
    expect(red.getAttribute("data-red")).toBe("true");
    expect(red.className).toContain("is-red");
    expect(within(red).getByTestId("mark-no-task").textContent).toBe("No open task");
    expect(red.textContent).toMatch(/150,000/);
    expect(red.textContent).toMatch(/in stage \d+ day/);
    const late = screen.getByTestId("deal-card-d-late");
    expect(late.getAttribute("data-red")).toBe("false");
    expect(within(late).getByTestId("mark-overdue").textContent).toContain("1 overdue");
    expect(screen.getByTestId("deal-card-d-ok").textContent).toContain("Susanna Ivanova");
    expect(screen.getByTestId("column-lost").getAttribute("data-count")).toBe("1");
    expect(screen.getByTestId("board-summary").textContent).toContain("Open deals: 3 · with no open task: 1 · with overdue tasks: 1");

    fireEvent.click(screen.getByTestId("board-red-only"));
    expect(screen.getByTestId("column-lead").getAttribute("data-count")).toBe("1");
    expect(screen.queryByTestId("deal-card-d-ok")).toBeNull();
  });

  it("moves a deal with the keyboard menu", async () => {
    const { client, calls } = fakeClient([
      { method: "POST", path: /\/api\/deals\/d-ok\/move$/, answer: () => ({ body: dealOf({ id: "d-ok", title: "Fine deal", stage: "proposal", responsible: "sue" }) }) },
      { method: "GET", path: /\/api\/deals\/d-ok$/, answer: () => ({ body: { ...dealOf({ id: "d-ok", title: "Fine deal", stage: "proposal", responsible: "sue" }), openTasks: [taskOf({ id: "t9", deal: "d-ok" })], surveys: [] } }) },
      ...routes(),
    ]);
    useSessionStore.setState({ client, token: "t" });
    render(<BoardPage />);
    fireEvent.click(await screen.findByTestId("move-menu-d-ok"));
    const item = await screen.findByTestId("move-to-proposal");
    expect(document.activeElement?.getAttribute("role")).toBe("menuitem");
    fireEvent.click(item);
    await waitFor(() => expect(screen.getByTestId("deal-card-d-ok").getAttribute("data-stage")).toBe("proposal"));
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ stage: "proposal" });
    expect(within(screen.getByTestId("column-proposal")).getByTestId("deal-card-d-ok")).toBeTruthy();
  });
});

describe("live rows from /api/events", () => {
  it("re-reads the deals on the board and those that come into the pipeline, and nothing else", async () => {
    const moved = dealOf({ id: "d1", stage: "proposal" });
    const { client, calls } = fakeClient([
      { method: "GET", path: /\/api\/deals\/d1$/, answer: () => ({ body: { ...moved, openTasks: [], surveys: [] } }) },
      { method: "GET", path: /\/api\/deals\/d7$/, answer: () => ({ body: { ...dealOf({ id: "d7" }), openTasks: [taskOf({ id: "t", deal: "d7" })], surveys: [] } }) },
    ]);
    useSessionStore.setState({ client, token: "t" });
    useBoardStore.setState({ ...initialBoardState(), phase: "ready", blueprint: bp, pipeline: "sales", deals: { d1: { deal: dealOf({ id: "d1" }), noOpenTask: false, overdue: 0 } } });
    onLiveRow({ deal: "d1", type: "deal.moved", data: { from: "lead", to: "proposal", by: "manual" } }, 0);
    onLiveRow({ deal: "d7", type: "deal.created", data: { pipeline: "sales", stage: "lead", by: "manual" } }, 0);
    onLiveRow({ deal: "d8", type: "deal.created", data: { pipeline: "warm", stage: "nurture", by: "manual" } }, 0);
    onLiveRow({ deal: "d9", type: "activity.logged", data: { type: "call-out" } }, 0);
    await waitFor(() => expect(useBoardStore.getState().deals["d7"]).toBeTruthy());
    await waitFor(() => expect(useBoardStore.getState().deals["d1"]!.deal.stage).toBe("proposal"));
    expect(useBoardStore.getState().deals["d1"]!.noOpenTask).toBe(true);
    expect(calls.map((c) => c.url).sort()).toEqual(["/api/deals/d1", "/api/deals/d7"]);
  });
});
