import { describe, expect, it } from "vitest";
import { CjAdapter } from "./cj/adapter";
import { PhoneXAdapter } from "./phonex/adapter";
import { createAdapter, isAdapterAvailable } from "./registry";
import type { SupplierConfig } from "./types";

const config = (kind: SupplierConfig["kind"]): SupplierConfig => ({
  id: "s", slug: kind, kind, baseUrl: "http://x.test", credentials: {}, webhookSecrets: [], timeoutMs: 1000, rateLimitPerSec: 1,
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
  });
});
