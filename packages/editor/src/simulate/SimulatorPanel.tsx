/**
 * Simulate: run a test deal through the drawn pipelines with the real engine in the browser, on a
 * virtual clock, before publishing. Start a deal here; then move it, fill fields, complete tasks,
 * advance the clock and watch robots fire (see `SimDealView`).
 */
import { useState } from "react";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import { useEditorStore } from "../store/editor-store";
import { useLintStore } from "../store/lint-store";
import { useSessionStore } from "../store/session-store";
import { useUiStore } from "../store/ui-store";
import { SimDealView } from "./SimDealView";
import { useSimStore } from "./sim-store";

/** The simulator panel (see the module comment). */
export function SimulatorPanel() {
  const t = useT();
  const locale = useLocale();
  const blueprint = useEditorStore((s) => s.blueprint);
  const catalogue = useSessionStore((s) => s.catalogue);
  const errors = useLintStore((s) => s.errors);
  const { sim, running, error, busy, start, reset, act } = useSimStore();
  const selection = useUiStore((s) => s.selection);
  const initialPipeline = selection && selection.kind !== "blueprint" ? selection.pipeline : blueprint.pipelines[0]?.id ?? "";
  const [pipeline, setPipeline] = useState(initialPipeline);
  const [stage, setStage] = useState("");
  const [title, setTitle] = useState(() => t("sim.defaultTitle"));
  const [amount, setAmount] = useState("100000");
  const p = blueprint.pipelines.find((x) => x.id === pipeline) ?? blueprint.pipelines[0];

  if (sim) {
    const changed = running !== blueprint;
    return (
      <div className="inspector-body sim" data-testid="simulator">
        <header className="inspector-head sim-head">
          <div className="eyebrow">{t("sim.title")}</div>
          <div className="sim-head-actions">
            {changed ? (
              <button type="button" className="btn btn-small" disabled={busy || errors > 0} title={errors ? t("sim.fixFirst", { n: errors }) : undefined}
                onClick={() => void act(async (s) => { await s.republish(blueprint); useSimStore.setState({ running: blueprint }); })} data-testid="sim-apply">
                {t("sim.apply")}
              </button>
            ) : null}
            <button type="button" className="btn btn-small btn-ghost" onClick={reset} data-testid="sim-reset">{t("sim.reset")}</button>
          </div>
        </header>
        {changed ? <p className="note">{t("sim.changed")}</p> : null}
        {error ? <p className="field-error" role="alert" data-testid="sim-error">{error}</p> : null}
        <SimDealView />
      </div>
    );
  }

  return (
    <div className="inspector-body sim" data-testid="simulator">
      <header className="inspector-head">
        <div className="eyebrow">{t("sim.title")}</div>
        <h2>{t("sim.heading")}</h2>
        <p className="help">{t("sim.help")}</p>
      </header>
      {errors > 0 ? <p className="note" data-testid="sim-blocked">{t("sim.fixFirst", { n: errors })}</p> : null}
      {error ? <p className="field-error" role="alert" data-testid="sim-error">{error}</p> : null}
      <section className="section">
        <label className="field-label" htmlFor="sim-pipeline">{t("sim.pipeline")}</label>
        <select id="sim-pipeline" className="input" value={p?.id ?? ""} onChange={(e) => { setPipeline(e.target.value); setStage(""); }}>
          {blueprint.pipelines.map((x) => <option key={x.id} value={x.id}>{textOf(x.label, locale) || x.id}</option>)}
        </select>
        <label className="field-label" htmlFor="sim-stage">{t("sim.startStage")}</label>
        <select id="sim-stage" className="input" value={stage} onChange={(e) => setStage(e.target.value)}>
          <option value="">{t("sim.firstStage")}</option>
          {p?.stages.filter((s) => s.kind === "process").map((s) => <option key={s.id} value={s.id}>{textOf(s.label, locale) || s.id}</option>)}
        </select>
        <div className="grid-2">
          <div>
            <label className="field-label" htmlFor="sim-title">{t("sim.dealTitle")}</label>
            <input id="sim-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div>
            <label className="field-label" htmlFor="sim-amount">{t("sim.amount")}</label>
            <input id="sim-amount" className="input" type="number" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </div>
        </div>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || errors > 0 || !p}
          data-testid="sim-start"
          onClick={() => p && void start(blueprint, catalogue, { pipeline: p.id, title: title || "Test deal", ...(stage ? { stage } : {}), ...(amount ? { amount: Number(amount) } : {}) })}
        >
          ▶ {t("sim.start")}
        </button>
      </section>
    </div>
  );
}
