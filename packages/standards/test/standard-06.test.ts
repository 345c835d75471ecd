/**
 * Standard 6 — every responsible has a supervisor who controls the tasks. People are host data
 * (the demo users); the engine records what the supervisor looks at: task deadlines per deal, the
 * date and time of every move (so time in each stage), when a deal started and ended. Time-in-stage
 * figures are the control room's; here we prove the rows they are computed from.
 */
import { describe, expect, it } from "vitest";
import { demoDirectory, demoUsers } from "../src/demo";
import { P, robotId, S } from "../src/index";
import { ANN, newDeal, openTaskOf, required, setup, valuesFor, walkTo } from "./helpers";

const chainOf = (id: string): string[] => {
  const directory = demoDirectory();
  const chain: string[] = [];
  for (let u = directory.supervisorOf(id) as string | null; u !== null; u = directory.supervisorOf(u) as string | null) chain.push(u);
  return chain;
};

describe("standard 6: a supervisor controls every responsible's tasks", () => {
  it("demo users: a head of sales, two supervisors, five managers; every chain leads to the head", () => {
    expect(demoUsers.map((u) => u.role).sort()).toEqual(["admin", "manager", "manager", "manager", "manager", "manager", "supervisor", "supervisor"]);
    for (const u of demoUsers.filter((x) => x.role !== "admin")) expect(chainOf(u.id).at(-1), u.id).toBe("olga");
    for (const u of demoUsers.filter((x) => x.role === "manager")) {
      expect(demoUsers.find((s) => s.id === u.supervisor)?.role, u.id).toBe("supervisor");
    }
    for (const u of demoUsers) expect(u.name.en && u.name.ru && u.team, u.id).toBeTruthy();
  });

  it("every move is a timestamped history row, so time in each stage can be computed", async () => {
    const { engine, clock } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    clock.advance("PT3H");
    await engine.move(deal.id, S.generalCp, { actor: ANN, fields: valuesFor(required(P.b2bNew, S.presentation, "leave")) });
    clock.advance("P1D");
    await engine.move(deal.id, S.feedback, { actor: ANN, fields: valuesFor(required(P.b2bNew, S.generalCp, "leave")) });

    const rows = (await engine.history(deal.id)).filter((h) => h.type === "deal.created" || h.type === "deal.moved");
    expect(rows.map((h) => [h.type, h.data["to"] ?? h.data["stage"], h.at, h.actor])).toEqual([
      ["deal.created", S.presentation, "2026-03-02T09:00:00.000Z", ANN],
      ["deal.moved", S.generalCp, "2026-03-02T12:00:00.000Z", ANN],
      ["deal.moved", S.feedback, "2026-03-03T12:00:00.000Z", ANN],
    ]);
    const hoursIn = rows.slice(1).map((row, i) => (Date.parse(row.at) - Date.parse(rows[i]!.at)) / 3_600_000);
    expect(hoursIn).toEqual([3, 24]); // presentation 3 h, general CP 24 h
    expect((await engine.deal(deal.id)).record.stageEnteredAt).toBe("2026-03-03T12:00:00.000Z");
  });

  it("a deal's start and end dates are recorded", async () => {
    const { engine, clock } = setup();
    const deal = await newDeal(engine, P.b2cRepeat);
    clock.advance("P2D");
    await walkTo(engine, deal.id, S.success);
    const record = (await engine.deal(deal.id)).record;
    expect([record.createdAt, record.closedAt]).toEqual(["2026-03-02T09:00:00.000Z", "2026-03-04T09:00:00.000Z"]);
  });

  it("the supervisor sees each deal's tasks with their deadlines, and owns the control tasks", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew, { stage: S.delivery, fields: valuesFor(["clientAddress", "eventDate"]) });
    const tasks = await engine.tasks({ deal: deal.id });
    expect(tasks.map((t) => [t.robot, t.responsible, t.deadline])).toEqual([
      [robotId(P.b2bNew, S.delivery, "task"), "ann", "2026-03-17T06:00:00.000Z"],
      [robotId(P.b2bNew, S.delivery, "control"), "sue", "2026-03-23T06:00:00.000Z"],
    ]);
    expect((await engine.tasks({ responsible: "sue" })).map((t) => t.id)).toEqual([tasks[1]!.id]);
  });

  it("a supervisor's scope is their team: Sue sees Ann's tasks, not Dmitry's", async () => {
    const { engine } = setup();
    const ann = await newDeal(engine, P.b2bNew, { title: "ACME" });
    await newDeal(engine, P.b2cNew, { title: "Ivanov", responsible: "dmitry" });
    const team = demoUsers.filter((u) => chainOf(u.id).includes("sue")).map((u) => u.id);
    expect(team).toEqual(["ann", "boris", "vera"]);
    const seen = await engine.tasks({ responsible: team, status: "open" });
    expect(seen.map((t) => t.deal)).toEqual([ann.id]);
    await openTaskOf(engine, ann.id, robotId(P.b2bNew, S.presentation, "task"));
  });
});
