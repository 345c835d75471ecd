/**
 * `@voronka/server`: Voronka's HTTP server — the API, the SQL store, the worker (timers and
 * outbox), auth and the CLI. Most users run it (`pnpm start`, `pnpm voronka serve`); embedders who
 * want the server inside their own process use {@link buildApp} or {@link startServer}.
 */
export { buildApp, loadPlugins, VERSION, type BuildAppOptions, type BuiltApp } from "./app";
export { ConfigError, configWith, defaultPublicUrl, ENV_VARIABLES, loadConfig } from "./config";
export type { AppContext, Caller, Clock, Role, RouteModule, ServerConfig } from "./context";
export { openDatabase, type Database, type DatabaseOptions } from "./db/connect";
export { createHostRepos, type HostRepos } from "./host";
export { HttpError, HTTP_STATUS, toErrorAnswer, type ErrorBody, type HttpErrorCode } from "./http/errors";
export { startServer, type RunningServer, type StartOptions } from "./main";
export { ADMIN_USER_ID, issueLoginLinks, seed, seedPeople, type LoginLink, type SeedResult } from "./seed";
export { createSqlStore, type SqlStore, type SqlStoreOptions } from "./store/sql-store";
export { createDeliver, type DeliverOptions } from "./worker/deliver";
export { isPrivateAddress } from "./worker/ssrf";
export { startWorker, type Worker } from "./worker/worker";
