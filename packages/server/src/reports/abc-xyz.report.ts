/**
 * `GET /api/reports/abc-xyz` — ABC and XYZ segmentation of clients (STANDARDS C). See README.md
 * "abc-xyz".
 *
 * Over the deals won in the period that pass the filters and have a client: per client, the
 * revenue and the number of the period's calendar months (workspace time zone) with a purchase,
 * in one grouped SQL query; the ranking that follows (small: one row per client) is done here.
 * ABC by cumulative revenue share: ranked by revenue, a client is A while the clients before it
 * hold less than `abcA` % (80) of the revenue, B while less than `abcB` % (95), else C. XYZ by
 * regularity: X with purchases in at least `xyzX` months (6), Y in at least `xyzY` (2), else Z.
 * AX = cash cows, CZ = dogs, AZ = stars, everything else = wild cats.
 */
import { z } from "zod";
import { defineReport, periodView } from "./definition";
import { valuesSql } from "./dialect";
import { whereDeal } from "./filters";
import { money, num, ratio } from "./numbers";
import { monthsOf } from "./periods";
import { invalidParam } from "./params";

/** An ABC class. */
export type Abc = "A" | "B" | "C";
/** An XYZ class. */
export type Xyz = "X" | "Y" | "Z";
/** A segment of the ABC × XYZ matrix. */
export type Segment = "cash-cow" | "dog" | "star" | "wild-cat";

/** A client's place in the matrix. */
export interface AbcXyzClient {
  client: string;
  name: string | null;
  revenue: number;
  deals: number;
  /** Months of the period with a purchase. */
  months: number;
  share: number | null;
  cumulativeShare: number | null;
  /** null when the period's revenue is 0 (no shares to rank by). */
  abc: Abc | null;
  xyz: Xyz;
  segment: Segment | null;
}

/** The segment of a cell: AX cash cows, CZ dogs, AZ stars, the rest wild cats. */
export function segmentOf(abc: Abc, xyz: Xyz): Segment {
  if (abc === "A" && xyz === "X") return "cash-cow";
  if (abc === "C" && xyz === "Z") return "dog";
  if (abc === "A" && xyz === "Z") return "star";
  return "wild-cat";
}

/** The ABC/XYZ report. */
export const abcXyzReport = defineReport({
  figure: "abc-xyz",
  summary: "ABC (cumulative revenue share) and XYZ (purchase regularity) of clients, with cash cows, dogs, stars and wild cats",
  params: {
    abcA: z.coerce.number().gt(0).lt(100).default(80).describe("A: the top clients holding this % of revenue (default 80)."),
    abcB: z.coerce.number().gt(0).max(100).default(95).describe("B: up to this cumulative % (default 95); C: the rest."),
    xyzX: z.coerce.number().int().min(1).max(120).default(6).describe("X: purchases in at least this many months of the period (default 6)."),
    xyzY: z.coerce.number().int().min(1).max(120).default(2).describe("Y: in at least this many (default 2); Z: fewer."),
  },
  csv: {
    clients: ["client", "name", "revenue", "deals", "months", "share", "cumulativeShare", "abc", "xyz", "segment"],
    matrix: ["abc", "xyz", "segment", "clients", "revenue"],
  },
  async run({ ctx, caller, period, filter, params }) {
    if (params.abcA >= params.abcB) invalidParam("abcA", `must be less than abcB (${params.abcB})`);
    if (params.xyzY >= params.xyzX) invalidParam("xyzY", `must be less than xyzX (${params.xyzX})`);
    const { knex } = ctx;
    const months = monthsOf(period);
    const values = valuesSql(["TEXT", "TEXT", "TEXT"], months.map((m) => [m.key, m.from, m.to]));
    const won = () => whereDeal(knex, knex("deals as d").where("d.status", "won").where("d.closed_at", ">=", period.from).where("d.closed_at", "<", period.to), "d", caller, filter);

    const [rows, noClient] = (await Promise.all([
      knex.with("months", ["key", "from_at", "to_at"], knex.raw(values.sql, values.bindings))
        .from(won().whereNotNull("d.client").as("d"))
        .join("months as m", (j) => j.on("d.closed_at", ">=", "m.from_at").andOn("d.closed_at", "<", "m.to_at"))
        .leftJoin("clients as c", "c.id", "d.client")
        .select("d.client", "c.name").sum({ revenue: "d.amount" }).count({ deals: "*" }).countDistinct({ months: "m.key" })
        .groupBy("d.client", "c.name"),
      won().whereNull("d.client").sum({ revenue: "d.amount" }),
    ])) as Record<string, unknown>[][];

    const ranked = rows!
      .map((r) => ({ client: String(r["client"]), name: r["name"] === null || r["name"] === undefined ? null : String(r["name"]), revenue: money(num(r["revenue"])), deals: num(r["deals"]), months: num(r["months"]) }))
      .sort((a, b) => b.revenue - a.revenue || a.client.localeCompare(b.client));
    const total = money(ranked.reduce((s, c) => s + c.revenue, 0));
    let before = 0;
    const clients: AbcXyzClient[] = ranked.map((c) => {
      // Compared as before × 100 < threshold × total, so no rounding decides a class.
      const abc: Abc | null = total <= 0 ? null : before * 100 < params.abcA * total ? "A" : before * 100 < params.abcB * total ? "B" : "C";
      const xyz: Xyz = c.months >= params.xyzX ? "X" : c.months >= params.xyzY ? "Y" : "Z";
      before += c.revenue;
      return { ...c, share: ratio(c.revenue, total), cumulativeShare: ratio(before, total), abc, xyz, segment: abc === null ? null : segmentOf(abc, xyz) };
    });

    const matrix = (["A", "B", "C"] as const).flatMap((abc) => (["X", "Y", "Z"] as const).map((xyz) => {
      const cell = clients.filter((c) => c.abc === abc && c.xyz === xyz);
      return { abc, xyz, segment: segmentOf(abc, xyz), clients: cell.length, revenue: money(cell.reduce((s, c) => s + c.revenue, 0)) };
    }));
    const segments = (["cash-cow", "star", "wild-cat", "dog"] as const).map((segment) => {
      const cell = clients.filter((c) => c.segment === segment);
      return { segment, clients: cell.length, revenue: money(cell.reduce((s, c) => s + c.revenue, 0)) };
    });

    return {
      period: periodView(period),
      thresholds: { abcA: params.abcA, abcB: params.abcB, xyzX: params.xyzX, xyzY: params.xyzY },
      months: months.length,
      revenue: total,
      noClientRevenue: money(num(noClient![0]?.["revenue"])),
      clients,
      matrix,
      segments,
    };
  },
});
