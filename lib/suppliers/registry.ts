import "server-only";
import { cjKind } from "./cj/kind";
import { describeSupplierKind, type PollPolicy, type SupplierCapabilities, type SupplierKindDescription, type SupplierKindModule } from "./kind-definition";
import { phonexKind } from "./phonex/kind";
import type { CallObserver, SupplierAdapter, SupplierConfig, SupplierKind } from "./types";
import { wesellcellularKind } from "./wesellcellular/kind";

/**
 * Every supplier kind, once. Everything that differs by kind (admin schema and
 * form, adapter, reference, polling, webhook headers) is read from here, so a
 * new kind is its folder plus one line below (and a SupplierType enum value).
 * The browser gets them as plain data from describeSupplierKinds, through the
 * page. The first one is the admin form's default.
 */
export const SUPPLIER_KINDS = [phonexKind, cjKind, wesellcellularKind] as const satisfies readonly SupplierKindModule[];

// A SupplierType value without its kind above fails to compile here.
type Unregistered = Exclude<SupplierKind, (typeof SUPPLIER_KINDS)[number]["id"]>;
const _everyKindRegistered: Unregistered extends never ? true : false = true;

const BY_ID = new Map<string, SupplierKindModule>(SUPPLIER_KINDS.map((k) => [k.id, k]));

/** The kind's definition; throws for a kind that is not registered (a row written by newer code). */
export function supplierKind(kind: SupplierKind): SupplierKindModule {
  const k = BY_ID.get(kind);
  if (!k) throw new Error(`supplier kind ${kind} is not registered`);
  return k;
}

export function isAdapterAvailable(kind: SupplierKind): boolean {
  return BY_ID.has(kind);
}

export function createAdapter(config: SupplierConfig, observer?: CallObserver): SupplierAdapter {
  const k = BY_ID.get(config.kind);
  if (!k) throw new Error(`adapter for ${config.kind} is not available yet`);
  return k.createAdapter(config, observer);
}

type CapabilityFlag = { [K in keyof SupplierCapabilities]: SupplierCapabilities[K] extends boolean ? K : never }[keyof SupplierCapabilities];

/** The kinds that have a capability (e.g. `productImport`), for queries on Supplier.type. */
export function supplierKindsWith(capability: CapabilityFlag): SupplierKind[] {
  return SUPPLIER_KINDS.filter((k) => k.capabilities[capability]).map((k) => k.id);
}

/**
 * Our reference for a supplier order at its supplier, by the kind's rule: the
 * order number, or the supplier-order id (also when the kind is unknown).
 */
export function supplierOrderReference(kind: SupplierKind | undefined, ids: { orderNumber: string; supplierOrderId: string }): string {
  return kind && BY_ID.get(kind)?.reference === "order-number" ? ids.orderNumber : ids.supplierOrderId;
}

/** The kinds grouped by poll policy (kinds with the same policy share one query branch). */
export function pollPolicies(): { kinds: SupplierKind[]; policy: PollPolicy }[] {
  const groups = new Map<string, { kinds: SupplierKind[]; policy: PollPolicy }>();
  for (const k of SUPPLIER_KINDS) {
    const key = JSON.stringify([k.poll.open, k.poll.shipped, k.poll.shippedForDays]);
    const g = groups.get(key) ?? { kinds: [], policy: k.poll };
    g.kinds.push(k.id);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * The webhook headers worth keeping for ops, of every kind that sends
 * webhooks: kept as sent, or only as "[present]" (a signature).
 */
export function webhookHeaderPolicy(): { keep: Set<string>; present: Set<string> } {
  const hooks = SUPPLIER_KINDS.flatMap((k) => (k.webhook ? [k.webhook] : []));
  return {
    keep: new Set(hooks.flatMap((w) => w.keepHeaders.map((h) => h.toLowerCase()))),
    present: new Set(hooks.flatMap((w) => w.presentHeaders.map((h) => h.toLowerCase()))),
  };
}

/** The kinds as plain data (no adapters, no zod): what a server page hands the admin form. */
export function describeSupplierKinds(): SupplierKindDescription[] {
  return SUPPLIER_KINDS.map(describeSupplierKind);
}

const BRANDS = new RegExp(
  `(^|[^a-z0-9])(${SUPPLIER_KINDS.flatMap((k) => k.brandNames)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|")})`,
  "i",
);

/** Whether a carrier name or tracking link would tell a reseller which supplier we used. */
export function revealsSourcing(text: string | null | undefined): boolean {
  return !!text && BRANDS.test(text);
}
