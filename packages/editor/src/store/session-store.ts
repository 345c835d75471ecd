/**
 * The session: the access token and the API client made from it, and the robot/trigger
 * catalogue (the server's when signed in, the browser engine's built-ins otherwise).
 */
import { defaultRegistry, type CatalogueEntry } from "@voronka/engine";
import { create } from "zustand";
import { storeToken } from "../api/auth";
import { ApiClient } from "../api/client";

/** The session store's state and actions. */
export interface SessionState {
  token: string | null;
  client: ApiClient | null;
  catalogue: readonly CatalogueEntry[];
  catalogueSource: "local" | "server";
  signIn(token: string): void;
  signOut(): void;
  setCatalogue(catalogue: readonly CatalogueEntry[], source: "local" | "server"): void;
}

/** The catalogue of the engine bundled in the page: built-in types only. */
export const LOCAL_CATALOGUE: readonly CatalogueEntry[] = defaultRegistry().catalogue();

/** The app's session store. */
export const useSessionStore = create<SessionState>()((set) => ({
  token: null,
  client: null,
  catalogue: LOCAL_CATALOGUE,
  catalogueSource: "local",
  signIn: (token) => {
    storeToken(token);
    set({ token, client: new ApiClient({ token }) });
  },
  signOut: () => {
    storeToken(null);
    set({ token: null, client: null, catalogue: LOCAL_CATALOGUE, catalogueSource: "local" });
  },
  setCatalogue: (catalogue, source) => set({ catalogue, catalogueSource: source }),
}));
