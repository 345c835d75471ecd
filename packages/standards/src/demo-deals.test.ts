import { ImportRowSchema, type ImportRow } from "@voronka/engine";
import { testEngine } from "@voronka/engine/testing";
import { describe, expect, it } from "vitest";
import { demoClients, demoDeals, demoLiveDeals } from "./demo-deals";
import { demoDirectory } from "./demo";
import { F, LOSS_REASONS } from "./fields";
import { P } from "./pipelines";
import { standardsBlueprint } from "./index";

const NOW = new Date("2026-11-24T19:00:00Z");
const rows = demoDeals(NOW);
const outcome = (r: ImportRow) => (r.stage === "success" ? "won" : r.stage === "failure" ? "lost" : "open");
const processStages = (pipeline: string) =>
  standardsBlueprint.pipelines.find((p) => p.id === pipeline)!.stages.filter((s) => s.kind === "process").map((s) => s.id);

describe("demoDeals", () => {
  it("is a list of 150-250 rows, each valid against the engine's import schema", () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(rows.length).toBeLessThanOrEqual(250);
    for (const row of rows) expect(ImportRowSchema.safeParse(row).success, row.externalId).toBe(true);
  });

  it.each([NOW, new Date("2026-03-31T12:00:00Z"), new Date("2027-02-01T00:00:00Z")])("imports into the standards blueprint with no errors (now = %s)", async (now) => {
    const { engine } = testEngine(standardsBlueprint, { directory: demoDirectory() });
    const deals = demoDeals(now);
    const result = await engine.importDeals(deals);
    expect(result.errors).toEqual([]);
    expect(result.imported).toBe(deals.length);
    expect(deals.length).toBeGreaterThan(0);
  });

  it("is deterministic for the same instant", () => {
    expect(demoDeals(new Date(NOW))).toEqual(rows);
    expect(demoDeals(new Date("2026-06-01T00:00:00Z"))).toEqual(demoDeals(new Date("2026-06-01T00:00:00Z")));
  });

  it("has nothing after now, and each deal's moves go forward in time through its pipeline's stages in order", () => {
    for (const now of [NOW, new Date("2026-02-10T08:00:00Z")]) {
      for (const row of demoDeals(now)) {
        const times = [row.createdAt, ...row.moves!.map((m) => m.at), ...(row.closedAt ? [row.closedAt] : [])].map(Date.parse);
        for (const t of times) expect(t).toBeLessThanOrEqual(now.getTime());
        const moveTimes = row.moves!.map((m) => Date.parse(m.at));
        expect(moveTimes).toEqual([...moveTimes].sort((a, b) => a - b));
        expect(new Set(moveTimes).size).toBe(moveTimes.length);
        expect(row.moves![0]!.at).toBe(row.createdAt);
        expect(row.moves!.at(-1)!.stage).toBe(row.stage);
        const stages = processStages(row.pipeline);
        const path = row.moves!.map((m) => m.stage).filter((s) => s !== "success" && s !== "failure");
        expect(path).toEqual(stages.slice(0, path.length));
        if (outcome(row) === "won") expect(path).toEqual(stages);
        if (outcome(row) === "open") expect(row.closedAt).toBeUndefined();
        else expect(row.closedAt).toBe(row.moves!.at(-1)!.at);
      }
    }
  });

  it("starts in 2026 and has nothing before it", () => {
    expect(demoDeals(new Date("2025-12-31T12:00:00Z"))).toEqual([]);
    for (const row of rows) expect(row.createdAt >= "2026-01-01").toBe(true);
  });

  it("covers every standards pipeline, with won, lost and open deals in about the shares of a real department", () => {
    expect(new Set(rows.map((r) => r.pipeline))).toEqual(new Set(standardsBlueprint.pipelines.map((p) => p.id)));
    const share = (o: string) => rows.filter((r) => outcome(r) === o).length / rows.length;
    expect(share("won")).toBeGreaterThan(0.25);
    expect(share("won")).toBeLessThan(0.45);
    expect(share("lost")).toBeGreaterThan(0.15);
    expect(share("lost")).toBeLessThan(0.35);
    // Open deals are mostly recent ones.
    const open = rows.filter((r) => outcome(r) === "open");
    const recent = open.filter((r) => Date.parse(r.createdAt) > NOW.getTime() - 60 * 86_400_000);
    expect(recent.length / open.length).toBeGreaterThan(0.7);
    for (const p of [P.b2bNew, P.b2bRepeat, P.b2cNew, P.b2cRepeat]) {
      expect(new Set(rows.filter((r) => r.pipeline === p).map(outcome)), p).toEqual(new Set(["won", "lost", "open"]));
    }
  });

  it("gives B2B deals to Ann, Boris and Vera and B2C deals to Dmitry and Elena", () => {
    for (const row of rows) {
      const b2c = row.pipeline === P.b2cNew || row.pipeline === P.b2cRepeat || (row.pipeline === P.warmUp && row.fields?.[F.segment] === "b2c");
      expect(b2c ? ["dmitry", "elena"] : ["ann", "boris", "vera"], row.externalId).toContain(row.responsible);
    }
  });

  it("closes every lost deal with one of the book's loss reasons, and every won sales deal with an amount and an e-mail", () => {
    const reasons = new Set(LOSS_REASONS.map((r) => r.id));
    for (const row of rows.filter((r) => outcome(r) === "lost")) expect(reasons.has(row.fields![F.lossReason] as string), row.externalId).toBe(true);
    for (const row of rows.filter((r) => outcome(r) === "won" && r.pipeline !== P.warranty)) {
      expect(row.amount).toBeGreaterThan(0);
      expect(row.fields![F.contactEmail]).toMatch(/@/);
    }
  });

  it("sells again to clients who bought before: a repeat or warranty deal's client has a won deal closed before it started", () => {
    const clients = new Set(demoClients.map((c) => c.id));
    const repeat = rows.filter((r) => r.pipeline === P.b2bRepeat || r.pipeline === P.b2cRepeat || r.pipeline === P.warranty);
    expect(repeat.length).toBeGreaterThan(20);
    for (const row of rows) expect(clients.has(row.client!)).toBe(true);
    for (const row of repeat) {
      const earlier = rows.filter((r) => r.client === row.client && outcome(r) === "won" && r.closedAt! < row.createdAt);
      expect(earlier.length, row.externalId).toBeGreaterThan(0);
    }
    // Clients with won deals in several months: the ABC/XYZ report has regular buyers to find.
    const months = new Map<string, Set<string>>();
    for (const r of rows.filter((x) => outcome(x) === "won")) months.set(r.client!, (months.get(r.client!) ?? new Set()).add(r.closedAt!.slice(0, 7)));
    expect([...months.values()].filter((m) => m.size >= 2).length).toBeGreaterThan(5);
  });

  it("wins deals in March 2026, the month of the demo plans", () => {
    const march = rows.filter((r) => outcome(r) === "won" && r.closedAt!.startsWith("2026-03"));
    expect(new Set(march.map((r) => r.responsible)).size).toBeGreaterThanOrEqual(4);
  });
});

