import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useLocaleStore } from "../i18n";
import { useSessionStore } from "../store/session-store";
import { initialBoardState, useBoardStore } from "./board-store";
import { DealPanel } from "./DealPanel";
import { boardBlueprint, dealOf, fakeClient, meOf, taskOf } from "./test-fixtures";

const bp = boardBlueprint();
const deal = dealOf({
  id: "d1", title: "ACME", sourceDeal: "d0",
  fields: {
    lossReason: "too-expensive", products: ["goods", "services"], eventDate: "2026-05-01", paidAmount: { amount: 99000, currency: "RUB" },
    contractFile: { name: "contract.pdf", url: "https://files.example/contract.pdf" }, clientAddress: { text: "Moscow, Tverskaya 1" }, clientSite: "https://acme.example",
  },
});
const open = taskOf({ id: "t1", deal: "d1", deadline: "2026-01-01T09:00:00.000Z", overdue: true });
const done = taskOf({ id: "t0", deal: "d1", status: "completed", closedAt: "2026-03-02T10:00:00.000Z", title: { en: "Call", ru: "Позвонить" } });
const row = (seq: number, type: string, data: Record<string, unknown>) => ({ deal: "d1", seq, type, at: "2026-03-02T09:00:00.000Z", actor: { user: "ann" }, data });

function setup() {
  const { client, calls } = fakeClient([
    { method: "GET", path: /\/api\/deals\/d1$/, answer: () => ({ body: { ...deal, openTasks: [open], surveys: [] } }) },
    { method: "GET", path: /\/api\/deals\/d0$/, answer: () => ({ body: { ...dealOf({ id: "d0", title: "ACME (first)", pipeline: "warm", stage: "ok" }), openTasks: [], surveys: [] } }) },
    { method: "GET", path: /\/api\/tasks\?.*deal=d1/, answer: () => ({ body: { items: [open, done], nextCursor: null } }) },
    { method: "GET", path: /\/api\/deals\/d1\/history/, answer: () => ({ body: { items: [
      row(1, "deal.created", { pipeline: "sales", stage: "lead", by: "manual" }),
      row(2, "robot.skipped", { robot: "prepareCp", reason: "condition-false", condition: { ">=": [{ var: "deal.amount" }, 100000] } }),
      row(3, "deal.copied", { toDeal: "d5", pipeline: "warm", stage: "nurture", mode: "copy" }),
    ], nextCursor: null } }) },
    { method: "GET", path: /\/api\/deals\/d1\/explain/, answer: () => ({ body: {
      deal: "d1", pipeline: "sales", stage: "lead", status: "open", since: deal.stageEnteredAt,
      arrived: { by: "manual", at: deal.createdAt, actor: { user: "ann" } }, skippedRobots: [], failedRobots: [],
      openTasks: [{ task: "t1", title: open.title, responsible: "ann", deadline: open.deadline, overdue: true }], waitingRobots: [],
      triggers: [{ trigger: "onCall", type: "activity", stage: "proposal" }], nextStage: { stage: "proposal", missing: ["contactEmail"] }, blockedMoves: [], text: [],
    } }) },
    { method: "POST", path: /\/api\/deals\/d1\/activities$/, answer: () => ({ status: 201, body: deal }) },
    { method: "PATCH", path: /\/api\/deals\/d1$/, answer: () => ({ body: deal }) },
  ]);
  useSessionStore.setState({ client, token: "t" });
  useBoardStore.setState({ ...initialBoardState(), phase: "ready", blueprint: bp, me: meOf("ann"), pipeline: "sales", openDeal: "d1" });
  return calls;
}

beforeEach(() => useLocaleStore.getState().setLocale("en"));

describe("<DealPanel>", () => {
  it("shows fields by type, linked deals, tasks, history in words and why the deal is here", async () => {
    const calls = setup();
    render(<DealPanel />);
    expect((await screen.findByTestId("deal-panel-title")).textContent).toBe("ACME");
    expect(screen.getByTestId("deal-field-lossReason").textContent).toContain("Too expensive");
    expect(screen.getByTestId("deal-field-products").textContent).toContain("Goods, Services");
    expect(screen.getByTestId("deal-field-paidAmount").textContent).toMatch(/99,000/);
    const file = within(screen.getByTestId("deal-field-contractFile")).getByRole("link");
    expect(file.getAttribute("href")).toBe("https://files.example/contract.pdf");
    expect(screen.getByTestId("deal-field-eventDate").textContent).toContain("May 1, 2026");
    const linked = await screen.findByTestId("deal-linked");
    await waitFor(() => expect(linked.textContent).toContain("ACME (first) — Warm-up / Done"));
    expect(linked.textContent).toContain("d5 (outside your scope)");

    fireEvent.click(screen.getByTestId("deal-tab-tasks"));
    expect(screen.getByTestId("task-t1").getAttribute("data-overdue")).toBe("true");
    expect(screen.getByTestId("task-t0").textContent).toContain("Call");

    fireEvent.click(screen.getByTestId("deal-tab-history"));
    const history = screen.getByTestId("deal-history");
    expect(history.textContent).toContain("Robot “Prepare the CP” skipped: amount ≥ 100,000");
    expect(history.textContent).toContain("Anna Kuznetsova");
    fireEvent.change(screen.getByTestId("activity-type"), { target: { value: "cp-sent" } });
    fireEvent.change(screen.getByTestId("activity-note"), { target: { value: "v2 of the CP" } });
    fireEvent.click(screen.getByTestId("activity-log"));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ type: "cp-sent", data: { note: "v2 of the CP" } });

    fireEvent.click(screen.getByTestId("deal-tab-why"));
    const why = screen.getByTestId("deal-explain");
    expect(why.textContent).toContain("Created here by Anna Kuznetsova");
    expect(why.textContent).toContain("Task “Prepare the CP” for Anna Kuznetsova, overdue since");
    expect(why.textContent).toContain("“Activity” can pull it to “Proposal”");
    expect(screen.getByTestId("explain-next").textContent).toContain("Fill in: E-mail");

    fireEvent.keyDown(screen.getByTestId("deal-panel"), { key: "Escape" });
    expect(useBoardStore.getState().openDeal).toBeNull();
  });

  it("edits fields by type and saves only the changed ones, with If-Match", async () => {
    const calls = setup();
    render(<DealPanel />);
    fireEvent.click(await screen.findByTestId("deal-fields-edit"));
    fireEvent.change(screen.getByTestId("field-input-amount"), { target: { value: "175000" } });
    fireEvent.change(screen.getByTestId("field-input-lossReason"), { target: { value: "" } });
    fireEvent.change(screen.getByTestId("field-input-contactEmail"), { target: { value: "ceo@acme.example" } });
    fireEvent.click(screen.getByTestId("deal-fields-save"));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ fields: { amount: 175000, lossReason: null, contactEmail: "ceo@acme.example" } });
    expect(calls.find((c) => c.method === "PATCH")!.headers["if-match"]).toBe('"1"');
  });

  it("speaks Russian", async () => {
    setup();
    useLocaleStore.getState().setLocale("ru");
    render(<DealPanel />);
    await screen.findByTestId("deal-field-lossReason");
    expect(screen.getByTestId("deal-field-lossReason").textContent).toContain("Дорого");
    fireEvent.click(screen.getByTestId("deal-tab-history"));
    expect(screen.getByTestId("deal-history").textContent).toContain("Робот «Подготовить КП» пропущен");
  });
});
