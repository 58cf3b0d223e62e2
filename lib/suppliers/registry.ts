import "server-only";
import { CjAdapter } from "./cj/adapter";
import { PhoneXAdapter } from "./phonex/adapter";
import { WesellCellularAdapter } from "./wesellcellular/adapter";
import type { CallObserver, SupplierAdapter, SupplierConfig, SupplierKind } from "./types";

/**
 * Supplier kind → adapter class. The worker and the webhook route ask here and
 * never import an adapter directly, so adding a supplier is one line.
 */
type AdapterClass = {
  readonly identifier: SupplierKind;
  new (config: SupplierConfig, observer?: CallObserver): SupplierAdapter;
};

const ADAPTERS: Partial<Record<SupplierKind, AdapterClass>> = {
  [PhoneXAdapter.identifier]: PhoneXAdapter,
  [WesellCellularAdapter.identifier]: WesellCellularAdapter,
  [CjAdapter.identifier]: CjAdapter,
};

export function isAdapterAvailable(kind: SupplierKind): boolean {
  return kind in ADAPTERS;
}

export function createAdapter(config: SupplierConfig, observer?: CallObserver): SupplierAdapter {
  const Adapter = ADAPTERS[config.kind];
  if (!Adapter) throw new Error(`adapter for ${config.kind} is not available yet`);
  return new Adapter(config, observer);
}
