import "server-only";
import type pg from "pg";
import { log } from "../../logger";
import type { SupplierAdapter } from "../../suppliers/types";
import { normalizeItems } from "../offers/normalize-items";
import { stagePage } from "./stage-page";

/** A runaway cursor (a supplier that never says "last page") must end somewhere. */
export const MAX_PAGES = 100_000;

export type FetchState = {
  syncLogId: string;
  /** The run's own database session (supplier-lock.ts). */
  session: Pick<pg.Client, "query">;
  source: Pick<SupplierAdapter, "fetchInventory">;
  /** Checkpoint: the cursor of the next page (null with pages 0: from the top). */
  cursor: string | null;
  pages: number;
  processed: number;
  total: number;
};

export type PageProgress = { processed: number; total: number; pages: number; failed: number };

/**
 * Page through the supplier from the checkpoint, staging each page (and the
 * checkpoint after it) before going on. The next page is requested while the
 * current one is written, so the supplier's latency and ours overlap.
 */
export async function fetchAndStage(st: FetchState, onPage: (p: PageProgress) => void) {
  if (st.pages > 0 && st.cursor === null) return; // every page was staged before the interruption
  let { cursor, pages, processed, total } = st;
  const asked = new Set<string>();
  const fetchPage = (c: string | null) => {
    const p = st.source.fetchInventory(c);
    p.catch(() => undefined); // a prefetch that fails while we stage is reported when awaited
    return p;
  };
  let next = fetchPage(cursor);
  for (;;) {
    const page = await next;
    const items = page.items ?? [];
    const nextCursor = page.nextCursor || null;
    if (nextCursor !== null) {
      if (nextCursor === cursor || asked.has(nextCursor)) throw new Error(`The supplier sent cursor ${nextCursor.slice(0, 40)} twice; stopping`);
      if (pages + 1 >= MAX_PAGES) throw new Error(`More than ${MAX_PAGES} pages; stopping`);
      asked.add(nextCursor);
      next = fetchPage(nextCursor);
    }
    const normalized = normalizeItems(items);
    if (normalized.failed)
      log.warn("catalog sync skipped invalid items", { syncLogId: st.syncLogId, failed: normalized.failed, examples: normalized.failures });
    processed += items.length;
    total = nextCursor === null ? processed : Math.max(total, processed + items.length);
    await stagePage(st.session, st.syncLogId, normalized, { cursor: nextCursor, processed, total });
    pages++;
    onPage({ processed, total, pages, failed: normalized.failed });
    if (nextCursor === null) return;
    cursor = nextCursor;
  }
}
