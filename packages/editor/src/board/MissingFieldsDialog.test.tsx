import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useLocaleStore } from "../i18n";
import { useSessionStore } from "../store/session-store";
import { moveDeal } from "./board-actions";
import { initialBoardState, useBoardStore } from "./board-store";
import { fieldsBody, parseDraft, specOf } from "./field-values";
import { MissingFieldsDialog } from "./MissingFieldsDialog";
import { boardBlueprint, dealOf, fakeClient, meOf, type FakeRoute } from "./test-fixtures";

const bp = boardBlueprint();
const ALL = bp.fields.map((f) => f.id);

function setup(routes: FakeRoute[]) {
  const { client, calls } = fakeClient(routes);
  useSessionStore.setState({ client, token: "t" });
  useBoardStore.setState({ ...initialBoardState(), phase: "ready", blueprint: bp, me: meOf("sue"), pipeline: "sales", deals: { d1: { deal: dealOf({ id: "d1", title: "ACME" }), noOpenTask: false, overdue: 0 } } });
  return calls;
}

const blocked = (missing: string[]) => ({ status: 422, body: { error: { code: "MOVE_BLOCKED", message: "Fill in the loss reason.", details: { to: "lost", missing } } } });
const value = (id: string, v: string) => fireEvent.change(screen.getByTestId(id), { target: { value: v } });

beforeEach(() => useLocaleStore.getState().setLocale("en"));

