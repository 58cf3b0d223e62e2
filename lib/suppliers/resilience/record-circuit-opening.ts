import "server-only";
import { db } from "../../db/client";
import { log } from "../../logger";

/**
 * A supplier's circuit opened (its breaker lives in Redis): one row in Postgres, so the supplier
 * scorecard counts openings fleet-wide and after Redis loses its data. Never fails the call
 * being observed: a lost row costs one opening in a scorecard, not the order's attempt.
 */
export async function recordCircuitOpening(supplierId: string, failures: number): Promise<void> {
  await db.supplierCircuitOpening.create({ data: { supplierId, failures } }).catch((err: unknown) => {
    log.warn("could not record a circuit opening", { supplierId, err: (err as Error).message });
  });
}
