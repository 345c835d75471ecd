/**
 * The task routes over real HTTP: the list (scoped, overdue first, filters), completing a task
 * (its trigger fires) and rescheduling it (a reason is required).
 */
import { testBlueprint, withStage } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers";

const blueprint = withStage(
  withStage(testBlueprint(), "sales", "lead", {
    robots: [
      { id: "callClient", type: "createTask", params: { title: "Call the client", responsible: { kind: "dealResponsible" }, deadline: { after: "PT1H" } } },
      { id: "checkLead", type: "createTask", params: { title: "Check the lead", responsible: { kind: "supervisor" }, deadline: { after: "P3D" } } },
    ],
  }),
  "sales", "proposal", { triggers: [{ id: "called", type: "taskCompleted", params: { robot: "callClient" } }] },
);

interface Task { id: string; deal: string; robot?: string; responsible: string; status: string; deadline?: string }

let server: TestServer;

const api: TestServer["api"] = (...args) => server.api(...args);

/** A new deal of `user` in `lead`, with its two tasks. */
async function dealWithTasks(user = "ann") {
  const deal = (await api(user, "POST", "/api/deals", { pipeline: "sales", title: "Task test", responsible: user })).body as { id: string };
  const tasks = (await api("olga", "GET", `/api/tasks?deal=${deal.id}`)).body.items as Task[];
  const call = tasks.find((t) => t.robot === "callClient")!;
  const check = tasks.find((t) => t.robot === "checkLead")!;
  return { deal, call, check };
}

beforeAll(async () => {
  server = await startTestServer({ blueprint });
});
afterAll(async () => {
  await server?.close();
});

describe("GET /api/tasks", () => {
  it("shows a manager their tasks and the supervisor's task on their deal, not other managers' tasks", async () => {
    const mine = await dealWithTasks("ann");
    const other = await dealWithTasks("boris");
    expect(mine.call.responsible).toBe("ann");
    expect(mine.check.responsible).toBe("sue");
    const r = await api("ann", "GET", "/api/tasks?limit=1000");
    const ids = (r.body.items as Task[]).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining([mine.call.id, mine.check.id]));
    expect(ids).not.toContain(other.call.id);
  });

  it("puts overdue tasks first and filters them with overdue=1 and dueBefore", async () => {
    const { call, check } = await dealWithTasks("vera");
    await api("vera", "POST", `/api/tasks/${call.id}/reschedule`, { deadline: "2020-01-01T10:00:00Z", reason: "Backdated for the test" });
    const list = (await api("vera", "GET", "/api/tasks?status=open")).body.items as Task[];
    expect(list[0]!.id).toBe(call.id);
    const overdue = (await api("vera", "GET", "/api/tasks?overdue=1")).body.items as Task[];
    expect(overdue.map((t) => t.id)).toContain(call.id);
    expect(overdue.map((t) => t.id)).not.toContain(check.id);
    const due = (await api("sue", "GET", `/api/tasks?dueBefore=${encodeURIComponent("2021-01-01T00:00:00Z")}&responsible=vera`)).body.items as Task[];
    expect(due.map((t) => t.id)).toEqual([call.id]);
  });

  it("pages overdue=1 and dueBefore by deadline, then id — overdue ones first — without gaps", async () => {
    const deadlines = ["2020-03-01T10:00:00Z", "2020-01-01T10:00:00Z", "2020-02-01T10:00:00Z", "2020-01-01T10:00:00Z"];
    const calls = [];
    for (const deadline of deadlines) {
      const { call } = await dealWithTasks("boris");
      await api("boris", "POST", `/api/tasks/${call.id}/reschedule`, { deadline, reason: "Backdated for the test" });
      calls.push({ id: call.id, deadline: new Date(deadline).toISOString() });
    }
    const expected = calls.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : 1)).map((c) => c.id);
    const pages = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await api("sue", "GET", `/api/tasks?${query}&responsible=boris&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
        ids.push(...(r.body.items as Task[]).map((t) => t.id));
        cursor = r.body.nextCursor as string | null;
      } while (cursor);
      return ids;
    };
    expect(await pages("overdue=1")).toEqual(expected);
    // Due before a far date: the overdue ones, then boris's tasks not yet due (after them, by deadline).
    const due = await pages(`dueBefore=${encodeURIComponent("2100-01-01T00:00:00Z")}`);
    expect(due.slice(0, 4)).toEqual(expected);
    const open = (await api("sue", "GET", "/api/tasks?status=open&responsible=boris&limit=1000")).body.items as Task[];
    expect(due).toEqual(open.filter((t) => t.deadline !== undefined).map((t) => t.id));
  });

  it("pages with nextCursor", async () => {
    await dealWithTasks("ann");
    const first = await api("ann", "GET", "/api/tasks?limit=1");
    expect(first.body.items).toHaveLength(1);
    const second = await api("ann", "GET", `/api/tasks?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});

