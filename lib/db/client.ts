import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { env } from "../env";
import { log } from "../logger";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function create() {
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: env().DATABASE_POOL_MAX,
    // An unreachable database fails a request in seconds (answered 503), not after the OS gives up.
    connectionTimeoutMillis: 5000,
    // Timestamps are UTC in every session, so SQL's now() and the client's dates agree.
    options: "-c TimeZone=UTC",
  });
  // A connection Postgres drops (restart, failover: 57P01) emits "error" on its client,
  // and an unheard "error" kills the process. Listen on every client for its whole life,
  // and on the pool for idle ones; the pool replaces the dead connection on the next query.
  let warned = 0;
  const onError = (err: Error) => {
    if (Date.now() - warned > 10_000) {
      warned = Date.now();
      log.warn("database connection lost (the pool reconnects)", { err: err.message });
    }
  };
  pool.on("error", onError);
  pool.on("connect", (client) => client.on("error", onError));
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

/** One Prisma client per process (kept across Next.js hot reloads). */
export const db: PrismaClient = globalForPrisma.prisma ?? create();
if (env().NODE_ENV !== "production") globalForPrisma.prisma = db;

/** Interactive transactions wait for a connection under load rather than failing at 2 s. */
export const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export { Prisma } from "./generated/client";
