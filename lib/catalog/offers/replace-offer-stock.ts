import "server-only";
import { db, type Tx } from "../../db/client";

export type WarehouseStock = { warehouse: string; countryCode: string; quantity: number };

/**
 * Replace the per-warehouse stock rows of these offers with what the
 * supplier reports now (CJ: CjAdapter.stockByVid / getProduct's warehouses).
 * A warehouse no longer reported is removed. Bulk: one delete and one insert
 * whatever the number of offers. The offer's own `stock` stays the total the
 * caller writes; these rows are the breakdown shown to ops.
 */
export async function replaceOfferStock(entries: { offerId: string; warehouses: WarehouseStock[] }[], client?: Tx) {
  if (entries.length === 0) return;
  const run = async (tx: Tx) => {
    const ids = entries.map((e) => e.offerId);
    await tx.supplierOfferStock.deleteMany({ where: { offerId: { in: ids } } });
    // The same warehouse twice for one offer (a supplier listing it per area) is summed.
    const rows = new Map<string, { offerId: string; warehouse: string; countryCode: string; quantity: number }>();
    for (const e of entries) {
      for (const w of e.warehouses) {
        const key = `${e.offerId}\u0000${w.warehouse}`;
        const prev = rows.get(key);
        rows.set(key, {
          offerId: e.offerId,
          warehouse: w.warehouse,
          countryCode: w.countryCode,
          quantity: (prev?.quantity ?? 0) + Math.max(0, Math.trunc(w.quantity)),
        });
      }
    }
    if (rows.size) await tx.supplierOfferStock.createMany({ data: [...rows.values()] });
  };
  if (client) await run(client);
  else await db.$transaction(run);
}

/** One offer's rows: the shape the brief's callers use. */
export function replaceOfferWarehouseStock(offerId: string, warehouses: WarehouseStock[], client?: Tx) {
  return replaceOfferStock([{ offerId, warehouses }], client);
}
