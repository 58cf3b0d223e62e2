import { describe, expect, it } from "vitest";
import { SupplierType } from "../db/generated/enums";
import { CjAdapter } from "./cj/adapter";
import { describeSupplierKind } from "./kind-definition";
import { PhoneXAdapter } from "./phonex/adapter";
import {
  createAdapter,
  describeSupplierKinds,
  isAdapterAvailable,
  revealsSourcing,
  pollPolicies,
  SUPPLIER_KINDS,
  supplierKind,
  supplierKindsWith,
  supplierOrderReference,
  webhookHeaderPolicy,
} from "./registry";
import type { SupplierConfig } from "./types";

const config = (kind: SupplierConfig["kind"]): SupplierConfig => ({
  id: "s",
  slug: kind,
  kind,
  baseUrl: "http://x.test",
  credentials: {},
  webhookSecrets: [],
  timeoutMs: 1000,
  rateLimitPerSec: 1,
});

describe("createAdapter", () => {
  it("maps phonex to PhoneXAdapter", () => {
    const a = createAdapter(config("phonex"));
    expect(a).toBeInstanceOf(PhoneXAdapter);
    expect(a.kind).toBe("phonex");
  });
  it("maps cj to CjAdapter without connecting anywhere", () => {
    const a = createAdapter(config("cj"));
    expect(a).toBeInstanceOf(CjAdapter);
    expect(a.kind).toBe("cj");
    expect(isAdapterAvailable("cj")).toBe(true);
  });
  it("says clearly when an adapter is not there yet", () => {
    const unknown = "nokia" as SupplierConfig["kind"];
    expect(() => createAdapter(config(unknown))).toThrow("adapter for nokia is not available yet");
    expect(isAdapterAvailable(unknown)).toBe(false);
  });
});

describe("the registry of kinds", () => {
  it("has exactly one kind per SupplierType value, each building its own adapter", () => {
    expect(SUPPLIER_KINDS.map((k) => k.id).sort()).toEqual(Object.values(SupplierType).sort());
    for (const k of SUPPLIER_KINDS) expect(createAdapter(config(k.id)).kind).toBe(k.id);
  });

  it("describes its kinds as plain data a server page can hand to the browser", () => {
    const described = describeSupplierKinds();
    expect(described.map((d) => d.id)).toEqual(SUPPLIER_KINDS.map((k) => k.id));
    expect(described).toEqual(SUPPLIER_KINDS.map(describeSupplierKind));
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
  });

  it.each(SUPPLIER_KINDS.map((k) => [k.id, k] as const))("%s: its definition holds together", (_id, k) => {
    // Webhooks are how status arrives exactly when there is a webhook policy.
    expect(k.capabilities.orderStatus === "webhooks").toBe(k.webhook !== null);
    // A kind without webhooks is polled at the poll rate while its orders are open.
    if (!k.webhook) expect(k.poll.open).toBe("poll");
    // The form's fields are the schema's keys, and the schema wants what the form marks required.
    const names = k.credentials.fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    const filled = Object.fromEntries(k.credentials.fields.filter((f) => f.required).map((f) => [f.name, f.name === "email" ? "a@b.test" : "value"]));
    expect(k.credentials.schema.safeParse(filled).success).toBe(true);
    for (const f of k.credentials.fields.filter((x) => x.required)) {
      const without = { ...filled };
      delete without[f.name];
      expect(k.credentials.schema.safeParse(without).success).toBe(false);
    }
    expect(k.credentials.schema.safeParse({ ...filled, notAField: "x" }).success).toBe(false);
    for (const h of [...(k.webhook?.keepHeaders ?? []), ...(k.webhook?.presentHeaders ?? [])]) expect(h).toBe(h.toLowerCase());
  });
});

describe("lookups", () => {
  it("mints the reference by the kind's rule", () => {
    const ids = { orderNumber: "PXSTKL0000001", supplierOrderId: "so-1" };
    expect(supplierOrderReference("phonex", ids)).toBe("PXSTKL0000001");
    expect(supplierOrderReference("cj", ids)).toBe("so-1");
    expect(supplierOrderReference("wesellcellular", ids)).toBe("so-1");
    // No kind (the supplier row was not found): the supplier-order id, as before.
    expect(supplierOrderReference(undefined, ids)).toBe("so-1");
  });

  it("finds the kinds with a capability", () => {
    expect(supplierKindsWith("productImport")).toEqual(["cj"]);
    expect(supplierKindsWith("priceList")).toEqual(["wesellcellular"]);
    expect(supplierKindsWith("cancel")).toEqual(["phonex", "cj"]);
  });

  it("groups the kinds by poll policy", () => {
    expect(pollPolicies()).toEqual([
      { kinds: ["phonex", "cj"], policy: { open: "reconcile", shipped: "reconcile", shippedForDays: null } },
      { kinds: ["wesellcellular"], policy: { open: "poll", shipped: "reconcile", shippedForDays: 30 } },
    ]);
  });

  it("keeps the webhook headers the kinds name, a signature only as present", () => {
    const h = webhookHeaderPolicy();
    expect([...h.keep].sort()).toEqual(["x-phonex-event-id", "x-phonex-timestamp"]);
    expect([...h.present].sort()).toEqual(["sign", "x-phonex-signature"]);
  });

  it("throws for a kind that is not registered", () => {
    expect(() => supplierKind("nokia" as SupplierConfig["kind"])).toThrow("supplier kind nokia is not registered");
  });
});

describe("revealsSourcing", () => {
  it("spots a supplier's own name at the start of a word in a carrier or tracking link, and nothing else", () => {
    for (const t of ["CJPacket", "CJ Packet Ordinary", "https://www.cjpacket.com/track?no=1", "PhoneX Freight", "Wesell express"])
      expect(revealsSourcing(t), t).toBe(true);
    for (const t of ["UPS", "YunExpress", "DHL eCommerce", "https://www.ups.com/track?tracknum=1Z", "ABCJ Post", null, undefined, ""])
      expect(revealsSourcing(t), String(t)).toBe(false);
  });
});
