/**
 * Reports that come with the server: `GET /api/reports/stages` (deals, overdue tasks and
 * conversion to the next stage, per stage), as JSON or `?format=csv`. Figures are computed in SQL
 * over the deals in the caller's scope; the definitions are in `deals/stage-report.ts`.
 */
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteModule } from "../context";
import { callerOf } from "./deals/access";
import { stageReport, stageReportCsv } from "./deals/stage-report";

const StagesQuery = z.object({
  pipeline: z.string().optional(),
  responsible: z.string().optional().describe("Only the deals of this user (within your scope)."),
  team: z.string().optional().describe("Only the deals of this team's users."),
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
};

export default reports;
