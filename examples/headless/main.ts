/**
 * Embedding Voronka headless: no server, no database, no browser. A deal goes through a small
 * blueprint, a task becomes overdue under a fake clock, and the deal's history is printed.
 *
 *   pnpm example:headless
 */
import { createEngine, createMemoryStore, type Blueprint, type OutboxRecord } from "@voronka/engine";

const blueprint: Blueprint = {
  format: "voronka.blueprint/v1",
  id: "headless-demo",
  name: { en: "Headless demo", ru: "Демо без сервера" },
  fields: [
    { id: "contractNo", label: { en: "Contract number", ru: "Номер договора" }, type: "string" },
    { id: "lossReason", label: { en: "Loss reason", ru: "Причина отказа" }, type: "enum", options: [
      { id: "expensive", label: { en: "Too expensive", ru: "Дорого" } },
      { id: "competitor", label: { en: "Went to a competitor", ru: "Ушёл к конкуренту" } },
    ] },
  ],
  activityTypes: [{ id: "call", label: { en: "Call", ru: "Звонок" } }],
  surveys: [],
  calendars: [{ id: "office", timeZone: "Europe/Moscow", workingDays: [1, 2, 3, 4, 5], hours: { from: "09:00", to: "18:00" }, holidays: [] }],
  defaultCalendar: "office",
  pipelines: [{
    id: "sales",
    label: { en: "Sales", ru: "Продажи" },
    stages: [
      { id: "presentation", label: { en: "Presentation", ru: "Презентация" }, kind: "process", triggers: [], robots: [
        { id: "holdPresentation", type: "createTask", params: {
          title: { en: "Hold the presentation", ru: "Провести презентацию" },
          responsible: { kind: "dealResponsible" },
          deadline: { after: "P1D", workingTime: true },
        } },
      ] },
      { id: "proposal", label: { en: "Proposal", ru: "КП" }, kind: "process", robots: [
        { id: "sendProposal", type: "createTask", condition: { ">=": [{ var: "deal.amount" }, 100000] }, params: {
          title: { en: "Prepare the CP", ru: "Подготовить КП" }, responsible: { kind: "dealResponsible" }, deadline: { after: "PT4H", workingTime: true },
        } },
      ], triggers: [{ id: "callMeansProposal", type: "activity", params: { types: ["call"] } }] },
      { id: "contract", label: { en: "Contract", ru: "Договор" }, kind: "process", triggers: [], robots: [
        { id: "needContract", type: "requireFields", params: { fields: ["contractNo"], scope: "enter" } },
        { id: "tellBoss", type: "notify", params: { to: { kind: "supervisor" }, text: { en: "Contract {{deal.fields.contractNo}} for {{deal.title}}", ru: "Договор {{deal.fields.contractNo}} по {{deal.title}}" } } },
      ] },
      { id: "won", label: { en: "Won", ru: "Успех" }, kind: "success", robots: [], triggers: [] },
      { id: "lost", label: { en: "Lost", ru: "Провал" }, kind: "failure", triggers: [], robots: [
        { id: "needReason", type: "requireFields", params: { fields: ["lossReason"], scope: "enter" } },
      ] },
    ],
  }],
};

// A fake clock: the embedder owns time (a real service passes () => new Date()).
let now = new Date("2026-03-06T15:00:00+03:00"); // a Friday afternoon in Moscow
const clock = () => now;
const delivered: OutboxRecord[] = [];
const engine = createEngine({
  blueprint,
  store: createMemoryStore({ now: clock }),
  clock,
  directory: { supervisorOf: (u) => (u === "ann" ? "sue" : null), exists: () => true },
  deliver: (effect) => { delivered.push(effect); },
  settings: { timeZone: "Europe/Moscow", currency: "RUB" },
});

const ann = { user: "ann" };
const deal = await engine.createDeal({ pipeline: "sales", title: "ACME — 50 licences", responsible: "ann", amount: 250_000 });
await engine.logActivity(deal.id, { type: "call", actor: ann }); // the activity trigger pulls it to "proposal"

const showTasks = async () => {
  for (const t of await engine.tasks({ deal: deal.id })) {
    console.log(`  task '${typeof t.title === "string" ? t.title : t.title.en}': ${t.status}, due ${t.deadline}, overdue: ${t.overdue}`);
  }
};

// Monday noon: the CP task (4 working hours from Friday 15:00 = Monday 10:00) is overdue.
now = new Date("2026-03-09T12:00:00+03:00");
const fired = await engine.tick();
console.log(`Monday noon, tick: ${fired.timers} timer(s) fired`);
await showTasks();

try {
  await engine.move(deal.id, "contract", { actor: ann });
} catch (e) {
  console.log(`Refused, as it should be: ${(e as Error).message}`);
}
await engine.move(deal.id, "contract", { actor: ann, fields: { contractNo: "C-2026-17" } });
const sent = await engine.tick();
console.log(`Moved to contract; tick delivered ${sent.outbox} outbox effect(s):`);
for (const e of delivered) console.log(`delivered ${e.kind} (key ${e.key}):`, JSON.stringify(e.payload));

console.log("\nHistory:");
for (const h of await engine.history(deal.id)) {
  const who = "user" in h.actor ? h.actor.user : h.actor.system;
  console.log(`  ${h.seq.toString().padStart(2)}  ${h.at}  ${h.type.padEnd(20)} ${who.padEnd(8)} ${JSON.stringify(h.data)}`);
}
console.log("\nWhy is it here?");
for (const line of (await engine.explain(deal.id)).text) console.log(`  - ${line}`);
