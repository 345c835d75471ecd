/**
 * Reports over HTTP, as JSON or `?format=csv`:
 * - `GET /api/reports/stages` (deals, overdue tasks and conversion to the next stage, per stage),
 *   which comes with the server; its definitions are in `deals/stage-report.ts`;
 * - the control room's figures, `GET /api/reports/<figure>` for each figure of `src/reports`
 *   (plans, funnel, control, loss-reasons, nps, kpis, activity, abc-xyz), all taking the same
 *   period and filter parameters; their definitions are in `src/reports/README.md`.
 * Every figure is computed in SQL over what the caller may see (a manager their own, a supervisor
 * their scope, an admin everything). A bad parameter answers 400 `VALIDATION_FAILED` naming it.
 */
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteModule } from "../context";
import { REPORTS, resolvePeriod, toCsv, PERIOD_KINDS } from "../reports";
import { callerOf } from "./deals/access";
import { stageReport, stageReportCsv } from "./deals/stage-report";
import { Instant } from "./deals/schemas";

const StagesQuery = z.object({
  pipeline: z.string().optional(),
  responsible: z.string().optional().describe("Only the deals of this user (within your scope)."),
  team: z.string().optional().describe("Only the deals of this team's users."),
  format: z.enum(["json", "csv"]).default("json"),
});

/** The parameters every figure takes. */
const FigureQuery = z.object({
  from: Instant.optional().describe("The period's first instant (with to; to is excluded)."),
  to: Instant.optional().describe("The instant after the period (with from)."),
  period: z.enum(PERIOD_KINDS).optional().describe("A calendar period in the workspace's time zone (default month), starting at start."),
  start: z.string().optional().describe("The period's first month, YYYY-MM (default: the period holding now)."),
  pipeline: z.string().optional(),
  responsible: z.string().optional().describe("Only this user's deals, tasks or activities (within your scope)."),
  team: z.string().optional().describe("Only the users of this team (users.team)."),
  format: z.enum(["json", "csv"]).default("json"),
});

/** Registers the report routes. */
const reports: RouteModule = async (root, ctx) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/reports/stages",
    { schema: { tags: ["reports"], summary: "Deals, overdue tasks and conversion to the next stage, per stage", querystring: StagesQuery } },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const rows = await stageReport(ctx, callerOf(request), filter);
      if (format === "csv") {
        return reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="stages.csv"').send(stageReportCsv(rows));
      }
      return rows;
    },
  );

  for (const report of REPORTS) {
    const tables = Object.keys(report.csv) as [string, ...string[]];
    const querystring = FigureQuery.extend(report.params).extend({
      table: z.enum(tables).optional().describe(`With format=csv: which table (${tables.join(", ")}; default ${tables[0]}).`),
    });
    app.get(
      `/api/reports/${report.figure}`,
      { schema: { tags: ["reports"], summary: report.summary, querystring } },
      async (request, reply) => {
        const caller = callerOf(request);
        const { from, to, period, start, pipeline, responsible, team, format, table, ...params } = request.query as z.infer<typeof FigureQuery> & { table?: string } & Record<string, unknown>;
        const now = ctx.clock.now();
        const result = await report.run({
          ctx, caller, now, params,
          period: resolvePeriod({ from, to, period, start }, ctx.host.settings.current.timeZone, now),
          filter: { pipeline, responsible, team },
        });
        if (format !== "csv") return result;
        const name = table ?? tables[0];
        const csv = toCsv({ columns: report.csv[name]!, rows: (result as Record<string, unknown>)[name] as Record<string, unknown>[] });
        return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${report.figure}-${name}.csv"`).send(csv);
      },
    );
  }
};

export default reports;
