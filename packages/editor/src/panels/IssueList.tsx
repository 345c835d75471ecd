/**
 * A list of lint issues; clicking one selects what it is about on the canvas and centres it.
 */
import type { Issue } from "@voronka/engine";
import { useT } from "../i18n";
import { issueTarget } from "../model/issue-target";
import { useEditorStore } from "../store/editor-store";
import { useLintStore } from "../store/lint-store";
import { useUiStore } from "../store/ui-store";

/** Selects an issue's target and centres its node. */
export function goToIssue(issue: Issue): void {
  const bp = useLintStore.getState().blueprint ?? useEditorStore.getState().blueprint;
  const target = issueTarget(bp, issue.path);
  const ui = useUiStore.getState();
  ui.select(target.selection);
  ui.setTab("inspect");
  if (target.nodeId) ui.focusNode(target.nodeId);
}

/** Props: the issues, and whether clicking goes to them (in the lint panel) or not (in an inspector). */
export function IssueList({ issues, navigate = true, testId = "issue" }: { issues: readonly Issue[]; navigate?: boolean; testId?: string }) {
  const t = useT();
  if (!issues.length) return null;
  return (
    <ul className="issue-list">
      {issues.map((issue, i) => {
        const body = (
          <>
            <span className={`issue-dot ${issue.severity === "warning" ? "is-warning" : "is-error"}`} aria-label={t(issue.severity === "warning" ? "lint.warning" : "lint.error")} />
            <span className="issue-text">
              <span className="issue-message">{issue.message}</span>
              <span className="issue-code">{issue.code}{issue.path.length ? ` · ${issue.path.join(".")}` : ""}</span>
            </span>
          </>
        );
        return (
          <li key={`${issue.code}-${issue.path.join(".")}-${i}`} data-testid={`${testId}-${i}`} data-code={issue.code}>
            {navigate ? <button type="button" className="issue" onClick={() => goToIssue(issue)}>{body}</button> : <div className="issue">{body}</div>}
          </li>
        );
      })}
    </ul>
  );
}
