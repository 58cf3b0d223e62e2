import "server-only";
import type { SupplierKindModule } from "../kind-definition";
import { CjAdapter } from "./adapter";
import { cjDefinition } from "./definition";

/** The kind as the registry holds it: its definition and its adapter factory. */
export const cjKind = {
  ...cjDefinition,
  createAdapter: (config, observer) => new CjAdapter(config, observer),
} satisfies SupplierKindModule<typeof CjAdapter.identifier>;
