import { http, type RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

// Test-only: the msw wiring every adapter test repeats. The adapter talks to
// the simulator core through msw, and each test asserts on exactly what the
// adapter sent, so requests are recorded before the simulator answers them.

export type CapturedRequest = { method: string; url: string; headers: Headers; body: string };

export function setupSimulatorMsw(opts: {
  /** The adapter's base URL; everything under it is recorded. */
  base: string;
  /** The simulator's msw handlers (tests/msw/*). */
  handlers: RequestHandler[];
  sim: { reset(): void; close(): void };
  /** Extra per-test cleanup, run after the simulator reset and the capture clear. */
  afterEach?: () => void;
}) {
  const captured: CapturedRequest[] = [];
  const server = setupServer(
    // Records what the adapter sent, then falls through to the simulator.
    http.all(`${opts.base}/*`, async ({ request }) => {
      captured.push({ method: request.method, url: request.url, headers: request.headers, body: await request.clone().text() });
    }),
    ...opts.handlers,
  );

  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    // Handlers a test added with server.use() must not leak into the next one.
    server.resetHandlers();
    opts.sim.reset();
    captured.length = 0;
    opts.afterEach?.();
  });
  afterAll(() => {
    server.close();
    opts.sim.close();
  });

  return { server, captured };
}
