/**
 * Published versions from the server (`GET /api/blueprint/versions`): open one in the editor
 * (`/versions/:n`) to compare, roll back or start from it — saving makes it the draft.
 */
import { useCallback, useEffect, useState } from "react";
import type { VersionSummary } from "../api/types";
import { toApiError } from "../api/errors";
import { useT } from "../i18n";
import { useDraftStore } from "../store/draft-store";
import { openVersion } from "../store/server-actions";
import { useSessionStore } from "../store/session-store";

/** The versions panel (see the module comment). */
export function VersionsPanel() {
  const t = useT();
  const client = useSessionStore((s) => s.client);
  const published = useDraftStore((s) => s.published);
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    if (!client) return;
    setError(null);
    client.versions().then(setVersions, (e: unknown) => setError(toApiError(e).message));
  }, [client]);
  useEffect(load, [load, published]);

  return (
    <div className="inspector-body" data-testid="versions-panel">
      <header className="inspector-head">
        <div className="eyebrow">{t("versions.title")}</div>
        <h2>{published !== null ? t("versions.published", { version: published }) : t("versions.none")}</h2>
        <p className="help">{t("versions.help")}</p>
      </header>
      {!client ? <p className="muted">{t("versions.offline")}</p> : null}
      {error ? <p className="field-error">{error}</p> : null}
      {client && versions === null && !error ? <p className="muted">{t("common.loading")}</p> : null}
      {versions?.length === 0 ? <p className="muted">{t("versions.empty")}</p> : null}
      {versions?.length ? (
        <ol className="version-list">
          {versions.map((v) => {
            const when = v.publishedAt ?? v.savedAt;
            return (
              <li key={v.version} className="version-row" data-testid={`version-${v.version}`}>
                <span className="version-number">v{v.version}</span>
                <span className="version-when">{when ? new Date(when).toLocaleString() : ""}</span>
                {v.version === published ? <span className="badge">{t("versions.live")}</span> : null}
                <button type="button" className="btn btn-small" onClick={() => void openVersion(v.version)}>{t("versions.open")}</button>
              </li>
            );
          })}
        </ol>
      ) : null}
      {client ? <button type="button" className="btn btn-small btn-ghost" onClick={load}>{t("versions.refresh")}</button> : null}
    </div>
  );
}
