import { HISTORY_TYPES, type HistoryRow } from "@voronka/engine";
import { describe, expect, it } from "vitest";
import { conditionInWords } from "./condition-in-words";
import { actorInWords, conditionWords, historyInWords, historyListInWords, type HistoryContext } from "./history-in-words";
import { boardBlueprint, people } from "./test-fixtures";

const bp = boardBlueprint();
const ctx = (locale: "en" | "ru"): HistoryContext => ({
  blueprint: bp, locale, people, pipeline: "sales", timeZone: "UTC",
  taskTitles: new Map([["task-1", { en: "Prepare the CP", ru: "Подготовить КП" }]]),
  dealTitles: new Map([["deal-9", "ACME (copy)"]]),
});
/** Intl puts narrow or no-break spaces in numbers and dates: compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const row = (type: HistoryRow["type"], data: Record<string, unknown>, actor: HistoryRow["actor"] = { user: "ann" }): HistoryRow =>
  ({ deal: "deal-1", seq: 1, type, at: "2026-03-02T09:00:00.000Z", actor, data });

/** One row of every catalogue type, with the English and Russian sentence it reads as. */
const CASES: [HistoryRow, string, string][] = [
  [row("deal.created", { pipeline: "sales", stage: "lead", by: "manual" }), "Created in “Lead”", "Создана на стадии «Лид»"],
  [row("deal.moved", { from: "lead", to: "lost", by: "manual" }), "Moved from “Lead” to “Lost” by hand", "Перенесена из «Лид» в «Провал» вручную"],
  [row("deal.move.blocked", { to: "lost", missing: ["lossReason", "amount"] }), "Move to “Lost” refused: fill in Loss reason, amount", "Перенос в «Провал» отклонён: заполните Причина отказа, сумма"],
  [row("deal.fields.changed", { changes: [{ field: "lossReason", old: null, new: "too-expensive" }, { field: "amount", old: 0, new: 100000 }] }),
    "Changed Loss reason: — → Too expensive; amount: 0 → 100,000", "Изменено: Причина отказа: — → Дорого; сумма: 0 → 100 000"],
  [row("deal.responsible.changed", { from: "ann", to: "sue" }), "Responsible changed from Anna Kuznetsova to Susanna Ivanova", "Ответственный сменился: Anna Kuznetsova → Susanna Ivanova"],
  [row("deal.copied", { toDeal: "deal-9", pipeline: "warm", stage: "nurture", mode: "copy" }), "Copied to “Warm-up / Nurture” as ACME (copy)", "Скопирована в «Прогрев / Прогрев» как ACME (copy)"],
  [row("deal.reopened", { reason: "Client came back", from: "lost", to: "lead" }), "Reopened from “Lost” to “Lead”: “Client came back”", "Переоткрыта из «Провал» в «Лид»: «Client came back»"],
  [row("robot.ran", { robot: "prepareCp", effects: ["task.create"] }), "Robot “Prepare the CP” ran: created a task", "Робот «Подготовить КП» сработал: поставил задачу"],
  [row("robot.skipped", { robot: "prepareCp", reason: "condition-false", condition: { ">=": [{ var: "deal.amount" }, 100000] } }),
    "Robot “Prepare the CP” skipped: amount ≥ 100,000", "Робот «Подготовить КП» пропущен: сумма ≥ 100 000"],
  [row("robot.failed", { robot: "toWarm", error: "boom", attempt: 2 }), "Robot “to Warm-up / Nurture” failed (attempt 2): boom", "Робот «в Прогрев / Прогрев» завершился ошибкой (попытка 2): boom"],
  [row("task.created", { task: "task-1", robot: "prepareCp", responsible: "ann", deadline: "2026-03-04T09:00:00.000Z", title: { en: "Prepare the CP", ru: "Подготовить КП" } }),
    "Task “Prepare the CP” for Anna Kuznetsova, due Mar 4, 2026, 09:00 AM", "Задача «Подготовить КП» для Anna Kuznetsova, срок 4 мар. 2026 г., 09:00"],
  [row("task.completed", { task: "task-1", robot: "prepareCp" }), "Task “Prepare the CP” completed", "Задача «Подготовить КП» выполнена"],
  [row("task.cancelled", { task: "task-1", reason: "deal-left-stage" }), "Task “Prepare the CP” cancelled: the deal left the stage", "Задача «Подготовить КП» отменена: сделка ушла со стадии"],
  [row("task.rescheduled", { task: "task-1", from: "2026-03-04T09:00:00.000Z", to: "2026-03-05T09:00:00.000Z", reason: "Client is ill" }),
    "Task “Prepare the CP” moved from Mar 4, 2026, 09:00 AM to Mar 5, 2026, 09:00 AM: “Client is ill”", "Срок задачи «Подготовить КП» перенесён с 4 мар. 2026 г., 09:00 на 5 мар. 2026 г., 09:00: «Client is ill»"],
  [row("task.overdue", { task: "task-1", deadline: "2026-03-04T09:00:00.000Z" }, { system: "timer" }), "Task “Prepare the CP” is overdue (due Mar 4, 2026, 09:00 AM)", "Задача «Подготовить КП» просрочена (срок 4 мар. 2026 г., 09:00)"],
  [row("survey.sent", { survey: "nps", token: "x", url: "/s/x" }), "Survey “Recommend us?” sent", "Опрос «Порекомендуете нас?» отправлен"],
  [row("survey.answered", { survey: "nps", score: 9, band: "promoter", reason: "Fast" }), "Survey answered: 9 (promoter) — “Fast”", "Ответ на опрос: 9 (промоутер) — «Fast»"],
  [row("activity.logged", { type: "cp-sent", at: "2026-03-02T09:00:00.000Z" }), "Logged: CP sent", "Записано: Отправлено КП"],
  [row("trigger.fired", { trigger: "onCall", event: "activity", stage: "proposal" }, { system: "trigger" }), "Trigger “Activity” fired: the deal goes to “Proposal”", "Сработал триггер «Активность»: сделка переходит в «Предложение»"],
  [row("timer.dropped", { reason: "robot-removed", timer: "t1" }, { system: "timer" }), "A timer was dropped: its robot is no longer on the stage", "Таймер отменён: робота больше нет на стадии"],
];

