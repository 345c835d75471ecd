/**
 * A custom robot and a custom trigger, registered by an embedder. The robot posts to a chat
 * through the outbox (at least once, with an idempotency key); the trigger reacts to a signal the
 * embedder sends when an invoice is paid in its accounting system.
 *
 *   pnpm example:custom-robot
 */
import { z } from "zod";
import {
  createEngine, createMemoryStore, registerRobot, registerTrigger, type Blueprint,
} from "@voronka/engine";

// 1. A robot type: params as a zod schema, labels and help in English and Russian, and an executor
//    that returns effects as data (it never performs I/O itself).
registerRobot({
  type: "postToChat",
  label: { en: "Post to the team chat", ru: "Написать в чат команды" },
  help: { en: "Posts a message about the deal to a chat channel.", ru: "Пишет сообщение о сделке в канал чата." },
  params: z.object({ channel: z.string().min(1), text: z.string().min(1) }),
  execute: ({ params, render }) => [
    { type: "outbox", kind: "chat", payload: { channel: params.channel, text: render(params.text) } },
  ],
});

// 2. A trigger type: which events match, and which event fields conditions may read.
registerTrigger({
  type: "invoicePaid",
  label: { en: "Invoice paid", ru: "Счёт оплачен" },
  help: { en: "Fires when the accounting system reports a paid invoice.", ru: "Срабатывает, когда бухгалтерия сообщает об оплате счёта." },
  params: z.object({ minAmount: z.number().nonnegative().optional() }),
  eventFields: ["invoice", "paid"],
  matches: (params, event) => typeof event["paid"] === "number" && event["paid"] >= (params.minAmount ?? 0),
});

const blueprint: Blueprint = {
  format: "voronka.blueprint/v1",
  id: "custom-robot-demo",
  name: "Custom robot demo",
  fields: [], activityTypes: [], surveys: [], calendars: [],
  pipelines: [{
    id: "sales", label: "Sales",
    stages: [
      { id: "invoice", label: "Invoice sent", kind: "process", robots: [], triggers: [] },
      { id: "paid", label: "Paid", kind: "process", triggers: [{ id: "whenPaid", type: "invoicePaid", params: { minAmount: 1 } }],
        robots: [{ id: "cheer", type: "postToChat", params: { channel: "#sales", text: "{{deal.title}} is paid: {{deal.amount}} {{deal.currency}}" } }] },
      { id: "won", label: "Won", kind: "success", robots: [], triggers: [] },
      { id: "lost", label: "Lost", kind: "failure", robots: [], triggers: [] },
    ],
  }],
};

const engine = createEngine({
  blueprint,
  store: createMemoryStore(),
  clock: () => new Date("2026-03-02T10:00:00Z"),
  deliver: (effect) => console.log(`deliver ${effect.kind} [${effect.key}]`, effect.payload),
});

console.log("catalogue has:", engine.catalogue().filter((c) => c.type === "postToChat" || c.type === "invoicePaid").map((c) => `${c.kind} ${c.type}`).join(", "));
const deal = await engine.createDeal({ pipeline: "sales", title: "ACME", amount: 120000, responsible: "ann" });
const { fired } = await engine.signal(deal.id, { type: "invoicePaid", invoice: "INV-7", paid: 120000 });
console.log(`signal fired trigger: ${fired}; deal is now in '${(await engine.deal(deal.id)).record.stage}'`);
await engine.tick();
