/**
 * Publishing: refused with the list of problems while the linter finds errors; otherwise it saves
 * the draft and publishes it. When the new version drops stages that still hold deals, the server
 * answers 409 `MAPPING_REQUIRED` with those stages; this dialog asks where their deals go and
 * publishes again with `{ mapping }`.
 */
import type { Issue } from "@voronka/engine";
import { useMemo, useState, type ReactNode } from "react";
import type { MappingStage } from "../api/types";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import { useDraftStore } from "../store/draft-store";
import { useEditorStore } from "../store/editor-store";
import { lint } from "../store/lint-store";
import { publish } from "../store/server-actions";
import { useSessionStore } from "../store/session-store";
import { useUiStore } from "../store/ui-store";
import { IssueList } from "./IssueList";
import { Modal } from "./Modal";

type Phase =
  | { kind: "confirm" }
  | { kind: "invalid"; issues: Issue[] }
  | { kind: "mapping"; stages: MappingStage[] }
  | { kind: "done"; version: number }
  | { kind: "failed"; message: string };

/** The publish dialog (see the module comment). */
export function PublishDialog() {
  const t = useT();
  const locale = useLocale();
  const close = () => useUiStore.getState().openDialog(null);
  const blueprint = useEditorStore((s) => s.blueprint);
  const catalogue = useSessionStore((s) => s.catalogue);
  const busy = useDraftStore((s) => s.status !== "idle");
  const [phase, setPhase] = useState<Phase>(() => {
    const result = lint(blueprint, catalogue); // (custom params are checked again by publish())
    return result.errors ? { kind: "invalid", issues: result.issues.filter((i) => i.severity !== "warning") } : { kind: "confirm" };
  });
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const targets = useMemo(
    () => blueprint.pipelines.flatMap((p) => p.stages.map((s) => ({ ref: `${p.id}/${s.id}`, label: `${textOf(p.label, locale) || p.id} → ${textOf(s.label, locale) || s.id}` }))),
    [blueprint, locale],
  );

  const run = async (withMapping?: Record<string, string>) => {
    const outcome = await publish(withMapping);
    if (outcome.kind === "published") setPhase({ kind: "done", version: outcome.version });
    else if (outcome.kind === "invalid") setPhase({ kind: "invalid", issues: outcome.issues });
    else if (outcome.kind === "failed") setPhase({ kind: "failed", message: outcome.message });
    else {
      setMapping(Object.fromEntries(outcome.stages.map((s) => {
        const pipeline = s.ref.split("/")[0];
        const first = blueprint.pipelines.find((p) => p.id === pipeline)?.stages.find((x) => x.kind === "process");
        return [s.ref, first ? `${pipeline}/${first.id}` : targets[0]?.ref ?? ""];
      })));
      setPhase({ kind: "mapping", stages: outcome.stages });
    }
  };

  let body: ReactNode;
  let footer: ReactNode;
  switch (phase.kind) {
    case "invalid":
      body = (
        <>
          <p>{t("publish.refused", { n: phase.issues.length })}</p>
          <div onClick={close}><IssueList issues={phase.issues} testId="publish-issue" /></div>
        </>
      );
      footer = <button type="button" className="btn" onClick={close}>{t("dialog.close")}</button>;
      break;
    case "mapping":
      body = (
        <>
          <p>{t("publish.mappingIntro")}</p>
          <table className="mapping-table" data-testid="mapping-table">
            <thead><tr><th>{t("publish.oldStage")}</th><th>{t("publish.deals")}</th><th>{t("publish.newStage")}</th></tr></thead>
            <tbody>
              {phase.stages.map((s) => (
                <tr key={s.ref}>
                  <td className="mono">{s.ref}</td>
                  <td>{s.deals}</td>
                  <td>
                    <select className="input" value={mapping[s.ref] ?? ""} aria-label={t("publish.newStageFor", { ref: s.ref })}
                      onChange={(e) => setMapping({ ...mapping, [s.ref]: e.target.value })} data-testid={`mapping-${s.ref}`}>
                      {targets.map((x) => <option key={x.ref} value={x.ref}>{x.label}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      );
      footer = (
        <>
          <button type="button" className="btn btn-ghost" onClick={close}>{t("dialog.cancel")}</button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run(mapping)} data-testid="publish-mapping-confirm">{t("publish.withMapping")}</button>
        </>
      );
      break;
    case "done":
      body = <p data-testid="publish-done">{t("publish.done", { version: phase.version })}</p>;
      footer = <button type="button" className="btn btn-primary" onClick={close}>{t("dialog.close")}</button>;
      break;
    case "failed":
      body = <p className="field-error" role="alert">{phase.message}</p>;
      footer = <button type="button" className="btn" onClick={close}>{t("dialog.close")}</button>;
      break;
    default:
      body = <p>{t("publish.confirm")}</p>;
      footer = (
        <>
          <button type="button" className="btn btn-ghost" onClick={close}>{t("dialog.cancel")}</button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run()} data-testid="publish-confirm">{busy ? t("publish.publishing") : t("toolbar.publish")}</button>
        </>
      );
  }
  return <Modal title={t("publish.title")} onClose={close} footer={footer} testId="publish-dialog" wide={phase.kind === "mapping"}>{body}</Modal>;
}
