/**
 * The worker loop: `engine.tick()` every `tickMs` — due robot timers and task deadlines fire, and
 * the outbox is delivered through the engine's `deliver`. The first tick runs at once, so timers
 * missed while the server was down fire on start (once: firing is part of the step's commit).
 * Ticks never overlap; `stop()` waits for the one in flight. With PostgreSQL, several workers may
 * run: timers and outbox rows are claimed under leases, so each fires once.
 */
import { EngineError, type Engine } from "@voronka/engine";

/** The logger the worker reports to (a fastify/pino logger fits). */
export interface WorkerLogger {
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** A running worker. */
export interface Worker {
  /** Runs one tick now (waiting for one in flight first); answers its counts. */
  tick(): Promise<{ timers: number; outbox: number }>;
  /** Stops the loop and waits for the tick in flight. */
  stop(): Promise<void>;
}

/**
 * Starts the loop.
 *
 * @example
 * const worker = startWorker(engine, { tickMs: 1000, logger: app.log });
 * app.addHook("onClose", () => worker.stop());
 */
export function startWorker(engine: Engine, options: { tickMs: number; logger: WorkerLogger }): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<{ timers: number; outbox: number }> | null = null;

  const runOnce = async (): Promise<{ timers: number; outbox: number }> => {
    try {
      const counts = await engine.tick();
      if (counts.timers || counts.outbox) options.logger.debug(counts, "worker tick");
      return counts;
    } catch (e) {
      // No blueprint yet: nothing can be due. Anything else is logged and retried next tick.
      if (!(e instanceof EngineError && e.code === "NO_BLUEPRINT")) options.logger.error({ err: e }, "worker tick failed");
      return { timers: 0, outbox: 0 };
    }
  };

  const tick = async (): Promise<{ timers: number; outbox: number }> => {
    while (inFlight) await inFlight;
    inFlight = runOnce();
    try {
      return await inFlight;
    } finally {
      inFlight = null;
    }
  };

  const loop = async (): Promise<void> => {
    timer = null;
    if (stopped) return;
    await tick();
    if (!stopped) timer = setTimeout(() => void loop(), options.tickMs);
  };

  timer = setTimeout(() => void loop(), 0);
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (inFlight) await inFlight.catch(() => undefined);
    },
  };
}
