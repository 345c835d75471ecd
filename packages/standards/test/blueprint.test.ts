/**
 * The standards blueprint as a whole: valid with zero lint problems, labelled in English and
 * Russian throughout, ids that follow the conventions, a working calendar with the 2026 holidays,
 * the activity plan, and runnable as the README shows.
 */
import { createEngine, createMemoryStore, validateBlueprint, type Blueprint } from "@voronka/engine";
import { describe, expect, it } from "vitest";
import {
  A, activityNorms, buildStandardsBlueprint, CALENDAR_ID, P, RUSSIAN_HOLIDAYS_2026, S, standardsBlueprint,
} from "../src/index";

/** Every label-like value (a `Text`) in the blueprint, with its path. */
function texts(value: unknown, path: string[] = []): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, [...path, String(i)]));
  if (typeof value !== "object" || value === null) return [];
  const out: [string, unknown][] = [];
  for (const [key, v] of Object.entries(value)) {
    if (["label", "name", "description", "help", "question", "followUp", "title", "text"].includes(key)) out.push([[...path, key].join("."), v]);
    if (key === "checklist") (v as unknown[]).forEach((item, i) => out.push([[...path, key, String(i)].join("."), item]));
    else out.push(...texts(v, [...path, key]));
  }
  return out;
}

describe("the standards blueprint", () => {
  it("is valid under the engine's schema with no issues and no warnings", () => {
    const result = validateBlueprint(standardsBlueprint);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.warnings ?? []).toEqual([]);
  });

  it("labels everything in English and Russian", () => {
    const all = texts(standardsBlueprint);
    expect(all.length).toBeGreaterThan(200);
    for (const [path, text] of all) {
      expect(text, path).toMatchObject({ en: expect.stringMatching(/\S/), ru: expect.stringMatching(/[А-Яа-яЁё]/) });
    }
  });

  it("names robots and triggers after their pipeline and stage, so ids stay unique across the blueprint", () => {
    const ids: string[] = [];
    for (const p of standardsBlueprint.pipelines) {
      for (const s of p.stages) {
        for (const x of [...s.robots, ...s.triggers]) {
          expect(x.id.startsWith(`${p.id}-${s.id}-`), x.id).toBe(true);
          ids.push(x.id);
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("shares stage ids across the directions, so reports compare like with like", () => {
    for (const id of [P.b2bNew, P.b2bRepeat, P.b2cNew, P.b2cRepeat]) {
      const stages = standardsBlueprint.pipelines.find((p) => p.id === id)!.stages.map((s) => s.id);
      expect(stages, id).toEqual(expect.arrayContaining([S.contract, S.payment, S.delivery, S.success, S.failure]));
    }
  });

  it("counts working time in Moscow, Mon-Fri 09:00-18:00, without the Russian holidays of 2026", () => {
    expect(standardsBlueprint.defaultCalendar).toBe(CALENDAR_ID);
    expect(standardsBlueprint.calendars).toEqual([{
      id: CALENDAR_ID, timeZone: "Europe/Moscow", workingDays: [1, 2, 3, 4, 5], hours: { from: "09:00", to: "18:00" }, holidays: [...RUSSIAN_HOLIDAYS_2026],
    }]);
    expect(RUSSIAN_HOLIDAYS_2026).toHaveLength(14);
    for (const day of RUSSIAN_HOLIDAYS_2026) {
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      expect(weekday >= 1 && weekday <= 5, day).toBe(true);
    }
  });

  it("carries the activity plan: 30 cold calls, 10 warm calls, 20 CPs a day per manager", () => {
    expect(standardsBlueprint.activityNorms).toEqual(activityNorms);
    expect(activityNorms).toEqual([
      { activityType: A.coldCall, perDay: 30, role: "manager" },
      { activityType: A.warmCall, perDay: 10, role: "manager" },
      { activityType: A.cpSent, perDay: 20, role: "manager" },
    ]);
    expect(standardsBlueprint.activityTypes.map((a) => a.id)).toEqual(["call-out-cold", "call-out-warm", "call-in", "meeting", "chat", "cp-sent", "invoice-sent", "lead-worked"]);
  });

  it("logging a CP sent moves a new client's deal from the general CP to feedback (an activity trigger)", async () => {
    const engine = createEngine({ blueprint: standardsBlueprint, store: createMemoryStore() });
    const early = await engine.createDeal({ pipeline: P.b2bNew, title: "Initech", responsible: "ann" });
    const deal = await engine.createDeal({ pipeline: P.b2bNew, stage: S.generalCp, title: "ACME", responsible: "ann", fields: { generalCpFile: { name: "cp.pdf", url: "https://files.example.ru/cp.pdf" }, products: ["goods"] } });
    for (const d of [early, deal]) {
      await engine.logActivity(d.id, { type: A.coldCall, actor: { user: "ann" } });
      await engine.logActivity(d.id, { type: A.cpSent, actor: { user: "ann" } });
    }
    expect((await engine.deal(deal.id)).record.stage).toBe(S.feedback);
    expect((await engine.deal(early.id)).record.stage).toBe(S.presentation); // only from the general CP: no stage is skipped
  });

  it("loads as the README shows and runs without a directory or a clock", async () => {
    const engine = createEngine({ blueprint: standardsBlueprint, store: createMemoryStore() });
    const deal = await engine.createDeal({ pipeline: "b2b-new", title: "ACME", responsible: "ann" });
    expect(deal.stage).toBe("presentation");
    expect((await engine.tasks({ deal: deal.id })).length).toBe(1);
  });

  it("is a fresh copy per build, so editing one does not touch the bundled blueprint", () => {
    const mine: Blueprint = buildStandardsBlueprint();
    expect(mine).toEqual(standardsBlueprint);
    mine.pipelines = mine.pipelines.filter((p) => p.id !== P.warranty);
    for (const p of mine.pipelines) for (const s of p.stages) s.robots = s.robots.filter((r) => !r.id.endsWith("-to-warranty"));
    mine.fields.push({ id: "budget", label: { en: "Budget", ru: "Бюджет" }, type: "money" });
    expect(validateBlueprint(mine).ok).toBe(true);
    expect(standardsBlueprint.pipelines.map((p) => p.id)).toContain(P.warranty);
    expect(standardsBlueprint.fields.some((f) => f.id === "budget")).toBe(false);
  });
});
