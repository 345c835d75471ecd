import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiClient } from "../api/client";
import { useLocaleStore } from "../i18n";
import { useSessionStore } from "../store/session-store";
import { ControlPage, ControlSections } from "./ControlPage";
import { EMPTY, FULL, PEOPLE, SOURCE } from "./fixtures";
import { makeLabels } from "./labels";
import { alignStart, csvPath, defaultFilters, reportPath } from "./query";
import { duration, num, pct } from "./format";
import { controlEn, controlRu } from "./i18n";
import { FIGURES, type Figure } from "./types";

const filters = { ...defaultFilters(new Date(2026, 2, 15)), pipeline: "" };
const section = (figure: string) => within(screen.getByTestId(`control-${figure}`));

describe("control room sections", () => {
  beforeEach(() => useLocaleStore.getState().setLocale("en"));

  it("renders every figure's numbers from the server's answers", () => {
    render(<ControlSections loaded={FULL} filters={filters} />);
    for (const f of FIGURES) expect(screen.getByTestId(`control-${f}`)).toBeTruthy();
    // plans: employee, pipeline, company with completion
    const plans = section("plans");
    expect(plans.getByTestId("plans-table").textContent).toContain("1,500,000");
    expect(plans.getByTestId("plans-table").textContent).toContain("1,125,000");
    expect(plans.getByTestId("plans-table").textContent).toContain("75 %");
    expect(plans.getByTestId("plans-table").textContent).toContain("b2c-new");
    expect(plans.getByTestId("plans-company-amount-2026-03").textContent).toContain("133.3 %");
    // funnel: conversion, lost, time in stage
    const funnel = section("funnel").getByTestId("funnel-table").textContent!;
    expect(funnel).toContain("50 %");
    expect(funnel).toContain("1 d 1 h");
    expect(funnel).toContain("4 d 15 h");
    // control
    expect(section("control").getByTestId("control-overdue").textContent).toContain("4");
    expect(section("control").getByTestId("control-win-share").textContent).toContain("75 %");
    expect(section("control").getByTestId("control-reschedules").textContent).toContain("Client asked to call later");
    expect(section("control").getByTestId("control-forgotten").textContent).toContain("Polyus supply");
    // loss reasons: a null reason is named
    const loss = section("loss-reasons").getByTestId("loss-reasons-table").textContent!;
    expect(loss).toContain("too-expensive");
    expect(loss).toContain("(no reason)");
    expect(loss).toContain("25 %");
    // nps
    expect(section("nps").getByTestId("nps-score").textContent).toContain("25");
    expect(section("nps").getByTestId("nps-reasons").textContent).toContain("Fast delivery");
    // kpis
    expect(section("kpis").getByTestId("kpis-revenue").textContent).toContain("300,000");
    expect(section("kpis").getByTestId("kpis-average").textContent).toContain("100,000");
    expect(section("kpis").getByTestId("kpis-growth").textContent).toContain("50 %");
    // activity
    expect(section("activity").getByTestId("activity-table").textContent).toContain("45");
    expect(section("activity").getByTestId("activity-table").textContent).toContain("60");
    // abc-xyz: the AZ star cell
    expect(section("abc-xyz").getByTestId("abc-AZ").textContent).toContain("1");
    expect(section("abc-xyz").getByTestId("abc-AZ").getAttribute("title")).toBe("Stars (AZ)");
    expect(section("abc-xyz").getByTestId("abc-xyz-table").textContent).toContain("Polyus");
    // CSV links name the figure's tables
    expect(section("control").getByTestId("csv-control-reschedules").getAttribute("href")).toContain("format=csv&table=reschedules");
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("shows an empty state, never NaN, when a period has nothing", () => {
    render(<ControlSections loaded={EMPTY} filters={filters} />);
    for (const f of FIGURES) expect(screen.getByTestId(`empty-${f}`).textContent).toBe("No data for this period and these filters.");
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("speaks Russian with the app's locale", () => {
    useLocaleStore.getState().setLocale("ru");
    render(<ControlSections loaded={FULL} filters={filters} />);
    expect(screen.getByText("План и факт")).toBeTruthy();
    expect(section("loss-reasons").getByTestId("loss-reasons-table").textContent).toContain("(без причины)");
  });

  it("writes names and labels instead of ids, and keeps the ids as tooltips", () => {
    render(<ControlSections loaded={FULL} filters={filters} labels={makeLabels(SOURCE, PEOPLE, "en")} />);
    const text = document.body.textContent!;
    for (const id of ["ann", "dmitry", "b2b-new", "b2c-new", "too-expensive", "call-out", "presentation"]) expect(text).not.toMatch(new RegExp(`\\b${id}\\b`));
    const plans = section("plans").getByTestId("plans-table");
    expect(plans.textContent).toContain("Anna Kuznetsova");
    expect(plans.textContent).toContain("B2C new clients");
    expect(within(plans).getByText("Dmitry Volkov").getAttribute("title")).toBe("dmitry");
    const funnel = section("funnel");
    expect(funnel.getByTestId("funnel-pipeline").textContent).toContain("B2B new clients");
    expect(within(funnel.getByTestId("funnel-table")).getByText("Contract and invoice")).toBeTruthy();
    expect(funnel.getByTestId("funnel-table").textContent).toContain("Presentation");
    expect(within(section("control").getByTestId("control-table")).getByText("Anna Kuznetsova").getAttribute("title")).toBe("ann");
    const noTask = section("control").getByTestId("control-without-task");
    expect(within(noTask).getByText("Contract and invoice").getAttribute("title")).toBe("b2b-new/contract");
    expect(noTask.textContent).toContain("Zarya hotel chairs");
    expect(within(section("loss-reasons").getByTestId("loss-reasons-table")).getByText("Too expensive").getAttribute("title")).toBe("too-expensive");
    expect(section("nps").getByTestId("nps-reasons").textContent).toContain("Promoter");
    expect(section("nps").getByTestId("nps-managers").textContent).toContain("Anna Kuznetsova");
    expect(section("kpis").getByTestId("kpis-table").textContent).toContain("Anna Kuznetsova");
    expect(within(section("activity").getByTestId("activity-table")).getByText("Outgoing call").getAttribute("title")).toBe("call-out");
  });

  it("writes the labels in Russian", () => {
    useLocaleStore.getState().setLocale("ru");
    render(<ControlSections loaded={FULL} filters={filters} labels={makeLabels(SOURCE, PEOPLE, "ru")} />);
    expect(section("funnel").getByTestId("funnel-table").textContent).toContain("Договор и счёт");
    expect(section("loss-reasons").getByTestId("loss-reasons-table").textContent).toContain("Дорого");
    expect(section("nps").getByTestId("nps-reasons").textContent).toContain("Промоутер");
    expect(section("activity").getByTestId("activity-table").textContent).toContain("Исходящий звонок");
  });

  it("shows loading and errors per figure", () => {
    render(<ControlSections loaded={{ plans: { error: "boom" } }} filters={filters} />);
    expect(section("plans").getByRole("alert").textContent).toContain("boom");
    expect(screen.getByTestId("control-nps").getAttribute("aria-busy")).toBe("true");
  });
});

describe("the control room page", () => {
  afterEach(() => useSessionStore.setState({ client: null }));

  /** A server that answers the blueprint, the scope and the figures (empty ones for a chosen manager), and records the calls. */
  function server() {
    const calls: string[] = [];
    const fetch = (async (url: string) => {
      calls.push(url);
      const u = new URL(url, "http://x");
      const body = u.pathname === "/api/blueprint" ? { published: { version: 1, blueprint: SOURCE }, draft: null }
        : u.pathname === "/api/me" ? { user: PEOPLE[0], role: "admin", scope: "all", people: PEOPLE }
        : (u.searchParams.get("responsible") ? EMPTY : FULL)[u.pathname.replace("/api/reports/", "") as Figure];
      return new Response(JSON.stringify(body), { status: 200 });
    }) as typeof globalThis.fetch;
    return { calls, client: new ApiClient({ token: "t", fetch }) };
  }

  it("loads the figures with the labels, and a filter select refetches them", async () => {
    const { calls, client } = server();
    useSessionStore.setState({ client });
    render(<ControlPage />);
    await waitFor(() => expect(screen.getByTestId("plans-table").textContent).toContain("Anna Kuznetsova"));
    await waitFor(() => expect((screen.getByTestId("filter-responsible") as HTMLSelectElement).options.length).toBe(PEOPLE.length + 1));
    expect(screen.getByTestId("control-period").textContent).toMatch(/Mar.*2026.*Mar.*2026/);
    expect(calls.filter((c) => c.startsWith("/api/reports/"))).toHaveLength(FIGURES.length);
    act(() => { fireEvent.change(screen.getByTestId("filter-responsible"), { target: { value: "dmitry" } }); });
    await waitFor(() => expect(screen.getByTestId("empty-plans")).toBeTruthy());
    const again = calls.filter((c) => c.startsWith("/api/reports/") && c.includes("responsible=dmitry"));
    expect(again.map((c) => c.split("?")[0]).sort()).toEqual(FIGURES.map((f) => `/api/reports/${f}`).sort());
    expect(calls.filter((c) => c === "/api/me" || c === "/api/blueprint")).toHaveLength(2);
  });
});

describe("control room helpers", () => {
  it("aligns periods and builds queries", () => {
    expect(alignStart("quarter", "2026-11")).toBe("2026-10");
    expect(alignStart("half-year", "2026-05")).toBe("2026-01");
    expect(alignStart("year", "2026-11")).toBe("2026-01");
    const f = { period: "quarter" as const, start: "2026-05", pipeline: "b2b-new", responsible: " ", team: "b2b" };
    expect(reportPath("funnel", f)).toBe("/api/reports/funnel?period=quarter&start=2026-04&pipeline=b2b-new&team=b2b");
    expect(csvPath("nps", f, "reasons")).toBe("/api/reports/nps?period=quarter&start=2026-04&pipeline=b2b-new&team=b2b&format=csv&table=reasons");
  });
  it("formats null and non-finite as a dash", () => {
    expect(num(null, "en")).toBe("—");
    expect(pct(Number.NaN, "en")).toBe("—");
    expect(duration(null, "en")).toBe("—");
    expect(duration(3700, "en")).toBe("1 h 2 m");
    expect(pct(0.755, "en")).toBe("75.5 %");
  });
  it("has every English key in Russian", () => {
    expect(Object.keys(controlRu).sort()).toEqual(Object.keys(controlEn).sort());
  });
});
