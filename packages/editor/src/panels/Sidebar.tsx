/**
 * The right-hand sidebar: inspector, problems (with their count), versions and the simulator, as
 * tabs, so everything fits beside the canvas on a 1366×768 screen.
 */
import { lazy, Suspense } from "react";
import { useT } from "../i18n";
import { useLintStore } from "../store/lint-store";
import { useUiStore, type SidebarTab } from "../store/ui-store";
import { Inspector } from "./Inspector";
import { LintPanel } from "./LintPanel";
import { VersionsPanel } from "./VersionsPanel";

// The simulator brings the engine's runtime: loaded when first opened.
const SimulatorPanel = lazy(() => import("../simulate/SimulatorPanel").then((m) => ({ default: m.SimulatorPanel })));

const TABS: SidebarTab[] = ["inspect", "problems", "versions", "simulate"];

/** The sidebar (see the module comment). */
export function Sidebar() {
  const t = useT();
  const tab = useUiStore((s) => s.tab);
  const setTab = useUiStore((s) => s.setTab);
  const errors = useLintStore((s) => s.errors);
  const warnings = useLintStore((s) => s.warnings);
  return (
    <aside className="sidebar" aria-label={t("sidebar.label")}>
      <div className="tabs" role="tablist">
        {TABS.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={`tab${tab === id ? " is-active" : ""}`} onClick={() => setTab(id)} data-testid={`tab-${id}`}>
            {t(`sidebar.${id}`)}
            {id === "problems" && errors + warnings > 0 ? <span className={`tab-count${errors ? " is-error" : ""}`} data-testid="problem-count">{errors + warnings}</span> : null}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        <Suspense fallback={<p className="muted inspector-body">{t("common.loading")}</p>}>
          {tab === "inspect" ? <Inspector /> : tab === "problems" ? <LintPanel /> : tab === "versions" ? <VersionsPanel /> : <SimulatorPanel />}
        </Suspense>
      </div>
    </aside>
  );
}
