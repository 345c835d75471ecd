/**
 * Every problem of the blueprint, live, from the same engine linter the server runs before
 * publishing. Clicking one selects the stage, robot or trigger it is about.
 */
import { useState } from "react";
import { useT } from "../i18n";
import { useLintStore } from "../store/lint-store";
import { IssueList } from "./IssueList";

/** The lint panel (see the module comment). */
export function LintPanel() {
  const t = useT();
  const { issues, errors, warnings } = useLintStore();
  const [errorsOnly, setErrorsOnly] = useState(false);
  const shown = errorsOnly ? issues.filter((i) => i.severity !== "warning") : issues;
  return (
    <div className="inspector-body" data-testid="lint-panel">
      <header className="inspector-head">
        <div className="eyebrow">{t("lint.title")}</div>
        <h2 data-testid="lint-summary">
          {errors === 0 && warnings === 0 ? t("lint.clean") : t("lint.summary", { errors, warnings })}
        </h2>
        <p className="help">{t("lint.help")}</p>
        {warnings > 0 ? (
          <label className="checkbox">
            <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} />
            <span>{t("lint.errorsOnly")}</span>
          </label>
        ) : null}
      </header>
      <IssueList issues={shown} testId="lint-item" />
    </div>
  );
}
