import type { SupplierKind } from "../types";

/**
 * What the admin page and GET /api/ops/suppliers see of a supplier: every
 * setting except its secrets, which are reduced to which ones are set.
 */
export type CircuitView = {
  state: "closed" | "open" | "half_open";
  failures: number;
  retryInMs: number;
  /** When an open circuit lets the next probe through (ISO), for a countdown that stays right between refreshes. */
  retryAt: string | null;
};

export type SupplierView = {
  id: string;
  slug: string;
  name: string;
  type: SupplierKind;
  apiEndpoint: string;
  /** The URL to register at the supplier; null for kinds that send no webhooks. */
  webhookEndpoint: string | null;
  rateLimitPerSec: number;
  timeoutMs: number;
  /** A line waits this long on an unreachable supplier before it moves to another fitting offer. */
  failoverAfterSec: number;
  active: boolean;
  /** Minutes between scheduled stock and full-catalog syncs; 0 = off. */
  syncStockMinutes: number;
  syncCatalogMinutes: number;
  /** Names of the credential fields that hold a value (never the values). */
  credentialsSet: string[];
  /** Set when the stored credentials cannot be decrypted (CREDENTIALS_KEY changed?). */
  credentialsError: string | null;
  webhookSecretSet: boolean;
  /** More than one while a rotation keeps old secrets valid. */
  webhookSecretCount: number;
  circuit: CircuitView;
  lastCall: { at: string; ok: boolean; operation: string; statusCode: number | null; error: string | null } | null;
  /** Supplier orders not yet shipped nor ended (pending → processing). */
  openOrders: number;
  createdAt: string;
  updatedAt: string;
};

export type TestConnectionResult = { ok: boolean; ms: number; detail: string };
