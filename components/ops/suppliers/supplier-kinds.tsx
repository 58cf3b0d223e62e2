"use client";
import { createContext, useContext } from "react";
import type { SupplierKindDescription } from "@/lib/suppliers/kind-definition";
import type { SupplierKind } from "@/lib/suppliers/types";

/**
 * The supplier kinds as the registry describes them (plain data), handed down
 * by the server page: the browser never imports the registry (it holds the
 * adapters), and there is no second list of kinds to keep in step.
 */
const SupplierKindsContext = createContext<readonly SupplierKindDescription[]>([]);

export const SupplierKindsProvider = SupplierKindsContext.Provider;

export function useSupplierKinds(): readonly SupplierKindDescription[] {
  return useContext(SupplierKindsContext);
}

export function useKindDescription(kind: SupplierKind): SupplierKindDescription {
  const d = useSupplierKinds().find((x) => x.id === kind);
  if (!d) throw new Error(`supplier kind ${kind} is not described`);
  return d;
}
