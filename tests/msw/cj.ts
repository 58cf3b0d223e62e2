// msw handlers for CJ Dropshipping built from the simulator core, so unit tests
// and the demo run against the same fake (house-style: one fake, two transports).
// `baseUrl` is the API base as configured, e.g. "https://cj.test/api2.0/v1".
import { http } from "msw";
import type { CjSimulator } from "../../dev/simulators/cj";

export function cjHandlers(baseUrl: string, sim: CjSimulator) {
  const base = baseUrl.replace(/\/+$/, "");
  return [http.all(`${base}/*`, ({ request }) => sim.handle(request))];
}

/** The simulator's admin endpoints (/__sim/…) on the same origin, for tests that drive it over HTTP. */
export function cjAdminHandlers(origin: string, sim: CjSimulator) {
  return [http.all(`${origin.replace(/\/+$/, "")}/__sim/*`, ({ request }) => sim.handle(request))];
}
