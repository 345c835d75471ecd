/**
 * A page that a later release fills in (the board, the control room): it says what it will be,
 * and shows no invented data.
 */
import { useT } from "../i18n";

/** The placeholder for the board or the control room. */
export function ComingPage({ page }: { page: "board" | "control" }) {
  const t = useT();
  return (
    <div className="coming" data-testid={`coming-${page}`}>
      <h1>{t(page === "board" ? "nav.board" : "nav.control")}</h1>
      <p>{t(page === "board" ? "coming.board" : "coming.control")}</p>
      <a className="btn" href="#/editor">{t("coming.back")}</a>
    </div>
  );
}
