/**
 * The entry point: takes the access token from a login URL (`/#token=…`) or storage, and
 * renders the app.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { takeToken } from "./api/auth";
import { useSessionStore } from "./store/session-store";
import "./styles.css";

const token = takeToken();
if (token) useSessionStore.getState().signIn(token);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
