import { errorChain } from "../error-chain";

/**
 * Is this error a dependency being away (Postgres or Redis unreachable,
 * restarting, out of connections), rather than a bug? Those are answered 503
 * `unavailable` with Retry-After, so clients and suppliers retry, never 500.
 * Walks the cause chain: Prisma and its pg adapter, and ioredis, wrap the
 * socket error in their own.
 */
const NET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);
// Postgres SQLSTATEs: connection exceptions (08…), shutdown / cannot connect now (57P0x), too many connections (53300).
const PG_CODES = /^(08\d{3}|57P0[1-4]|53300)$/;
// Prisma: cannot reach / timed out / closed / pool timeout / transaction could not start.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const DB_TEXT =
  /Can't reach database|Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Timed out fetching a new connection|Unable to start a transaction|server closed the connection|Client has encountered a connection error|ConnectionClosed|DatabaseNotReachable|too many clients/i;
const REDIS_TEXT = /Connection is closed|Stream isn't writeable|max retries per request|MaxRetriesPerRequest|Redis did not answer|Redis connection/i;

export type Dependency = "database" | "redis";

export function dependencyDown(err: unknown): Dependency | null {
  for (const { name, message: msg, codes } of errorChain(err)) {
    if (name === "MaxRetriesPerRequestError" || REDIS_TEXT.test(msg)) return "redis";
    if (name === "PrismaClientInitializationError") return "database";
    if (codes.some((c) => PRISMA_CODES.has(c) || PG_CODES.test(c)) || DB_TEXT.test(msg)) return "database";
    if (codes.some((c) => NET_CODES.has(c))) {
      // A raw socket error: Redis's carry its host:port 6379-ish message; default to the database.
      return /redis/i.test(name + msg) ? "redis" : "database";
    }
  }
  return null;
}
