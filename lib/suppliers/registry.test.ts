import { describe, expect, it } from "vitest";
import { PhoneXAdapter } from "./phonex/adapter";
import { createAdapter } from "./registry";
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
  it("says clearly when an adapter is not there yet", () => {
    expect(() => createAdapter(config("cj"))).toThrow("adapter for cj is not available yet");
  });
});
