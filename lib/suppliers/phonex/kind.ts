import "server-only";
import type { SupplierKindModule } from "../kind-definition";
import { PhoneXAdapter } from "./adapter";
import { phonexDefinition } from "./definition";

/** The kind as the registry holds it: its definition and its adapter factory. */
export const phonexKind = {
  ...phonexDefinition,
  createAdapter: (config, observer) => new PhoneXAdapter(config, observer),
} satisfies SupplierKindModule<typeof PhoneXAdapter.identifier>;
