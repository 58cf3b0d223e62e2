import "server-only";
import { callRecorder, loadSupplierConfig } from "../load-supplier";
import { createAdapter } from "../registry";
import { guardObserver, limiter } from "../resilience/guard";
import { SupplierError, type CallObserver, type SupplierConfig } from "../types";
import { findSupplierRow } from "../find-supplier";
import type { TestConnectionResult } from "./types";

/** A test is a person waiting at a button: never longer than this. */
export const TEST_TIMEOUT_MS = 5000;

/** Error text may echo what we sent: blank out anything that looks like one of the credentials. */
function scrub(text: string, config: SupplierConfig | null): string {
  let out = text;
  for (const v of [...Object.values(config?.credentials ?? {}), ...(config?.webhookSecrets ?? [])]) {
    if (v && v.length >= 4) out = out.split(v).join("••••");
  }
  return out.slice(0, 500);
}

/**
 * Call the supplier with its stored settings and a cheap read (the first
 * inventory page). The call goes through the normal observer, so it is
 * logged as a SupplierCall and feeds the circuit breaker, but an open
 * circuit does not refuse it: a person asking is the probe. Only an unknown
 * supplier throws (404); every failure of the supplier is a result.
 */
export async function testConnection(idOrSlug: string): Promise<TestConnectionResult> {
  const row = await findSupplierRow(idOrSlug);
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let config: SupplierConfig | null = null;
  try {
    const stored = await loadSupplierConfig({ id: row.id });
    config = { ...stored, timeoutMs: Math.min(stored.timeoutMs, TEST_TIMEOUT_MS) };
    const guarded = guardObserver(config, callRecorder(config.id));
    const cfg = config;
    const observer: CallObserver = Object.assign((call: Parameters<CallObserver>[0]) => guarded(call), {
      before: () => limiter().acquire(cfg.id, cfg.rateLimitPerSec, TEST_TIMEOUT_MS),
    });
    const page = await createAdapter(config, observer).fetchInventory(null);
    const n = page.items.length;
    return { ok: true, ms: ms(), detail: `${n} item${n === 1 ? "" : "s"} on the first page${page.nextCursor ? " (more pages follow)" : ""}` };
  } catch (err) {
    const detail =
      err instanceof SupplierError
        ? err.message
        : err instanceof Error && /unable to authenticate data|Unrecognised credential format/i.test(err.message)
          ? "Stored credentials cannot be decrypted (was CREDENTIALS_KEY changed?): enter them again"
          : err instanceof Error
            ? err.message
            : String(err);
    return { ok: false, ms: ms(), detail: scrub(detail, config) };
  }
}