describe("historyInWords", () => {
  it("covers every row type of the normative catalogue", () => {
    expect(new Set(CASES.map(([r]) => r.type))).toEqual(new Set(HISTORY_TYPES));
  });

  it.each(CASES)("reads %# %s in English and Russian", (r, en, ru) => {
    expect(plain(historyInWords(r, ctx("en")).text)).toBe(en);
    expect(plain(historyInWords(r, ctx("ru")).text)).toBe(ru);
  });

  it("reads the variants: tunnels, imports, guards, refusals, no deadline, a webhook that did not fire", () => {
    const en = ctx("en");
    expect(historyInWords(row("deal.created", { pipeline: "warm", stage: "nurture", by: "tunnel", source: "deal-9" }), en).text).toBe("Created in “Nurture” by a tunnel from ACME (copy)");
    expect(historyInWords(row("deal.created", { pipeline: "sales", stage: "won", by: "import" }), en).text).toBe("Imported into “Won”");
    expect(historyInWords(row("deal.moved", { from: "sales/lead", to: "nurture", by: "tunnel", pipeline: "warm" }), en).text).toBe("Moved from “Sales / Lead” to “Nurture” by a tunnel");
    expect(historyInWords(row("deal.move.blocked", { to: "lost", missing: [], guard: "Paid first" }), en).text).toBe("Move to “Lost” refused: the condition “Paid first” does not hold");
    expect(historyInWords(row("deal.move.blocked", { to: "lost", missing: [], reason: "final-stage" }), en).text).toBe("Move to “Lost” refused: the deal is closed");
    expect(historyInWords(row("deal.copied", { toDeal: "deal-1", pipeline: "warm", stage: "nurture", mode: "move" }), en).text).toBe("Sent to “Warm-up / Nurture” by a tunnel");
    expect(historyInWords(row("robot.skipped", { robot: "prepareCp", reason: "deal-left-stage" }), en).text).toBe("Robot “Prepare the CP” skipped: the deal left the stage");
    expect(historyInWords(row("task.created", { task: "task-2", responsible: "sue", deadline: null, title: "Check" }), en).text).toBe("Task “Check” for Susanna Ivanova");
    expect(historyInWords(row("trigger.fired", { trigger: "hook", fired: false }), en).text).toBe("Trigger “hook” did not fire: the deal is not before its stage");
    expect(historyInWords(row("activity.logged", { type: "call-out", data: { note: "No answer" } }), ctx("ru")).text).toBe("Записано: Исходящий звонок — «No answer»");
  });

  it("names who acted, people by name and the system by its part", () => {
    expect(actorInWords({ user: "sue" }, ctx("en"))).toBe("Susanna Ivanova");
    expect(actorInWords({ system: "timer" }, ctx("ru"))).toBe("таймер");
  });

  it("follows a deal through a move tunnel and takes task titles from its own rows", () => {
    const rows = [
      row("deal.created", { pipeline: "sales", stage: "lead", by: "manual" }),
      row("task.created", { task: "task-7", responsible: "ann", deadline: null, title: { en: "Call", ru: "Позвонить" } }),
      row("deal.copied", { toDeal: "deal-1", pipeline: "warm", stage: "nurture", mode: "move" }),
      row("deal.moved", { from: "sales/lead", to: "nurture", by: "tunnel", pipeline: "warm" }),
      row("deal.moved", { from: "nurture", to: "ok", by: "manual" }),
      row("task.completed", { task: "task-7" }),
    ];
    const texts = historyListInWords(rows, { blueprint: bp, locale: "en", people, pipeline: "sales" }).map((x) => x.words.text);
    expect(texts[4]).toBe("Moved from “Nurture” to “Done” by hand");
    expect(texts[5]).toBe("Task “Call” completed");
  });
});

describe("conditionInWords", () => {
  const en = conditionWords(bp, "en");
  it.each([
    [{ ">=": [{ var: "deal.amount" }, 100000] }, "amount ≥ 100,000"],
    [{ "==": [{ var: "deal.fields.lossReason" }, "too-expensive"] }, "Loss reason = Too expensive"],
    [{ in: [{ var: "deal.fields.lossReason" }, ["too-expensive", "duplicate"]] }, "Loss reason is one of Too expensive, Duplicate"],
    [{ "!": { in: [{ var: "deal.fields.lossReason" }, ["duplicate"]] } }, "Loss reason is not one of Duplicate"],
    [{ and: [{ ">": [{ var: "deal.amount" }, 5] }, { or: [{ "!": { var: "deal.fields.clientSite" } }, { "!!": { var: "deal.fields.vip" } }] }] }, "amount > 5 and (Site is empty or VIP is filled in)"],
    [{ "<=": [1, { var: "deal.fields.seats" }, 10] }, "1 ≤ Seats ≤ 10"],
    [{ "+": [1, 2] }, '{"+":[1,2]}'],
  ])("reads %j", (condition, text) => {
    expect(plain(conditionInWords(condition, en))).toBe(text);
  });

  it("reads Russian", () => {
    expect(plain(conditionInWords({ "<": [{ var: "deal.amount" }, 100000] }, conditionWords(bp, "ru")))).toBe("сумма < 100 000");
  });
});
