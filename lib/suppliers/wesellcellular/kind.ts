import "server-only";
import type { SupplierKindModule } from "../kind-definition";
import { WesellCellularAdapter } from "./adapter";
import { wesellcellularDefinition } from "./definition";

/** The kind as the registry holds it: its definition and its adapter factory. */
export const wesellcellularKind = {
  ...wesellcellularDefinition,
  createAdapter: (config, observer) => new WesellCellularAdapter(config, observer),
} satisfies SupplierKindModule<typeof WesellCellularAdapter.identifier>;
