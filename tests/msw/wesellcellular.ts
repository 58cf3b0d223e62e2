// msw handlers for WesellCellular built from the simulator core, so unit tests
// and the demo run against the same fake (house-style: one fake, two transports).
import { http } from "msw";
import type { WscSimulator } from "../../dev/simulators/wesellcellular";

export function wesellcellularHandlers(baseUrl: string, sim: WscSimulator) {
  const base = baseUrl.replace(/\/+$/, "");
  return [http.all(`${base}/*`, ({ request }) => sim.handle(request))];
}
