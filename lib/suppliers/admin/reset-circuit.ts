import "server-only";
import { recordAudit, type AuditActor } from "../../audit/record-audit";
import { db } from "../../db/client";
import { log } from "../../logger";
import { breaker } from "../resilience/guard";
import { findSupplierRow } from "../find-supplier";
import { getSupplier } from "./get-supplier";
import type { SupplierView } from "./types";

/** Close a supplier's circuit now (ops know it is back), instead of waiting for the cooldown's probe. */
export async function resetCircuit(idOrSlug: string, actor: AuditActor = "system"): Promise<SupplierView> {
  const row = await findSupplierRow(idOrSlug);
  await breaker().reset(row.id);
  await recordAudit(db, { actor, action: "supplier.circuit_reset", entityType: "supplier", entityId: row.id });
  log.info("supplier circuit reset", { supplier: row.slug, by: actor === "system" ? "system" : actor.email });
  return getSupplier(row.id);
}
