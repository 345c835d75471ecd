/**
 * Fixtures for the board's component tests (not part of the app): a bilingual blueprint with a
 * field of every type, demo people, deal and task records, and a fake server behind the real
 * {@link ApiClient} (routes matched by method and path).
 */
import type { Blueprint, DealRecord, TaskRecord } from "@voronka/engine";
import { ApiClient } from "../api/client";
import type { Me, Person } from "./board-api";

const L = (en: string, ru: string) => ({ en, ru });

/** A blueprint with one field of every type and a pipeline whose failure stage needs a loss reason. */
export function boardBlueprint(): Blueprint {
  return {
    format: "voronka.blueprint/v1", id: "t", name: L("Test", "Тест"),
    fields: [
      { id: "lossReason", label: L("Loss reason", "Причина отказа"), type: "enum", options: [{ id: "too-expensive", label: L("Too expensive", "Дорого") }, { id: "duplicate", label: L("Duplicate", "Дубль") }] },
      { id: "products", label: L("Products", "Продукты"), type: "enum", multiple: true, options: [{ id: "goods", label: L("Goods", "Товары") }, { id: "services", label: L("Services", "Услуги") }] },
      { id: "eventDate", label: L("Event date", "Дата события"), type: "date" },
      { id: "presentationAt", label: L("Presentation at", "Презентация"), type: "datetime" },
      { id: "seats", label: L("Seats", "Места"), type: "number" },
      { id: "paidAmount", label: L("Paid amount", "Оплачено"), type: "money" },
      { id: "clientSite", label: L("Site", "Сайт"), type: "url" },
      { id: "contactEmail", label: L("E-mail", "Почта"), type: "email" },
      { id: "contactPhone", label: L("Phone", "Телефон"), type: "phone" },
      { id: "legalName", label: L("Legal name", "Юрлицо"), type: "string" },
      { id: "clientFeedback", label: L("Feedback", "Отзыв"), type: "text" },
      { id: "clientAddress", label: L("Address", "Адрес"), type: "address" },
      { id: "contractFile", label: L("Contract", "Договор"), type: "file" },
      { id: "vip", label: L("VIP", "VIP"), type: "boolean" },
      { id: "owner", label: L("Owner", "Владелец"), type: "user" },
      { id: "deliveryBooking", label: L("Booking", "Бронь"), type: "booking" },
    ],
    activityTypes: [{ id: "call-out", label: L("Outgoing call", "Исходящий звонок") }, { id: "cp-sent", label: L("CP sent", "Отправлено КП") }],
    surveys: [{ id: "nps", question: L("Recommend us?", "Порекомендуете нас?"), scale: { min: 0, max: 10 }, bands: { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] } }],
    calendars: [],
    pipelines: [
      {
        id: "sales", label: L("Sales", "Продажи"),
        stages: [
          {
            id: "lead", label: L("Lead", "Лид"), kind: "process",
            robots: [
              { id: "prepareCp", type: "createTask", params: { title: L("Prepare the CP", "Подготовить КП"), responsible: { kind: "dealResponsible" } }, condition: { ">=": [{ var: "deal.amount" }, 100000] } },
              { id: "toWarm", type: "copyToTunnel", params: { pipeline: "warm", stage: "nurture", mode: "copy", carry: "all" } },
            ],
            triggers: [],
          },
          { id: "proposal", label: L("Proposal", "Предложение"), kind: "process", robots: [], triggers: [{ id: "onCall", type: "activity", params: { types: ["call-out"] } }] },
          { id: "won", label: L("Won", "Успех"), kind: "success", robots: [], triggers: [] },
          { id: "lost", label: L("Lost", "Провал"), kind: "failure", robots: [{ id: "needReason", type: "requireFields", params: { fields: ["lossReason"], scope: "enter" } }], triggers: [] },
        ],
      },
      {
        id: "warm", label: L("Warm-up", "Прогрев"),
        stages: [
          { id: "nurture", label: L("Nurture", "Прогрев"), kind: "process", robots: [], triggers: [] },
          { id: "ok", label: L("Done", "Готово"), kind: "success", robots: [], triggers: [] },
          { id: "no", label: L("Dropped", "Отказ"), kind: "failure", robots: [], triggers: [] },
        ],
      },
    ],
  } as Blueprint;
}

/** Ann (manager) and Sue (supervisor). */
export const people: Person[] = [
  { id: "ann", name: "Anna Kuznetsova", role: "manager", supervisor: "sue", team: "B2B", active: true },
  { id: "sue", name: "Susanna Ivanova", role: "supervisor", supervisor: null, team: "B2B", active: true },
];

/** `GET /api/me` for Ann or Sue. */
export function meOf(id: "ann" | "sue"): Me {
  return { user: people.find((p) => p.id === id)!, role: id === "ann" ? "manager" : "supervisor", scope: id === "ann" ? ["ann"] : ["ann", "sue"], people: id === "ann" ? [people[0]!] : people };
}

/** A deal record with defaults. */
export function dealOf(partial: Partial<DealRecord> & { id: string }): DealRecord {
  return {
    title: partial.id.toUpperCase(), pipeline: "sales", stage: "lead", status: "open", amount: 150000, currency: "RUB", responsible: "ann",
    createdAt: "2026-03-01T09:00:00.000Z", stageEnteredAt: "2026-03-02T09:00:00.000Z", version: 1, entry: 1, seq: 1, fields: {},
    ...partial,
  };
}

/** A task record with defaults. */
export function taskOf(partial: Partial<TaskRecord> & { id: string; deal: string }): TaskRecord {
  return {
    pipeline: "sales", stage: "lead", entry: 1, title: L("Prepare the CP", "Подготовить КП"), responsible: "ann", keepOnExit: false,
    status: "open", createdAt: "2026-03-02T09:00:00.000Z", overdue: false, reschedules: 0, ...partial,
  };
}

/** One route of the fake server: a method, a path pattern (matched on path + query) and an answer. */
export interface FakeRoute {
  method: string;
  path: RegExp;
  answer(call: { url: string; body: unknown }): { status?: number; body: unknown };
}

/** The requests the fake server saw. */
export interface FakeCall {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

/** An API client over a fake server; unmatched requests answer 404. */
export function fakeClient(routes: FakeRoute[]): { client: ApiClient; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body, headers: { ...(init?.headers as Record<string, string> | undefined) } });
    const route = routes.find((r) => r.method === method && r.path.test(url));
    const answer = route ? route.answer({ url, body }) : { status: 404, body: { error: { code: "NOT_FOUND", message: `no route ${method} ${url}` } } };
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { "content-type": "application/json" } });
  };
  return { client: new ApiClient({ token: "t", fetch: fetch as typeof globalThis.fetch }), calls };
}
