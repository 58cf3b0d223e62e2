import "server-only";
import pg from "pg";
import { env } from "../../env";
import { log } from "../../logger";

/**
 * One sync per supplier across every worker process: a Postgres session
 * advisory lock held on a connection of its own for the whole run. Postgres
 * releases it when that connection ends, so a worker that crashes or is
 * killed frees the supplier at once, with no lease to renew and no expiry to
 * guess (a Redis lock would need both).
 */
const LOCK_NAMESPACE = 40_004; // the second key is hashtext(supplierId)

export type SupplierSyncLock = {
  /** Throws when the lock's connection is gone (the lock with it): checked before applying. */
  assertHeld(): Promise<void>;
  /**
   * The run's own session, also used to stage pages: plain pg takes 10,000-row
   * parameter arrays about a third faster than going through Prisma.
   */
  session: Pick<pg.Client, "query">;
  release(): Promise<void>;
};

export async function tryLockSupplierSync(supplierId: string): Promise<SupplierSyncLock | null> {
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    keepAlive: true,
    application_name: "catalog-sync-lock",
    connectionTimeoutMillis: 10_000,
  });
  let lost: Error | null = null;
  client.on("error", (err) => {
    lost = err;
    log.warn("catalog sync lock connection lost", { supplierId, err });
  });
  await client.connect();
  try {
    const r = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [LOCK_NAMESPACE, supplierId]);
    if (!r.rows[0]?.locked) {
      await client.end();
      return null;
    }
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  let released = false;
  return {
    session: client,
    async assertHeld() {
      if (lost || released) throw new Error("the supplier sync lock was lost");
      await client.query("SELECT 1");
    },
    async release() {
      if (released) return;
      released = true;
      // Closing the session releases the lock even if the unlock itself fails.
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_NAMESPACE, supplierId]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