describe("demoLiveDeals", () => {
  it.each([NOW, new Date("2026-03-02T09:00:00Z")])("creates open deals through the engine's guards, each with an open task for its manager that has a deadline (now = %s)", async (now) => {
    const { engine, clock } = testEngine(standardsBlueprint, { directory: demoDirectory() });
    clock.set(now);
    const live = demoLiveDeals(now).filter((l) => !l.answer);
    expect(live.length).toBeGreaterThanOrEqual(5);
    expect(live.length).toBeLessThanOrEqual(10);
    for (const { deal, moves } of live) {
      const created = await engine.createDeal(deal);
      let last = created;
      for (const m of moves) last = await engine.move(created.id, m.stage, { actor: { user: deal.responsible }, ...(m.fields ? { fields: m.fields } : {}) });
      expect(last.status).toBe("open");
      expect(last.pipeline).toBe(deal.pipeline);
      expect(last.stage).toBe(moves.at(-1)?.stage ?? processStages(deal.pipeline)[0]);
      const tasks = await engine.tasks({ deal: created.id });
      const mine = tasks.filter((t) => t.status === "open" && t.responsible === deal.responsible && t.deadline);
      expect(mine.length, deal.title).toBeGreaterThan(0);
      for (const t of mine) expect(Date.parse(t.deadline!)).toBeGreaterThan(now.getTime());
    }
    if (now === NOW) expect(new Set(live.map((l) => l.deal.pipeline))).toEqual(new Set([P.b2bNew, P.b2bRepeat, P.b2cNew, P.b2cRepeat]));
  });
});

describe("demoLiveDeals won today", () => {
  it("are won through every guard and send the NPS survey, whose answers make a promoter, a passive and a detractor", async () => {
    const { engine, clock } = testEngine(standardsBlueprint, { directory: demoDirectory() });
    clock.set(NOW);
    const won = demoLiveDeals(NOW).filter((l) => l.answer);
    expect(won.length).toBe(3);
    const bands: unknown[] = [];
    for (const { deal, moves, answer } of won) {
      const created = await engine.createDeal(deal);
      for (const m of moves) await engine.move(created.id, m.stage, { actor: { user: deal.responsible }, ...(m.fields ? { fields: m.fields } : {}) });
      const sent = (await engine.history(created.id)).find((h) => h.type === "survey.sent");
      expect(sent, deal.title).toBeDefined();
      const after = await engine.answerSurvey(String(sent!.data["token"]), answer!);
      expect(after.status).toBe("won");
      const answered = (await engine.history(created.id)).find((h) => h.type === "survey.answered");
      bands.push(answered?.data["band"]);
    }
    expect(bands).toEqual(["promoter", "passive", "detractor"]);
  });
});
