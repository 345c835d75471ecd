import { describe, expect, it } from "vitest";
import { PEOPLE, SOURCE } from "./fixtures";
import { filterChoices, ID_LABELS, makeLabels } from "./labels";

const inactive = (name: string) => `${name} (inactive)`;

describe("control room labels", () => {
  it.each([
    ["en", "Anna Kuznetsova", "B2B new clients", "Contract and invoice", "Too expensive", "Outgoing call"],
    ["ru", "Anna Kuznetsova", "B2B Новые клиенты", "Договор и счёт", "Дорого", "Исходящий звонок"],
  ])("names people, pipelines, stages, options and activity types in %s", (locale, person, pipeline, stage, reason, activity) => {
    const labels = makeLabels(SOURCE, PEOPLE, locale);
    expect(labels.person("ann")).toBe(person);
    expect(labels.pipeline("b2b-new")).toBe(pipeline);
    expect(labels.stage("b2b-new", "contract")).toBe(stage);
    expect(labels.option("lossReason", "too-expensive")).toBe(reason);
    expect(labels.activityType("call-out")).toBe(activity);
  });

  it("finds a stage within its own pipeline (stage ids repeat across pipelines)", () => {
    const labels = makeLabels(SOURCE, PEOPLE, "en");
    expect(labels.stage("b2c-new", "contract")).toBe("Contract");
    expect(labels.stage("b2b-new", "contract")).toBe("Contract and invoice");
  });

  it("names a breakdown's group by what it groups by", () => {
    const labels = makeLabels(SOURCE, PEOPLE, "en");
    expect(labels.group("manager", "dmitry")).toBe("Dmitry Volkov");
    expect(labels.group("pipeline", "b2c-new")).toBe("B2C new clients");
    expect(labels.group("team", "B2B")).toBe("B2B");
  });

  it("writes an id it does not know as it is", () => {
    const labels = makeLabels(SOURCE, PEOPLE, "ru");
    expect(labels.person("gone")).toBe("gone");
    expect(labels.pipeline("old")).toBe("old");
    expect(labels.stage("b2b-new", "removed")).toBe("removed");
    expect(labels.stage("old", "contract")).toBe("contract");
    expect(labels.option("lossReason", "other")).toBe("other");
    expect(labels.option("noSuchField", "x")).toBe("x");
    expect(labels.activityType("fax")).toBe("fax");
    expect(makeLabels(null, [], "en").stage("b2b-new", "contract")).toBe("contract");
    expect(ID_LABELS.person("ann")).toBe("ann");
  });
});

describe("filter choices", () => {
  it("lists the blueprint's pipelines in order, people by name with inactive ones last, and their teams", () => {
    const choices = filterChoices(SOURCE, PEOPLE, "en", inactive);
    expect(choices.pipelines).toEqual([{ id: "b2b-new", label: "B2B new clients" }, { id: "b2c-new", label: "B2C new clients" }]);
    expect(choices.people.map((p) => p.label)).toEqual(["Anna Kuznetsova", "Dmitry Volkov", "Igor Sokolov", "Olga Petrova", "Susanna Ivanova", "Boris Popov (inactive)"]);
    expect(choices.people.find((p) => p.id === "dmitry")?.team).toBe("B2C");
    expect(choices.teams.map((t) => t.id)).toEqual(["B2B", "B2C", "Head office"]);
  });

  it("offers a manager only themselves and their team (the API's scope)", () => {
    const choices = filterChoices(SOURCE, PEOPLE.filter((p) => p.id === "ann"), "ru", inactive);
    expect(choices.people).toEqual([{ id: "ann", label: "Anna Kuznetsova", team: "B2B" }]);
    expect(choices.teams).toEqual([{ id: "B2B", label: "B2B" }]);
    expect(choices.pipelines[0]!.label).toBe("B2B Новые клиенты");
  });

  it("offers nothing before the blueprint and the people arrive", () => {
    expect(filterChoices(null, [], "en", inactive)).toEqual({ pipelines: [], people: [], teams: [] });
  });
});
