// ESLint flat config: typescript-eslint's recommended rules, no import cycles, and the package
// boundaries of STYLE.md as rules (the arrows are the only imports allowed).
import { importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

const nodeBuiltins = ["node:*", "fs", "path", "os", "crypto", "http", "https", "net", "dns", "child_process", "worker_threads"];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "data/**", "**/*.json", "packages/editor/e2e/screenshots/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "import-x": importX },
    rules: {
      "import-x/no-cycle": ["error", { maxDepth: 10, ignoreExternal: true }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // engine: pure and browser-safe — no I/O, no server, no UI.
    files: ["packages/engine/src/**/*.ts"],
    ignores: ["packages/engine/src/**/*.test.ts", "packages/engine/src/**/*.test-helpers.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: nodeBuiltins, message: "The engine is pure and browser-safe: no Node built-ins (do I/O in the server)." },
        { group: ["knex", "fastify", "sqlite3", "better-sqlite3", "pg", "react", "react-dom", "@xyflow/*"], message: "The engine imports no server, database or UI code." },
        { group: ["@voronka/server", "@voronka/editor", "@voronka/standards"], message: "Arrows point to the engine, never from it." },
      ] }],
    },
  },
  {
    files: ["packages/standards/src/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["@voronka/server", "@voronka/editor"], message: "standards → engine only." },
        { group: nodeBuiltins, message: "The standards blueprint is data: no Node built-ins outside scripts and tests." },
      ] }],
    },
  },
  {
    files: ["packages/editor/src/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["@voronka/server", "@voronka/server/*", "knex", "fastify"], message: "The editor talks to the server over HTTP only." },
      ] }],
    },
  },
  {
    files: ["packages/server/src/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@voronka/editor"], message: "The server serves the editor's built files; it never imports it." }] }],
    },
  },
  {
    files: ["examples/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["../../packages/*", "../packages/*"], message: "Examples use the public APIs (@voronka/*) only." }] }],
    },
  },
);
