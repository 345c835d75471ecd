/// <reference types="node" />
/**
 * The pipeline editor in a real browser (Debian's Chromium) against a real server with the
 * standards blueprint published, signed in as the admin through a login URL. Screenshots of each
 * step go to `e2e/screenshots/editor-*.png`.
 *
 *   pnpm --filter @voronka/editor build
 *   npx vitest run --config packages/editor/e2e/vitest.e2e.config.ts packages/editor/e2e/editor.e2e.test.ts
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../../server/test/helpers";
import { launchChromium, offsetFromCanvasCentre, shot, standardsBlueprint, startEditorServer, waitForLoaded, withEditor } from "./editor-harness";

let server: TestServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  server = await startEditorServer();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Shapes of the draft the server answers (only what the assertions read). */
interface SavedStage { id: string; kind: string; label: Record<string, string>; robots: { id: string; type: string; params: Record<string, unknown> }[] }
interface SavedBlueprint { pipelines: { id: string; stages: SavedStage[] }[] }

describe("the pipeline editor", () => {
  it("adds a stage and a createTask robot through the forms, saves, and finds both after a reload (UI and GET /api/blueprint)", async () => {
    await withEditor(browser!, server!, "a", async ({ page }) => {
      await page.locator("[data-testid=stage-b2b-new-contract]").waitFor();
      // The canvas renders only what is on screen (React Flow's onlyRenderVisibleElements): the
      // first lanes, from B2B new clients' first stage on.
      expect(await page.locator("[data-testid=canvas] .stage-node[data-testid^=stage-b2b-new-]").count()).toBeGreaterThanOrEqual(5);
      expect(await page.locator("[data-testid=problem-count]").count()).toBe(0);
      await shot(page, "a1-standards-loaded");

      // Select "Contract" and add a stage after it.
      await page.click("[data-testid=stage-b2b-new-contract] .stage-label");
      await page.locator("[data-testid=inspector-stage]").waitFor();
      await page.click("[data-testid=add-stage]");
      const idInput = page.locator("[data-testid=inspector-stage] [data-testid=stage-id]");
      const newId = await idInput.inputValue();
      await page.locator(`[data-testid=stage-b2b-new-${newId}]`).waitFor();
      // Name it in both languages and give it a readable id.
      await page.fill("[data-testid=stage-label-en]", "Legal review");
      await page.fill("[data-testid=stage-label-ru]", "Юридическая проверка");
      await idInput.fill("legal-review");
      await idInput.press("Enter");
      await page.locator("[data-testid=stage-b2b-new-legal-review]").waitFor();
      expect(await page.locator("[data-testid=stage-b2b-new-legal-review] .stage-label").textContent()).toBe("Legal review");
      await shot(page, "a2-stage-added");

      // Add a "create a task" robot from the stage inspector's type picker and fill its form.
      await page.locator("[data-testid=inspector-stage] .add-row select").first().selectOption("createTask");
      await page.click("[data-testid=inspector-add-robot]");
      await page.locator("[data-testid=inspector-robot]").waitFor();
      await page.locator("[data-testid=params-form-createTask]").waitFor();
      const itemId = page.locator("[data-testid=item-id]");
      await itemId.fill("legal-review-task");
      await itemId.press("Enter");
      await page.locator("[data-testid=chip-robot-legal-review-task]").waitFor();
      await page.fill("[data-testid=param-title-en]", "Check the contract with the lawyer");
      await page.fill("[data-testid=param-title-ru]", "Проверить договор с юристом");
      await page.locator("[data-testid=param-responsible] select").selectOption("supervisor");
      await shot(page, "a3-robot-form");

      // Save the draft.
      await expect.poll(() => page.textContent("[data-testid=save-state]")).toBe("Unsaved changes");
      await page.click("[data-testid=save]");
      await page.waitForFunction(() => document.querySelector("[data-testid=save-state]")?.textContent === "Draft saved");
      await shot(page, "a4-saved");

      // The server has the draft with the new stage right after "contract" and the robot's params.
      const answer = await server!.api("admin", "GET", "/api/blueprint");
      expect(answer.status).toBe(200);
      const draft = answer.body.draft.blueprint as SavedBlueprint;
      const stages = draft.pipelines.find((p) => p.id === "b2b-new")!.stages;
      const at = stages.findIndex((s) => s.id === "legal-review");
      expect(stages[at - 1]?.id).toBe("contract");
      expect(stages[at]).toMatchObject({ kind: "process", label: { en: "Legal review", ru: "Юридическая проверка" } });
      expect(stages[at]!.robots).toEqual([
        expect.objectContaining({
          id: "legal-review-task", type: "createTask",
          params: expect.objectContaining({ title: { en: "Check the contract with the lawyer", ru: "Проверить договор с юристом" }, responsible: { kind: "supervisor" } }),
        }),
      ]);
      expect(answer.body.published.version).toBe(1);

      // Reload: the editor loads the draft back (token from localStorage).
      await page.reload();
      await waitForLoaded(page);
      await page.locator("[data-testid=stage-b2b-new-legal-review]").waitFor();
      expect(await page.locator("[data-testid=stage-b2b-new-legal-review] .stage-label").textContent()).toBe("Legal review");
      await page.click("[data-testid=chip-robot-legal-review-task]");
      await page.locator("[data-testid=inspector-robot]").waitFor();
      expect(await page.inputValue("[data-testid=item-id]")).toBe("legal-review-task");
      expect(await page.inputValue("[data-testid=param-title-en]")).toBe("Check the contract with the lawyer");
      expect(await page.inputValue("[data-testid=param-title-ru]")).toBe("Проверить договор с юристом");
      expect(await page.locator("[data-testid=param-responsible] select").inputValue()).toBe("supervisor");
      await shot(page, "a5-after-reload");
    });
  }, 60_000);

  it("imports a blueprint with a dangling tunnel, lists the problem, and a click on it selects and centres the stage", async () => {
    await withEditor(browser!, server!, "b", async ({ page }) => {
      // The standards, with B2C's failure tunnel pointing at a warm-up stage that does not exist.
      const broken = standardsBlueprint() as unknown as SavedBlueprint;
      const failure = broken.pipelines.find((p) => p.id === "b2c-new")!.stages.find((s) => s.id === "failure")!;
      const tunnel = failure.robots.find((r) => r.id === "b2c-new-failure-to-warm-up")!;
      expect(tunnel.type).toBe("copyToTunnel");
      tunnel.params["stage"] = "no-such-stage";
      // The stage is far off screen (third lane, last stage): not even in the DOM yet.
      expect(await page.locator("[data-testid=stage-b2c-new-failure]").count()).toBe(0);

      // Import through the dialog's file input, as "Choose a file" does.
      await page.click("[data-testid=import]");
      await page.locator("[data-testid=import-dialog]").waitFor();
      await page.setInputFiles("[data-testid=import-file]", { name: "standards-broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
      await expect.poll(() => page.textContent("[data-testid=import-summary]")).toContain("errors: 1");
      await shot(page, "b1-import-dialog");
      await page.click("[data-testid=import-confirm]");
      await page.locator("[data-testid=import-dialog]").waitFor({ state: "detached" });

      // The problem is counted on the Problems tab and listed there.
      await expect.poll(() => page.textContent("[data-testid=problem-count]")).toBe("1");
      await page.click("[data-testid=tab-problems]");
      await page.locator("[data-testid=lint-panel]").waitFor();
      expect(await page.textContent("[data-testid=lint-summary]")).toBe("Errors: 1 · warnings: 0");
      const item = page.locator("[data-testid=lint-item-0]");
      expect(await item.getAttribute("data-code")).toBe("ref.unknown-stage");
      expect(await item.textContent()).toContain("pipelines.2.stages.7.robots.2.params.stage");
      await shot(page, "b2-problem-listed");

      // Click it: the robot is opened in the inspector, its stage selected and centred on the canvas.
      await item.locator("button").click();
      await page.locator("[data-testid=inspector-robot]").waitFor();
      expect(await page.inputValue("[data-testid=item-id]")).toBe("b2c-new-failure-to-warm-up");
      expect(await page.locator("[data-testid=item-issue-0]").getAttribute("data-code")).toBe("ref.unknown-stage");
      const node = page.locator("[data-testid=stage-b2c-new-failure]");
      await node.waitFor();
      expect(await node.getAttribute("class")).toContain("is-selected");
      expect(await node.getAttribute("data-invalid")).toBe("true");
      expect(await page.textContent("[data-testid=stage-issues-b2c-new-failure]")).toBe("1");
      await expect.poll(async () => {
        const { dx, dy } = await offsetFromCanvasCentre(page, "[data-testid=stage-b2c-new-failure]");
        return Math.abs(dx) < 20 && Math.abs(dy) < 20;
      }, { timeout: 5_000 }).toBe(true);
      await shot(page, "b3-problem-focused");
    });
  }, 60_000);

  it("simulates a deal to success in the browser and the NPS survey robot fires", async () => {
    await withEditor(browser!, server!, "c", async ({ page }) => {
      await page.click("[data-testid=simulate]");
      await page.locator("[data-testid=sim-start]").waitFor();
      await page.selectOption("#sim-pipeline", "b2b-new");
      await page.selectOption("#sim-stage", "closing-docs");
      await page.fill("#sim-title", "Zarya Hotels — kitchen equipment");
      await page.click("[data-testid=sim-start]");
      const history = page.locator("[data-testid=sim-history]");
      await history.locator("li[data-type='deal.created']").waitFor();
      expect(await page.textContent("[data-testid=sim-stage]")).toBe("Closing documents");
      await page.locator("[data-testid=sim-tasks] li").first().waitFor();
      await shot(page, "c1-sim-started");

      // Straight to "Won": refused, the closing documents and the client's e-mail are missing.
      const moveTo = page.getByRole("combobox", { name: "Move to…" });
      await moveTo.selectOption("success");
      await page.click("[data-testid=sim-move]");
      const refusal = page.locator("[data-testid=sim-error]");
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/cannot move to 'success' yet.*\(contactEmail\).*\(closingDocsFile\)/);
      expect(await page.textContent("[data-testid=sim-stage]")).toBe("Closing documents");
      await shot(page, "c2-move-refused");

      // Fill them in, then move again.
      await page.click(".sim-fields summary");
      await page.fill("#sim-f-closingDocsFile", "https://files.example.com/zarya/closing-docs.pdf");
      await page.fill("#sim-f-contactEmail", "buyer@zarya.example");
      await page.click("[data-testid=sim-save-fields]");
      await history.locator("li[data-type='deal.fields.changed']").waitFor();
      await moveTo.selectOption("success");
      await page.click("[data-testid=sim-move]");
      await expect.poll(() => page.textContent("[data-testid=sim-stage]")).toBe("Won");
      expect(await page.locator("[data-testid=sim-error]").count()).toBe(0);

      // The NPS robot sent the survey (counted in the outbox, never sent).
      const sent = history.locator("li[data-type='survey.sent']");
      await sent.waitFor();
      expect(await sent.textContent()).toContain("Survey 'nps' sent");
      const ran = await history.locator("li[data-type='robot.ran']").allTextContents();
      expect(ran.some((text) => text.includes("Robot 'b2b-new-success-survey' ran: sent a survey"))).toBe(true);
      expect(await page.textContent(".sim .hint")).toMatch(/surveys\): [1-9]/);
      await sent.scrollIntoViewIfNeeded();
      await shot(page, "c3-won-survey-sent");

      // The client answers 10: a promoter.
      await page.getByRole("spinbutton", { name: "Survey score" }).fill("10");
      await page.getByRole("button", { name: "Answer the survey" }).click();
      const answered = history.locator("li[data-type='survey.answered']");
      await answered.waitFor();
      expect(await answered.textContent()).toContain("Survey answered: 10 (promoter)");
      await answered.scrollIntoViewIfNeeded();
      await shot(page, "c4-survey-answered");
    });
  }, 60_000);

  it("lets every visible stage take a press anywhere on it: no edge lies over a stage", async () => {
    await withEditor(browser!, server!, "d", async ({ page }) => {
      await page.locator("[data-testid=stage-b2b-new-contract]").waitFor();
      // What a press at points across each stage node on screen would reach. React Flow draws the
      // edges between stages in lanes above the nodes; their hit paths must not take the press.
      const taken = (await page.evaluate(`(() => {
        const canvas = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
        const out = [];
        let checked = 0;
        for (const el of document.querySelectorAll('[data-testid=canvas] .react-flow__node-stage')) {
          const r = el.getBoundingClientRect();
          for (const [fx, fy] of [[0.5, 0.5], [0.15, 0.3], [0.85, 0.3], [0.5, 0.85]]) {
            const x = r.left + r.width * fx, y = r.top + r.height * fy;
            if (x < canvas.left || y < canvas.top || x > canvas.right || y > canvas.bottom) continue;
            const hit = document.elementFromPoint(x, y);
            checked++;
            if (hit && hit.closest('.react-flow__edge')) out.push(el.getAttribute('data-id') + ' <- ' + hit.getAttribute('class'));
          }
        }
        return { checked, out };
      })()`)) as { checked: number; out: string[] };
      expect(taken.checked).toBeGreaterThan(20);
      expect(taken.out).toEqual([]);
      // A tunnel is still picked by its label.
      const label = page.locator("[data-testid^=tunnel-]").first();
      await label.click();
      await page.locator("[data-testid=inspector-robot]").waitFor();
      await shot(page, "d1-tunnel-label-picked");
    });
  }, 60_000);
});
