/**
 * Signing in with an access token. The login URLs that `pnpm start` prints (`/#token=…`) sign in
 * by themselves; otherwise paste a token here. Without one the editor works offline: import,
 * edit, lint, simulate and export, but not save or publish.
 */
import { useState } from "react";
import { useT } from "../i18n";
import { Modal } from "../panels/Modal";
import { useSessionStore } from "../store/session-store";

/** The header's sign-in / sign-out control. */
export function SignIn() {
  const t = useT();
  const token = useSessionStore((s) => s.token);
  const signIn = useSessionStore((s) => s.signIn);
  const signOut = useSessionStore((s) => s.signOut);
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  if (token) {
    return (
      <button type="button" className="btn btn-header" onClick={signOut} data-testid="sign-out" title={t("auth.signedIn")}>
        <span className="online-dot" aria-hidden /> {t("auth.signOut")}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-header" onClick={() => setOpen(true)} data-testid="sign-in">{t("auth.signIn")}</button>
      {open ? (
        <Modal
          title={t("auth.title")}
          onClose={() => setOpen(false)}
          footer={
            <>
              <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>{t("dialog.cancel")}</button>
              <button type="button" className="btn btn-primary" disabled={!value.trim()} onClick={() => { signIn(value.trim()); setOpen(false); }} data-testid="sign-in-confirm">{t("auth.signIn")}</button>
            </>
          }
        >
          <p>{t("auth.explain")}</p>
          <input className="input input-mono" type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} aria-label={t("auth.token")} placeholder={t("auth.token")} data-testid="token-input"
            onKeyDown={(e) => { if (e.key === "Enter" && value.trim()) { signIn(value.trim()); setOpen(false); } }} />
        </Modal>
      ) : null}
    </>
  );
}
