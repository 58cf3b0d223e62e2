import { cjDefinition } from "./cj/definition";
import { describeSupplierKind, type SupplierKindDescription } from "./kind-definition";
import { phonexDefinition } from "./phonex/definition";
import type { SupplierKind } from "./types";
import { wesellcellularDefinition } from "./wesellcellular/definition";

/**
 * The supplier kinds as the admin form shows them: plain data, no server-only
 * import (the registry holds the adapters, so the browser cannot import it).
 * The same kinds in the same order as lib/suppliers/registry.ts;
 * registry.test.ts fails when the two lists differ.
 */
export const SUPPLIER_KIND_DESCRIPTIONS: readonly SupplierKindDescription[] = [
  phonexDefinition,
  cjDefinition,
  wesellcellularDefinition,
].map(describeSupplierKind);

export function kindDescription(kind: SupplierKind): SupplierKindDescription {
  const d = SUPPLIER_KIND_DESCRIPTIONS.find((x) => x.id === kind);
  if (!d) throw new Error(`supplier kind ${kind} is not described`);
  return d;
}