describe("the missing-fields form", () => {
  it("opens on 422 MOVE_BLOCKED with the loss reason from its list, and moves in ONE request with the fields", async () => {
    const calls = setup([
      { method: "POST", path: /\/api\/deals\/d1\/move$/, answer: ({ body }) => ((body as { fields?: unknown }).fields ? { body: dealOf({ id: "d1", stage: "lost", status: "lost" }) } : blocked(["lossReason"])) },
      { method: "GET", path: /\/api\/deals\/d1$/, answer: () => ({ body: { ...dealOf({ id: "d1", stage: "lost", status: "lost" }), openTasks: [], surveys: [] } }) },
    ]);
    render(<MissingFieldsDialog />);
    expect(await moveDeal("d1", "lost")).toBe("blocked");
    const select = await screen.findByTestId("field-input-lossReason");
    expect(select.tagName).toBe("SELECT");
    expect([...(select as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(["— choose —", "Too expensive", "Duplicate"]);

    fireEvent.click(screen.getByTestId("missing-fields-submit"));
    expect(await screen.findByTestId("missing-fields-error")).toBeTruthy();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(1);

    value("field-input-lossReason", "too-expensive");
    fireEvent.click(screen.getByTestId("missing-fields-submit"));
    await waitFor(() => expect(useBoardStore.getState().blocked).toBeNull());
    const posts = calls.filter((c) => c.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toEqual({ stage: "lost", fields: { lossReason: "too-expensive" } });
    expect(screen.queryByTestId("missing-fields-dialog")).toBeNull();
  });

  it("renders every field type with its own input and builds the fields body", async () => {
    const calls = setup([
      { method: "POST", path: /\/move$/, answer: ({ body }) => ((body as { fields?: unknown }).fields ? { body: dealOf({ id: "d1", stage: "proposal" }) } : blocked(ALL)) },
      { method: "GET", path: /\/api\/deals\/d1$/, answer: () => ({ body: { ...dealOf({ id: "d1", stage: "proposal" }), openTasks: [], surveys: [] } }) },
    ]);
    render(<MissingFieldsDialog />);
    await moveDeal("d1", "proposal");
    await screen.findByTestId("missing-fields-dialog");
    const el = (id: string) => screen.getByTestId(id) as HTMLInputElement;
    expect(el("field-input-lossReason").tagName).toBe("SELECT");
    expect(el("field-input-products-goods").type).toBe("checkbox");
    expect(el("field-input-eventDate").type).toBe("date");
    expect(el("field-input-presentationAt").type).toBe("datetime-local");
    expect(el("field-input-seats").type).toBe("number");
    expect(el("field-input-paidAmount-amount").type).toBe("number");
    expect(el("field-input-paidAmount-currency").value).toBe("RUB");
    expect(el("field-input-clientSite").type).toBe("url");
    expect(el("field-input-contactEmail").type).toBe("email");
    expect(el("field-input-contactPhone").type).toBe("tel");
    expect(el("field-input-legalName").type).toBe("text");
    expect(el("field-input-clientFeedback").tagName).toBe("TEXTAREA");
    expect(el("field-input-clientAddress").type).toBe("text");
    expect(el("field-input-contractFile-url").type).toBe("url");
    expect(el("field-input-vip").tagName).toBe("SELECT");
    expect([...(el("field-input-owner") as unknown as HTMLSelectElement).options].map((o) => o.value)).toEqual(["", "ann", "sue"]);
    expect(el("field-input-deliveryBooking-from").type).toBe("datetime-local");

    value("field-input-lossReason", "duplicate");
    fireEvent.click(el("field-input-products-goods"));
    fireEvent.click(el("field-input-products-services"));
    value("field-input-eventDate", "2026-05-01");
    value("field-input-presentationAt", "2026-04-01T10:30");
    value("field-input-seats", "12");
    value("field-input-paidAmount-amount", "99000");
    value("field-input-clientSite", "https://acme.example");
    value("field-input-contactEmail", "ceo@acme.example");
    value("field-input-contactPhone", "+7 900 000-00-00");
    value("field-input-legalName", "ACME LLC");
    value("field-input-clientFeedback", "Liked it\nbut pricey");
    value("field-input-clientAddress", "Moscow, Tverskaya 1");
    value("field-input-contractFile-name", "contract.pdf");
    value("field-input-contractFile-url", "https://files.example/contract.pdf");
    value("field-input-vip", "true");
    value("field-input-owner", "sue");
    value("field-input-deliveryBooking-resource", "Hall A");
    value("field-input-deliveryBooking-from", "2026-05-01T10:00");
    value("field-input-deliveryBooking-to", "2026-05-01T12:00");
    fireEvent.click(screen.getByTestId("missing-fields-submit"));
    await waitFor(() => expect(calls.filter((c) => c.method === "POST")).toHaveLength(2));
    const fields = (calls.filter((c) => c.method === "POST")[1]!.body as { fields: Record<string, unknown> }).fields;
    expect(fields).toEqual({
      lossReason: "duplicate",
      products: ["goods", "services"],
      eventDate: "2026-05-01",
      presentationAt: new Date("2026-04-01T10:30").toISOString(),
      seats: 12,
      paidAmount: { amount: 99000, currency: "RUB" },
      clientSite: "https://acme.example",
      contactEmail: "ceo@acme.example",
      contactPhone: "+7 900 000-00-00",
      legalName: "ACME LLC",
      clientFeedback: "Liked it\nbut pricey",
      clientAddress: { text: "Moscow, Tverskaya 1" },
      contractFile: { name: "contract.pdf", url: "https://files.example/contract.pdf" },
      vip: true,
      owner: "sue",
      deliveryBooking: { resource: "Hall A", from: new Date("2026-05-01T10:00").toISOString(), to: new Date("2026-05-01T12:00").toISOString() },
    });
  });
});

describe("field values", () => {
  it("refuses malformed values and leaves empty ones out (or clears them when editing)", () => {
    expect(parseDraft(specOf(bp, "clientSite"), "acme.example")).toEqual({ kind: "error", error: "url" });
    expect(parseDraft(specOf(bp, "contactEmail"), "nope")).toEqual({ kind: "error", error: "email" });
    expect(parseDraft(specOf(bp, "seats"), "1 000,5")).toEqual({ kind: "value", value: 1000.5 });
    expect(parseDraft(specOf(bp, "amount"), "150000")).toEqual({ kind: "value", value: 150000 });
    expect(parseDraft(specOf(bp, "deliveryBooking"), { resource: "Hall", from: "", to: "" })).toEqual({ kind: "error", error: "incomplete" });
    const specs = [specOf(bp, "lossReason"), specOf(bp, "legalName")];
    expect(fieldsBody(specs, { lossReason: "", legalName: "X" })).toEqual({ fields: { legalName: "X" }, empty: ["lossReason"], errors: {} });
    expect(fieldsBody(specs, { lossReason: "", legalName: "X" }, { clearEmpty: true }).fields).toEqual({ lossReason: null, legalName: "X" });
  });
});
