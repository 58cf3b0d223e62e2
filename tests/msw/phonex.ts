// msw handlers for PhoneX built from the simulator core, so unit tests and the
// demo run against the same fake (house-style: one fake, two transports).
import { http } from "msw";
import type { PhoneXSimulator } from "../../dev/simulators/phonex";

export function phonexHandlers(baseUrl: string, sim: PhoneXSimulator) {
  const base = baseUrl.replace(/\/+$/, "");
  return [http.all(`${base}/*`, ({ request }) => sim.handle(request))];
}
