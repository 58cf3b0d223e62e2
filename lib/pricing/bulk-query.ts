import "server-only";
import { db, type Tx } from "../db/client";

/** Sorts and hashes over a whole catalog need about 10–40 MB each: kept in memory instead of spilling to disk. */
const BULK_WORK_MEM = "64MB";

/**
 * A transaction for a few statements over a whole set of products (up to a
 * whole catalog, 100,000 rows) with, for that transaction only, room to
 * sort and hash in memory, and no JIT: compiling a statement this size
 * costs 0.1–0.3 s and saves less than that.
 */
export function bulkTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('work_mem', ${BULK_WORK_MEM}, true), set_config('jit', 'off', true)`;
      return fn(tx);
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