describe("POST /api/tasks/:id/complete", () => {
  it("completes the task and its trigger moves the deal", async () => {
    const { deal, call } = await dealWithTasks("ann");
    const r = await api("ann", "POST", `/api/tasks/${call.id}/complete`);
    expect(r.status).toBe(200);
    expect(r.body.task).toMatchObject({ id: call.id, status: "completed" });
    expect(r.body.deal).toMatchObject({ id: deal.id, stage: "proposal" });
  });

  it("refuses a manager closing the supervisor's task (403) and another manager's task (404)", async () => {
    const { call, check } = await dealWithTasks("ann");
    const supervisors = await api("ann", "POST", `/api/tasks/${check.id}/complete`);
    expect(supervisors.status).toBe(403);
    expect(supervisors.body.error.code).toBe("FORBIDDEN");
    const others = await api("boris", "POST", `/api/tasks/${call.id}/complete`);
    expect(others.status).toBe(404);
    const still = (await api("ann", "GET", `/api/tasks?deal=${call.deal}&status=open`)).body.items as Task[];
    expect(still.map((t) => t.id)).toEqual(expect.arrayContaining([call.id, check.id]));
  });

  it("lets the supervisor close their control task", async () => {
    const { check } = await dealWithTasks("ann");
    expect((await api("sue", "POST", `/api/tasks/${check.id}/complete`)).status).toBe(200);
  });
});

describe("POST /api/tasks/:id/reschedule", () => {
  it("answers 422 REASON_REQUIRED without a reason and leaves the deadline as it was", async () => {
    const { call } = await dealWithTasks("ann");
    const r = await api("ann", "POST", `/api/tasks/${call.id}/reschedule`, { deadline: "2030-05-01T18:00:00+03:00" });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("REASON_REQUIRED");
    const after = (await api("ann", "GET", `/api/tasks?deal=${call.deal}`)).body.items as Task[];
    expect(after.find((t) => t.id === call.id)!.deadline).toBe(call.deadline);
  });

  it("moves the deadline with a reason, and the history says why", async () => {
    const { deal, call } = await dealWithTasks("ann");
    const r = await api("ann", "POST", `/api/tasks/${call.id}/reschedule`, { deadline: "2030-05-01T18:00:00+03:00", reason: "Client on holiday" });
    expect(r.status).toBe(200);
    expect(r.body.task.deadline).toBe("2030-05-01T15:00:00.000Z");
    const history = (await api("ann", "GET", `/api/deals/${deal.id}/history`)).body.items as { type: string; data: Record<string, unknown> }[];
    expect(history).toContainEqual(expect.objectContaining({ type: "task.rescheduled", data: expect.objectContaining({ reason: "Client on holiday", to: "2030-05-01T15:00:00.000Z" }) }));
  });

  it("answers 400 for a deadline that is not an ISO instant", async () => {
    const { call } = await dealWithTasks("ann");
    const r = await api("ann", "POST", `/api/tasks/${call.id}/reschedule`, { deadline: "tomorrow", reason: "x" });
    expect(r.status).toBe(400);
  });
});
