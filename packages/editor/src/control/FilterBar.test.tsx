import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useLocaleStore } from "../i18n";
import { FilterBar } from "./FilterBar";
import { PEOPLE, SOURCE } from "./fixtures";
import { filterChoices } from "./labels";
import { defaultFilters } from "./query";
import type { ControlFilters } from "./types";

const base: ControlFilters = { ...defaultFilters(new Date(2026, 2, 15)) };
const choices = (people = PEOPLE) => filterChoices(SOURCE, people, "en", (n) => `${n} (inactive)`);
const select = (testid: string) => screen.getByTestId(testid) as HTMLSelectElement;
const options = (testid: string) => [...select(testid).options].map((o) => [o.value, o.textContent]);

function renderBar(value: ControlFilters = base, people = PEOPLE) {
  const onChange = vi.fn<(f: ControlFilters) => void>();
  const view = render(<FilterBar value={value} choices={choices(people)} onChange={onChange} />);
  return { onChange, view };
}

describe("the control room's filter bar", () => {
  beforeEach(() => useLocaleStore.getState().setLocale("en"));

  it("offers pipelines, teams and managers by label, each with an 'all' choice first", () => {
    renderBar();
    expect(options("filter-pipeline")).toEqual([["", "All pipelines"], ["b2b-new", "B2B new clients"], ["b2c-new", "B2C new clients"]]);
    expect(options("filter-team")).toEqual([["", "All teams"], ["B2B", "B2B"], ["B2C", "B2C"], ["Head office", "Head office"]]);
    expect(options("filter-responsible")[0]).toEqual(["", "Everyone in your scope"]);
    expect(options("filter-responsible")).toContainEqual(["ann", "Anna Kuznetsova"]);
    expect(options("filter-responsible").at(-1)).toEqual(["boris", "Boris Popov (inactive)"]);
  });

  it("applies a choice at once, with the id", () => {
    const { onChange } = renderBar();
    fireEvent.change(select("filter-pipeline"), { target: { value: "b2c-new" } });
    expect(onChange).toHaveBeenLastCalledWith({ ...base, pipeline: "b2c-new" });
    fireEvent.change(select("filter-responsible"), { target: { value: "dmitry" } });
    expect(onChange).toHaveBeenLastCalledWith({ ...base, responsible: "dmitry" });
    fireEvent.change(select("filter-period"), { target: { value: "quarter" } });
    expect(onChange).toHaveBeenLastCalledWith({ ...base, period: "quarter" });
  });

  it("picks the first month with a month and a year select, named in the app's language", () => {
    const { onChange } = renderBar();
    const [year, month] = base.start.split("-").map(Number) as [number, number];
    expect(options("filter-start-month")).toHaveLength(12);
    expect(options("filter-start-month")[0]).toEqual(["1", "January"]);
    fireEvent.change(select("filter-start-month"), { target: { value: "7" } });
    expect(onChange).toHaveBeenLastCalledWith({ ...base, start: `${year}-07` });
    fireEvent.change(select("filter-start-year"), { target: { value: String(year - 1) } });
    expect(onChange).toHaveBeenLastCalledWith({ ...base, start: `${year - 1}-${String(month).padStart(2, "0")}` });
    expect(options("filter-start-year").map(([y]) => Number(y))).toContain(new Date().getFullYear() + 1);
  });

  it("names the months in Russian when the app speaks Russian", () => {
    useLocaleStore.getState().setLocale("ru");
    renderBar();
    expect(options("filter-start-month").map(([, name]) => name).slice(0, 3)).toEqual(["Январь", "Февраль", "Март"]);
  });

  it("narrows the managers to the chosen team, and drops a manager of another team", () => {
    const { onChange, view } = renderBar({ ...base, responsible: "dmitry" });
    fireEvent.change(select("filter-team"), { target: { value: "B2B" } });
    expect(onChange).toHaveBeenLastCalledWith({ ...base, team: "B2B", responsible: "" });
    view.rerender(<FilterBar value={{ ...base, team: "B2B", responsible: "ann" }} choices={choices()} onChange={onChange} />);
    expect(options("filter-responsible").map(([id]) => id)).toEqual(["", "ann", "sue", "boris"]);
    fireEvent.change(select("filter-team"), { target: { value: "" } });
    expect(onChange).toHaveBeenLastCalledWith({ ...base, team: "", responsible: "ann" });
  });

  it("offers a manager only themselves", () => {
    renderBar(base, PEOPLE.filter((p) => p.id === "ann"));
    expect(options("filter-responsible")).toEqual([["", "Everyone in your scope"], ["ann", "Anna Kuznetsova"]]);
    expect(options("filter-team")).toEqual([["", "All teams"], ["B2B", "B2B"]]);
  });

  it("keeps showing a chosen value that is not among the choices (yet)", () => {
    renderBar({ ...base, pipeline: "old-pipeline" }, []);
    expect(select("filter-pipeline").value).toBe("old-pipeline");
  });

  it("speaks Russian", () => {
    useLocaleStore.getState().setLocale("ru");
    renderBar();
    expect(options("filter-pipeline")[0]).toEqual(["", "Все воронки"]);
    expect(screen.getByText("Менеджер")).toBeTruthy();
  });
});
