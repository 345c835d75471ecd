/**
 * Vite config for the Voronka web app. `pnpm --filter @voronka/editor dev` serves it with the API
 * proxied to a local server (`pnpm start`, port 3000); `build` writes static files to `dist/`,
 * which the server serves at `/`.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The local server that `pnpm start` runs. */
const api = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  base: "./",
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/s": { target: api, changeOrigin: false },
      "/hooks": { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
