/**
 * The web app's shell: a header with the navigation (editor, board, control room), the language
 * switch and sign-in, and the page of the current hash route. Signing in loads the server's
 * catalogue and draft.
 */
import { lazy, Suspense, useEffect } from "react";
import { LOCALES, useLocaleStore, useT, type Locale } from "./i18n";
import { ComingPage } from "./pages/ComingPage";
import { EditorPage } from "./pages/EditorPage";
import { Notices } from "./pages/Notices";
import { SignIn } from "./pages/SignIn";
import { useHashRoute, type Route } from "./pages/use-hash-route";
import { loadFromServer } from "./store/server-actions";
import { useSessionStore } from "./store/session-store";

/** The board loads when first opened, so the editor's first download stays as it was. */
const BoardPage = lazy(() => import("./board/BoardPage").then((m) => ({ default: m.BoardPage })));
/** The control room loads when first opened too. */
const ControlPage = lazy(() => import("./control/ControlPage").then((m) => ({ default: m.ControlPage })));

const NAV: { route: Route; key: "nav.editor" | "nav.board" | "nav.control"; soon: boolean }[] = [
  { route: "editor", key: "nav.editor", soon: false },
  { route: "board", key: "nav.board", soon: false },
  { route: "control", key: "nav.control", soon: false },
];

/** The app (see the module comment). */
export function App() {
  const t = useT();
  const route = useHashRoute();
  const locale = useLocaleStore((s) => s.locale);
  const setLocale = useLocaleStore((s) => s.setLocale);
  const client = useSessionStore((s) => s.client);
  useEffect(() => {
    if (client) void loadFromServer();
  }, [client]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <div className="app">
      <header className="app-header">
        <a className="brand" href="#/editor" aria-label="Voronka">
          <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden><path d="M3 5h26l-10 12v9l-6 3V17z" fill="currentColor" /></svg>
          <span>Voronka</span>
        </a>
        <nav className="nav" aria-label={t("nav.label")}>
          {NAV.map((n) => (
            <a key={n.route} href={`#/${n.route}`} className={`nav-link${route === n.route ? " is-active" : ""}`} aria-current={route === n.route ? "page" : undefined} data-testid={`nav-${n.route}`}>
              {t(n.key)}
              {n.soon ? <span className="soon">{t("nav.soon")}</span> : null}
            </a>
          ))}
        </nav>
        <div className="header-right">
          <select className="locale-select" value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t("header.language")} data-testid="locale">
            {LOCALES.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
          <SignIn />
        </div>
      </header>
      <main className="app-main">
        {route === "editor" ? <EditorPage /> : route === "board" ? <Suspense fallback={<div className="coming">{t("common.loading")}</div>}><BoardPage /></Suspense> : route === "control" ? <Suspense fallback={<div className="coming">{t("common.loading")}</div>}><ControlPage /></Suspense> : <ComingPage page={route} />}
      </main>
      <Notices />
    </div>
  );
}
